#!/usr/bin/env python3
"""Writes seed-data/epoch_ai_chip_counts.ndjson from data/epoch-ai-chip-counts/*.csv.

The mapping is the bundled import recipes' (recipes/epoch_*.json): the entries are exactly what
`aitrack ingest --recipe NAME FILE` makes of those files, so re-ingesting the CSVs by their
recipes into a seeded database changes nothing (a test checks it).
Run from the repository root: python3 scripts/epoch_seed.py
"""
import csv, json, pathlib

# the bundled import recipes (recipes/*.json) define the mapping: the seed is made through them,
# as `aitrack ingest --recipe NAME FILE` reads the same files (one definition, not two)
RECIPES = ["epoch_nvidia", "epoch_nvidia_other", "epoch_coreweave", "epoch_amd", "epoch_tpu", "epoch_trainium"]
SOURCE = "Epoch AI"
URL = "https://github.com/epoch-research/ai-chip-counts"

def iso(mdy):
    m, d, y = mdy.split("/")
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"

root = pathlib.Path(__file__).resolve().parent.parent
out = [json.dumps({"type": "source", "name": SOURCE, "url": URL, "published": "2026-04-22",
                   "note": "AI chip owners, cumulative totals per owner and quarter (commit d1b1bc3); MIT licence, "
                           "see data/epoch-ai-chip-counts/LICENSE. Ownership, not use; cumulative since each series start "
                           "(Nvidia 2022, TPU 2023, Trainium and AMD 2024); medians with 5th/95th percentiles.",
                   "verification": "verified"}, ensure_ascii=False)]
for name in RECIPES:
    recipe = json.loads((root / "recipes" / f"{name}.json").read_text(encoding="utf-8"))
    assert recipe["date_format"] == "M/d/yyyy" and recipe["type"] == "statistic", name
    col, fixed = recipe["map"], recipe["set"]
    with open(root / recipe["file"], newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == recipe["expected_columns"], name
        for row in reader:
            out.append(json.dumps({
                "type": "statistic", "metric": fixed["metric"], "date": iso(row[col["date"]]),
                "company": row[col["company"]], "segment": fixed["segment"],
                "value": int(row[col["value"]]), "low": int(row[col["low"]]), "high": int(row[col["high"]]),
                "unit": fixed["unit"], "qualifier": fixed["qualifier"], "source": fixed["source"], "source_url": fixed["source_url"],
                "verification": fixed["verification"],
            }, ensure_ascii=False))
(root / "seed-data/epoch_ai_chip_counts.ndjson").write_text("\n".join(out) + "\n", encoding="utf-8")
print(f"{len(out)} entries")
