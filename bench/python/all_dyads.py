#!/usr/bin/env python3
"""All-dyad UN alignment from Python: `multipolar.align()` against DuckDB, same script.

multipolar: every dyad x session 1946-2020 with n and all 12 measures, as a
pyarrow.Table (the first call loads the bundled votes; then median of 5 warm calls).
DuckDB: the peer query of ../shared/bench/align_duckdb.py (FULL=1 measures: n, strict,
half-credit, S_abs, quadratic kappa, Scott's pi) on the same votes, fetched as Arrow,
median of 5 after its load. Prints both, the ratio and peak memory of the process.

Usage: all_dyads.py SHARED_DATA_DIR
"""
import os
import resource
import statistics
import sys
import time

import duckdb
import multipolar

data = sys.argv[1]


def median_time(f, n=5):
    ts = []
    for _ in range(n):
        t0 = time.perf_counter()
        out = f()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts), out


t0 = time.perf_counter()
first = multipolar.align()
first_s = time.perf_counter() - t0
mp_s, table = median_time(lambda: multipolar.align())
print(f"multipolar {multipolar.__version__}: dyad-sessions={table.num_rows} columns={table.num_columns} "
      f"first_call={first_s:.2f}s (loads the votes) warm_median={mp_s:.3f}s")

con = duckdb.connect()
votes = os.path.join(data, "unga_votes_unvotes.csv.gz")
rcs = os.path.join(data, "unga_roll_calls_unvotes.csv.gz")
t0 = time.perf_counter()
con.execute(f"""
CREATE TEMP TABLE v AS
SELECT v.rcid, r.session, v.country,
       CASE v.vote WHEN 'yes' THEN 1 WHEN 'abstain' THEN 2 WHEN 'no' THEN 3 END::TINYINT AS x
FROM read_csv('{votes}', header = true, nullstr = '',
              columns = {{'rcid': 'INTEGER', 'country': 'VARCHAR', 'country_code': 'VARCHAR', 'vote': 'VARCHAR'}}) v
JOIN (SELECT rcid, session FROM read_csv('{rcs}', header = true, nullstr = '',
              types = {{'rcid': 'INTEGER', 'session': 'INTEGER'}})) r USING (rcid)""")
load_s = time.perf_counter() - t0
sql = """
WITH agg AS (
  SELECT a.session, a.country AS country_1, b.country AS country_2, count(*) AS n,
         avg(CASE WHEN a.x = b.x THEN 1 ELSE 0 END) AS strict, avg(abs(a.x - b.x)) AS mean_d,
         avg((a.x - b.x) * (a.x - b.x)) AS do_q,
         avg(a.x * a.x) + avg(b.x * b.x) - 2 * avg(a.x) * avg(b.x) AS de_q,
         power((avg(CASE WHEN a.x = 1 THEN 1 ELSE 0 END) + avg(CASE WHEN b.x = 1 THEN 1 ELSE 0 END)) / 2, 2)
       + power((avg(CASE WHEN a.x = 2 THEN 1 ELSE 0 END) + avg(CASE WHEN b.x = 2 THEN 1 ELSE 0 END)) / 2, 2)
       + power((avg(CASE WHEN a.x = 3 THEN 1 ELSE 0 END) + avg(CASE WHEN b.x = 3 THEN 1 ELSE 0 END)) / 2, 2) AS pe
  FROM v a JOIN v b ON a.rcid = b.rcid AND a.country < b.country
  GROUP BY a.session, a.country, b.country)
SELECT session, country_1, country_2, n, strict, 1 - mean_d / 2 AS half, 1 - mean_d AS s_abs,
       CASE WHEN de_q > 0 THEN 1 - do_q / de_q END AS kappa_quad,
       CASE WHEN pe < 1 THEN (strict - pe) / (1 - pe) END AS pi
FROM agg"""
dk_s, dk = median_time(lambda: con.sql(sql).to_arrow_table())
threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
print(f"duckdb {duckdb.__version__} (threads {threads}): dyad-sessions={dk.num_rows} columns={dk.num_columns} "
      f"load={load_s:.2f}s warm_median={dk_s:.3f}s")
print(f"ratio: duckdb/multipolar = {dk_s / mp_s:.1f}x (higher = multipolar faster)")
print(f"peak_rss={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB (both, one process)")
