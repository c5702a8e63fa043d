#!/usr/bin/env python3
"""Generates N statistic entries as NDJSON and the same rows as CSV (for sqlite3 .import).

usage: gen_statistics.py N OUTDIR
Writes OUTDIR/stats.ndjson and OUTDIR/stats.csv: N distinct statistics over 2,000 companies,
10 metrics, 4 segments and quarterly dates, each with low/high bounds and a source.
"""
import os, sys

n = int(sys.argv[1]); out = sys.argv[2]
os.makedirs(out, exist_ok=True)
metrics = [f"bench_metric_{k}" for k in range(10)]
segments = ["Nvidia", "AMD", "TPU", "Trainium"]
dates = [f"{y}-{m:02d}-{d}" for y in range(2000, 2100) for (m, d) in ((3, "31"), (6, "30"), (9, "30"), (12, "31"))]
with open(os.path.join(out, "stats.ndjson"), "w") as nd, open(os.path.join(out, "stats.csv"), "w") as cs:
    cs.write("metric,date,company,segment,value,low,high,unit,source\n")
    i = 0
    for date in dates:
        for metric in metrics:
            for c in range(2000):
                for seg in segments:
                    if i >= n:
                        break
                    v = 1000 + (i * 7919) % 1000000
                    company = f"Company {c:04d}"
                    nd.write('{"type":"statistic","metric":"%s","date":"%s","company":"%s","segment":"%s","value":%d,"low":%d,"high":%d,"unit":"H100e","source":"Bench"}\n'
                             % (metric, date, company, seg, v, v // 2, v * 2))
                    cs.write(f"{metric},{date},{company},{seg},{v},{v // 2},{v * 2},H100e,Bench\n")
                    i += 1
print(i, "entries")
