"""Every SELECT of the observatory: filters become WHERE clauses with bound parameters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from sqlalchemy import ColumnElement, Connection, Date, and_, case, func, literal, or_, select
from sqlalchemy.sql.elements import Case

from observatory.db.schema import (
    data_state_table,
    load_batch_table,
    recruiter_status_table,
    recruiter_table,
    registration_table,
)
from observatory.definitions import MINOR_AGE_LIMIT
from observatory.filters import Filter

reg = registration_table

# Filter field -> registration column it restricts (an IN list each).
_IN_COLUMNS = (
    ("sex", reg.c.sex),
    ("age_group", reg.c.age_group),
    ("sector", reg.c.sector),
    ("origin", reg.c.origin_admin1),
    ("destination", reg.c.destination_admin1),
    ("border_point", reg.c.office_code),
    ("direction", reg.c.direction),
    ("recruiter", reg.c.recruiter_licence),
)

# Names a breakdown may group by -> the registration column behind each.
GROUP_COLUMNS = {
    "origin_admin1": reg.c.origin_admin1,
    "destination_admin1": reg.c.destination_admin1,
    "border_point": reg.c.office_code,
    "month": reg.c.period_month,
}


class Totals(NamedTuple):
    """Counts over all registrations a filter selects (workers are distinct pseudonyms)."""

    registrations_count: int
    workers_count: int
    women_count: int  # distinct workers with sex F on any selected registration
    minors_count: int  # distinct workers under 18 on any selected registration


def filter_clauses(flt: Filter) -> list[ColumnElement[bool]]:
    """The WHERE clauses on `registration` that select what `flt` describes (pure function).

    Every value is a bound parameter; the period is a range on registered_on, so the
    (registered_on, direction) index can serve it.
    """
    clauses: list[ColumnElement[bool]] = []
    if flt.period_start is not None:
        clauses.append(reg.c.registered_on >= flt.period_start)
    if flt.period_end is not None:
        clauses.append(reg.c.registered_on <= flt.period_end)
    for field_name, column in _IN_COLUMNS:
        values = getattr(flt, field_name)
        if values:
            clauses.append(column.in_(values))
    return clauses


def totals(conn: Connection, flt: Filter) -> Totals:
    """Registrations, distinct workers, women and minors among the filtered registrations."""
    worker = reg.c.worker_id
    stmt = select(
        func.count().label("registrations_count"),
        func.count(worker.distinct()).label("workers_count"),
        func.count(case((reg.c.sex == "F", worker)).distinct()).label("women_count"),
        func.count(case((reg.c.age_years < MINOR_AGE_LIMIT, worker)).distinct()).label(
            "minors_count"
        ),
    ).where(*filter_clauses(flt))
    row = conn.execute(stmt).one()
    return Totals(*(int(v or 0) for v in row))


def grouped_counts(
    conn: Connection, flt: Filter, group_by: Sequence[str]
) -> list[tuple[object, ...]]:
    """(group values..., registrations_count, workers_count) per group present, sorted.

    `group_by` names come from GROUP_COLUMNS; the aggregation happens in the database.
    """
    columns = [GROUP_COLUMNS[name].label(name) for name in group_by]
    stmt = (
        select(
            *columns,
            func.count().label("registrations_count"),
            func.count(reg.c.worker_id.distinct()).label("workers_count"),
        )
        .where(*filter_clauses(flt))
        .group_by(*columns)
        .order_by(*columns)
    )
    return [tuple(row) for row in conn.execute(stmt)]


def period_bounds(conn: Connection) -> tuple[dt.date | None, dt.date | None]:
    """First and last registered_on in the database (None, None when empty)."""
    row = conn.execute(select(func.min(reg.c.registered_on), func.max(reg.c.registered_on))).one()
    return row[0], row[1]


def data_version(conn: Connection) -> int:
    """The data version: a counter every successful load advances in its own transaction."""
    stmt = select(data_state_table.c.version).where(data_state_table.c.id == 1)
    return int(conn.execute(stmt).scalar_one_or_none() or 0)


def last_load(conn: Connection) -> dt.datetime | None:
    """When the newest 'loaded' batch finished (None when nothing was loaded)."""
    stmt = (
        select(load_batch_table.c.finished_at)
        .where(load_batch_table.c.status == "loaded")
        .order_by(load_batch_table.c.id.desc())
        .limit(1)
    )
    return conn.execute(stmt).scalar_one_or_none()


def status_period_on(licence: ColumnElement, on: ColumnElement) -> ColumnElement[bool]:
    """Join condition: the period of `licence`'s status history that holds on date `on`."""
    period = recruiter_status_table.c
    return and_(
        period.licence_no == licence,
        period.valid_from <= on,
        or_(period.valid_to.is_(None), period.valid_to > on),
    )


def standing_on(on: ColumnElement) -> Case:
    """A licence's standing on date `on`, over recruiter joined to its status period.

    Past the licence's `valid_until` it is `expired`, whatever the snapshots said
    (DATA_SPEC); otherwise the status of the period that holds (NULL when none does).
    """
    return case(
        (
            and_(recruiter_table.c.valid_until.is_not(None), on > recruiter_table.c.valid_until),
            "expired",
        ),
        else_=recruiter_status_table.c.status,
    )


def recruiter_status_on(conn: Connection, licence_no: str, on: dt.date) -> str | None:
    """A licence's standing on a date (see `standing_on`); None for a licence the registry
    does not hold, or before its first known status and validity."""
    day = literal(on, Date)
    statement = (
        select(standing_on(day))
        .select_from(
            recruiter_table.outerjoin(
                recruiter_status_table, status_period_on(recruiter_table.c.licence_no, day)
            )
        )
        .where(recruiter_table.c.licence_no == licence_no)
    )
    return conn.execute(statement).scalar_one_or_none()
