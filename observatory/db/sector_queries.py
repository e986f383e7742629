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


def employer_workers(conn: Connection, flt: Filter, by_sector: bool, top: int = 5) -> list[dict]:
    """The `top` employers by distinct workers on the filtered registrations (by sector or
    overall), with their group's totals; registrations without an employer_id are left out.

    Dicts with key (the sector, or "all"), employer_id, employer_name (the smallest name the
    registrations give, None when none does), workers_count, and the group's employers_count
    (employers named) and pairs_count (sum over its employers of their workers). Ranked in
    SQL (a window function): only the top rows leave the database, not every employer.
    """
    keys = [reg.c.sector.label("key")] if by_sector else []
    per_employer = (
        select(
            *keys,
            reg.c.employer_id,
            func.min(reg.c.employer_name).label("employer_name"),
            func.count(reg.c.worker_id.distinct()).label("workers_count"),
        )
        .where(*filter_clauses(flt), reg.c.employer_id.is_not(None))
        .group_by(*([reg.c.sector] if by_sector else []), reg.c.employer_id)
        .subquery()
    )
    group = [per_employer.c.key] if by_sector else []
    ranked = select(
        *group,
        per_employer.c.employer_id,
        per_employer.c.employer_name,
        per_employer.c.workers_count,
        func.row_number()
        .over(
            partition_by=group or None,
            order_by=(per_employer.c.workers_count.desc(), per_employer.c.employer_id),
        )
        .label("rank"),
        func.count().over(partition_by=group or None).label("employers_count"),
        func.sum(per_employer.c.workers_count)
        .over(partition_by=group or None)
        .label("pairs_count"),
    ).subquery()
    stmt = (
        select(ranked)
        .where(ranked.c.rank <= top)
        .order_by(*([ranked.c.key] if by_sector else []), ranked.c.rank)
    )
    return [
        {
            "key": str(row["key"]) if by_sector else "all",
            "employer_id": str(row["employer_id"]),
            "employer_name": row["employer_name"],
            "workers_count": int(row["workers_count"]),
            "employers_count": int(row["employers_count"]),
            "pairs_count": int(row["pairs_count"]),
        }
        for row in conn.execute(stmt).mappings()
    ]


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
