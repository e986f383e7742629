"""Filter: one immutable selection of registrations, to and from URL parameters and cache keys."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from observatory.definitions import AGE_GROUP_CODES

if TYPE_CHECKING:
    from observatory.corridor import Corridor

SEXES = ("F", "M")
DIRECTIONS = ("exit", "return")

# URL parameter name of each tuple field, in the order they appear in a query string.
_PARAM_OF_FIELD = {
    "sex": "sex",
    "age_group": "age",
    "sector": "sector",
    "origin": "origin",
    "destination": "destination",
    "border_point": "border",
    "direction": "direction",
    "recruiter": "recruiter",
}
_ADMIN1_CODE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")  # ISO 3166-2: "GT-12", "MX-CHP"
_SLUG = re.compile(r"^[a-z0-9_]{1,32}$")  # sector and border-point codes: "sugar_cane"
# Recruiter licence numbers as the ETL stores them: upper case, no white space ("GT-REC-0001").
_LICENCE = re.compile(r"^[A-Z0-9][A-Z0-9./_-]{0,63}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
# A raw "+" in a query string decodes to a space, so "age=55+" arrives as "55 ": accept it.
_AGE_ALIASES = {"55": "55+"}


class FilterError(ValueError):
    """An invalid filter value; the message names the URL parameter and the value."""

    def __init__(self, param: str, value: object, reason: str = "invalid value") -> None:
        self.param = param
        self.value = value
        super().__init__(f"{param}: {reason}: {value!r}")


def _as_tuple(value: object) -> tuple[str, ...]:
    # A lone string is one code (tuple("F") would work by accident, tuple("GT-12") would not).
    if isinstance(value, str):
        return (value,)
    return tuple(value)  # type: ignore[arg-type]


def _check_vocabulary(param: str, values: Iterable[str], allowed: Iterable[str]) -> None:
    allowed_set = set(allowed)
    for value in values:
        if value not in allowed_set:
            raise FilterError(param, value, "unknown code")


def _check_pattern(param: str, values: Iterable[str], pattern: re.Pattern[str]) -> None:
    for value in values:
        if not isinstance(value, str) or not pattern.match(value):
            raise FilterError(param, value, "malformed code")


@dataclass(frozen=True)
class Filter:
    """Which registrations an indicator counts; empty tuples and None mean "all"."""

    period_start: dt.date | None = None  # inclusive, on registered_on
    period_end: dt.date | None = None  # inclusive
    sex: tuple[str, ...] = ()  # subset of ("F", "M")
    age_group: tuple[str, ...] = ()  # AGE_GROUP_CODES
    sector: tuple[str, ...] = ()  # sector codes
    origin: tuple[str, ...] = ()  # origin admin-1 ISO 3166-2 codes
    destination: tuple[str, ...] = ()  # destination admin-1 ISO 3166-2 codes
    border_point: tuple[str, ...] = ()  # border point codes (registration.office_code)
    direction: tuple[str, ...] = ()  # subset of ("exit", "return")
    recruiter: tuple[str, ...] = ()  # recruiter licence numbers (registration/contract licence)

    def __post_init__(self) -> None:
        # Sorted and de-duplicated so that equal selections are equal values with one cache key.
        for name in _PARAM_OF_FIELD:
            object.__setattr__(self, name, tuple(sorted(set(_as_tuple(getattr(self, name))))))
        for name, param in (("period_start", "from"), ("period_end", "to")):
            value = getattr(self, name)
            if value is not None and (
                not isinstance(value, dt.date) or isinstance(value, dt.datetime)
            ):
                raise FilterError(param, value, "not a date")
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise FilterError("from", self.period_start.isoformat(), "after `to`")
        # Closed vocabularies are checked here; corridor codes in from_query(corridor=...).
        _check_vocabulary("sex", self.sex, SEXES)
        _check_vocabulary("age", self.age_group, AGE_GROUP_CODES)
        _check_vocabulary("direction", self.direction, DIRECTIONS)
        _check_pattern("sector", self.sector, _SLUG)
        _check_pattern("border", self.border_point, _SLUG)
        _check_pattern("origin", self.origin, _ADMIN1_CODE)
        _check_pattern("destination", self.destination, _ADMIN1_CODE)
        _check_pattern("recruiter", self.recruiter, _LICENCE)

    def to_query(self) -> dict[str, str]:
        """URL parameters (from, to, sex, age, sector, origin, destination, border, direction,
        recruiter).

        Lists are comma-separated; empty fields are omitted.
        """
        query: dict[str, str] = {}
        if self.period_start is not None:
            query["from"] = self.period_start.isoformat()
        if self.period_end is not None:
            query["to"] = self.period_end.isoformat()
        for name, param in _PARAM_OF_FIELD.items():
            values = getattr(self, name)
            if values:
                query[param] = ",".join(values)
        return query

    @classmethod
    def from_query(
        cls,
        params: Mapping[str, str | Sequence[str]],
        corridor: Corridor | None = None,
    ) -> Filter:
        """The Filter that `params` (URL parameters, as from `to_query`) describe.

        Unknown parameter names are ignored (`lang=en`). A value may be a comma-separated
        string or a list of them; blanks are skipped. `from`/`to` also accept a month
        (`2024-03`: its first / last day). Invalid values raise FilterError; with a
        corridor, sector, admin-1 and border-point codes must be the corridor's.
        """
        values = {param: _split(params.get(param)) for param in _PARAM_OF_FIELD.values()}
        flt = cls(
            period_start=_parse_day("from", params.get("from"), end=False),
            period_end=_parse_day("to", params.get("to"), end=True),
            sex=tuple(v.upper() for v in values["sex"]),
            age_group=tuple(_AGE_ALIASES.get(v, v) for v in values["age"]),
            sector=tuple(v.lower() for v in values["sector"]),
            origin=tuple(v.upper() for v in values["origin"]),
            destination=tuple(v.upper() for v in values["destination"]),
            border_point=tuple(v.lower() for v in values["border"]),
            direction=tuple(v.lower() for v in values["direction"]),
            # Licences are stored upper-cased (etl.parse); a licence unknown to the registry
            # is still a valid selection (unregistered recruiters place workers too).
            recruiter=tuple(v.upper() for v in values["recruiter"]),
        )
        if corridor is not None:
            flt.check_codes(corridor)
        return flt

    def check_codes(self, corridor: Corridor) -> None:
        """Raise FilterError when a sector, admin-1 unit or border point is not the corridor's."""
        checks: tuple[tuple[str, tuple[str, ...], Callable[[], Iterable[str]]], ...] = (
            ("sector", self.sector, lambda: (s.code for s in corridor.sectors)),
            (
                "origin",
                self.origin,
                lambda: (u.code for u in corridor.units_of(corridor.origin.iso2)),
            ),
            (
                "destination",
                self.destination,
                lambda: (u.code for u in corridor.units_of(corridor.destination.iso2)),
            ),
            ("border", self.border_point, lambda: (b.code for b in corridor.border_points)),
        )
        for param, chosen, known in checks:
            if chosen:
                _check_vocabulary(param, chosen, known())

    def cache_key(self) -> str:
        """Canonical text of the filter, e.g. "border=tecun_uman&from=2024-01-01&sex=F"."""
        return "&".join(f"{k}={v}" for k, v in sorted(self.to_query().items()))

    def is_empty(self) -> bool:
        """True when the filter selects every registration."""
        return all(getattr(self, f.name) in (None, ()) for f in fields(self))


def _split(raw: str | Sequence[str] | None) -> tuple[str, ...]:
    if raw is None:
        return ()
    items = [raw] if isinstance(raw, str) else list(raw)
    out: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise FilterError("query", item, "not text")
        out.extend(part.strip() for part in item.split(",") if part.strip())
    return tuple(out)


def _parse_day(param: str, raw: str | Sequence[str] | None, *, end: bool) -> dt.date | None:
    parts = _split(raw)
    if not parts:
        return None
    if len(parts) > 1:
        raise FilterError(param, ",".join(parts), "one date expected")
    text = parts[0]
    try:
        if _DAY.match(text):
            return dt.date.fromisoformat(text)
        if _MONTH.match(text):
            year, month = int(text[:4]), int(text[5:])
            day = calendar.monthrange(year, month)[1] if end else 1
            return dt.date(year, month, day)
    except ValueError as exc:  # a well-formed but impossible date: 2024-02-30, 2024-13
        raise FilterError(param, text, "not a date") from exc
    raise FilterError(param, text, "not a date (YYYY-MM-DD)")
