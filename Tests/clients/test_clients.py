"""Real clients of the aitrack database file: Python's sqlite3, pandas and Datasette must see
the numbers aitrack prints. Run by .ci/run after `swift build` (AITRACK_BIN names the binary)."""
import json
import os
import pathlib
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("AITRACK_BIN", str(ROOT / ".build" / "debug" / "aitrack"))


def aitrack(db, *args):
    out = subprocess.run([BIN, *args, "--db", str(db)], check=True, capture_output=True, text=True)
    return out.stdout


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("clients") / "aitrack.db"
    aitrack(path, "init")
    return path


@pytest.fixture(scope="module")
def printed(db):
    """What aitrack prints for the 2025 compute concentration (JSON)."""
    return json.loads(aitrack(db, "concentration", "--metric", "ai_compute_h100e", "--year", "2025", "--format", "json"))


def test_python_sqlite3_reads_the_views(db, printed):
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    row = con.execute("SELECT * FROM metric_year_concentration WHERE metric = 'ai_compute_h100e' AND year = 2025").fetchone()
    assert row["top5_share"] == printed["top5_share"]
    assert row["hhi_low"] == printed["hhi"]["low"]
    assert row["hhi_high"] == printed["hhi"]["high"]
    assert row["total"] == printed["total"]
    assert row["band_us2023"] == printed["band"]["us2023"]
    shares = con.execute("SELECT company, value, share FROM metric_year_shares "
                         "WHERE metric = 'ai_compute_h100e' AND year = 2025 AND rank IS NOT NULL ORDER BY rank").fetchall()
    assert [(r["company"], r["value"], r["share"]) for r in shares] == [(f["company"], f["value"], f["share"]) for f in printed["firms"]]
    # the overview views match the listings
    deals = json.loads(aitrack(db, "deals", "--format", "json"))
    view = {r["id"]: r["value_usd"] for r in con.execute("SELECT id, value_usd FROM deals_overview")}
    assert {d["row_id"]: d["value_usd"] for d in deals} == view
    stats = json.loads(aitrack(db, "stats", "--verification", "contradicted", "--format", "json"))
    ids = [r["id"] for r in con.execute("SELECT id FROM statistics_overview WHERE verification = 'contradicted' ORDER BY id")]
    assert sorted(s["row_id"] for s in stats) == ids
    con.close()


def test_pandas_reads_the_shares(db, printed):
    pd = pytest.importorskip("pandas") if os.environ.get("CI") != "true" else __import__("pandas")
    con = sqlite3.connect(db)
    df = pd.read_sql("SELECT * FROM metric_year_shares WHERE metric = 'ai_compute_h100e' AND year = 2025 AND rank <= 5 ORDER BY rank", con)
    assert list(df["company"]) == [f["company"] for f in printed["firms"][:5]]
    assert df["share"].sum() == pytest.approx(printed["top5_share"], abs=1e-9)
    con.close()


def test_pandas_sums_a_deal_csv_to_the_reports_total(db):
    pd = pytest.importorskip("pandas") if os.environ.get("CI") != "true" else __import__("pandas")
    import io
    deals = pd.read_csv(io.StringIO(aitrack(db, "deals", "--year", "2025", "--format", "csv")))
    assert deals["in_total"].dtype == bool and deals["in_kind_total"].dtype == bool
    report = json.loads(aitrack(db, "report", "--year", "2025", "--format", "json"))["deal_totals"]
    assert deals.loc[deals.in_total, "value_usd"].sum() == pytest.approx(report["usd_total"], rel=1e-12)
    by_kind = deals[deals.in_kind_total].groupby("kind")["value_usd"].sum().to_dict()
    assert by_kind == pytest.approx({k["kind"]: k["usd_total"] for k in report["by_kind"]}, rel=1e-12)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_datasette_serves_the_same_numbers(db, printed):
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(db), "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/aitrack/metric_year_concentration.json?_shape=array&metric=ai_compute_h100e&year=2025"
        deadline = time.monotonic() + 60
        rows = None
        while time.monotonic() < deadline:   # wait for the server to listen, at most a minute
            if server.poll() is not None:
                pytest.fail(f"datasette exited with {server.returncode}")
            try:
                with urllib.request.urlopen(url, timeout=5) as r:
                    rows = json.loads(r.read())
                break
            except OSError:
                time.sleep(0.2)
        assert rows is not None, "datasette did not answer within a minute"
        assert len(rows) == 1
        assert rows[0]["top5_share"] == printed["top5_share"]
        assert rows[0]["hhi_low"] == printed["hhi"]["low"]
        assert rows[0]["hhi_high"] == printed["hhi"]["high"]
    finally:
        server.terminate()
        server.wait(timeout=30)
