"""Where every state stands in the international system, from open data.

The measures of the ``multipolar`` command, computed by the same Rust code, for
notebooks: each function is the command of the same name, its keyword arguments the
command's flags (``from``/``to`` are ``start``/``end`` here, ``with`` is ``with_``),
and each answer is a :class:`pyarrow.Table` whose schema metadata carries what was
computed and each measure's convention (``table.schema.metadata``, and
``field.metadata[b"description"]`` per column). Convert with ``.to_pandas()`` or
``polars.from_arrow(table)``; undefined values stay missing (null / NaN / None),
never 0.

>>> import multipolar as mp
>>> t = mp.align(["MAR", "USA"], start=2015, end=2019)
>>> t.column_names[:4]
['session', 'year', 'country1', 'country2']

Errors raise :class:`UsageError` (a bad request, also a ``ValueError``),
:class:`UnknownCountryError` (with ``.suggestions``, also a ``LookupError``),
:class:`NoDataError` (nothing in the data for the request) or
:class:`MultipolarError`, with the command's messages.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence, Union

import pyarrow as pa

from . import _native

__version__ = _native.__version__

__all__ = [
    "MultipolarError",
    "UsageError",
    "UnknownCountryError",
    "NoDataError",
    "Profile",
    "align",
    "ties",
    "dependence",
    "ideal",
    "profile",
    "system",
    "polarity",
    "events",
    "code",
    "country",
    "countries",
    "measures",
]

PathLike = Union[str, "os.PathLike[str]"]
Countries = Union[str, Sequence[str]]


class MultipolarError(Exception):
    """A failure of a multipolar query (bad data files, I/O, a model failure)."""


class UsageError(MultipolarError, ValueError):
    """The request is wrong as given: a bad period, a bad combination of options."""


class UnknownCountryError(MultipolarError, LookupError):
    """A country or pole name that resolves to no entity (or to several)."""

    def __init__(self, message: str, suggestions: Sequence[str] = ()):
        super().__init__(message)
        #: Close names or codes ("Morocco (MAR, COW 600)").
        self.suggestions = list(suggestions)


class NoDataError(MultipolarError, LookupError):
    """The data hold nothing for the request; the message says which command
    brings the data (e.g. ``multipolar data update unga``)."""


_ERRORS = {
    "usage": UsageError,
    "no_data": NoDataError,
    "unknown_endpoint": UsageError,
    "failure": MultipolarError,
}


def _call(endpoint: str, data_dir: Optional[PathLike], params: dict) -> Any:
    params = {k: v for k, v in params.items() if v is not None}
    answer = _native.call(
        endpoint, params, None if data_dir is None else os.fspath(data_dir)
    )
    tag = answer[0]
    if tag == "table":
        return pa.ipc.open_stream(answer[1]).read_all()
    if tag == "json":
        return json.loads(answer[1])
    _, kind, message, suggestions = answer
    if kind == "unknown_country":
        raise UnknownCountryError(message, suggestions)
    raise _ERRORS.get(kind, MultipolarError)(message)


def _list(x: Optional[Countries]) -> Optional[list]:
    if x is None:
        return None
    return [x] if isinstance(x, str) else list(x)


def align(
    countries: Optional[Countries] = None,
    *,
    with_: Optional[str] = None,
    start: Optional[int] = None,
    end: Optional[int] = None,
    by: str = "session",
    issue: Optional[Sequence[str]] = None,
    important: bool = False,
    no_amendments: bool = False,
    no_unanimous: bool = False,
    measure: Optional[Sequence[str]] = None,
    pooled: bool = False,
    sort: Optional[str] = None,
    ascending: bool = False,
    top: Optional[int] = None,
    explain: bool = False,
    ci: Optional[float] = None,
    reps: int = 1000,
    seed: int = 42,
    data_dir: Optional[PathLike] = None,
) -> pa.Table:
    """UN General Assembly voting alignment (``multipolar align``).

    With two or more ``countries``, every pair per session (``by="session"``,
    Voeten's convention, default) or calendar year (``by="year"``); with one and
    ``with_="all"``, that state against every other. With no countries at all, every
    dyad × period with all twelve measures (``multipolar export dyads``): the table
    for your own analysis.

    ``measure``: ids from :func:`measures` (default ``half_credit, s_abs,
    kappa_quad`` by session, ``strict, s_abs, kappa_quad`` by year), or ``["all"]``;
    ``ideal_distance`` adds |θ_a − θ_b| from the BSV ideal points. ``explain=True``
    lists the roll calls on which a pair differed; ``ci=95`` adds bootstrap
    intervals (``reps``, ``seed``).
    """
    select = dict(
        start=start,
        end=end,
        by=by,
        issue=_list(issue),
        important=important,
        no_amendments=no_amendments,
        no_unanimous=no_unanimous,
    )
    if countries is None:
        return _call("dyads", data_dir, select)
    params = dict(
        countries=_list(countries),
        **select,
        measure=_list(measure),
        pooled=pooled,
        sort=sort,
        ascending=ascending,
        top=top,
        explain=explain,
        ci=ci,
        reps=reps,
        seed=seed,
    )
    params["with"] = with_
    return _call("align", data_dir, params)


def ties(
    countries: Countries,
    *,
    channel: str = "alliances",
    start: Optional[int] = None,
    end: Optional[int] = None,
    measure: Optional[Sequence[str]] = None,
    window: Optional[int] = None,
    cow_alliances: Optional[PathLike] = None,
    mindist: Optional[PathLike] = None,
    data_dir: Optional[PathLike] = None,
) -> pa.Table:
    """Ties between every pair of ``countries`` per dyad-year (``multipolar ties``).

    ``channel``: ``alliances`` (ATOP portfolio similarity, FPSIM measures),
    ``trade`` (COW), ``arms`` (SIPRI TIV; ``window`` years for shares), ``igo``
    (shared memberships) or ``geography`` (contiguity; ``mindist`` = your CShapes
    file).
    """
    return _call(
        "ties",
        data_dir,
        dict(
            countries=_list(countries),
            channel=channel,
            start=start,
            end=end,
            measure=_list(measure),
            window=window,
            cow_alliances=cow_alliances,
            mindist=mindist,
        ),
    )


def dependence(
    country: str,
    on: Countries,
    *,
    channel: str = "trade",
    start: Optional[int] = None,
    end: Optional[int] = None,
    window: int = 1,
    data_dir: Optional[PathLike] = None,
) -> pa.Table:
    """A state's dependence on the partners ``on`` per year, with its partner
    concentration (HHI, effective partners, top share) (``multipolar dependence``).

    ``channel``: ``trade``, ``arms`` (``window`` years of SIPRI deliveries) or
    ``igo``.
    """
    return _call(
        "dependence",
        data_dir,
        dict(
            country=country,
            on=_list(on),
            channel=channel,
            start=start,
            end=end,
            window=window,
        ),
    )


def ideal(
    countries: Optional[Countries] = None,
    *,
    start: Optional[int] = None,
    end: Optional[int] = None,
    window: bool = False,
    issue: Optional[Sequence[str]] = None,
    important: bool = False,
    bootstrap: int = 0,
    level: float = 90.0,
    seed: int = 42,
    data_dir: Optional[PathLike] = None,
) -> pa.Table:
    """Bailey–Strezhnev–Voeten dynamic ideal points per country and session
    (``multipolar ideal``), with posterior sd and 5 %/95 % quantiles.

    By default the rows of the full 1946– fit (cached in the data directory after
    the first call, about a minute), so the figures are those BSV publish;
    ``window=True`` fits the period alone.
    """
    return _call(
        "ideal",
        data_dir,
        dict(
            countries=_list(countries),
            start=start,
            end=end,
            window=window,
            issue=_list(issue),
            important=important,
            bootstrap=bootstrap,
            level=level,
            seed=seed,
        ),
    )


@dataclass
class Profile:
    """A state's profile between the poles (``multipolar profile``).

    ``data`` is the whole JSON document of ``multipolar profile --format json``
    (every number, with ``data["conventions"]``); the attributes and methods are
    views of it.
    """

    data: dict = field(repr=False)

    @property
    def _p(self) -> dict:
        return self.data["profile"]

    @property
    def state(self) -> str:
        return self._p["state"]

    @property
    def name(self) -> str:
        return self._p["name"]

    @property
    def years(self) -> list:
        return self._p["years"]

    @property
    def poles(self) -> list:
        """Pole ids, in order."""
        return [p["id"] for p in self._p["poles"]]

    @property
    def channels(self) -> list:
        """Channel ids with data (``un_kappa``, ``arms``, …)."""
        return [c["channel"] for c in self._p["channels"]]

    def series(self, channel: str, what: str = "values") -> pa.Table:
        """One channel per year: ``year`` and a column per pole. ``what``:
        ``values`` (the channel's measure), ``lean``, or ``counts`` (event
        channels)."""
        ch = next((c for c in self._p["channels"] if c["channel"] == channel), None)
        if ch is None:
            raise UsageError(
                f"no channel {channel!r} in this profile; it has {', '.join(self.channels)}"
            )
        cols = {"year": self.years}
        for i, pole in enumerate(self.poles):
            # The JSON holds one series per pole, one value per year.
            cols[pole] = ch[what][i] if ch[what] else [None] * len(self.years)
        meta = {"channel": channel, "measure": ch["measure"], "source": ch["source"]}
        return pa.table(cols).replace_schema_metadata(meta)

    def recent(self) -> pa.Table:
        """Where the state stands over the recent years: one row per channel and
        pole with value, closeness and lean, and the channel's stance."""
        rows = {k: [] for k in ("channel", "years", "pole", "value", "closeness", "lean", "hedging", "stance")}
        for r in self._p["recent"]:
            years = r["years"]
            for i, pole in enumerate(self.poles):
                rows["channel"].append(r["channel"])
                rows["years"].append(None if years is None else f"{years[0]}–{years[1]}")
                rows["pole"].append(pole)
                rows["value"].append(r["values"][i])
                rows["closeness"].append(r["closeness"][i])
                rows["lean"].append(r["lean"][i])
                rows["hedging"].append(r["hedging"])
                rows["stance"].append(r["stance"])
        return pa.table(rows)

    def coverage(self) -> pa.Table:
        """Where each channel's data run within the period: channel, source, first
        and last year; and, in ``dropped()``, the years left out for too little data."""
        keys = ("channel", "source", "from", "to")
        return pa.table({k: [c.get(k) for c in self._p["coverage"]] for k in keys})

    def dropped(self) -> pa.Table:
        """Years left out of a channel's series for too little data, with why."""
        keys = ("channel", "year", "reason")
        return pa.table({k: [d.get(k) for d in self._p["dropped"]] for k in keys})

    def shifts(self) -> pa.Table:
        """The detected shifts: channel, pole, year, before, after, size."""
        keys = ("channel", "pole", "year", "before", "after", "size", "agenda")
        return pa.table({k: [s.get(k) for s in self._p["shifts"]] for k in keys})


def profile(
    country: str,
    *,
    start: Optional[int] = None,
    end: Optional[int] = None,
    poles: Sequence[str] = ("USA", "EU", "CHN", "RUS"),
    groups: Optional[PathLike] = None,
    no_ideal: bool = False,
    data_dir: Optional[PathLike] = None,
) -> Profile:
    """A state's position between ``poles`` (states or groups: EU, NATO, BRICS, or
    yours from ``groups``, a CSV ``group,name,country,from,to``) by channel, with
    hedging, diversification, dependence and shifts (``multipolar profile``)."""
    return Profile(
        _call(
            "profile",
            data_dir,
            dict(
                country=country,
                start=start,
                end=end,
                poles=_list(poles),
                groups=groups,
                no_ideal=no_ideal,
            ),
        )
    )


def system(
    year: Optional[int] = None,
    *,
    start: Optional[int] = None,
    end: Optional[int] = None,
    resolution: float = 1.0,
    brokers: int = 5,
    data_dir: Optional[PathLike] = None,
) -> pa.Table:
    """The system per year: UN voting blocs (signed Louvain on κ), their brokers and
    polarity (``multipolar system``). Give ``year``, or ``start`` and ``end``."""
    return _call(
        "system",
        data_dir,
        dict(year=year, start=start, end=end, resolution=resolution, brokers=brokers),
    )


def polarity(
    *,
    start: Optional[int] = None,
    end: Optional[int] = None,
    data_dir: Optional[PathLike] = None,
) -> pa.Table:
    """Ray & Singer's CON and the effective number of poles over the COW major
    powers' CINC per year (``multipolar polarity``)."""
    return _call("polarity", data_dir, dict(start=start, end=end))


def events(
    a: str,
    b: str,
    *,
    start: Optional[str] = None,
    end: Optional[str] = None,
    by: str = "month",
    channel: Optional[str] = None,
    weight: str = "events",
    data_dir: Optional[PathLike] = None,
) -> pa.Table:
    """Cooperation and conflict between two states, both directions, per day, week
    or month, from the imported event data (``multipolar events``). Dates are
    ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``. Needs a package built with the event
    store (``MATURIN_PEP517_ARGS="--features events" pip install ./python``; it adds
    Apache DataFusion to the build)."""
    return _call(
        "events",
        data_dir,
        dict(
            countries=[a, b],
            start=None if start is None else str(start),
            end=None if end is None else str(end),
            by=by,
            channel=channel,
            weight=weight,
        ),
    )


def code(text: str, *, id: str = "text", date: Optional[str] = None) -> pa.Table:
    """News text to who-did-what-to-whom event records (``multipolar code``,
    dictionary mode): one row per event with its sentence, source and target actor
    codes (country and sector split), CAMEO code, PLOVER type and mode, Goldstein
    (ICEWS values), quad class, topics and the matched pattern. ``date``
    (``YYYY-MM-DD``) dates the story for date-restricted actor codes.

    >>> import multipolar as mp
    >>> t = mp.code("Morocco's security chief visited Moscow.")
    >>> t.column("cameo").to_pylist(), t.column("target_country").to_pylist()
    (['042'], ['RUS'])
    """
    return _call("code", None, dict(text=text, id=id, date=date))


def country(query: str, *, year: Optional[int] = None) -> pa.Table:
    """Every code an entity has had, with dates, and its membership spells
    (``multipolar country``); ``year`` resolves historical codes (DEU in 1980 is
    West Germany)."""
    return _call("countries", None, dict(query=query, year=year))


def countries() -> pa.Table:
    """Every entity of the country registry with its codes and COW membership."""
    return _call("countries", None, {})


def measures() -> pa.Table:
    """Every alignment measure with the published source it reproduces."""
    return _call("measures", None, {})
