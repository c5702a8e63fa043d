"""`aitrack screen` against an independent computation in plain Python: the shares come from
`aitrack concentration --format json`, ΔHHI and the modified HHI of O'Brien and Salop (2000) are
computed here from explicit ownership and control matrices."""
import json, os, subprocess, tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("AITRACK_BIN", str(ROOT / ".build" / "debug" / "aitrack"))


@pytest.fixture(scope="module")
def db():
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "aitrack.db")
        subprocess.run([BIN, "init", "--quiet", "--db", path], check=True, capture_output=True)
        yield path


def run(db, *args):
    r = subprocess.run([BIN, *args, "--db", db], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def mhhi(shares, stakes):
    """MHHI = sum_j sum_k s_j s_k (sum_i g_ij b_ik) / (sum_i g_ij b_ij); each firm's own owners
    (named as the firm) hold what the stakes leave of it."""
    firms = list(shares)
    owners = firms + sorted({o for o, _, _, _ in stakes} - set(firms))
    beta = {i: {j: 0.0 for j in firms} for i in owners}
    gamma = {i: {j: 0.0 for j in firms} for i in owners}
    for owner, target, own, control in stakes:
        beta[owner][target] += own / 100
        gamma[owner][target] += control / 100
    for f in firms:
        beta[f][f] = max(0.0, 1 - sum(beta[i][f] for i in owners if i != f))
        gamma[f][f] = max(0.0, 1 - sum(gamma[i][f] for i in owners if i != f))
    total = 0.0
    for j in firms:
        den = sum(gamma[i][j] * beta[i][j] for i in owners)
        if den == 0:
            continue
        for k in firms:
            total += shares[j] * shares[k] * sum(gamma[i][j] * beta[i][k] for i in owners) / den
    return total


STAKES = [("Microsoft", "CoreWeave", 5, 0), ("Fund", "Oracle", 30, 10), ("Amazon", "xAI", 20, 20), ("Alphabet", "Meta Platforms", 7, 3)]


def test_delta_and_modified_hhi_match_an_independent_computation(db):
    market = run(db, "concentration", "--metric", "ai_compute_h100e", "--year", "2025", "--format", "json")
    shares = {f["company"]: f["share"] for f in market["firms"]}
    args = ["screen", "--metric", "ai_compute_h100e", "--year", "2025", "--combine", "Meta", "--with", "Google", "--format", "json"]
    for owner, target, own, control in STAKES:
        args += ["--stake", f"{owner}:{target}:{own}:{control}"]
    s = run(db, *args)
    a, b = shares["Meta Platforms"], shares["Alphabet"]
    assert s["a"]["share"] == pytest.approx(a, abs=1e-9) and s["b"]["share"] == pytest.approx(b, abs=1e-9)
    assert s["delta_hhi"] == pytest.approx(2 * a * b, abs=1e-9)
    assert s["hhi_before"] == pytest.approx(market["hhi"], abs=1e-9)
    named = sum(v * v for v in shares.values())
    change = mhhi(shares, STAKES) - named
    assert change > 0
    assert s["modified_hhi"]["low"] == pytest.approx(market["hhi"]["low"] + change, abs=1e-6)
    assert s["modified_hhi"]["high"] == pytest.approx(market["hhi"]["high"] + change, abs=1e-6)


def test_full_ownership_is_the_combination(db):
    s = run(db, "screen", "--metric", "ai_compute_h100e", "--year", "2025", "--combine", "Meta", "--with", "Google",
            "--stake", "Alphabet:Meta Platforms:100", "--format", "json")
    assert s["modified_hhi"]["low"] == pytest.approx(s["hhi_after"]["low"], abs=1e-6)


def test_the_golden_case_by_the_same_formula():
    shares = {"F1": 15, "F2": 20, "F3": 25, "F4": 35, "F5": 5}
    stakes = [(o, t, 100, 100) for o, t in [("A", "F1"), ("A", "F2"), ("B", "F3"), ("B", "F4"), ("C", "F5")]]
    assert mhhi(shares, stakes) == pytest.approx(4850)
