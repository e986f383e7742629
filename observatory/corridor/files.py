"""Read and check the data files of one corridor folder; every fault raises a CorridorError."""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass
from pathlib import Path

from observatory.corridor import AdminUnit, BorderPoint, Country, Sector

REQUIRED_FILES = (
    "corridor.json",
    "admin1.csv",
    "border_points.csv",
    "sectors.csv",
    "boundaries.geojson",
)
ALIASES_FILE = "admin1_aliases.csv"  # optional: a pair may need no alternative codes or names
ALIAS_SEPARATOR = "|"  # inside one CSV cell; `;` and `,` occur in real names
ALIAS_KINDS = ("code", "name")  # a code resolves whatever country a field is read against
_FLAGS = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}


class CorridorError(ValueError):
    """A corridor folder that cannot be used; the message names the file, line and fault."""


@dataclass(frozen=True)
class CorridorFiles:
    """The checked contents of a corridor folder, before any index is built."""

    code: str
    origin: Country
    destination: Country
    country_aliases: dict[str, tuple[str, ...]]  # ISO-2 -> other names of the country
    admin1: tuple[AdminUnit, ...]
    admin1_aliases: tuple[tuple[str, str, str], ...]  # (unit code, kind, alias)
    border_points: tuple[tuple[BorderPoint, tuple[str, ...]], ...]
    sectors: tuple[tuple[Sector, tuple[str, ...]], ...]


class _Table:
    """Rows of one CSV file, with helpers whose errors say where the bad value is."""

    def __init__(self, folder: Path, filename: str, columns: tuple[str, ...]) -> None:
        self.where = f"{folder.name}/{filename}"
        with (folder / filename).open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or ())]
            if missing:
                raise CorridorError(f"{self.where}: missing column(s) {', '.join(missing)}")
            # Line numbers count the header as line 1, as an editor shows them.
            self.rows = [
                (n, {k: (v or "").strip() for k, v in row.items() if k is not None})
                for n, row in enumerate(reader, start=2)
                if any((v or "").strip() for v in row.values() if isinstance(v, str))
            ]

    def fail(self, line: int, problem: str) -> CorridorError:
        return CorridorError(f"{self.where} line {line}: {problem}")

    def text(self, line: int, row: dict[str, str], column: str) -> str:
        if not row[column]:
            raise self.fail(line, f"{column} is empty")
        return row[column]

    def number(self, line: int, row: dict[str, str], column: str, limit: float) -> float:
        try:
            value = float(self.text(line, row, column))
        except ValueError:
            raise self.fail(line, f"{column} {row[column]!r} is not a number") from None
        if not math.isfinite(value) or abs(value) > limit:
            raise self.fail(line, f"{column} {value} is out of range")
        return value

    def flag(self, line: int, row: dict[str, str], column: str) -> bool:
        value = self.text(line, row, column).lower()
        if value not in _FLAGS:
            raise self.fail(line, f"{column} {row[column]!r} is not yes/no")
        return _FLAGS[value]

    def aliases(self, row: dict[str, str]) -> tuple[str, ...]:
        return tuple(a.strip() for a in row.get("aliases", "").split(ALIAS_SEPARATOR) if a.strip())


def _country(where: str, role: str, data: object) -> tuple[Country, tuple[str, ...]]:
    fields = ("iso2", "iso3", "name_es", "name_en", "currency")
    if not isinstance(data, dict) or any(not isinstance(data.get(f), str) for f in fields):
        raise CorridorError(f"{where}: {role} needs the text fields {', '.join(fields)}")
    values = {f: data[f].strip() for f in fields}
    shapes = {"iso2": 2, "iso3": 3, "currency": 3}
    for field, size in shapes.items():
        if len(values[field]) != size or not values[field].isalpha() or not values[field].isupper():
            raise CorridorError(f"{where}: {role}.{field} {values[field]!r} is not {size} capitals")
    aliases = data.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise CorridorError(f"{where}: {role}.aliases must be a list of names")
    country = Country(
        iso2=values["iso2"],
        name_es=values["name_es"],
        name_en=values["name_en"],
        currency=values["currency"],
        iso3=values["iso3"],
    )
    return country, tuple(aliases)


def _pair(folder: Path) -> tuple[str, dict[str, tuple[Country, tuple[str, ...]]]]:
    where = f"{folder.name}/corridor.json"
    try:
        data = json.loads((folder / "corridor.json").read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise CorridorError(f"{where}: not valid JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("code"), str) or not data["code"]:
        raise CorridorError(f"{where}: needs a text field 'code' such as \"GT-MX\"")
    pair = {role: _country(where, role, data.get(role)) for role in ("origin", "destination")}
    if pair["origin"][0].iso2 == pair["destination"][0].iso2:
        raise CorridorError(f"{where}: origin and destination are the same country")
    return data["code"], pair


def _admin1(folder: Path, countries: tuple[str, str]) -> tuple[AdminUnit, ...]:
    table = _Table(folder, "admin1.csv", ("code", "country", "stats_code", "name", "lon", "lat"))
    units: dict[str, AdminUnit] = {}
    stats: set[tuple[str, str]] = set()
    for line, row in table.rows:
        code, country = table.text(line, row, "code"), table.text(line, row, "country")
        stats_code = table.text(line, row, "stats_code")
        if country not in countries:
            raise table.fail(line, f"country {country!r} is not one of {', '.join(countries)}")
        if not code.startswith(f"{country}-"):
            raise table.fail(line, f"code {code!r} does not start with {country}-")
        if code in units:
            raise table.fail(line, f"duplicate code {code}")
        if not stats_code.isdigit() or (country, stats_code.lstrip("0")) in stats:
            raise table.fail(line, f"stats_code {stats_code!r} is not a new number for {country}")
        stats.add((country, stats_code.lstrip("0")))
        lon = table.number(line, row, "lon", 180)
        lat = table.number(line, row, "lat", 90)
        name = table.text(line, row, "name")
        units[code] = AdminUnit(code, country, name, stats_code, lon, lat)
    if not units:
        raise CorridorError(f"{table.where}: no admin-1 units")
    return tuple(units.values())


def _admin1_aliases(folder: Path, units: dict[str, AdminUnit]) -> tuple[tuple[str, str, str], ...]:
    if not (folder / ALIASES_FILE).exists():
        return ()
    table = _Table(folder, ALIASES_FILE, ("code", "kind", "alias"))
    prefixes = tuple(sorted({f"{u.country}-" for u in units.values()}))
    aliases = []
    for line, row in table.rows:
        code, kind = table.text(line, row, "code"), table.text(line, row, "kind")
        alias = table.text(line, row, "alias")
        if code not in units:
            raise table.fail(line, f"unknown unit {code}")
        if kind not in ALIAS_KINDS:
            raise table.fail(line, f"kind {kind!r} is not one of {', '.join(ALIAS_KINDS)}")
        if kind == "code" and not alias.startswith(prefixes):
            raise table.fail(line, f"code {alias!r} does not start with {' or '.join(prefixes)}")
        aliases.append((code, kind, alias))
    return tuple(aliases)


def _border_points(folder: Path, units: dict[str, AdminUnit], pair: tuple[str, str]):
    columns = ("code", "name_origin", "name_destination", "origin_admin1", "destination_admin1")
    table = _Table(folder, "border_points.csv", (*columns, "lon", "lat", "labour_office"))
    points: dict[str, tuple[BorderPoint, tuple[str, ...]]] = {}
    for line, row in table.rows:
        code = table.text(line, row, "code")
        origin = table.text(line, row, "origin_admin1")
        destination = table.text(line, row, "destination_admin1")
        if code in points:
            raise table.fail(line, f"duplicate code {code}")
        for field, value, country in (
            ("origin", origin, pair[0]),
            ("destination", destination, pair[1]),
        ):
            if value not in units or units[value].country != country:
                raise table.fail(line, f"{field}_admin1 {value!r} is not a unit of {country}")
        point = BorderPoint(
            code=code,
            name_origin=table.text(line, row, "name_origin"),
            name_destination=table.text(line, row, "name_destination"),
            origin_admin1=origin,
            destination_admin1=destination,
            lon=table.number(line, row, "lon", 180),
            lat=table.number(line, row, "lat", 90),
            labour_office=table.flag(line, row, "labour_office"),
        )
        points[code] = (point, table.aliases(row))
    return tuple(points.values())


def _sectors(folder: Path) -> tuple[tuple[Sector, tuple[str, ...]], ...]:
    table = _Table(folder, "sectors.csv", ("code", "label_es", "label_en"))
    sectors: dict[str, tuple[Sector, tuple[str, ...]]] = {}
    for line, row in table.rows:
        code, label_es, label_en = (
            table.text(line, row, c) for c in ("code", "label_es", "label_en")
        )
        if code in sectors:
            raise table.fail(line, f"sector code {code} is repeated")
        sectors[code] = (Sector(code, label_es, label_en), table.aliases(row))
    if not sectors:
        raise CorridorError(f"{table.where}: no sectors")
    return tuple(sectors.values())


def read_folder(folder: Path) -> CorridorFiles:
    """Read every data file of a corridor folder and check each row against the others."""
    if not folder.is_dir():
        raise CorridorError(f"no corridor folder at {folder}")
    missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
    if missing:
        raise CorridorError(f"corridor folder {folder.name}: missing file(s) {', '.join(missing)}")
    code, pair = _pair(folder)
    (origin, origin_aliases), (destination, destination_aliases) = pair.values()
    admin1 = _admin1(folder, (origin.iso2, destination.iso2))
    units = {u.code: u for u in admin1}
    return CorridorFiles(
        code=code,
        origin=origin,
        destination=destination,
        country_aliases={origin.iso2: origin_aliases, destination.iso2: destination_aliases},
        admin1=admin1,
        admin1_aliases=_admin1_aliases(folder, units),
        border_points=_border_points(folder, units, (origin.iso2, destination.iso2)),
        sectors=_sectors(folder),
    )
