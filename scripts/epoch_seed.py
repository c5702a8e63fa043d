#!/usr/bin/env python3
"""Writes seed-data/epoch_ai_chip_counts.ndjson from data/epoch-ai-chip-counts/*.csv.

The entries are exactly what `aitrack ingest` makes of those files with the mapping the README
documents, so re-ingesting the CSVs into a seeded database changes nothing (a test checks it).
Run from the repository root: python3 scripts/epoch_seed.py
"""
import csv, json, pathlib

FILES = [  # file, segment (the chip maker)
    ("nvidia_owners_cumulative_totals.csv", "Nvidia"),
    ("nvidia_owners_OTHER_cumulative_totals.csv", "Nvidia"),
    ("coreweave_owners_cumulative_totals.csv", "Nvidia"),
    ("amd_owners_cumulative_totals.csv", "AMD"),
    ("tpu_owners_cumulative_totals.csv", "TPU"),
    ("trainium_owners_cumulative_totals.csv", "Trainium"),
]
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
for name, segment in FILES:
    with open(root / "data/epoch-ai-chip-counts" / name, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out.append(json.dumps({
                "type": "statistic", "metric": "ai_compute_h100e", "date": iso(row["End date"]),
                "company": row["Owner"], "segment": segment,
                "value": int(row["Compute estimate in H100e (median)"]),
                "low": int(row["H100e (5th percentile)"]), "high": int(row["H100e (95th percentile)"]),
                "unit": "H100e", "qualifier": "estimate", "source": SOURCE, "source_url": URL,
                "verification": "verified",
            }, ensure_ascii=False))
(root / "seed-data/epoch_ai_chip_counts.ndjson").write_text("\n".join(out) + "\n", encoding="utf-8")
print(f"{len(out)} entries")
