"""A corridor's money files: minimum wages, their zones and kinds, and exchange rates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from observatory.corridor.files import CorridorError, _Table

RATES_FILE = "exchange_rates.csv"
WAGES_FILE = "minimum_wages.csv"
# Only these two are needed: without a zones or kinds file no minimum wage applies (None).
MONEY_FILES = (RATES_FILE, WAGES_FILE)
ZONES_FILE = "minimum_wage_zones.csv"
KINDS_FILE = "minimum_wage_kinds.csv"
ANY = "*"  # zones and kinds files: every unit or sector of the country without a row of its own
PIVOT = "USD"  # every rate is units per US dollar; other pairs convert through it
_YEARS = (1900, 2100)


class MoneyTables:
    """The checked money tables of one corridor; lookups by plain values, never guesses."""

    def __init__(
        self,
        rates: dict[tuple[str, int], float],
        wages: dict[tuple[str, int, str, str], float],
        zones: dict[tuple[str, str], list[tuple[int, str]]],
        kinds: dict[tuple[str, str], str],
    ) -> None:
        self._rates = rates  # (currency, year) -> units per USD
        self._wages = wages  # (country, year, kind, zone) -> daily amount, national currency
        self._zones = {key: sorted(rows) for key, rows in zones.items()}  # by from_year
        self._kinds = kinds  # (country, sector code or ANY) -> kind
        self._years: dict[str, list[int]] = {}
        for currency, year in sorted(rates):
            self._years.setdefault(currency, []).append(year)
        self.currencies = frozenset(self._years) | {PIVOT}

    def units_per_usd(self, currency: str, year: int) -> float:
        """Units of `currency` per US dollar, the average of `year`.

        A year after the last one in the table takes the last year's rate (the newest known
        average stands in until the table is updated); a year before the first one, or a
        currency the table does not have, raises ValueError.
        """
        if currency == PIVOT:
            return 1.0
        years = self._years.get(currency)
        if years is None:
            known = ", ".join(sorted(self.currencies))
            raise ValueError(f"no exchange rate for currency {currency!r} (known: {known})")
        if year < years[0]:
            raise ValueError(f"no {currency} rate for {year}: the table starts in {years[0]}")
        return self._rates[(currency, min(year, years[-1]))]

    def minimum_wage(self, country: str, year: int, kind: str, zone: str) -> float | None:
        """The daily minimum wage in the country's currency, or None when the table has none.

        No fallback to another year: minimum wages change every year, a stale one would mislead.
        """
        return self._wages.get((country, year, kind, zone))

    def zone(self, country: str, admin1: str, year: int) -> str | None:
        """The minimum-wage zone of an admin-1 unit in a year: the unit's own row in force, else
        the country's default row (admin1 `*`) in force, else None."""
        for key in ((country, admin1), (country, ANY)):
            in_force = [zone for first, zone in self._zones.get(key, ()) if first <= year]
            if in_force:
                return in_force[-1]
        return None

    def kind(self, country: str, sector: str) -> str | None:
        """The kind of minimum wage that applies to a sector: its own row, else the country's."""
        return self._kinds.get((country, sector)) or self._kinds.get((country, ANY))


def _year(table: _Table, line: int, row: dict[str, str], column: str) -> int:
    text = table.text(line, row, column)
    if not text.isdigit() or not _YEARS[0] <= int(text) <= _YEARS[1]:
        raise table.fail(line, f"{column} {text!r} is not a year")
    return int(text)


def _rates(folder: Path, needed: set[str]) -> dict[tuple[str, int], float]:
    table = _Table(folder, RATES_FILE, ("year", "currency", "units_per_usd", "source"))
    rates: dict[tuple[str, int], float] = {}
    for line, row in table.rows:
        year, currency = _year(table, line, row, "year"), table.text(line, row, "currency")
        units = table.number(line, row, "units_per_usd", 1e9)
        table.text(line, row, "source")  # every figure says where it comes from
        if len(currency) != 3 or not currency.isalpha() or not currency.isupper():
            raise table.fail(line, f"currency {currency!r} is not an ISO 4217 code")
        if (currency, year) in rates:
            raise table.fail(line, f"a second {currency} rate for {year}")
        if units <= 0 or (currency == PIVOT and units != 1):
            raise table.fail(line, f"units_per_usd {units} is impossible for {currency}")
        rates[(currency, year)] = units
    for currency in {c for c, _ in rates} | (needed - {PIVOT}):
        years = sorted(y for c, y in rates if c == currency)
        if not years:
            raise CorridorError(f"{table.where}: no rate for {currency}, a corridor currency")
        gaps = sorted(set(range(years[0], years[-1] + 1)) - set(years))
        if gaps:
            raise CorridorError(f"{table.where}: {currency} has no rate for {gaps}")
    return rates


def _wages(folder: Path, currencies: dict[str, str]) -> dict[tuple[str, int, str, str], float]:
    columns = ("country", "year", "kind", "zone", "daily_amount", "currency", "valid_from")
    table = _Table(folder, WAGES_FILE, (*columns, "source"))
    wages: dict[tuple[str, int, str, str], float] = {}
    for line, row in table.rows:
        country, year = table.text(line, row, "country"), _year(table, line, row, "year")
        kind, zone = table.text(line, row, "kind"), table.text(line, row, "zone")
        amount = table.number(line, row, "daily_amount", 1e9)
        table.text(line, row, "source")
        if country not in currencies:
            raise table.fail(line, f"country {country!r} is not one of {', '.join(currencies)}")
        if row["currency"] != currencies[country]:
            raise table.fail(line, f"currency {row['currency']!r} is not {currencies[country]}")
        try:
            valid_from = dt.date.fromisoformat(table.text(line, row, "valid_from"))
        except ValueError:
            raise table.fail(line, f"valid_from {row['valid_from']!r} is not a date") from None
        if valid_from.year != year or amount <= 0:
            raise table.fail(line, f"valid_from {valid_from} or amount {amount} does not fit")
        if (country, year, kind, zone) in wages:
            raise table.fail(line, f"a second row for {country} {year} {kind} {zone}")
        wages[(country, year, kind, zone)] = amount
    return wages


def _zones(
    folder: Path, units: dict[str, str], known: set[tuple[str, str]]
) -> dict[tuple[str, str], list[tuple[int, str]]]:
    zones: dict[tuple[str, str], list[tuple[int, str]]] = {}
    if not (folder / ZONES_FILE).exists():
        return zones
    table = _Table(folder, ZONES_FILE, ("country", "admin1", "zone", "from_year"))
    for line, row in table.rows:
        country, admin1 = table.text(line, row, "country"), table.text(line, row, "admin1")
        zone, first = table.text(line, row, "zone"), _year(table, line, row, "from_year")
        if admin1 != ANY and units.get(admin1) != country:
            raise table.fail(line, f"admin1 {admin1!r} is not a unit of {country}")
        if (country, zone) not in known:
            raise table.fail(line, f"zone {zone!r} has no minimum wage for {country}")
        if first in (year for year, _ in zones.get((country, admin1), ())):
            raise table.fail(line, f"a second zone for {country} {admin1} from {first}")
        zones.setdefault((country, admin1), []).append((first, zone))
    return zones


def _kinds(
    folder: Path, sectors: set[str], known: set[tuple[str, str]]
) -> dict[tuple[str, str], str]:
    kinds: dict[tuple[str, str], str] = {}
    if not (folder / KINDS_FILE).exists():
        return kinds
    table = _Table(folder, KINDS_FILE, ("country", "sector", "kind"))
    for line, row in table.rows:
        country, sector = table.text(line, row, "country"), table.text(line, row, "sector")
        kind = table.text(line, row, "kind")
        if sector != ANY and sector not in sectors:
            raise table.fail(line, f"sector {sector!r} is not a sector code of sectors.csv")
        if (country, kind) not in known:
            raise table.fail(line, f"kind {kind!r} has no minimum wage for {country}")
        if (country, sector) in kinds:
            raise table.fail(line, f"a second kind for {country} {sector}")
        kinds[(country, sector)] = kind
    return kinds


def read_money(
    folder: Path, currencies: dict[str, str], units: dict[str, str], sectors: set[str]
) -> MoneyTables:
    """Read and check the money files of a corridor folder; CorridorError names any fault.

    `currencies`: ISO-2 -> ISO 4217 of the corridor's countries; `units`: admin-1 code ->
    ISO-2; `sectors`: the sector codes.
    """
    missing = [name for name in MONEY_FILES if not (folder / name).is_file()]
    if missing:
        raise CorridorError(
            f"corridor folder {folder.name} has no money tables: missing {', '.join(missing)}"
        )
    rates = _rates(folder, set(currencies.values()))
    wages = _wages(folder, currencies)
    zones_known = {(country, zone) for country, _, _, zone in wages}
    kinds_known = {(country, kind) for country, _, kind, _ in wages}
    return MoneyTables(
        rates=rates,
        wages=wages,
        zones=_zones(folder, units, zones_known),
        kinds=_kinds(folder, sectors, kinds_known),
    )
