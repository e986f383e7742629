"""The computations behind each indicator: SQL aggregates in, protected tidy tables out."""

from __future__ import annotations

import datetime as dt
from itertools import combinations
from typing import TYPE_CHECKING

import pandas as pd
from sqlalchemy import Connection

from observatory import disclosure
from observatory.db import queries
from observatory.filters import Filter

if TYPE_CHECKING:
    from observatory.corridor import Corridor

Computed = tuple[pd.DataFrame, int]  # the protected table and how many values it hides
COUNTS = ("registrations_count", "workers_count")
FLOW_KEYS = ("origin_admin1", "border_point", "destination_admin1")


def registrations(conn: Connection, flt: Filter, corridor: Corridor, min_cell: int) -> Computed:
    """One row: registrations_count."""
    t = queries.totals(conn, flt)
    hidden = disclosure.is_small(t.workers_count, min_cell)
    table = _one_row(registrations_count=(None if hidden else t.registrations_count,))
    return _with_flag(table, hidden), int(hidden)


def distinct_workers(conn: Connection, flt: Filter, corridor: Corridor, min_cell: int) -> Computed:
    """One row: workers_count."""
    t = queries.totals(conn, flt)
    hidden = disclosure.is_small(t.workers_count, min_cell)
    table = _one_row(workers_count=(None if hidden else t.workers_count,))
    return _with_flag(table, hidden), int(hidden)


def overview_kpis(conn: Connection, flt: Filter, corridor: Corridor, min_cell: int) -> Computed:
    """One row of headline counts and shares.

    Women and minors are distinct workers: a worker counts as a woman when sex is F on
    any of their selected registrations, and as a minor when any of them records an age
    under 18. Both counts are published like their shares: only when the count and its
    complement (workers - count) are each zero or at least `min_cell`.
    """
    t = queries.totals(conn, flt)
    small_total = disclosure.is_small(t.workers_count, min_cell)
    values: dict[str, object] = {
        "registrations_count": None if small_total else t.registrations_count,
        "workers_count": None if small_total else t.workers_count,
    }
    hidden = 2 if small_total else 0
    for group, count in (("women", t.women_count), ("minors", t.minors_count)):
        values[f"{group}_count"] = disclosure.subgroup_count(count, t.workers_count, min_cell)
        values[f"share_{group}_pct"] = disclosure.share_pct(count, t.workers_count, min_cell)
        hidden += values[f"{group}_count"] is None
        hidden += disclosure.share_suppressed(count, t.workers_count, min_cell)
    table = pd.DataFrame(
        {
            name: pd.array([value], dtype="Float64" if name.endswith("_pct") else "Int64")
            for name, value in values.items()
        }
    )
    return _with_flag(table, hidden > 0), hidden


def monthly_registrations(
    conn: Connection, flt: Filter, corridor: Corridor, min_cell: int
) -> Computed:
    """Rows month ("YYYY-MM"), registrations_count, workers_count; empty months are 0.

    The months run over the filter's period clamped to the data's first and last
    registration: a month before the first load's data is unknown, not zero. Each year's
    total is published too (a period filter of that year; the seasonality view), so each
    year is a margin of the suppression besides the grand total.
    """
    span = covered_span(conn, flt)
    found = {row[0]: row[1:] for row in queries.grouped_counts(conn, flt, ["month"])}
    months = months_between(*span) if span else []
    months = sorted(set(months) | set(found))
    table = pd.DataFrame(
        {
            "month": pd.array(months, dtype="str"),
            **{
                name: pd.array([found.get(m, (0, 0))[i] for m in months], dtype="Int64")
                for i, name in enumerate(COUNTS)
            },
        }
    )
    table["year"] = table["month"].str[:4]
    protected, hidden = disclosure.protect_table(table, margins=((), ("year",)), min_cell=min_cell)
    return protected.drop(columns="year"), hidden


def flows(conn: Connection, flt: Filter, corridor: Corridor, min_cell: int) -> Computed:
    """Rows origin_admin1, border_point, destination_admin1 and counts, for flows present.

    Every partial total (per origin, per border point, per pair, ...) is published too,
    through the other indicators and the filters, so each is a margin for suppression.
    """
    rows = queries.grouped_counts(conn, flt, FLOW_KEYS)
    table = _table(FLOW_KEYS, rows)
    margins = [keys for size in range(len(FLOW_KEYS)) for keys in combinations(FLOW_KEYS, size)]
    return disclosure.protect_table(table, margins=margins, min_cell=min_cell)


def registrations_by_origin(
    conn: Connection, flt: Filter, corridor: Corridor, min_cell: int
) -> Computed:
    """Rows admin1, counts: every origin unit of the corridor (or of the filter), zeros included."""
    units = flt.origin or tuple(u.code for u in corridor.units_of(corridor.origin.iso2))
    return _by_admin1(conn, flt, "origin_admin1", units, min_cell)


def registrations_by_destination(
    conn: Connection, flt: Filter, corridor: Corridor, min_cell: int
) -> Computed:
    """Rows admin1, counts: every destination unit (or the filter's), zeros included."""
    units = flt.destination or tuple(u.code for u in corridor.units_of(corridor.destination.iso2))
    return _by_admin1(conn, flt, "destination_admin1", units, min_cell)


def _by_admin1(
    conn: Connection, flt: Filter, key: str, units: tuple[str, ...], min_cell: int
) -> Computed:
    # Only the layer's own country: a registration of the reverse direction (Mexico ->
    # Guatemala) has a Mexican origin, which is not a unit of the origin layer.
    found = {row[0]: row[1:] for row in queries.grouped_counts(conn, flt, [key]) if row[0] in units}
    # Zero-fill only inside the data's time coverage: outside it a zero would be a guess.
    codes = sorted(set(found) | (set(units) if covered_span(conn, flt) else set()))
    rows = [(code, *found.get(code, (0, 0))) for code in codes]
    return disclosure.protect_table(_table(("admin1",), rows), margins=((),), min_cell=min_cell)


def covered_span(conn: Connection, flt: Filter) -> tuple[dt.date, dt.date] | None:
    """The filter's period clamped to the first and last registration (None: no overlap)."""
    first, last = queries.period_bounds(conn)
    if first is None or last is None:
        return None
    start = max(first, flt.period_start) if flt.period_start else first
    end = min(last, flt.period_end) if flt.period_end else last
    return (start, end) if start <= end else None


def months_between(start: dt.date, end: dt.date) -> list[str]:
    """Every month "YYYY-MM" from `start`'s to `end`'s, both included."""
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _table(keys: tuple[str, ...], rows: list[tuple[object, ...]]) -> pd.DataFrame:
    columns = list(zip(*rows, strict=True)) if rows else [()] * (len(keys) + len(COUNTS))
    data = {key: pd.array(list(columns[i]), dtype="str") for i, key in enumerate(keys)}
    for i, name in enumerate(COUNTS, start=len(keys)):
        data[name] = pd.array(list(columns[i]), dtype="Int64")
    return pd.DataFrame(data)


def _one_row(**columns: tuple[object, ...]) -> pd.DataFrame:
    return pd.DataFrame({name: pd.array(list(v), dtype="Int64") for name, v in columns.items()})


def _with_flag(table: pd.DataFrame, suppressed: bool) -> pd.DataFrame:
    table["suppressed"] = pd.Series([suppressed] * len(table), dtype=bool)
    return table
