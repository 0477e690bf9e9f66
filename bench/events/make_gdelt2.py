#!/usr/bin/env python3
"""Builds a synthetic GDELT 2.0 event file for the benchmark by RESAMPLING REAL ROWS.

The 710 real GDELT 1.0 rows of shared/data/gdelt_v1_events_sample.csv.gz are converted to
the 61-column GDELT 2.0 layout (an empty ADM2 code after each of the three ADM1 codes,
DATEADDED as YYYYMMDDHHMMSS) and drawn with replacement (fixed seed); each drawn row gets
a new GLOBALEVENTID and a new event date, uniform over 2015-02-19 .. 2024-12-31 (SQLDATE,
MonthYear, Year, FractionDate and DATEADDED rewritten). Everything else is the real row.
Output: headerless, tab-separated, as GDELT publishes it (unzipped).

    make_gdelt2.py ROWS OUT.tsv
"""
import csv
import datetime
import gzip
import os
import random
import sys

rows_wanted, out = int(sys.argv[1]), sys.argv[2]
shared = os.environ.get("MULTIPOLAR_SHARED", os.path.join(os.path.dirname(__file__), "../../../shared"))
with gzip.open(os.path.join(shared, "data/gdelt_v1_events_sample.csv.gz"), "rt") as f:
    r = csv.reader(f)
    next(r)
    sample = [row for row in r]
assert len(sample) == 710 and all(len(x) == 58 for x in sample)


def v2(row):
    # v1: ... Actor1Geo_ADM1Code(38) Lat Long FeatureID | Actor2Geo ... ADM1(45) | ActionGeo ... ADM1(52)
    out = row[:56]
    for adm1 in (52, 45, 38):  # insert from the right so indices stay valid
        out.insert(adm1 + 1, "")
    return out + [row[56] + "000000", row[57]]


templates = [v2(x) for x in sample]
assert all(len(t) == 61 for t in templates)
rng = random.Random(20261130)
start = datetime.date(2015, 2, 19).toordinal()
span = datetime.date(2024, 12, 31).toordinal() - start + 1
with open(out, "w", newline="") as f:
    for i in range(rows_wanted):
        t = list(templates[rng.randrange(len(templates))])
        d = datetime.date.fromordinal(start + rng.randrange(span))
        t[0] = str(1_000_000_000 + i)
        t[1] = d.strftime("%Y%m%d")
        t[2] = d.strftime("%Y%m")
        t[3] = str(d.year)
        t[4] = f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}"
        t[59] = d.strftime("%Y%m%d") + "120000"
        f.write("\t".join(x.replace("\t", " ").replace("\n", " ") for x in t))
        f.write("\n")
print(f"wrote {rows_wanted} rows to {out}", file=sys.stderr)
