"""Wage conventions, conversions and SDG 10.7.1, by hand-computed cases; the money files."""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from pathlib import Path

import pytest

from observatory.corridor import DATA_DIR, CorridorError, MoneyTables, load_corridor
from observatory.corridor.money_tables import KINDS_FILE, ZONES_FILE
from observatory.corridor.money_tables import MONEY_FILES as NEEDED_FILES
from observatory.money import (
    NormalisedWage,
    daily_amount,
    minimum_wage_daily,
    minimum_wage_kind,
    monthly_from_daily,
    normalise_wage,
    recruitment_cost_ratio,
    to_currency,
)

FIXTURE = Path(__file__).parents[1] / "fixtures" / "corridors" / "aa_bb"
MONEY_FILES = (*NEEDED_FILES, ZONES_FILE, KINDS_FILE)
MXN_2024, GTQ_2024 = 18.3254, 7.77  # the 2024 rates in gt_mx/exchange_rates.csv, per US dollar


@pytest.fixture(scope="module")
def money() -> MoneyTables:
    return load_corridor("gt_mx").money


def rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / "gt_mx" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    ("amount", "period", "daily"),
    [
        (1_750, "week", 250.00),  # 1,750 / 7 days (the paid rest day included)
        (3_000, "fortnight", 200.00),  # 3,000 / 15
        (9_120, "month", 300.00),  # 9,120 / 30.4
        (40, "hour", 320.00),  # 40 * 8 hours
        (0, "week", 0.0),
        (500, "piece", None),  # a piece rate has no daily equivalent
    ],
)
def test_daily_amount(amount, period, daily):
    assert daily_amount(amount, period) == pytest.approx(daily)


def test_month_of_earnings():
    assert monthly_from_daily(daily_amount(1_750, "week")) == pytest.approx(7_600.00)  # 250 * 30.4


@pytest.mark.parametrize(("amount", "period"), [(100, "year"), (100, "semanal"), (-1, "day")])
def test_bad_wage_raises(amount, period):
    with pytest.raises(ValueError, match=r"period|amount"):
        daily_amount(amount, period)


def test_currency_conversion(money: MoneyTables):
    assert money.units_per_usd("MXN", 2024) == MXN_2024
    assert money.units_per_usd("GTQ", 2024) == GTQ_2024
    # 100 GTQ / 7.77 GTQ per USD = 12.870013 USD; * 18.3254 MXN per USD = 235.8481 MXN
    assert to_currency(100, "GTQ", "MXN", 2024, money) == pytest.approx(235.8481, abs=1e-4)
    assert to_currency(10, "USD", "MXN", 2024, money) == pytest.approx(183.254)  # 10 * 18.3254
    assert to_currency(183.254, "MXN", "USD", 2024, money) == pytest.approx(10.0)
    assert to_currency(5, "MXN", "MXN", 1990, money) == 5  # no rate needed for one currency


def test_years_beyond_the_table_take_the_latest_rate(money: MoneyTables):
    # MXN's last row is 2026 (year to date): 2030 uses it. GTQ's last row is 2025 (7.68).
    assert money.units_per_usd("MXN", 2030) == money.units_per_usd("MXN", 2026) == 17.5037
    assert to_currency(76.8, "GTQ", "USD", 2026, money) == pytest.approx(10.0)  # 76.8 / 7.68
    with pytest.raises(ValueError, match="the table starts in 2019"):
        to_currency(100, "GTQ", "MXN", 2015, money)


@pytest.mark.parametrize(("currency", "target"), [("EUR", "MXN"), ("MXN", "XXX"), ("EUR", "EUR")])
def test_unknown_currency_raises(money: MoneyTables, currency, target):
    with pytest.raises(ValueError, match="unknown currency"):
        to_currency(100, currency, target, 2024, money)


def test_normalise_wage(money: MoneyTables):
    # 1,750 MXN a week -> 250.00 MXN a day -> 250 * 30.4 = 7,600.00 MXN a month
    weekly = normalise_wage(1_750, "week", "MXN", 2024, money, "MXN")
    assert weekly == NormalisedWage(daily=pytest.approx(250.0), monthly=pytest.approx(7_600.0))
    # 700 GTQ a week -> 100 GTQ a day -> 235.8481 MXN a day -> * 30.4 = 7,169.78 MXN a month
    gtq = normalise_wage(700, "week", "GTQ", 2024, money, "MXN")
    assert gtq.daily == pytest.approx(235.8481, abs=1e-4)
    assert gtq.monthly == pytest.approx(7_169.78, abs=1e-2)
    assert normalise_wage(12, "piece", "MXN", 2024, money, "MXN") is None


def test_recruitment_cost_ratio(money: MoneyTables):
    # fee 1,500 GTQ in 2024 -> 1,500 / 7.77 * 18.3254 = 3,537.72 MXN;
    # a month of a 250 MXN daily wage = 250 * 30.4 = 7,600 MXN; 3,537.72 / 7,600 = 0.46549
    ratio = recruitment_cost_ratio(1_500, "GTQ", 250.0, 2024, money, "MXN")
    assert ratio == pytest.approx(0.46549, abs=1e-5)
    # 1,520 MXN over 250 * 30.4 = 7,600 MXN is one fifth
    assert recruitment_cost_ratio(1_520, "MXN", 250.0, 2024, money, "MXN") == pytest.approx(0.2)
    assert recruitment_cost_ratio(0, "GTQ", 250.0, 2024, money, "MXN") == 0.0  # no fee counts
    assert recruitment_cost_ratio(1_500, "GTQ", None, 2024, money, "MXN") is None  # piece rate
    assert recruitment_cost_ratio(None, "GTQ", 250.0, 2024, money, "MXN") is None  # unreported
    with pytest.raises(ValueError, match="unknown currency"):
        recruitment_cost_ratio(1_500, "EUR", 250.0, 2024, money, "MXN")


def test_minimum_wages(money: MoneyTables):
    assert money.zone("MX", "MX-CHP", 2024) == "general"
    assert minimum_wage_kind("MX", "coffee", money) == "general"
    assert minimum_wage_daily("MX", "MX-CHP", 2024, "general", money) == 248.93
    assert money.minimum_wage("MX", 2024, "general", "zona_libre_frontera_norte") == 374.89
    # San Marcos (GT-12) is in circunscripción económica 2 from 2023; Guatemala (GT-01) in 1.
    coffee, building = (minimum_wage_kind("GT", s, money) for s in ("coffee", "construction"))
    assert (coffee, building) == ("agricultural", "non_agricultural")
    assert minimum_wage_daily("GT", "GT-12", 2024, coffee, money) == 102.44
    assert minimum_wage_daily("GT", "GT-12", 2024, building, money) == 105.83
    assert minimum_wage_daily("GT", "GT-01", 2024, coffee, money) == 107.11
    assert money.zone("GT", "GT-01", 2022) == "national"  # one national wage before 2023
    assert minimum_wage_daily("GT", "GT-01", 2022, building, money) == 97.29
    assert minimum_wage_daily("GT", "GT-12", 2018, coffee, money) is None  # not in the table
    assert minimum_wage_daily("MX", "MX-CHP", 2027, "general", money) is None  # no stale wage


def test_agricultural_sectors_are_data(money: MoneyTables):
    sectors = load_corridor("gt_mx").sectors
    farm = {s.code for s in sectors if minimum_wage_kind("GT", s.code, money) == "agricultural"}
    assert farm == {"coffee", "banana", "sugar_cane", "papaya", "other_agriculture"}
    assert {minimum_wage_kind("MX", s.code, money) for s in sectors} == {"general"}


def test_minimum_wage_file_is_complete_and_sourced():
    wages = rows("minimum_wages.csv")
    keys = Counter((r["country"], r["year"], r["kind"], r["zone"]) for r in wages)
    assert [k for k, n in keys.items() if n > 1] == []
    assert all(r["source"].strip() and r["valid_from"].startswith(r["year"]) for r in wages)
    years = list(range(2019, 2027))
    amount = {
        (r["country"], int(r["year"]), r["kind"], r["zone"]): float(r["daily_amount"])
        for r in wages
    }
    for zone in ("general", "zona_libre_frontera_norte"):
        series = [amount[("MX", y, "general", zone)] for y in years]  # KeyError = a missing year
        assert series == sorted(series)  # Mexico's minimum wage never fell
    assert all(
        amount[("MX", y, "general", "zona_libre_frontera_norte")]
        > amount[("MX", y, "general", "general")]
        for y in years
    )
    for kind in ("agricultural", "non_agricultural", "export_maquila"):
        series = [amount[("GT", y, kind, "national" if y < 2023 else "circ_2")] for y in years]
        assert series == sorted(series)
        assert all(
            amount[("GT", y, kind, "circ_1")] > amount[("GT", y, kind, "circ_2")] for y in years[4:]
        )


def test_exchange_rate_file_is_complete_and_sourced():
    rates = rows("exchange_rates.csv")
    assert [k for k, n in Counter((r["year"], r["currency"]) for r in rates).items() if n > 1] == []
    assert all(r["source"].strip() for r in rates)
    by = {(r["currency"], int(r["year"])): float(r["units_per_usd"]) for r in rates}
    assert {y for c, y in by if c == "MXN"} == set(range(2019, 2027))
    assert {y for c, y in by if c == "GTQ"} == set(range(2019, 2026))  # 2026 not found: see SOURCES
    assert all(v == 1 for (c, _), v in by.items() if c == "USD")
    assert all(16 < v < 23 for (c, _), v in by.items() if c == "MXN")
    assert all(7.5 < v < 8 for (c, _), v in by.items() if c == "GTQ")
    assert "YEAR TO DATE" in next(
        r["source"] for r in rates if (r["currency"], r["year"]) == ("MXN", "2026")
    )


def test_fixture_pair_has_money():
    money = load_corridor(FIXTURE).money
    fishing = minimum_wage_kind("BB", "fishing", money)
    assert fishing == "fishing" and minimum_wage_kind("BB", "weaving", money) == "general"
    assert minimum_wage_daily("BB", "BB-SU", 2024, fishing, money) == 95
    assert minimum_wage_daily("BB", "BB-NO", 2024, "general", money) == 130
    assert to_currency(10, "AAA", "BBB", 2024, money) == pytest.approx(48.0)  # 10 / 2.5 * 12


def test_money_files_are_needed_only_for_money(tmp_path: Path):
    partial, bare = tmp_path / "partial", tmp_path / "pair"
    for folder, dropped in ((partial, MONEY_FILES[2:]), (bare, MONEY_FILES)):
        shutil.copytree(FIXTURE, folder)
        for name in dropped:
            (folder / name).unlink()
    money = load_corridor(partial).money  # without zones or kinds, no minimum wage applies
    assert money.units_per_usd("BBB", 2024) == 12
    assert minimum_wage_daily("BB", "BB-SU", 2024, "general", money) is None
    assert minimum_wage_kind("BB", "fishing", money) is None
    pair = load_corridor(bare)
    assert pair.sector("pesca").code == "fishing"  # everything but money works
    with pytest.raises(CorridorError, match=r"pair has no money tables: missing exchange_rates"):
        pair.money  # noqa: B018


@pytest.mark.parametrize(
    ("filename", "old", "new", "message"),
    [
        (
            "exchange_rates.csv",
            "2024,AAA,2.5",
            "2023,AAA,2.5",
            "line 5: a second AAA rate for 2023",
        ),
        ("exchange_rates.csv", "2024,BBB,12", "2025,BBB,12", "BBB has no rate for [2024]"),
        ("exchange_rates.csv", "2023,USD,1", "2023,USD,2", "impossible for USD"),
        (
            "exchange_rates.csv",
            "2023,AAA,2,invented for the tests",
            "2023,AAA,2,",
            "source is empty",
        ),
        (
            "exchange_rates.csv",
            "2023,AAA,2,",
            "2023,AAA,two,",
            "units_per_usd 'two' is not a number",
        ),
        ("minimum_wages.csv", "40,AAA", "40,BBB", "line 2: currency 'BBB' is not AAA"),
        ("minimum_wages.csv", "2023-01-01", "2022-01-01", "valid_from 2022-01-01"),
        ("minimum_wages.csv", "2023,general,north", "2023,general,south", "a second row for BB"),
        ("minimum_wages.csv", "AA,2023", "CC,2023", "country 'CC' is not one of AA, BB"),
        ("minimum_wages.csv", "AA,2023", "AA,23", "year '23' is not a year"),
        ("minimum_wage_zones.csv", "BB,BB-NO", "BB,AA-01", "admin1 'AA-01' is not a unit of BB"),
        ("minimum_wage_zones.csv", "AA,*,all", "AA,*,everywhere", "zone 'everywhere' has no"),
        ("minimum_wage_kinds.csv", "BB,fishing,", "BB,hunting,", "sector 'hunting' is not"),
        ("minimum_wage_kinds.csv", "AA,*,general", "AA,*,fishing", "kind 'fishing' has no"),
    ],
)
def test_malformed_money_files_name_the_problem(tmp_path, filename, old, new, message):
    folder = tmp_path / "broken"
    shutil.copytree(FIXTURE, folder)
    path = folder / filename
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    pair = load_corridor(folder)  # the rest of the corridor is unaffected
    with pytest.raises(CorridorError) as caught:
        pair.money  # noqa: B018
    assert f"broken/{filename}" in str(caught.value) and message in str(caught.value)
