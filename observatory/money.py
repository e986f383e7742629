"""Wage and money conventions (DATA_SPEC "Definitions used everywhere"), written down once."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from observatory.corridor.money_tables import MoneyTables

# A month is 30.4 days (DATA_SPEC): 365 / 12 rounded, as Mexico turns a daily minimum wage into
# a monthly one (2026's 315.04 a day was announced as 9,582.47 a month, 365 / 12 unrounded: 0.05%
# apart, immaterial here). It is also SDG 10.7.1's "one month of earnings".
DAYS_PER_MONTH = 30.4
# An hourly wage is paid for an 8-hour day: the longest ordinary day shift in both countries
# (Mexico's Ley Federal del Trabajo art. 61, Guatemala's Código de Trabajo art. 116).
HOURS_PER_DAY = 8.0
# Days each period's wage pays for. A week is 7 days, not 6: the weekly wage includes the
# paid rest day (Mexico's Ley Federal del Trabajo, art. 69), so it is divided by 7 to compare
# it with a daily wage. A fortnight (quincena) is paid as 15 days whatever the month.
DAYS_PER_PERIOD = {"day": 1.0, "week": 7.0, "fortnight": 15.0, "month": DAYS_PER_MONTH}
# A piece rate (destajo) pays per unit of output: with no output count it has no daily
# equivalent, so it is never converted and stays out of wage comparisons.
PIECE = "piece"
WAGE_PERIODS = (*DAYS_PER_PERIOD, "hour", PIECE)


@dataclass(frozen=True)
class NormalisedWage:
    """A wage in daily and monthly terms (DAYS_PER_MONTH days), in one target currency."""

    daily: float
    monthly: float


def _check(amount: float, what: str) -> float:
    # A negative or non-finite amount is a bug upstream (the ETL quarantines such rows): fail.
    if isinstance(amount, bool) or not math.isfinite(amount) or amount < 0:
        raise ValueError(f"{what} {amount!r} is not an amount of money")
    return float(amount)


def daily_amount(amount: float, period: str) -> float | None:
    """The daily equivalent of a wage paid per `period` (one of WAGE_PERIODS); None for piece.

    week / 7, fortnight / 15, month / 30.4, hour * 8; ValueError for another period.
    """
    amount = _check(amount, "wage")
    if period == PIECE:
        return None
    if period == "hour":
        return amount * HOURS_PER_DAY
    if period not in DAYS_PER_PERIOD:
        raise ValueError(f"wage period {period!r} is not one of {', '.join(WAGE_PERIODS)}")
    return amount / DAYS_PER_PERIOD[period]


def monthly_from_daily(daily: float) -> float:
    """One month of earnings from a daily wage: daily * 30.4."""
    return _check(daily, "daily wage") * DAYS_PER_MONTH


def to_currency(amount: float, currency: str, target: str, year: int, money: MoneyTables) -> float:
    """`amount` of `currency` in `target`, at the average rates of `year`, through the US dollar.

    A year after the table's last one uses the last year's rates (MoneyTables.units_per_usd);
    a year before its first one, or a currency it does not know, raises ValueError.
    """
    amount = _check(amount, "amount")
    for code in (currency, target):
        if code not in money.currencies:
            known = ", ".join(sorted(money.currencies))
            raise ValueError(f"unknown currency {code!r} (known: {known})")
    if currency == target:
        return amount  # no rate needed, whatever the year
    return amount / money.units_per_usd(currency, year) * money.units_per_usd(target, year)


def normalise_wage(
    amount: float,
    period: str,
    currency: str,
    year: int,
    money: MoneyTables,
    target_currency: str,
) -> NormalisedWage | None:
    """A wage as daily and monthly amounts in `target_currency` (the destination's, for
    comparisons); None for a piece rate, which is never compared."""
    daily = daily_amount(amount, period)
    if daily is None:
        return None
    daily_target = to_currency(daily, currency, target_currency, year, money)
    return NormalisedWage(daily=daily_target, monthly=monthly_from_daily(daily_target))


def recruitment_cost_ratio(
    fee: float | None,
    fee_currency: str,
    daily_wage_target: float | None,
    year: int,
    money: MoneyTables,
    target_currency: str,
) -> float | None:
    """One worker's SDG 10.7.1 ratio: the fee paid over one month of earnings, as a fraction.

    fee in `target_currency` / (daily wage * 30.4); `daily_wage_target` is already in
    `target_currency` (normalise_wage). The indicator is the mean of these ratios over the
    workers who report a fee. None when the fee or the wage is unknown (a piece rate has no
    daily wage). A fee of 0 gives 0.0: a worker who paid nothing counts, as fair recruitment
    asks.
    """
    if fee is None or daily_wage_target is None:
        return None
    if _check(daily_wage_target, "daily wage") == 0:
        raise ValueError("a daily wage of 0 has no recruitment-cost ratio")
    fee_target = to_currency(fee, fee_currency, target_currency, year, money)
    return fee_target / monthly_from_daily(daily_wage_target)


def minimum_wage_kind(country: str, sector_code: str, money: MoneyTables) -> str | None:
    """The kind of minimum wage that applies to a sector in a country (GT: `agricultural` for
    the corridor's farm sectors, `non_agricultural` otherwise; MX: `general`), as listed in
    the corridor's minimum_wage_kinds.csv; None when the corridor lists none."""
    return money.kind(country, sector_code)


def minimum_wage_daily(
    country: str, admin1: str, year: int, kind: str, money: MoneyTables
) -> float | None:
    """The daily minimum wage of `kind` in force in an admin-1 unit in `year`, in the country's
    own currency; None when the zone or the amount is not in the tables."""
    zone = money.zone(country, admin1, year)
    return None if zone is None else money.minimum_wage(country, year, kind, zone)
