"""The Corridor: one country pair read from its data folder, with dict-based resolvers."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Hashable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from observatory.corridor import DATA_DIR, AdminUnit, BorderPoint, Country, Sector
from observatory.corridor.files import CorridorError, CorridorFiles, read_folder
from observatory.corridor.money_tables import MoneyTables, read_money
from observatory.text import fold

if TYPE_CHECKING:
    import geopandas

T = TypeVar("T")

# "gt 09" and "gt 9" are one ISO code: numeric code parts compare without leading zeros.
_NUMERIC_CODE = re.compile(r"^([a-z]{2}) 0*(\d+)$")


def _code_key(folded: str) -> str:
    match = _NUMERIC_CODE.match(folded)
    return f"{match.group(1)} {match.group(2)}" if match else folded


def _index(entries: Iterable[tuple[Hashable, T]], what: str, where: str) -> dict[Hashable, T]:
    """A lookup dict; a key that would name two different things is a data error, not a guess."""
    index: dict[Hashable, T] = {}
    for key, target in entries:
        if index.setdefault(key, target) != target:
            first, second = _label(index[key]), _label(target)
            shown = key[-1] if isinstance(key, tuple) else key  # (country, name) keys
            raise CorridorError(f"{where}: {what} {shown!r} names both {first} and {second}")
    return index


def _label(item: object) -> str:
    """How an error names a unit, point, sector (by code) or country (by ISO-2)."""
    return getattr(item, "code", None) or getattr(item, "iso2", repr(item))


class Corridor:
    """A country pair: its countries, admin-1 units, border points, sectors and boundaries."""

    def __init__(self, path: Path, files: CorridorFiles) -> None:
        self.path = path
        self.name = path.name
        self.code = files.code
        self.origin = files.origin
        self.destination = files.destination
        self.admin1 = files.admin1
        self.border_points = tuple(point for point, _ in files.border_points)
        self.sectors = tuple(sector for sector, _ in files.sectors)
        here = self.name
        self._countries = _index(
            (
                (fold(name), country)
                for country in self.countries()
                for name in (country.iso2, country.iso3, country.name_es, country.name_en)
                + files.country_aliases[country.iso2]
            ),
            "country name",
            f"{here}/corridor.json",
        )
        self._units = {unit.code: unit for unit in self.admin1}
        aliases = files.admin1_aliases
        self._unit_codes = _index(
            [(_code_key(fold(u.code)), u) for u in self.admin1]
            + [(_code_key(fold(a)), self._units[c]) for c, kind, a in aliases if kind == "code"],
            "admin-1 code",
            f"{here}/admin1_aliases.csv",
        )
        # Statistics codes were checked unique per country when read: a plain dict will do.
        self._unit_stats = {(u.country, u.stats_code.lstrip("0")): u for u in self.admin1}
        self._unit_names = _index(
            [((u.country, fold(u.name)), u) for u in self.admin1]
            + [
                ((self._units[c].country, fold(a)), self._units[c])
                for c, kind, a in aliases
                if kind == "name"
            ],
            "admin-1 name",
            f"{here}/admin1.csv + admin1_aliases.csv",
        )
        self._border_points = _index(
            (
                (fold(name), point)
                for point, extra in files.border_points
                for name in (point.code, point.name_origin, point.name_destination, *extra)
            ),
            "border-point name",
            f"{here}/border_points.csv",
        )
        self._sectors = _index(
            (
                (fold(name), sector)
                for sector, extra in files.sectors
                for name in (sector.code, sector.label_es, sector.label_en, *extra)
            ),
            "sector name",
            f"{here}/sectors.csv",
        )

    def __repr__(self) -> str:
        return f"<Corridor {self.code} from {self.path}>"

    def countries(self) -> tuple[Country, Country]:
        """(origin, destination)."""
        return (self.origin, self.destination)

    def country(self, value: str) -> Country | None:
        """The country named by an ISO-2/ISO-3 code or a name (any case or accents), else None."""
        return self._countries.get(fold(value)) if value else None

    def _iso2(self, country: str) -> str:
        found = self.country(country)
        if found is None:
            raise ValueError(f"{country!r} is not a country of the corridor {self.code}")
        return found.iso2

    def admin1_unit(self, value: str, country: str) -> AdminUnit | None:
        """Resolve an admin-1 value read against `country` (ISO-2 of the field); None if unknown.

        Codes carrying a corridor country's ISO prefix ("GT-12", "GT-SM", "MX-CHP") resolve
        whatever `country` is: the caller decides whether the other country is allowed.
        Bare statistics codes ("07", "7") and names are read against `country` only.
        """
        key = fold(value) if value else ""
        if not key:
            return None
        unit = self._unit_codes.get(_code_key(key))
        if unit is not None:
            return unit
        iso2 = self._iso2(country)
        if key.isdigit():
            return self._unit_stats.get((iso2, key.lstrip("0")))
        return self._unit_names.get((iso2, key))

    def unit(self, code: str) -> AdminUnit:
        """The unit with this current ISO 3166-2 code; KeyError if there is none."""
        return self._units[code.strip().upper()]

    def units_of(self, country: str) -> tuple[AdminUnit, ...]:
        """The admin-1 units of one of the two countries, in file order."""
        iso2 = self._iso2(country)
        return tuple(unit for unit in self.admin1 if unit.country == iso2)

    def border_point(self, value: str) -> BorderPoint | None:
        """The crossing named by its code or any of its names on either side; None if unknown."""
        return self._border_points.get(fold(value)) if value else None

    def sector(self, value: str) -> Sector | None:
        """The sector named by its code, Spanish or English label, or an alias; None if unknown."""
        return self._sectors.get(fold(value)) if value else None

    @functools.cached_property
    def money(self) -> MoneyTables:
        """Minimum wages, their zones and kinds, and exchange rates; read on first use.

        A corridor folder without money files still loads: CorridorError comes only here.
        """
        return read_money(
            self.path,
            currencies={country.iso2: country.currency for country in self.countries()},
            units={unit.code: unit.country for unit in self.admin1},
            sectors={sector.code for sector in self.sectors},
        )

    @functools.cached_property
    def _boundaries_text(self) -> str:
        path = self.path / "boundaries.geojson"
        text = path.read_text(encoding="utf-8")
        try:
            features = json.loads(text)["features"]
            ids = [feature["id"] for feature in features]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise CorridorError(
                f"{self.name}/boundaries.geojson: not a FeatureCollection "
                f"whose features carry an id ({exc!r})"
            ) from None
        if sorted(ids) != sorted(self._units):
            odd = sorted(set(ids) ^ set(self._units)) or "repeated ids"
            raise CorridorError(
                f"{self.name}/boundaries.geojson: ids differ from admin1.csv: {odd}"
            )
        return text

    def boundaries_geojson(self) -> dict:
        """Both countries' admin-1 units as a FeatureCollection (a fresh dict on every call).

        Feature "id" and properties["code"] are the ISO 3166-2 code; exterior rings are wound
        clockwise so that plotly's `choropleth` and `choroplethmap` both fill the unit.
        """
        return json.loads(self._boundaries_text)

    def boundaries_frame(self) -> geopandas.GeoDataFrame:
        """The boundaries as a GeoDataFrame (columns code, name, country, geometry; EPSG:4326)."""
        import geopandas  # heavy, and only the maps need it: the ETL never pays for it

        self._boundaries_text  # noqa: B018 -- checks the ids once before anyone maps them
        frame = geopandas.read_file(self.path / "boundaries.geojson")
        return frame[["code", "name", "country", "geometry"]]


def _folder(name_or_path: str | Path) -> Path:
    text = str(name_or_path)
    is_name = isinstance(name_or_path, str) and "/" not in text and "\\" not in text
    if is_name and not text.startswith("."):
        return (DATA_DIR / text).resolve()
    return Path(name_or_path).expanduser().resolve()


@functools.lru_cache(maxsize=32)
def _load(folder: Path) -> Corridor:
    return Corridor(folder, read_folder(folder))


def load_corridor(name_or_path: str | Path = "gt_mx") -> Corridor:
    """The corridor in observatory/corridor/data/<name>/, or in the folder at a path.

    Cached by resolved path, so every caller shares one Corridor; raises CorridorError, with
    the file, line and fault, for a folder that is missing or malformed.
    """
    return _load(_folder(name_or_path))
