"""`import multipolar` against the `multipolar` command: the same request gives the
same numbers, bad input raises with the command's message, and missing values stay
missing through pandas.

The command is `$MULTIPOLAR_BIN`, else the repository's `target/debug/multipolar`
(built by `cargo test`). The data directory is `$MULTIPOLAR_TEST_DATA`, else the one
the Rust tests keep with the full ideal-point fit cached
(`target/tmp/ideal-full-fit`); both front ends read the same one.
"""

import csv
import io
import json
import math
import os
import subprocess
import threading
import time
from pathlib import Path

import pyarrow as pa
import pytest

import multipolar as mp

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("MULTIPOLAR_BIN", ROOT / "target" / "debug" / "multipolar"))
DATA = Path(os.environ.get("MULTIPOLAR_TEST_DATA", ROOT / "target" / "tmp" / "ideal-full-fit"))


def run(*args: str) -> subprocess.CompletedProcess:
    assert BIN.exists(), f"no multipolar binary at {BIN}: run `cargo test` or set MULTIPOLAR_BIN"
    env = {k: v for k, v in os.environ.items() if k != "RUST_BACKTRACE"}
    env["MULTIPOLAR_DATA"] = str(DATA)
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, env=env)


def cli(*args: str) -> str:
    r = run(*args)
    assert r.returncode == 0, r.stderr
    return r.stdout


def cli_error(*args: str) -> tuple:
    r = run(*args)
    return r.returncode, r.stderr.strip().removeprefix("multipolar: ")


def cli_json(*args: str) -> dict:
    """The CLI's JSON document (meta, columns, rows) for the same request."""
    return json.loads(cli(*args, "--format", "json"))


def cli_rows(*args: str) -> list:
    return cli_json(*args)["rows"]


def same(table: pa.Table, doc: dict) -> None:
    """The columns, every cell (floats exactly) and the metadata of `table` equal
    the CLI's JSON document."""
    assert table.column_names == [c["name"] for c in doc["columns"]]
    assert table.num_rows == len(doc["rows"])
    assert table.to_pylist() == doc["rows"]
    meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
    assert meta == doc["meta"]


def test_align_equals_the_cli_csv_to_the_last_digit():
    t = mp.align(["MAR", "USA"], start=2015, end=2019)
    text = cli("align", "MAR", "USA", "--from", "2015", "--to", "2019", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert t.column_names == list(rows[0].keys())
    assert t.num_rows == len(rows) == 5
    for got, want in zip(t.to_pylist(), rows):
        for k, v in want.items():
            g = got[k]
            if isinstance(g, float):
                # The CLI writes the shortest representation that reads back exactly.
                assert g == float(v), (k, g, v)
                assert repr(g) == v or float(repr(g)) == float(v)
            else:
                assert str(g) == v, (k, g, v)


def test_conventions_travel_in_the_schema_metadata():
    t = mp.align(["MAR", "USA"], start=2015, end=2019, measure=["kappa_quad"])
    meta = {k.decode(): v.decode() for k, v in t.schema.metadata.items()}
    assert "by session, 2015–2019" in meta["selection"]
    assert "absences are not votes" in meta["votes"]
    desc = t.schema.field("kappa_quad").metadata[b"description"].decode()
    assert "peacesciencer `kvotev`" in desc


@pytest.mark.parametrize(
    "call, args",
    [
        (
            lambda: mp.align(["MAR", "USA", "RUS"], start=2015, end=2019, measure=["all"]),
            ["align", "MAR", "USA", "RUS", "--from", "2015", "--to", "2019", "--measure", "all"],
        ),
        (
            lambda: mp.align("MAR", with_="all", start=2019, end=2019, sort="kappa_quad", top=5, by="year"),
            ["align", "MAR", "--with", "all", "--from", "2019", "--to", "2019", "--sort", "kappa_quad", "--top", "5", "--by", "year"],
        ),
        (
            lambda: mp.ties(["USA", "GBR", "FRA"], start=1985, end=1991),
            ["ties", "USA", "GBR", "FRA", "--from", "1985", "--to", "1991"],
        ),
        (
            lambda: mp.ties(["MAR", "USA"], channel="arms", start=2010, end=2024, window=5),
            ["ties", "MAR", "USA", "--channel", "arms", "--from", "2010", "--to", "2024", "--window", "5"],
        ),
        (
            lambda: mp.dependence("IND", ["RUS", "FRA", "USA"], channel="arms", window=5, start=2000, end=2020),
            ["dependence", "IND", "--on", "RUS,FRA,USA", "--channel", "arms", "--window", "5", "--from", "2000", "--to", "2020"],
        ),
        (
            lambda: mp.ideal(["MAR", "USA"], start=2010, end=2019),
            ["ideal", "MAR", "USA", "--from", "2010", "--to", "2019"],
        ),
        (lambda: mp.system(1975), ["system", "--year", "1975"]),
        (lambda: mp.polarity(start=1990, end=2000), ["polarity", "--from", "1990", "--to", "2000"]),
        (lambda: mp.country("Soviet Union", year=1980), ["country", "Soviet Union", "--year", "1980"]),
        (lambda: mp.measures(), ["measures"]),
    ],
)
def test_every_table_equals_the_cli(call, args):
    same(call(), cli_json(*args))


def test_every_dyad_at_once():
    t = mp.align(start=2019, end=2019)
    rows = cli_rows("align", "USA", "RUS", "--from", "2019", "--to", "2019", "--measure", "all")
    usa_rus = [r for r in t.to_pylist() if {r["country1"], r["country2"]} == {"USA", "RUS"}]
    assert len(usa_rus) == 1
    for k in ("n", "half_credit", "kappa_quad", "pi_nominal"):
        assert usa_rus[0][k] == rows[0][k], k
    assert t.num_rows > 15000


def test_profile_is_the_cli_document():
    p = mp.profile("MAR", start=1990, end=2019)
    want = json.loads(cli("profile", "MAR", "--from", "1990", "--to", "2019", "--format", "json"))
    assert p.data == want
    assert p.state == "MAR" and p.poles == ["USA", "EU", "CHN", "RUS"]
    kappa = p.series("un_kappa")
    assert kappa.column_names == ["year", "USA", "EU", "CHN", "RUS"]
    assert kappa.num_rows == 30
    ch = next(c for c in want["profile"]["channels"] if c["channel"] == "un_kappa")
    assert kappa.column("CHN").to_pylist() == ch["values"][2]
    assert p.recent().num_rows == 4 * len(want["profile"]["recent"])
    assert p.shifts().num_rows == len(want["profile"]["shifts"])


def test_missing_values_stay_missing_through_pandas():
    # In calendar 2020 (a few January roll calls) many pairs voted Yes on everything:
    # their κ is undefined (chance agreement 1), null — never 0 or 1.
    args = ["align", "MAR", "--with", "all", "--by", "year", "--from", "2020", "--to", "2020", "--measure", "kappa_quad"]
    rows = cli_rows(*args)
    want_nulls = sum(1 for r in rows if r["kappa_quad"] is None)
    assert 0 < want_nulls < len(rows), "the request needs both defined and undefined values"
    t = mp.align("MAR", with_="all", by="year", start=2020, end=2020, measure=["kappa_quad"])
    assert t.column("kappa_quad").null_count == want_nulls
    df = t.to_pandas()
    assert int(df["kappa_quad"].isna().sum()) == want_nulls
    back = pa.Table.from_pandas(df, preserve_index=False)
    assert back.column("kappa_quad").null_count == want_nulls
    assert back.column("kappa_quad").to_pylist() == t.column("kappa_quad").to_pylist()


def test_bad_input_raises_with_the_cli_message():
    with pytest.raises(mp.UnknownCountryError) as e:
        mp.align(["MAR", "Marocco"])
    code, msg = cli_error("align", "MAR", "Marocco")
    assert code == 1 and str(e.value) == msg
    assert any("Morocco" in s for s in e.value.suggestions)
    assert isinstance(e.value, LookupError)

    with pytest.raises(mp.UsageError) as e:
        mp.align(["MAR", "USA"], start=2000, end=1990)
    code, msg = cli_error("align", "MAR", "USA", "--from", "2000", "--to", "1990")
    assert code == 2 and str(e.value) == msg
    assert isinstance(e.value, ValueError)

    with pytest.raises(mp.NoDataError, match="multipolar data update unga"):
        mp.profile("MAR", start=2030)
    with pytest.raises(mp.UsageError, match="unknown alliance measure"):
        mp.ties(["USA", "GBR"], measure=["kvotev"])
    with pytest.raises(mp.UsageError, match='unknown parameter "colour"'):
        mp._call("align", None, {"countries": ["MAR", "USA"], "colour": "red"})
    with pytest.raises(TypeError):
        mp.align(["MAR", "USA"], colour="red")
    with pytest.raises(TypeError, match="cannot pass a"):
        mp.align(["MAR", "USA"], measure=[object()])


def test_the_gil_is_released_while_computing():
    """Python threads keep running while an all-dyad computation runs in another."""
    ticks = 0
    done = threading.Event()

    def work():
        mp.align(start=1946, end=2020)
        done.set()

    t = threading.Thread(target=work)
    start = time.perf_counter()
    t.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    t.join()
    elapsed = time.perf_counter() - start
    # With the GIL held for the whole call, the loop could not tick during it.
    assert elapsed > 0.05
    assert ticks >= 10, f"{ticks} ticks in {elapsed:.2f} s"


def test_events_need_imported_events():
    with pytest.raises(mp.MultipolarError) as e:
        mp.events("MAR", "RUS", data_dir=DATA / "no-events-here")
    assert "event store" in str(e.value) or "no events are imported" in str(e.value)


SEED = (
    "Morocco's security chief spent three days in Moscow for talks on security "
    "cooperation and counter-terrorism. Russia, facing complex security challenges on "
    "its southern borders, understands the significance of Moroccan expertise."
)


def test_code_equals_the_cli_csv():
    t = mp.code(SEED, id="-")
    r = subprocess.run(
        [str(BIN), "code", "--format", "csv", "-"], input=SEED, capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert t.column_names == list(rows[0].keys())
    assert t.num_rows == len(rows) >= 1
    for got, want in zip(t.to_pylist(), rows):
        for k, v in want.items():
            g = got[k]
            if isinstance(g, float):
                assert g == float(v), (k, g, v)
            else:
                assert ("" if g is None else str(g)) == v, (k, g, v)
    # The seed text: the visit MAR → RUS, cooperation, no conflict.
    visit = [e for e in t.to_pylist() if e["cameo"] == "042"]
    assert [(v["source_country"], v["target_country"]) for v in visit] == [("MAR", "RUS")]
    assert all(q in (1.0, 2.0) for q in t.column("quad_class").to_pylist())


def test_code_rejects_bad_input():
    with pytest.raises(mp.UsageError, match="bad date"):
        mp.code("Morocco met Russia.", date="March 2025")
    with pytest.raises(mp.UsageError, match="text"):
        mp.code("   ")


def test_profile_says_where_each_channel_ends():
    p = mp.profile("MAR", start=2010, end=2019, data_dir=DATA)
    cov = p.coverage().to_pylist()
    doc = json.loads(cli("profile", "MAR", "--from", "2010", "--to", "2019", "--format", "json"))
    assert cov == [{k: c[k] for k in ("channel", "source", "from", "to")} for c in doc["profile"]["coverage"]]
    assert {c["channel"] for c in cov} >= {"un_agreement", "arms"}
    assert all(2010 <= c["from"] <= c["to"] <= 2019 for c in cov)
