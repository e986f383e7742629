"""SELECTs of the quality and recruiter pages: loads, quarantine, completeness, compliance."""

from __future__ import annotations

from sqlalchemy import Connection, String, and_, case, cast, func, literal, or_, select

from observatory.db.queries import filter_clauses, standing_on, status_period_on
from observatory.db.schema import contract_table, load_batch_table, quarantined_row_table
from observatory.db.schema import recruiter_status_table as status_period
from observatory.db.schema import recruiter_table as recruiter
from observatory.db.schema import registration_table as reg
from observatory.filters import Filter

batch = load_batch_table
ROW_COUNTS = ("rows_read", "rows_loaded", "rows_updated", "rows_unchanged", "rows_quarantined")
# Columns never worth a completeness figure: keys, lineage and values the ETL derives.
_NOT_MEASURED = {"id", "first_batch_id", "last_batch_id", "worker_id", "period_month", "age_group"}


def _month(column):
    # ISO text of a timestamp on both databases ("2024-01-15 10:00:00..."): its first 7 chars.
    return func.substr(cast(column, String), 1, 7)


def loads_by_month(conn: Connection) -> list[tuple[object, ...]]:
    """(source_kind, month loaded, batches, rows loaded/updated/unchanged/quarantined), sorted."""
    month = _month(batch.c.started_at).label("month")
    stmt = (
        select(
            batch.c.source_kind,
            month,
            func.count().label("batches_count"),
            *(func.coalesce(func.sum(batch.c[name]), 0).label(name) for name in ROW_COUNTS[1:]),
        )
        .where(batch.c.status == "loaded")
        .group_by(batch.c.source_kind, month)
        .order_by(month, batch.c.source_kind)
    )
    return [tuple(row) for row in conn.execute(stmt)]


def recent_loads(conn: Connection, limit: int = 20) -> list[dict]:
    """The newest `limit` load attempts (whatever their status), newest first."""
    stmt = (
        select(
            batch.c.id,
            batch.c.started_at,
            batch.c.file_name,
            batch.c.source_kind,
            batch.c.status,
            *(batch.c[name] for name in ROW_COUNTS),
            batch.c.message,
        )
        .order_by(batch.c.id.desc())
        .limit(limit)
    )
    return [dict(row) for row in conn.execute(stmt).mappings()]


def quarantine_reasons(conn: Connection) -> list[tuple[str, str, str, int]]:
    """(source_kind, field, reason, rows) per distinct reason text, the aggregation in SQL."""
    q = quarantined_row_table
    stmt = (
        select(batch.c.source_kind, q.c.field, q.c.reason, func.count().label("rows_count"))
        .join(batch, batch.c.id == q.c.batch_id)
        .group_by(batch.c.source_kind, q.c.field, q.c.reason)
    )
    return [tuple(row) for row in conn.execute(stmt)]


def field_completeness(conn: Connection) -> list[tuple[str, str, int, int]]:
    """(table, column, non-empty values, rows) for each measured column of registration, contract.

    count(col) counts non-NULL values; text columns count non-blank ones (NULLIF(col, '')).
    """
    out: list[tuple[str, str, int, int]] = []
    for table in (reg, contract_table):
        columns = [c for c in table.columns if c.name not in _NOT_MEASURED]
        counted = [
            func.count(func.nullif(c, "") if isinstance(c.type, String) else c).label(c.name)
            for c in columns
        ]
        row = conn.execute(select(func.count().label("_rows"), *counted)).one()
        total = int(row[0])
        out.extend((table.name, c.name, int(row[i + 1]), total) for i, c in enumerate(columns))
    return out


def last_loads(conn: Connection) -> list[tuple[str, object]]:
    """(source_kind, finished_at of its newest 'loaded' batch), per source kind that has one."""
    stmt = (
        select(batch.c.source_kind, func.max(batch.c.finished_at))
        .where(batch.c.status == "loaded")
        .group_by(batch.c.source_kind)
        .order_by(batch.c.source_kind)
    )
    return [tuple(row) for row in conn.execute(stmt)]


def recruiter_registry(conn: Connection) -> list[dict]:
    """The binational register as stored: one row per licence, sorted by licence."""
    stmt = select(
        recruiter.c.licence_no,
        recruiter.c.name,
        recruiter.c.registry_country,
        recruiter.c.status,
        recruiter.c.valid_until,
        recruiter.c.sectors,
        recruiter.c.complaints,
        recruiter.c.missing_from_register,
    ).order_by(recruiter.c.licence_no)
    return [dict(row) for row in conn.execute(stmt).mappings()]


def _compliance_category():
    """The SQL CASE giving each registration its recruiter's standing on registered_on.

    No licence: direct hire. A licence absent from the register, or with no known status on
    that date: unregistered. Past the licence's valid_until: expired, whatever the status.
    """
    return case(
        (or_(reg.c.recruiter_licence.is_(None), reg.c.recruiter_licence == ""), "direct_hire"),
        (recruiter.c.id.is_(None), "unregistered"),
        (standing_on(reg.c.registered_on).is_(None), "unregistered"),
        else_=standing_on(reg.c.registered_on),
    )


def _with_status():
    on_date = status_period_on(reg.c.recruiter_licence, reg.c.registered_on)
    return reg.outerjoin(recruiter, recruiter.c.licence_no == reg.c.recruiter_licence).outerjoin(
        status_period, on_date
    )


def compliance_counts(conn: Connection, flt: Filter) -> list[tuple[str, int, int]]:
    """(category, registrations, distinct workers) for the filtered registrations."""
    category = _compliance_category().label("category")
    stmt = (
        select(category, func.count(), func.count(reg.c.worker_id.distinct()))
        .select_from(_with_status())
        .where(*filter_clauses(flt))
        .group_by(category)
    )
    return [(str(c), int(r), int(w)) for c, r, w in conn.execute(stmt)]


def compliance_totals(conn: Connection, flt: Filter) -> tuple[int, int]:
    """(registrations, distinct workers) placed by a recruiter (any licence) under the filter."""
    licensed = and_(reg.c.recruiter_licence.is_not(None), reg.c.recruiter_licence != literal(""))
    stmt = select(func.count(), func.count(reg.c.worker_id.distinct())).where(
        licensed, *filter_clauses(flt)
    )
    registrations, workers = conn.execute(stmt).one()
    return int(registrations), int(workers)


def non_compliant_placements(conn: Connection, flt: Filter) -> list[tuple[object, ...]]:
    """(licence, name or None, category, registrations, workers) for every placement made while
    the licence was suspended, revoked, expired or unregistered; most registrations first."""
    category = _compliance_category().label("category")
    stmt = (
        select(
            reg.c.recruiter_licence,
            recruiter.c.name,
            category,
            func.count().label("registrations_count"),
            func.count(reg.c.worker_id.distinct()).label("workers_count"),
        )
        .select_from(_with_status())
        .where(*filter_clauses(flt))
        .group_by(reg.c.recruiter_licence, recruiter.c.name, category)
    )
    bad = {"suspended", "revoked", "expired", "unregistered"}
    rows = [tuple(row) for row in conn.execute(stmt) if row[2] in bad]
    return sorted(rows, key=lambda r: (-int(r[3]), str(r[0])))
