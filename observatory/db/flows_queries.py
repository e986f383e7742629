"""The SELECTs of the flows page: paths, months, age and sex, circularity (portable SQL).

Only count/sum/case/cast/substr and plain comparisons, so that SQLite, PostgreSQL and
DuckDB run the same statements; year and month come from `period_month` ("YYYY-MM").
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import ColumnElement, Connection, Integer, case, cast, func, select

from observatory.db.queries import filter_clauses
from observatory.db.schema import registration_table
from observatory.filters import Filter

reg = registration_table

YEAR = cast(func.substr(reg.c.period_month, 1, 4), Integer)
MONTH = cast(func.substr(reg.c.period_month, 6, 2), Integer)
# Circularity groups workers seen in 4 or more calendar years into one class.
CIRCULARITY_TOP_CLASS = 4

PATH_COLUMNS: Mapping[str, ColumnElement] = {
    "origin_admin1": reg.c.origin_admin1,
    "border_point": reg.c.office_code,
    "destination_admin1": reg.c.destination_admin1,
    "sector": reg.c.sector,
}
SEASON_COLUMNS: Mapping[str, ColumnElement] = {"year": YEAR, "month": MONTH}
AGE_SEX_COLUMNS: Mapping[str, ColumnElement] = {"age_group": reg.c.age_group, "sex": reg.c.sex}
MONTH_DIRECTION_COLUMNS: Mapping[str, ColumnElement] = {
    "month": reg.c.period_month,
    "direction": reg.c.direction,
}


def counts_by(
    conn: Connection, flt: Filter, columns: Mapping[str, ColumnElement]
) -> list[tuple[object, ...]]:
    """(group values..., registrations_count, workers_count) per group present, sorted.

    `columns` maps each output name to the expression it groups by; workers are distinct
    pseudonyms within each group.
    """
    # Rows first, groups after: grouping by the inner query's plain columns is portable
    # (PostgreSQL may not match an expression with bound parameters to its GROUP BY copy).
    rows = (
        select(*(e.label(name) for name, e in columns.items()), reg.c.worker_id)
        .where(*filter_clauses(flt))
        .subquery("selected")
    )
    keys = [rows.c[name] for name in columns]
    stmt = (
        select(
            *keys,
            func.count().label("registrations_count"),
            func.count(rows.c.worker_id.distinct()).label("workers_count"),
        )
        .group_by(*keys)
        .order_by(*keys)
    )
    return [tuple(row) for row in conn.execute(stmt)]


def circularity_counts(conn: Connection, flt: Filter) -> list[tuple[int, int, int]]:
    """(years_seen class, registrations_count, workers_count) per class present, sorted.

    years_seen is the number of distinct calendar years in which a worker has a selected
    registration, with 4 and more in one class (4). Each worker is in exactly one class.
    """
    per_worker = (
        select(
            reg.c.worker_id,
            func.count(func.substr(reg.c.period_month, 1, 4).distinct()).label("years"),
            func.count().label("registrations"),
        )
        .where(*filter_clauses(flt))
        .group_by(reg.c.worker_id)
        .subquery("per_worker")
    )
    classed = select(
        case(
            (per_worker.c.years >= CIRCULARITY_TOP_CLASS, CIRCULARITY_TOP_CLASS),
            else_=per_worker.c.years,
        ).label("years_seen"),
        per_worker.c.registrations,
    ).subquery("classed")
    stmt = (
        select(
            classed.c.years_seen,
            func.sum(classed.c.registrations).label("registrations_count"),
            func.count().label("workers_count"),
        )
        .group_by(classed.c.years_seen)
        .order_by(classed.c.years_seen)
    )
    return [(int(a), int(b), int(c)) for a, b, c in conn.execute(stmt)]
