#!/usr/bin/env python3
"""Cuts a headerless GDELT 2.0 event file (as make_gdelt2.py writes) into the 15-minute
exports GDELT publishes, for the fetch benchmark: ROWS_PER_FILE rows each, in file order,
as OUT/YYYYMMDDHHMMSS.export.CSV.zip (one deflated entry, YYYYMMDDHHMMSS.export.CSV) from
2024-01-01 00:00 on, plus OUT/masterfilelist.txt (`SIZE MD5 URL`, GDELT's URLs). The rows
are not changed. Prints the first and last day covered.

    split_gdelt2.py IN.tsv ROWS_PER_FILE OUT_DIR
"""
import datetime
import hashlib
import os
import sys
import zipfile

src, per_file, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(out, exist_ok=True)
t = datetime.datetime(2024, 1, 1)
lines = []


def flush(rows, t):
    stamp = t.strftime("%Y%m%d%H%M%S")
    path = os.path.join(out, f"{stamp}.export.CSV.zip")
    info = zipfile.ZipInfo(f"{stamp}.export.CSV", date_time=t.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(info, "".join(rows))
    data = open(path, "rb").read()
    lines.append(f"{len(data)} {hashlib.md5(data).hexdigest()} "
                 f"http://data.gdeltproject.org/gdeltv2/{stamp}.export.CSV.zip")


first = t
rows = []
with open(src) as f:
    for line in f:
        rows.append(line)
        if len(rows) == per_file:
            flush(rows, t)
            rows = []
            t += datetime.timedelta(minutes=15)
if rows:
    flush(rows, t)
else:
    t -= datetime.timedelta(minutes=15)
with open(os.path.join(out, "masterfilelist.txt"), "w") as f:
    f.write("\n".join(lines) + "\n")
print(first.date(), t.date())
