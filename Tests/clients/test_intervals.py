"""The Monte Carlo intervals of `aitrack concentration` against a closed form (issue 23, item 3).

Two firms A and B whose low/high are symmetric about their medians in logarithms are lognormal:
ln(B/A) is normal with mean ln(mB/mA) and standard deviation sqrt(sA^2 + sB^2) when drawn
independently, |sA - sB| when both share one factor (`--correlation source`: one source). A's
share 100 / (1 + B/A) and the HHI (A's share squared plus B's) are monotone in ln(B/A) while A is
the larger firm, so their percentiles are those of ln(B/A), mapped. (An aggregate of 1e-9
H100e for the rest makes the two firms a market.) Computed here in plain
Python; the tolerance is four Monte Carlo standard errors of a 5th percentile."""
import json, math, os, subprocess, tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("AITRACK_BIN", str(ROOT / ".build" / "debug" / "aitrack"))
Z95 = 1.6448536269514722
A, B = 600.0, 200.0
RA, RB = 1.5, 1.25   # high = median * r, low = median / r


def run(db, *args):
    r = subprocess.run([BIN, *args, "--db", db], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.fixture(scope="module")
def db():
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "aitrack.db")
        run(path, "init", "--no-seed", "--quiet")
        run(path, "add-metric", "--name", "chips", "--unit", "H100e", "--kind", "stock", "--market", "AI chips owned", "--top-list")
        for name, m, r in (("A", A, RA), ("B", B, RB)):
            run(path, "add-stat", "--metric", "chips", "--date", "2025-12-31", "--company", name, "--value", repr(m),
                "--low", repr(m / r), "--high", repr(m * r), "--unit", "H100e", "--qualifier", "estimate", "--source", "Epoch AI")
        # two firms are a market only beside a total or an aggregate for the rest: an aggregate of
        # 1e-9 H100e makes them one and moves their shares by less than 1e-9 points
        run(path, "add-company", "--name", "Other", "--kind", "aggregate")
        run(path, "add-stat", "--metric", "chips", "--date", "2025-12-31", "--company", "Other", "--value", "1e-9", "--unit", "H100e",
            "--source", "Epoch AI")
        yield path


def phi(x):
    return math.exp(-x * x / 2) / math.sqrt(2 * math.pi)


def closed_form(s):
    """A's share and the HHI at the 5th, 50th and 95th percentiles, and their tolerances."""
    mu = math.log(B / A)
    def share(z):   # A's share when ln(B/A) = mu + s z
        return 100 / (1 + math.exp(mu + s * z))
    shares = {p: share(-z) for p, z in (("p5", -Z95), ("p50", 0.0), ("p95", Z95))}
    hhi = {p: v * v + (100 - v) ** 2 for p, v in shares.items()}
    # the standard error of a 5th percentile in z, mapped through the share's slope there
    se_z = math.sqrt(0.05 * 0.95 / 10_000) / phi(Z95)
    slope = max(abs(share(-Z95 - 1e-6) - share(-Z95 + 1e-6)) / 2e-6, abs(share(Z95 - 1e-6) - share(Z95 + 1e-6)) / 2e-6)
    tol_share = 4 * se_z * slope + 1e-9
    tol_hhi = tol_share * (4 * max(shares.values()) - 200)
    return shares, hhi, tol_share, tol_hhi


@pytest.mark.parametrize("correlation", ["independent", "source"])
def test_two_lognormal_firms_match_the_closed_form(db, correlation):
    out = json.loads(run(db, "concentration", "--metric", "chips", "--year", "2025", "--format", "json", "--correlation", correlation))
    i = out["intervals"]
    assert i["draws"] == 10000 and i["correlation"] == correlation and i["values_drawn"] == 2
    sa, sb = math.log(RA) / Z95, math.log(RB) / Z95
    s = math.hypot(sa, sb) if correlation == "independent" else abs(sa - sb)
    shares, hhi, tol_share, tol_hhi = closed_form(s)
    firm = i["firms"][0]
    assert firm["company"] == "A"
    for p in ("p5", "p50", "p95"):
        assert abs(firm[p] - shares[p]) <= tol_share, (p, firm[p], shares[p], tol_share)
        assert abs(i["cr"]["1"][p] - shares[p]) <= tol_share, (p, i["cr"]["1"][p], shares[p])
        assert abs(i["hhi_low"][p] - hhi[p]) <= tol_hhi, (p, i["hhi_low"][p], hhi[p], tol_hhi)
    # the point figure sits at the median
    assert abs(out["cr"]["1"] - 75.0) < 1e-6


def test_the_same_seed_gives_the_same_bytes_and_another_seed_other_draws(db):
    args = ("concentration", "--metric", "chips", "--year", "2025", "--format", "json")
    first, again = run(db, *args), run(db, *args)
    assert first == again
    other = json.loads(run(db, *args, "--seed", "7"))["intervals"]
    assert other["seed"] == 7 and other["hhi_low"]["p5"] != json.loads(first)["intervals"]["hhi_low"]["p5"]
    assert json.loads(run(db, *args, "--draws", "0"))["intervals"] is None
