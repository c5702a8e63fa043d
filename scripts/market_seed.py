#!/usr/bin/env python3
"""Builds seed-data/market_2022_2026.ndjson from the research CSVs in docs/research/market-2023-2026/.

usage: scripts/market_seed.py [OUT]      (run from anywhere; rewrites the seed file, or writes OUT)

Every entry keeps the page it was taken from (source + source_url) and what the page says
(the research's `evidence`, in the note). The mapping, as the research README suggests:

- deals.csv: confidence high -> verification verified; medium and low -> unverified, with the
  grade and its reason in the note. `original_outlet` (whom the page relays) goes into the note:
  the page we have is the source, so that every entry has a source with a URL.
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
        e.update(source=r["source"], source_url=r["source_url"], note=" ".join(note),
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
        base = {"date": r["period"], "source": r["source"], "source_url": r["source_url"], "verification": "unverified"}
        company = r["company"]
        if company.startswith("Top 3 combined"):
            e = {"type": "statistic", "metric": "cloud_market_share", "measure": "cr3", "value": float(r["share_percent"]),
                 "unit": "percent", "qualifier": "approx", **base,
                 "note": note + (" Not Synergy: Omdia's own market definition." if "Omdia" in r["source"] else "")}
            out.append(e)
        else:
            out.append({"type": "statistic", "metric": "cloud_market_share", "company": CLOUD.get(company, company),
                        "value": float(r["share_percent"]), "unit": "percent", "qualifier": "approx", **base, "note": note})
        # the market size is given on several rows of a quarter's page: one statistic
        if r["market_size_usd"] and (r["period"], r["source_url"]) not in sizes:
            sizes.add((r["period"], r["source_url"]))
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
        e.update(source=r["source"], source_url=r["source_url"], note=note, verification="unverified")
        if metric == "datacenter_gpu_shipments_units" and "company" not in e:
            # the page's own figures do not add up: Nvidia 3.76 M + AMD 0.5 M + Intel 0.4 M = 4.66 M
            e["note"] += (" Disputed: the same page's firm figures (Nvidia 3.76 M, AMD about 0.5 M, Intel about 0.4 M) add up to"
                          " 4.66 M, more than this total; kept as the page states it, not used as the market's total.")
            e["verification"] = "disputed"
        out.append(e)
    return out


def main():
    ds, skipped = deals()
    companies = [{"type": "company", "name": n, "kind": k, **({"country": c} if c else {}), **({"parent": p} if p else {}),
                  **({"aliases": a} if a else {})} for (n, k, c, p, a) in COMPANIES]
    for c in companies:
        if c["kind"] == "company":
            del c["kind"]
    lines = companies + ds + cloud() + other()
    with open(sys.argv[1] if len(sys.argv) > 1 else OUT, "w", encoding="utf-8") as f:
        for e in lines:
            f.write(json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{len(lines)} entries: {len(companies)} companies, {len(ds)} deals, {len(lines) - len(companies) - len(ds)} statistics;"
          f" {len(skipped)} research deals left out as stored by the article seed", file=sys.stderr)
    for s in skipped:
        print("  left out:", *s, file=sys.stderr)


if __name__ == "__main__":
    main()
