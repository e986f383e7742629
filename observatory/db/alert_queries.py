"""SELECTs of the recruitment alerts that are not about the licence: fees and minors."""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from observatory.db.conditions_queries import contract_clauses
from observatory.db.queries import filter_clauses
from observatory.db.schema import contract_table as contract
from observatory.db.schema import recruiter_table as recruiter
from observatory.db.schema import registration_table as reg
from observatory.db.schema import worker_table as worker
from observatory.definitions import MINOR_AGE_LIMIT
from observatory.filters import Filter


def minors_placed(conn: Connection, flt: Filter) -> list[tuple[object, ...]]:
    """(licence, name or None, "minors_placed", registrations, workers) per recruiter that
    registered workers under 18 among the filtered registrations."""
    stmt = (
        select(
            reg.c.recruiter_licence,
            func.min(recruiter.c.name),
            func.count(),
            func.count(reg.c.worker_id.distinct()),
        )
        .select_from(reg.outerjoin(recruiter, recruiter.c.licence_no == reg.c.recruiter_licence))
        .where(
            *filter_clauses(flt),
            reg.c.recruiter_licence.is_not(None),
            reg.c.age_years < MINOR_AGE_LIMIT,
        )
        .group_by(reg.c.recruiter_licence)
    )
    return [(r[0], r[1], "minors_placed", int(r[2]), int(r[3])) for r in conn.execute(stmt)]


def fees_charged(conn: Connection, flt: Filter) -> list[tuple[object, ...]]:
    """(licence, name or None, "fees_charged", contracts, workers) per recruiter cited by
    contracts in which the worker paid a recruitment fee (> 0)."""
    stmt = (
        select(
            contract.c.recruiter_licence,
            func.min(recruiter.c.name),
            func.count(),
            func.count(contract.c.worker_id.distinct()),
        )
        .select_from(
            contract.join(worker, worker.c.id == contract.c.worker_id).outerjoin(
                recruiter, recruiter.c.licence_no == contract.c.recruiter_licence
            )
        )
        .where(
            *contract_clauses(flt),
            contract.c.recruiter_licence.is_not(None),
            contract.c.fee_paid_by_worker > 0,
        )
        .group_by(contract.c.recruiter_licence)
    )
    return [(r[0], r[1], "fees_charged", int(r[2]), int(r[3])) for r in conn.execute(stmt)]
