"""Row rules of `recruiter_registry`: snapshots, and each licence's status over time."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import Connection, bindparam, delete, func, select, update

from etl.links import DeriveContext
from etl.store import KeyedTable, bulk_insert
from etl.validate import Chunk
from observatory.corridor import Corridor
from observatory.db.schema import (
    recruiter_observation_table as observations,
)
from observatory.db.schema import (
    recruiter_status_table as statuses,
)
from observatory.db.schema import (
    recruiter_table as recruiters,
)

COLUMNS: tuple[tuple[str, str], ...] = (
    ("licence_no", "licence_no"),
    ("name", "name"),
    ("registry_country", "registry_country"),
    ("kind", "kind"),
    ("registered_on", "registered_on"),
    ("valid_until", "valid_until"),
    ("admin1", "admin1"),
    ("sectors", "sectors"),
    ("complaints", "complaints"),
    ("status", "status"),  # as the snapshot says; the newest snapshot's wins (after_load)
)
NATURAL_KEY = ("licence_no",)
PERSON_COLUMN = None
_OBSERVATION_COLUMNS = ("licence_no", "snapshot_date", "status", "status_since", "batch_id")


def keyed_table(corridor: Corridor) -> KeyedTable:
    """The recruiter table, keyed by licence (unique across the binational register)."""
    return KeyedTable(recruiters, NATURAL_KEY, [c for c, _ in COLUMNS], {})


def derive(chunk: Chunk, context: DeriveContext) -> None:
    """The snapshot date of each row: its own, else the file's (--as-of or first seen)."""
    default = context.default_snapshot_date
    chunk.columns["snapshot_date"] = [d or default for d in chunk.columns["snapshot_date"]]


def side_rows(chunk: Chunk, kept: list[int]) -> list[tuple]:
    """One observation per kept row: what this snapshot said of the licence, and when."""
    columns = chunk.columns
    return [
        (
            columns["licence_no"][i],
            columns["snapshot_date"][i],
            columns["status"][i],
            columns["status_since"][i],
        )
        for i in kept
    ]


def write_side(conn: Connection, rows: list[tuple], batch_id: int) -> None:
    """Store the observations; a snapshot loaded again with changes replaces its own."""
    keys = {(licence, date) for licence, date, *_ in rows}
    for licence, date in keys:  # rare: a corrected snapshot of the same date
        conn.execute(
            delete(observations).where(
                observations.c.licence_no == licence, observations.c.snapshot_date == date
            )
        )
    bulk_insert(conn, observations, _OBSERVATION_COLUMNS, [(*row, batch_id) for row in rows])


def after_load(conn: Connection, batch_id: int, corridor: Corridor) -> dict[str, int]:
    """Rebuild the status history of the licences this snapshot lists, then flag absentees."""
    listed = select(observations.c.licence_no).where(observations.c.batch_id == batch_id)
    found = conn.execute(
        select(
            observations.c.licence_no,
            observations.c.snapshot_date,
            observations.c.status,
            observations.c.status_since,
            recruiters.c.registered_on,
        )
        .join(recruiters, recruiters.c.licence_no == observations.c.licence_no)
        .where(observations.c.licence_no.in_(listed))
        .order_by(observations.c.licence_no, observations.c.snapshot_date)
    ).all()
    seen: dict[str, list] = defaultdict(list)
    for licence, snapshot, status, since, registered in found:
        seen[licence].append((snapshot, status, since, registered))
    conn.execute(delete(statuses).where(statuses.c.licence_no.in_(listed)))
    periods = [
        (licence, *period) for licence, rows in seen.items() for period in status_periods(rows)
    ]
    bulk_insert(conn, statuses, ("licence_no", "status", "valid_from", "valid_to"), periods)
    latest = [{"k": licence, "s": rows[-1][1], "d": rows[-1][0]} for licence, rows in seen.items()]
    if latest:
        conn.execute(
            update(recruiters)
            .where(recruiters.c.licence_no == bindparam("k"))
            .values(status=bindparam("s"), last_seen_on=bindparam("d")),
            latest,
        )
    return {"recruiters_missing_from_register": _flag_missing(conn, batch_id)}


def status_periods(
    observed: list[tuple[dt.date, str, dt.date | None, dt.date | None]],
) -> list[tuple[str, dt.date, dt.date | None]]:
    """(status, valid_from, valid_to) from a licence's observations in snapshot order.

    DATA_SPEC: a status holds from its `status_since`; when that is absent, the first known
    status holds from the registration date (or else the snapshot date), and a changed
    status from the date of the snapshot that shows it.
    """
    starts: list[tuple[str, dt.date]] = []
    for snapshot, status, since, registered in observed:
        if not starts:
            starts.append((status, since or registered or snapshot))
        elif status != starts[-1][0]:
            start = since or snapshot
            if start <= starts[-1][1]:  # a status_since before the previous change: use the
                start = snapshot  # snapshot, so periods never overlap
            starts.append((status, start))
    ends = [start for _, start in starts[1:]] + [None]
    return [(status, start, end) for (status, start), end in zip(starts, ends, strict=True)]


def _flag_missing(conn: Connection, batch_id: int) -> int:
    """Per registry country in this snapshot: recruiters it does not list are flagged.

    A snapshot covers only the countries it contains; an absent recruiter keeps its last
    status.
    """
    countries = (
        select(recruiters.c.registry_country)
        .where(
            recruiters.c.licence_no.in_(
                select(observations.c.licence_no).where(observations.c.batch_id == batch_id)
            )
        )
        .distinct()
    )
    for (country,) in conn.execute(countries).all():
        newest = conn.execute(
            select(func.max(recruiters.c.last_seen_on)).where(
                recruiters.c.registry_country == country
            )
        ).scalar_one()
        conn.execute(
            update(recruiters)
            .where(recruiters.c.registry_country == country)
            .values(missing_from_register=recruiters.c.last_seen_on < newest)
        )
    flagged = select(func.count()).where(recruiters.c.missing_from_register.is_(True))
    return conn.execute(flagged).scalar_one()
