#!/usr/bin/env python3
"""Builds seed-data/market_2022_2026.ndjson from the research CSVs in docs/research/market-2023-2026/.

usage: scripts/market_seed.py [OUT]      (run from anywhere; rewrites the seed file, or writes OUT)

Every entry keeps the page it was taken from (source + source_url) and what the page says
(the research's `evidence`, in the note). The mapping, as the research README suggests:

- deals.csv: confidence high -> verification verified; medium and low -> unverified, with the
  grade and its reason in the note. `original_outlet` (whom the page cites) goes into the note.
- Every kind: a page that relays another's document (a wire story on a syndicating site, a
  release republished, an aggregator's summary: RELAY below) is stored as its originator
  (`source`, what identities use) read at that page (`source_via`, `source_via_url`); a page
  reporting on its own keeps its outlet as the source, at its URL.
- Deals that overlap (research README) are related: a final close supersedes the announced round,
  which supersedes Nvidia's letter of intent; follow-on contracts expand the first one. Beyond the
  README's list, Stargate's September 2025 update (the programme's cumulative plan) supersedes its
  January headline. A superseded deal counts in no USD total. OpenAI's ~$300B Oracle contract is
  `part_of` that update, as WebProNews states it ("the backbone of Stargate"): it counts in the
  cloud-contract total, not again in the all-kinds total.
- Four research rows are deals the article seed holds already (seed-data/article.ndjson, from
  other pages): they are left out here, so that no deal is stored twice.
- cloud_market_share.csv: Synergy Research Group's quarterly shares (metric cloud_market_share,
  percent), its top-three totals (measure cr3) and the quarterly market size (metric
  cloud_infrastructure_market_usd, USD); Omdia's figure is kept under its own name, as a
  published cr3 about the same metric with another definition. No confidence grade: unverified.
- other_concentration.csv: each metric as it is, except that capital expenditure by fiscal year
  (Microsoft, Oracle) is `capex_usd_fiscal`, so that `capex_usd` holds calendar years only;
  guidance and analyst projections for years not yet reported are forecasts; rows the research
  marks UNVERIFIED stay unverified and say so.
"""
import csv, json, os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESEARCH = os.path.join(ROOT, "docs", "research", "market-2023-2026")
OUT = os.path.join(ROOT, "seed-data", "market_2022_2026.ndjson")

# Names in the research -> the company the seed knows (aliases resolve the rest).
# Google sells cloud as Google Cloud; it invests and builds models as Google (Alphabet's alias).
COMPANY = {"AWS": "Amazon Web Services", "Alibaba": "Alibaba Cloud"}
CLOUD = {**COMPANY, "Google": "Google Cloud"}
# Companies the market data names, beyond the article seed's: kind, country, parent, aliases.
COMPANIES = [
    ("Andreessen Horowitz", "company", "US", None, ["a16z"]),
    ("Baillie Gifford", "company", "GB", None, []),
    ("Blue Owl Capital", "company", "US", None, ["Blue Owl"]),
    ("Broadcom", "company", "US", None, []),
    ("Capital Group", "company", "US", None, []),
    ("Character.AI", "lab", "US", None, []),
    ("Cisco", "company", "US", None, []),
    ("Coatue", "company", "US", None, []),
    ("Core Scientific", "company", "US", None, []),
    ("Fluidstack", "company", "GB", None, []),
    ("GIC", "government", "SG", None, []),
    ("GlobalFoundries", "company", "US", None, []),
    ("Global Infrastructure Partners", "company", "US", None, []),
    ("Groq", "company", "US", None, []),
    ("Inflection AI", "lab", "US", None, []),
    ("IREN", "company", "AU", None, []),
    ("Lambda", "company", "US", None, []),
    ("MGX", "company", "AE", None, []),
    ("Nebius", "company", "NL", None, []),
    ("Nscale", "company", "GB", None, []),
    ("Qatar Investment Authority", "government", "QA", None, []),
    ("Samsung", "company", "KR", None, ["Samsung Electronics"]),
    ("Scale AI", "company", "US", None, []),
    ("Sequoia Capital", "company", "US", None, []),
    ("SMIC", "company", "CN", None, []),
    ("SoftBank", "company", "JP", None, ["SoftBank Group"]),
    ("SpaceX", "company", "US", None, []),
    ("TSMC", "company", "TW", None, []),
    ("UMC", "company", "TW", None, []),
    ("Valor Equity Partners", "company", "US", None, []),
    ("Windsurf", "company", "US", None, []),
    ("ZT Systems", "company", "US", None, []),
    ("AI Infrastructure Partnership", "company", None, None, []),
    ("Aligned Data Centers", "company", "US", None, []),
]
# Research rows the article seed holds already: (date, parties) -> why.
IN_ARTICLE_SEED = {
    ("2025-06-10", "OpenAI:customer;Google:provider"): "the article seed's 2025-06 OpenAI–Google Cloud deal (Reuters)",
    ("2025-08", "Meta:customer;Google:provider"): "the article seed's 2025-08-21 Meta–Google Cloud contract (Reuters, ≥10 bn)",
    ("2025-11-24", "Meta:customer;Google:provider"): "the article seed's 2025-11-24 Meta–Alphabet TPU talks",
    ("2026-02-26", "Meta:customer;Google:provider"): "the article seed's 2026-02-26 Meta–Google Cloud TPU deal",
}
# (deal, relation, other deal) by date and kind and first party, as the research README lists them.
RELATIONS = [
    # Stargate: the September update states the programme's cumulative plan ("bring the project to
    # ... over $400B"), a later statement of the same programme, not money on top of January's.
    (("2025-09-23", "other", "OpenAI"), "supersedes", ("2025-01-21", "other", "OpenAI")),
    (("2026-02-27", "investment", "Amazon"), "supersedes", ("2025-09-22", "investment", "Nvidia")),
    (("2026-03-31", "investment", "OpenAI"), "supersedes", ("2026-02-27", "investment", "Amazon")),
    (("2025-05", "cloud_contract", "OpenAI"), "expands", ("2025-03-10", "cloud_contract", "OpenAI")),
    (("2025-09-25", "cloud_contract", "OpenAI"), "expands", ("2025-03-10", "cloud_contract", "OpenAI")),
    (("2026-04-09", "cloud_contract", "Meta"), "expands", ("2025-09-30", "cloud_contract", "Meta")),
    (("2026-02-27", "cloud_contract", "OpenAI"), "expands", ("2025-11-03", "cloud_contract", "OpenAI")),
    (("2024-11-22", "investment", "Amazon"), "expands", ("2023-09-25", "investment", "Amazon")),
    (("2026-04-20", "investment", "Amazon"), "expands", ("2024-11-22", "investment", "Amazon")),
]
# (deal, programme it is part of, who states it): the deal counts in its kind's USD total and not in
# the all-kinds total, where the programme holds it already.
PART_OF = [
    # OpenAI's ~$300B Oracle compute contract is reported as the backbone of Stargate, whose
    # >$400B September update is counted as a deal of its own.
    (("2025-09-10", "cloud_contract", "OpenAI"), ("2025-09-23", "other", "OpenAI"),
     "WebProNews", "https://www.webpronews.com/openai-seals-300b-oracle-deal-for-project-stargate-ai-data-centers/"),
]
# Research source names that describe a page relaying another's document -> (originator, the page's
# outlet). The entry's source is the originator (what its identity uses); the page read is its
# `source_via`, at `source_via_url` (issue 28, item 5). Names not listed are the page's own outlet
# reporting (a newspaper's own story citing others keeps them in the note: "First reported by").
SYNERGY = "Synergy Research Group"
RELAY = {
    "AI Market Wire (summarising Bloomberg)": ("Bloomberg", "AI Market Wire"),
    "BNN Bloomberg": ("Bloomberg", "BNN Bloomberg"),
    "Business Standard (Bloomberg)": ("Bloomberg", "Business Standard"),
    "CNA (Reuters)": ("Reuters", "CNA"),
    "China Daily HK (Reuters wire)": ("Reuters", "China Daily HK"),
    "Counterpoint Research via Biz & Tech (aggregator)": ("Counterpoint Research", "Biz & Tech (aggregator)"),
    "Counterpoint Research via Patrick Tech Media (citing Tom's Hardware)":
        ("Counterpoint Research", "Patrick Tech Media (citing Tom's Hardware)"),
    "Crypto-Observer (republished TechCrunch)": ("TechCrunch", "Crypto-Observer"),
    "Discover Headlines (summarising The Guardian)": ("The Guardian", "Discover Headlines"),
    "Financial Times (FT Chinese bilingual edition)": ("Financial Times", "FT Chinese (bilingual edition)"),
    "Hamidun News (summarising TNW)": ("The Next Web", "Hamidun News"),
    "Indian Express via FinanceFundsUpdate": ("Indian Express", "FinanceFundsUpdate"),
    "Indian Express via FinanceFundsUpdate (earnings call)": ("Indian Express", "FinanceFundsUpdate (earnings call)"),
    "Industries News (republished)": ("Reuters", "Industries News"),
    "Khaleej Times (Reuters)": ("Reuters", "Khaleej Times"),
    "Korea JoongAng Daily (Reuters)": ("Reuters", "Korea JoongAng Daily"),
    "Longform.social (Techmeme repost)": ("The Information", "Longform.social (Techmeme repost)"),
    "Meta Q4 2024 results press release (via MENAFN)": ("Meta Q4 2024 results press release", "MENAFN"),
    "Mint (Bloomberg)": ("Bloomberg", "Mint"),
    "Mint (WSJ)": ("The Wall Street Journal", "Mint"),
    "NDTV Profit (Bloomberg)": ("Bloomberg", "NDTV Profit"),
    "Nasdaq (RTTNews)": ("RTTNews", "Nasdaq"),
    "Business Insider Markets (RTTNews)": ("RTTNews", "Business Insider Markets"),
    "Omdia (NOT Synergy) via ICT Business": ("Omdia", "ICT Business"),
    "Open TechStack (summarising Broadcom SEC filing)": ("Broadcom SEC filing", "Open TechStack"),
    "PC News Today (summarising CNBC)": ("CNBC", "PC News Today"),
    "Ramp AI Index via blog (aggregator)": ("Ramp AI Index (Ramp Economics Lab)", "blog (aggregator)"),
    "Stacker News copy of Sherwood News": ("Sherwood News", "Stacker News"),
    "Synergy Research Group (press release via ADVFN/PRNewswire)": (SYNERGY, "ADVFN (PR Newswire)"),
    "Synergy Research Group (press release, PRNewswire)": (SYNERGY, "PR Newswire"),
    "Synergy Research Group (release text republished by Clover Infotech)": (SYNERGY, "Clover Infotech"),
    "Synergy Research Group (release text via Enterprise Times)": (SYNERGY, "Enterprise Times"),
    "Synergy Research Group (via CRN, republished by NewsLanes)": (SYNERGY, "NewsLanes (republishing CRN)"),
    "Synergy Research Group (via Outlook Series, release text)": (SYNERGY, "Outlook Series"),
    "Synergy Research Group (via RecaTools, aggregator)": (SYNERGY, "RecaTools (aggregator)"),
    "Synergy Research Group (via Statista chart, republished)": (SYNERGY, "Statista chart, republished"),
    "Synergy Research Group (via TechRadar/The Register)": (SYNERGY, "TechRadar (citing The Register)"),
    "TadPost (summarising Reuters)": ("Reuters", "TadPost"),
    "The Hans India (IANS)": ("IANS", "The Hans India"),
    "TechInsights via Tom's Hardware (HPCwire)": ("TechInsights", "Tom's Hardware (citing HPCwire)"),
    "TechInsights via eTeknix (HPCwire)": ("TechInsights", "eTeknix (citing HPCwire)"),
    "The Cliff News (republished Reuters)": ("Reuters", "The Cliff News"),
    "The Telegraph India (Reuters)": ("Reuters", "The Telegraph India"),
    "The Wall Street Journal (archived copy)": ("The Wall Street Journal", "archive.today (archived copy)"),
    "TopNews (republished CNA/Reuters)": ("Reuters", "TopNews (republishing CNA)"),
    "TrendForce via Evertiq": ("TrendForce", "Evertiq"),
    "TrendForce via Focus Taiwan (CNA)": ("TrendForce", "Focus Taiwan (CNA)"),
    "TrendForce via NewsX (citing Focus Taiwan)": ("TrendForce", "NewsX (citing Focus Taiwan)"),
    "TrendingInfo (republished CNBC)": ("CNBC", "TrendingInfo"),
    "VirtueSig (summarising The Information)": ("The Information", "VirtueSig"),
    "WhatTheFuture.ai (summarising WSJ)": ("The Wall Street Journal", "WhatTheFuture.ai"),
    "Wonderful Engineering (Microsoft blog by Brad Smith)": ("Microsoft blog (Brad Smith)", "Wonderful Engineering"),
    "YourStory (Microsoft FY25 results)": ("Microsoft FY25 results", "YourStory"),
    "Wall Street Waves (Oracle Q2 FY26 results)": ("Oracle Q2 FY26 results", "Wall Street Waves"),
    "a16z CIO survey (100 Global 2000 CIOs) via Pulse (aggregator)": ("a16z CIO survey (100 Global 2000 CIOs)", "Pulse (aggregator)"),
    "a16z CIO survey via Pulse (aggregator)": ("a16z CIO survey", "Pulse (aggregator)"),
    "a16z CIO survey via Wallstreetcn/Longport": ("a16z CIO survey", "Wallstreetcn/Longport"),
    "news.anyfans.com (republished Reuters)": ("Reuters", "news.anyfans.com"),
    "Barron's (republished)": ("Barron's", "trades.jamespan.tech (republished)"),
}
# The originator's own page: the research names it by what it is.
ORIGINATOR = {"Synergy Research Group (press release)": SYNERGY}


def sourced(name, url):
    """The source fields of a page named `name` at `url`: the originator, and the page as its relay."""
    if name in RELAY:
        origin, via = RELAY[name]
        return {"source": origin, "source_via": via, "source_via_url": url}
    m = re.match(r"^Synergy Research Group \(via (.+)\)$", name)
    if m:
        return {"source": SYNERGY, "source_via": m.group(1), "source_via_url": url}
    return {"source": ORIGINATOR.get(name, name), "source_url": url}


CONFIDENCE_NOTE = {
    "medium": "confidence medium: one reputable outlet (often a single scoop relayed once)",
    "low": "confidence low: only aggregator or blog pages were retrievable",
}


def rows(name):
    with open(os.path.join(RESEARCH, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def party(p):
    company, role = p.rsplit(":", 1)
    names = CLOUD if role == "provider" else COMPANY
    return f"{names.get(company, company)}:{role}"


def deal_id(r):
    names = [p.split(":")[0] for p in r["parties"].split(";")[:2]]
    return f"market-{r['date']}-{r['kind'].replace('_', '-')}-" + "-".join(slug(n) for n in names)


def deals():
    out, ids, skipped = [], {}, []
    for r in rows("deals.csv"):
        key = (r["date"], r["parties"])
        if key in IN_ARTICLE_SEED:
            skipped.append((r["date"], r["title"], IN_ARTICLE_SEED[key]))
            continue
        i = deal_id(r)
        assert i not in ids.values(), f"two deals would get the id {i}"
        ids[(r["date"], r["kind"], r["parties"].split(";")[0].split(":")[0])] = i
        note = [r["evidence"]]
        if r["original_outlet"]:
            note.append(f"First reported by {r['original_outlet']}.")
        if r["confidence"] in CONFIDENCE_NOTE:
            note.append(CONFIDENCE_NOTE[r["confidence"]] + ".")
        e = {"type": "deal", "id": i, "date": r["date"], "kind": r["kind"], "title": r["title"],
             "parties": [party(p) for p in r["parties"].split(";")]}
        if r["value"]:
            e.update(value=float(r["value"]), currency=r["currency"] or "USD")
        for k in ("qualifier", "status"):
            if r[k]:
                e[k] = r[k]
        if r["term_months"]:
            e["term_months"] = int(r["term_months"])
        e.update(**sourced(r["source"], r["source_url"]), note=" ".join(note),
                 verification="verified" if r["confidence"] == "high" else "unverified")
        out.append(e)
    by_id = {e["id"]: e for e in out}
    for this, relation, other in RELATIONS:
        a, b = ids[this], ids[other]
        by_id[a].setdefault(relation, []).append(b)
    for this, programme, source, url in PART_OF:
        e = by_id[ids[this]]
        e.setdefault("part_of", []).append(ids[programme])
        e.update(part_of_source=source, part_of_source_url=url)
    # a related deal follows the deal it names, so that one pass can resolve it
    order = {e["id"]: k for k, e in enumerate(out)}
    out.sort(key=lambda e: max([order[e["id"]]] + [order[o] + 0.5 for o in e.get("supersedes", []) + e.get("expands", []) + e.get("part_of", [])]))
    return out, skipped


QUARTER = re.compile(r"^\d{4}-Q[1-4]$")


def cloud():
    out, sizes = [], set()
    for r in rows("cloud_market_share.csv"):
        assert QUARTER.match(r["period"]), r["period"]
        provisional = r["period"] == "2026-Q1"
        note = r["evidence"] + (" Provisional: an aggregator citing Synergy." if provisional else "")
        base = {"date": r["period"], **sourced(r["source"], r["source_url"]), "verification": "unverified"}
        company = r["company"]
        if company.startswith("Top 3 combined"):
            e = {"type": "statistic", "metric": "cloud_market_share", "measure": "cr3", "value": float(r["share_percent"]),
                 "unit": "percent", "qualifier": "approx", **base,
                 "note": note + (" Not Synergy: Omdia's own market definition." if "Omdia" in r["source"] else "")}
            out.append(e)
        else:
            out.append({"type": "statistic", "metric": "cloud_market_share", "company": CLOUD.get(company, company),
                        "value": float(r["share_percent"]), "unit": "percent", "qualifier": "approx", **base, "note": note})
        # the market size is given on several rows of a quarter's page, and by two pages relaying one
        # release: one statistic per quarter and originator (the first page's)
        if r["market_size_usd"] and (r["period"], base["source"]) not in sizes:
            sizes.add((r["period"], base["source"]))
            out.append({"type": "statistic", "metric": "cloud_infrastructure_market_usd", "value": float(r["market_size_usd"]),
                        "unit": "USD", "qualifier": "approx", **base, "note": note})
    return out


def period(p):
    """('2026 (guidance)') -> (date, forecast, fiscal, wording kept for the note)."""
    m = re.match(r"^(FY)?(\d{4})(-Q[1-4]|-\d\d)?\s*(\((.*)\))?$", p)
    assert m, p
    fy, year, sub, _, words = m.groups()
    words = (words or "").lower()
    forecast = any(w in words for w in ("guidance", "projected", "estimate")) and not "calendar" in words
    date = year + (sub or "")
    if "mid-year" in words:
        date = f"{year}-06"
    if "year-end" in words:
        date = f"{year}-12"
    return date, forecast, bool(fy), p


def other():
    out = []
    for r in rows("other_concentration.csv"):
        span = re.match(r"^(\d{4})-(\d\d)(\s|$)", r["period"])
        if span and int(span.group(2)) > 12:
            # a span of two years such as 2025-26: its first year, the span in the note
            date, forecast, fiscal, said = r["period"][:4], False, False, r["period"]
        else:
            date, forecast, fiscal, said = period(r["period"])
        metric = r["metric"]
        if metric == "capex_usd" and fiscal:
            metric = "capex_usd_fiscal"
        unverified = r["source"].startswith("UNVERIFIED") or r["evidence"].startswith("UNVERIFIED")
        note = r["evidence"]
        if said != date:
            note += f" Period as stated: {said}."
        if metric == "capex_usd":
            note += " Calendar year."
        if metric == "capex_usd_fiscal":
            note += " Fiscal year, as the company reports it."
        e = {"type": "statistic", "metric": metric, "date": date}
        if r["company"]:
            e["company"] = COMPANY.get(r["company"], r["company"])
        if metric == "capex_usd_combined_big4":
            e.pop("company", None)
        e.update(value=float(r["value"]), unit=r["unit"], qualifier=r["qualifier"] or "exact")
        if forecast:
            e["forecast"] = True
        e.update(**sourced(r["source"], r["source_url"]), note=note, verification="unverified")
        if metric == "datacenter_gpu_shipments_units" and "company" not in e:
            # the page's own figures do not add up: Nvidia 3.76 M + AMD 0.5 M + Intel 0.4 M = 4.66 M
            e["note"] += (" Disputed: the same page's firm figures (Nvidia 3.76 M, AMD about 0.5 M, Intel about 0.4 M) add up to"
                          " 4.66 M, more than this total; kept as the page states it, not used as the market's total.")
            e["verification"] = "disputed"
        out.append(e)
    return out


ARTICLE = os.path.join(ROOT, "seed-data", "article.ndjson")


def statistic_key(e):
    """A statistic's identity as the database forms it (migration 0016): the period as written and
    the originator, never the page it was read on; company names as the seed resolves them."""
    company = (e.get("company") or "").replace("AWS", "Amazon Web Services")
    return (e["metric"], e.get("measure", "value"), e["date"], company.lower(), (e.get("segment") or "").lower(),
            (e.get("region") or "").lower(), e["source"].lower(), e.get("source_url") or "")


def repeats(stats):
    """Leaves out the statistics the article seed (or an earlier row) holds already: the same figure
    of the same originator read on another page is one entry. Returns the rest, and what was left out."""
    seen = {}
    with open(ARTICLE, encoding="utf-8") as f:
        for line in f:
            e = json.loads(line)
            if e["type"] == "statistic":
                seen[statistic_key(e)] = ("article seed", e)
    kept, left = [], []
    for e in stats:
        k = statistic_key(e)
        if k in seen:
            where, first = seen[k]
            left.append((e, where, first))
        else:
            seen[k] = ("this file", e)
            kept.append(e)
    return kept, left


def main():
    ds, skipped = deals()
    companies = [{"type": "company", "name": n, "kind": k, **({"country": c} if c else {}), **({"parent": p} if p else {}),
                  **({"aliases": a} if a else {})} for (n, k, c, p, a) in COMPANIES]
    for c in companies:
        if c["kind"] == "company":
            del c["kind"]
    stats, repeated = repeats(cloud() + other())
    lines = companies + ds + stats
    with open(sys.argv[1] if len(sys.argv) > 1 else OUT, "w", encoding="utf-8") as f:
        for e in lines:
            f.write(json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{len(lines)} entries: {len(companies)} companies, {len(ds)} deals, {len(lines) - len(companies) - len(ds)} statistics;"
          f" {len(skipped)} research deals left out as stored by the article seed", file=sys.stderr)
    for s in skipped:
        print("  left out:", *s, file=sys.stderr)
    for e, where, first in repeated:
        agree = "same value" if float(first["value"]) == e["value"] else f"DISAGREES: {first['value']} there, {e['value']} here"
        print(f"  left out: {e['metric']} {e['date']} {e.get('company', 'market')} ({e['source']} via {e.get('source_via')}),"
              f" held by the {where} (via {first.get('source_via')}); {agree}", file=sys.stderr)


if __name__ == "__main__":
    main()
