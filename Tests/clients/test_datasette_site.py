"""`aitrack publish datasette`: Datasette, started on loopback with the metadata aitrack wrote,
runs every canned query through its JSON API, and the answers are the figures aitrack prints
with --format json. Run by .ci/run after `swift build` (AITRACK_BIN names the binary)."""
import json
import os
import pathlib
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("AITRACK_BIN", str(ROOT / ".build" / "debug" / "aitrack"))
QUERIES = ["top_five_share", "deals_of_a_year", "deal_totals_of_a_year", "claims", "company_deals",
           "company_statistics", "metric_history"]


def aitrack_json(db, *args):
    out = subprocess.run([BIN, *args, "--db", str(db), "--format", "json"], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if os.environ.get("CI") != "true":
        pytest.importorskip("datasette")
    folder = tmp_path_factory.mktemp("site")
    db = folder / "aitrack.db"
    subprocess.run([BIN, "init", "--db", str(db)], check=True, capture_output=True)
    subprocess.run([BIN, "publish", "datasette", str(folder / "site"), "--db", str(db)], check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(db), "-m", str(folder / "site" / "metadata.json"),
                               "--host", "127.0.0.1", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/aitrack"
    deadline = time.monotonic() + 60
    while True:   # wait for the server to listen, at most a minute
        if server.poll() is not None:
            pytest.fail(f"datasette exited with {server.returncode}: {server.stderr.read().decode()[-2000:]}")
        try:
            urllib.request.urlopen(base + ".json", timeout=5).read()
            break
        except OSError:
            if time.monotonic() > deadline:
                server.terminate()
                pytest.fail("datasette did not answer within a minute")
            time.sleep(0.2)
    yield db, base
    server.terminate()
    server.wait(timeout=30)


def get(url):
    with urllib.request.urlopen(url, timeout=60) as r:
        return json.loads(r.read())


def query(base, name, **params):
    return get(f"{base}/{name}.json?" + urllib.parse.urlencode({**params, "_shape": "array"}))


def test_every_canned_query_is_served_with_its_metadata(site):
    db, base = site
    meta = get(base.rsplit("/", 1)[0] + "/-/metadata.json")
    queries = meta["databases"]["aitrack"]["queries"]
    assert list(queries) == QUERIES
    for name, q in queries.items():
        assert q["title"] and q["description"] and q["params"], name
    tables = meta["databases"]["aitrack"]["tables"]
    assert "points" in tables["metric_year_concentration"]["columns"]["hhi_low"]
    assert tables["statistics"]["license_url"].endswith("ai-chip-counts/blob/main/LICENSE")
    page = urllib.request.urlopen(base + "/top_five_share?metric=ai_compute_h100e", timeout=60).read().decode()
    assert "Top-five share and HHI of a metric, by year" in page


@pytest.mark.parametrize("metric", ["ai_compute_h100e", "cloud_market_share"])
def test_top_five_share_is_what_concentration_prints(site, metric):
    db, base = site
    rows = query(base, "top_five_share", metric=metric)
    assert len(rows) >= 4
    for row in rows:
        printed = aitrack_json(db, "concentration", "--metric", metric, "--year", str(row["year"]))
        assert row["top5_share"] == printed["top5_share"]
        assert row["hhi_low"] == printed["hhi"]["low"]
        assert row["hhi_high"] == printed["hhi"]["high"]
        assert row["band_us2023"] == printed["band"]["us2023"]
        assert row["total"] == printed["total"]
        assert row["data_to"].startswith(str(row["year"]))   # the latest day of the year's values


def test_a_years_deals_and_totals_are_the_reports(site):
    db, base = site
    deals = {d["id"]: d for d in query(base, "deals_of_a_year", year="2025")}
    listed = {d["row_id"]: d for d in aitrack_json(db, "deals", "--year", "2025")}
    assert set(deals) == set(listed)
    for k, d in deals.items():
        assert d["value_usd"] == listed[k]["value_usd"], k
        assert listed[k]["in_total"] == (d["in_total"] == "counted"), k
        assert listed[k]["in_kind_total"] == (d["in_total"] in ("counted", "part_of")), k
    totals = {t["total"]: t["usd"] for t in query(base, "deal_totals_of_a_year", year="2025")}
    report = aitrack_json(db, "report", "--year", "2025")["deal_totals"]
    assert totals["all kinds"] == pytest.approx(report["usd_total"], rel=1e-12)
    assert totals["in talks or rumoured"] == pytest.approx(report["rumored_usd"], rel=1e-12)
    assert totals["cancelled"] == pytest.approx(report["cancelled_usd"], rel=1e-12)
    by_kind = {"kind: " + k["kind"]: k["usd_total"] for k in report["by_kind"]}
    assert {k: v for k, v in totals.items() if k.startswith("kind: ")} == pytest.approx(by_kind, rel=1e-12)


@pytest.mark.parametrize("verdict", ["", "contradicted", "verified"])
def test_claims_and_verdicts_are_the_listings(site, verdict):
    db, base = site
    served = {(c["kind"], c["row_id"]): c for c in query(base, "claims", verdict=verdict)}
    args = ["claims"] + (["--verification", verdict] if verdict else [])
    listed = {(c["kind"], c["row_id"]): c for c in aitrack_json(db, *args)}
    assert served and set(served) == set(listed)
    for k, c in served.items():
        for field in ["said_by", "cites", "verdict", "reason", "evidence"]:
            assert c[field] == listed[k][field], (k, field)


@pytest.mark.parametrize("company", ["Google", "Nvidia", "microsoft"])
def test_a_companys_deals_and_statistics_are_the_listings(site, company):
    db, base = site
    deals = query(base, "company_deals", company=company)
    assert [d["id"] for d in deals] == [d["row_id"] for d in aitrack_json(db, "deals", "--company", company)]
    stats = {s["id"]: s for s in query(base, "company_statistics", company=company)}
    listed = {s["row_id"]: s for s in aitrack_json(db, "stats", "--company", company)}
    assert stats and set(stats) == set(listed)
    assert all(stats[k]["value"] == listed[k]["value"] for k in stats)


@pytest.mark.parametrize("metric", ["cloud_market_share", "ai_compute_h100e"])
def test_a_metrics_history_is_the_listing(site, metric):
    db, base = site
    served = {s["id"]: s for s in query(base, "metric_history", metric=metric, _size="max")}
    listed = {s["row_id"]: s for s in aitrack_json(db, "stats", "--metric", metric)}
    assert served and set(served) == set(listed)
    for k, s in served.items():
        assert (s["value"], s["low"], s["high"]) == (listed[k]["value"], listed[k]["low"], listed[k]["high"]), k
