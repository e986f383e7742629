"""Row rules of `contracts`: dates in order, and wages and fees normalised (observatory.money)."""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable

from sqlalchemy import Connection

from etl.links import DeriveContext, record_employers, unregistered_citations
from etl.store import KeyedTable
from etl.validate import Chunk
from observatory import money
from observatory.corridor import Corridor
from observatory.db.schema import contract_table

_GIVEN: tuple[tuple[str, str], ...] = (
    ("contract_id", "contract_id"),
    ("worker_id", "person_id"),
    ("sector", "sector"),
    ("worksite_country", "worksite_country"),
    ("worksite_admin1", "worksite_admin1"),
    ("worksite_admin2", "worksite_admin2"),
    ("start_date", "start_date"),
    ("end_date", "end_date"),
    ("wage_amount", "wage_amount"),
    ("wage_period", "wage_period"),
    ("currency", "currency"),
    ("hours_per_week", "hours_per_week"),
    ("written_contract", "written_contract"),
    ("fee_paid_by_worker", "fee_paid_by_worker"),
    ("housing_provided", "housing_provided"),
    ("transport_paid_by_employer", "transport_paid_by_employer"),
    ("social_security", "social_security"),
    ("complaint_filed", "complaint_filed"),
    ("employer_id", "employer_id"),
    ("employer_name", "employer_name"),
    ("recruiter_licence", "recruiter_licence"),
    ("occupation", "occupation"),
)
DERIVED = (
    "wage_daily_dest",
    "wage_monthly_dest",
    "minimum_wage_daily_dest",
    "below_minimum_wage",
    "fee_dest",
    "recruitment_cost_ratio",
)
COLUMNS = _GIVEN + tuple((name, name) for name in DERIVED)
NATURAL_KEY = ("contract_id",)
PERSON_COLUMN = "worker_id"


def keyed_table(corridor: Corridor) -> KeyedTable:
    """The contract table, keyed by contract number; derived amounts follow every change."""
    defaults = {
        "currency": corridor.destination.currency,
        "worksite_country": corridor.destination.iso2,
    }
    return KeyedTable(
        contract_table, NATURAL_KEY, [c for c, _ in COLUMNS], defaults, refresh=_refresher(corridor)
    )


def derive(chunk: Chunk, context: DeriveContext) -> None:
    """An end before the start is a fault; wages and fees in the destination currency."""
    columns = chunk.columns
    for index, (start, end) in enumerate(
        zip(columns["start_date"], columns["end_date"], strict=True)
    ):
        if start is not None and end is not None and end < start:
            chunk.add_fault(
                index,
                "end_date",
                f"ends on {end.isoformat()}, before its start on {start.isoformat()}",
            )
    compute = _normaliser(context.corridor)
    given = [columns[source] for _, source in _GIVEN]
    derived = [compute(*_money_inputs(row)) for row in zip(*given, strict=True)]
    for name, values in zip(
        DERIVED, zip(*derived, strict=True) if derived else [()] * 6, strict=True
    ):
        columns[name] = list(values)


def after_load(conn: Connection, batch_id: int, corridor: Corridor) -> dict[str, int]:
    """Employers named by the batch join the employer table; unregistered recruiters counted."""
    record_employers(conn, contract_table, batch_id)
    return {
        "rows_citing_unregistered_recruiters": unregistered_citations(
            conn, contract_table, batch_id
        )
    }


_AT = {name: index for index, (name, _) in enumerate(_GIVEN)}


# The values of a contract row its derived amounts depend on, in `compute`'s order.
_money_inputs = operator.itemgetter(
    *(
        _AT[name]
        for name in (
            "wage_amount",
            "wage_period",
            "currency",
            "start_date",
            "worksite_country",
            "worksite_admin1",
            "sector",
            "fee_paid_by_worker",
        )
    )
)


def _normaliser(corridor: Corridor) -> Callable[..., tuple]:
    """The derived amounts of a contract from its money inputs (see `_money_inputs`).

    Each part is remembered by the few values it depends on (wages, minimums and fees
    repeat across a file far more than whole rows do).
    """
    tables = corridor.money
    target = corridor.destination.currency

    @functools.cache
    def wage(amount: float, period: str, currency: str, year: int) -> tuple:
        normalised = money.normalise_wage(amount, period, currency, year, tables, target)
        return (normalised.daily, normalised.monthly) if normalised else (None, None)

    @functools.cache
    def minimum(country: str, admin1: str, sector: str | None, year: int) -> float | None:
        kind = money.minimum_wage_kind(country, sector, tables) if sector else None
        amount = money.minimum_wage_daily(country, admin1, year, kind, tables) if kind else None
        if amount is None:
            return None
        return money.to_currency(amount, _currency_of(corridor, country), target, year, tables)

    @functools.cache
    def fee_terms(fee: float, currency: str, year: int, daily: float | None) -> tuple:
        fee_dest = money.to_currency(fee, currency, target, year, tables)
        ratio = (
            money.recruitment_cost_ratio(fee, currency, daily, year, tables, target)
            if daily
            else None
        )
        return fee_dest, ratio

    def compute(amount, period, currency, start, country, admin1, sector, fee) -> tuple:
        if amount is None or period is None or start is None:
            return (None,) * 6
        year, currency = start.year, currency or target
        daily, monthly = wage(amount, period, currency, year)
        least = minimum(country or corridor.destination.iso2, admin1, sector, year)
        below = daily < least if daily is not None and least is not None else None
        fee_dest, ratio = fee_terms(fee, currency, year, daily) if fee is not None else (None, None)
        return (daily, monthly, least, below, fee_dest, ratio)

    return compute


def _currency_of(corridor: Corridor, country: str) -> str:
    return next(c.currency for c in corridor.countries() if c.iso2 == country)


def _refresher(corridor: Corridor) -> Callable[[tuple], tuple]:
    """Recompute a merged row's derived amounts (a correction may change only the wage)."""
    compute = _normaliser(corridor)
    width = len(_GIVEN)

    def refresh(row: tuple) -> tuple:
        return row[:width] + compute(*_money_inputs(row))

    return refresh
