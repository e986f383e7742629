"""SELECTs of the sectors page: registrations and distinct workers by sector, destination state,
year and employer, aggregated in the database.

Portable SQL only (SQLite, PostgreSQL, DuckDB): count, count(distinct), case, min, substr and
plain comparisons; the year is the first four characters of `period_month` ("YYYY-MM").
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, case, func, select

from observatory.db.queries import filter_clauses
from observatory.db.schema import registration_table as reg
from observatory.definitions import MINOR_AGE_LIMIT
from observatory.filters import Filter

YEAR = func.substr(reg.c.period_month, 1, 4)

# Names a breakdown may group by -> the registration expression behind each.
GROUP_COLUMNS = {
    "destination_admin1": reg.c.destination_admin1,
    "year": YEAR,
    "sector": reg.c.sector,
}
COUNT_NAMES = ("registrations_count", "workers_count", "women_count", "minors_count")


def sector_counts(
    conn: Connection, flt: Filter, group_by: Sequence[str], subgroups: bool = False
) -> list[dict]:
    """One dict per group present, sorted: the group values (named as in `group_by`, from
    GROUP_COLUMNS), registrations_count, workers_count and, with `subgroups`, women_count and
    minors_count (each distinct count costs a pass over the rows, so they are asked only where
    they are shown).

    Women and minors are distinct workers with sex F, or an age under 18, on any of their
    registrations in the group (as `queries.totals` counts them).
    """
    keys = [GROUP_COLUMNS[name] for name in group_by]
    worker = reg.c.worker_id
    counts = [func.count(), func.count(worker.distinct())]
    if subgroups:
        counts += [
            func.count(case((reg.c.sex == "F", worker)).distinct()),
            func.count(case((reg.c.age_years < MINOR_AGE_LIMIT, worker)).distinct()),
        ]
    stmt = select(*keys, *counts).where(*filter_clauses(flt)).group_by(*keys).order_by(*keys)
    width, names = len(group_by), COUNT_NAMES[: len(counts)]
    return [
        {
            **{name: str(v) for name, v in zip(group_by, row[:width], strict=True)},
            **{name: int(v or 0) for name, v in zip(names, row[width:], strict=True)},
        }
        for row in conn.execute(stmt)
    ]


def employer_workers(conn: Connection, flt: Filter, by_sector: bool) -> list[dict]:
    """Distinct workers per employer named on the filtered registrations (by sector or overall).

    Dicts with key (the sector, or "all"), employer_id, employer_name (the smallest name the
    registrations give, None when none does) and workers_count; registrations without an
    employer_id are left out.
    """
    sector = reg.c.sector if by_sector else None
    keys = [sector] if sector is not None else []
    stmt = (
        select(
            *keys,
            reg.c.employer_id,
            func.min(reg.c.employer_name),
            func.count(reg.c.worker_id.distinct()),
        )
        .where(*filter_clauses(flt), reg.c.employer_id.is_not(None))
        .group_by(*keys, reg.c.employer_id)
        .order_by(*keys, reg.c.employer_id)
    )
    rows = []
    for row in conn.execute(stmt):
        key, rest = (row[0], row[1:]) if by_sector else ("all", row)
        rows.append(
            {
                "key": str(key),
                "employer_id": str(rest[0]),
                "employer_name": rest[1],
                "workers_count": int(rest[2]),
            }
        )
    return rows


def workers_with_employer(conn: Connection, flt: Filter, by_sector: bool) -> dict[str, int]:
    """Distinct workers whose filtered registrations name an employer: {sector or "all": n}."""
    keys = [reg.c.sector] if by_sector else []
    stmt = (
        select(*keys, func.count(reg.c.worker_id.distinct()))
        .where(*filter_clauses(flt), reg.c.employer_id.is_not(None))
        .group_by(*keys)
    )
    return {
        (str(row[0]) if by_sector else "all"): int(row[-1])
        for row in conn.execute(stmt)
        if not by_sector or row[0] is not None
    }
