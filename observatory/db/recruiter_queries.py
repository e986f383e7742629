"""SELECTs of a recruiter's profile: its register entry and status periods (public), and its
placements, contracts and complaints under a filter (aggregated, for disclosure control)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, case, func, select

from observatory.db.conditions_queries import contract_clauses
from observatory.db.queries import filter_clauses
from observatory.db.schema import contract_table as contract
from observatory.db.schema import recruiter_status_table as status
from observatory.db.schema import recruiter_table as recruiter
from observatory.db.schema import registration_table as reg
from observatory.db.schema import worker_table as worker
from observatory.filters import Filter


def register_entries(conn: Connection, licences: Sequence[str]) -> dict[str, dict]:
    """Licence -> its register entry (name, country, kind, dates, sectors, complaints, flags)."""
    columns = (
        recruiter.c.licence_no,
        recruiter.c.name,
        recruiter.c.registry_country,
        recruiter.c.kind,
        recruiter.c.status,
        recruiter.c.registered_on,
        recruiter.c.valid_until,
        recruiter.c.sectors,
        recruiter.c.complaints,
        recruiter.c.missing_from_register,
    )
    stmt = select(*columns).where(recruiter.c.licence_no.in_(licences))
    return {row["licence_no"]: dict(row) for row in conn.execute(stmt).mappings()}


def status_periods(conn: Connection, licences: Sequence[str]) -> list[dict]:
    """The status periods of `licences` (valid_to exclusive, NULL while open), in date order."""
    stmt = (
        select(status.c.licence_no, status.c.status, status.c.valid_from, status.c.valid_to)
        .where(status.c.licence_no.in_(licences))
        .order_by(status.c.licence_no, status.c.valid_from)
    )
    return [dict(row) for row in conn.execute(stmt).mappings()]


def placements(conn: Connection, flt: Filter) -> dict[str, dict]:
    """Per licence of the filter's recruiters: registrations and distinct workers."""
    stmt = (
        select(
            reg.c.recruiter_licence.label("licence_no"),
            func.count().label("registrations_count"),
            func.count(reg.c.worker_id.distinct()).label("workers_count"),
        )
        .where(*filter_clauses(flt))
        .group_by(reg.c.recruiter_licence)
    )
    return {row["licence_no"]: dict(row) for row in conn.execute(stmt).mappings()}


def contract_complaints(conn: Connection, flt: Filter) -> dict[str, dict]:
    """Per licence of the filter's recruiters: contracts, their distinct workers, and distinct
    workers with a complaint filed (yes), without one (no) and with the value known."""
    w, filed = contract.c.worker_id, contract.c.complaint_filed
    stmt = (
        select(
            contract.c.recruiter_licence.label("licence_no"),
            func.count().label("contracts_count"),
            func.count(w.distinct()).label("contract_workers_count"),
            func.count(case((filed.is_(True), w)).distinct()).label("complaint_workers"),
            func.count(case((filed.is_(False), w)).distinct()).label("no_complaint_workers"),
        )
        .select_from(contract.join(worker, worker.c.id == contract.c.worker_id))
        .where(*contract_clauses(flt))
        .group_by(contract.c.recruiter_licence)
    )
    return {row["licence_no"]: dict(row) for row in conn.execute(stmt).mappings()}


def placements_by_sector(conn: Connection, flt: Filter) -> list[tuple[str, int, int]]:
    """(sector, registrations, distinct workers) of the filtered registrations, by sector."""
    stmt = (
        select(
            reg.c.sector,
            func.count().label("registrations_count"),
            func.count(reg.c.worker_id.distinct()).label("workers_count"),
        )
        .where(*filter_clauses(flt))
        .group_by(reg.c.sector)
        .order_by(reg.c.sector)
    )
    return [tuple(row) for row in conn.execute(stmt)]
