"""The bundled market data, checked against the research CSVs with Python's own csv module (no
aitrack code): the seed file is what scripts/market_seed.py makes of them, and `aitrack report
--year 2025` sums the 2025 deals and ranks the largest as an independent computation does."""
import csv, json, os, subprocess, sys, tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("AITRACK_BIN", str(ROOT / ".build" / "debug" / "aitrack"))
RESEARCH = ROOT / "docs" / "research" / "market-2023-2026"

# The research README's overlaps, plus the Stargate update: deals that another supersedes count
# in no total. (date, first party) of each superseded deal.
SUPERSEDED = {("2025-09-22", "Nvidia"), ("2026-02-27", "Amazon"), ("2025-01-21", "OpenAI")}
# Research rows the article seed holds already (counted once, from the article seed).
IN_ARTICLE_SEED = {("2025-06-10", "OpenAI:customer;Google:provider"), ("2025-08", "Meta:customer;Google:provider"),
                   ("2025-11-24", "Meta:customer;Google:provider"), ("2026-02-26", "Meta:customer;Google:provider")}
# Deals in no all-kinds total (DESIGN §6): cancelled, rumoured (in talks) and a deal that is part of
# another one (OpenAI's ~$300B Oracle contract inside Stargate's September update, counted in its
# kind's total only).
NOT_IN_TOTAL = {"cancelled", "rumored"}
PART_OF = {("2025-09-10", "OpenAI")}


def deals_2025(part_of=False, listed=False):
    """The 2025 deals with a USD value that count in the all-kinds total (with part_of: also the
    deals that are part of another one, which count in their kind's total; with listed: every deal
    the largest-deals list may show, cancelled and rumoured ones too, which it shows with their status)."""
    out = []
    for r in csv.DictReader(open(RESEARCH / "deals.csv", newline="", encoding="utf-8")):
        if not r["date"].startswith("2025") or (r["date"], r["parties"]) in IN_ARTICLE_SEED:
            continue
        first = (r["date"], r["parties"].split(";")[0].split(":")[0])
        if first in SUPERSEDED or not r["value"] or (r["status"] in NOT_IN_TOTAL and not listed):
            continue
        if first in PART_OF and not (part_of or listed):
            continue
        assert r["currency"] in ("", "USD")
        out.append((float(r["value"]), r["date"], r["title"]))
    for line in open(ROOT / "seed-data" / "article.ndjson", encoding="utf-8"):
        e = json.loads(line)
        if e["type"] == "deal" and e["date"].startswith("2025") and "value" in e and e.get("verification") != "contradicted":
            out.append((float(e["value"]), e["date"], e.get("title", "")))
    return out


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    db = tmp_path_factory.mktemp("market") / "aitrack.db"
    subprocess.run([BIN, "init", "--db", str(db), "--quiet"], check=True)
    out = subprocess.run([BIN, "report", "--year", "2025", "--format", "json", "--db", str(db)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def test_the_seed_is_what_the_script_makes_of_the_research():
    with tempfile.TemporaryDirectory() as d:
        made = Path(d) / "market.ndjson"
        subprocess.run([sys.executable, str(ROOT / "scripts" / "market_seed.py"), str(made)], check=True, capture_output=True)
        assert made.read_text(encoding="utf-8") == (ROOT / "seed-data" / "market_2022_2026.ndjson").read_text(encoding="utf-8")


def test_2025_usd_total_and_largest_deals(report):
    expected = deals_2025()
    totals = report["deal_totals"]
    assert totals["with_usd_value"] == len(expected)
    assert totals["usd_total"] == pytest.approx(sum(v for v, _, _ in expected), rel=1e-12)
    top = sorted(deals_2025(listed=True), key=lambda x: (-x[0], x[1]))[:5]
    assert [(d["value_usd"], d["date"]) for d in report["largest_deals"]] == [(v, date) for v, date, _ in top]
    assert len(totals["superseded"]) == 2 and any("letter of intent" in s for s in totals["superseded"])
    assert any("Meta contracts with Google Cloud, as the article states them" in c for c in totals["contradicted"])
    assert [d["usd"] for d in totals["cancelled"]] == [9e9] and totals["cancelled_usd"] == 9e9
    assert [d["usd"] for d in totals["rumored"]] == [20e9] and totals["rumored_usd"] == 20e9
    assert [d["usd"] for d in totals["part_of"]] == [300e9] and totals["part_of_usd"] == 300e9
    with_parts = deals_2025(part_of=True)
    assert sum(k["usd_total"] for k in totals["by_kind"]) == pytest.approx(sum(v for v, _, _ in with_parts), rel=1e-12)
