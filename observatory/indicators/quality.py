"""Computations of the data-quality and recruiter indicators: SQL aggregates in, tidy tables out.

Load statistics count rows of files, not workers, so disclosure control does not apply to
them; compliance counts distinct workers and is protected like every worker count.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import TYPE_CHECKING

import pandas as pd
from sqlalchemy import Connection

from observatory import disclosure
from observatory.db import alert_queries
from observatory.db import quality_queries as qq
from observatory.filters import Filter
from observatory.indicators.cells import as_date, text_or_none, unsuppressed

if TYPE_CHECKING:
    from observatory.corridor import Corridor

Computed = tuple[pd.DataFrame, int]
SOURCE_KINDS = ("border_office", "recruiter_registry", "contracts")
COMPLIANCE_CATEGORIES = (
    "active",
    "pending",
    "suspended",
    "revoked",
    "expired",
    "unregistered",
    "direct_hire",
)
ALERT_CATEGORIES = ("suspended", "revoked", "expired", "unregistered")
_QUOTED = re.compile(r"""'[^']*'|"[^"]*"|«[^»]*»""")
_LEADING_VALUE = re.compile(r"^\S+ (?=is |must )")


def _frame(columns: dict[str, tuple[str, list[object]]]) -> pd.DataFrame:
    return pd.DataFrame(
        {name: pd.array(values, dtype=dtype) for name, (dtype, values) in columns.items()}
    )


def loads_by_month(conn: Connection, flt: Filter, corridor: Corridor, min_cell: int) -> Computed:
    """Rows source_kind, month (of loading), batches and rows loaded/updated/unchanged/quarantined.

    Only completed ('loaded') batches; the filter does not apply (these are file rows).
    """
    rows = qq.loads_by_month(conn)
    names = ("source_kind", "month", "batches_count", *qq.ROW_COUNTS[1:])
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(names)
    return unsuppressed(
        _frame(
            {
                name: ("str" if i < 2 else "Int64", [v if i >= 2 else str(v) for v in columns[i]])
                for i, name in enumerate(names)
            }
        )
    )


def recent_loads(conn: Connection, flt: Filter, corridor: Corridor, min_cell: int) -> Computed:
    """The 20 newest load attempts, whatever their status (refused and failed ones included)."""
    rows = qq.recent_loads(conn)
    table = _frame(
        {
            "batch_id": ("Int64", [r["id"] for r in rows]),
            "started_at": ("str", [str(r["started_at"])[:16] for r in rows]),
            "file_name": ("str", [r["file_name"] for r in rows]),
            "source_kind": ("str", [r["source_kind"] for r in rows]),
            "status": ("str", [r["status"] for r in rows]),
            **{name: ("Int64", [r[name] or 0 for r in rows]) for name in qq.ROW_COUNTS},
            "message": ("str", [text_or_none(r["message"]) for r in rows]),
        }
    )
    return unsuppressed(table)


def reason_pattern(reason: str) -> str:
    """A quarantine reason with the offending value taken out, so like reasons group together.

    "'31/02/2024' is not a calendar date" and "'2024-02-30' is not a calendar date" are
    one reason: "… is not a calendar date".
    """
    pattern = _QUOTED.sub("…", reason.strip())
    return _LEADING_VALUE.sub("… ", pattern)


def quarantine_reasons(
    conn: Connection, flt: Filter, corridor: Corridor, min_cell: int
) -> Computed:
    """Rows source_kind, field, reason (value removed), rows_count; most frequent first."""
    counted: dict[tuple[str, str, str], int] = defaultdict(int)
    for kind, field, reason, count in qq.quarantine_reasons(conn):
        counted[(kind, field, reason_pattern(reason))] += int(count)
    ranked = sorted(counted.items(), key=lambda item: (-item[1], item[0]))
    table = _frame(
        {
            "source_kind": ("str", [k[0] for k, _ in ranked]),
            "field": ("str", [k[1] for k, _ in ranked]),
            "reason": ("str", [k[2] for k, _ in ranked]),
            "rows_count": ("Int64", [n for _, n in ranked]),
        }
    )
    return unsuppressed(table)


def field_completeness(
    conn: Connection, flt: Filter, corridor: Corridor, min_cell: int
) -> Computed:
    """Rows table_name, column_name, filled_count, rows_count, complete_pct (None when no rows)."""
    rows = qq.field_completeness(conn)
    table = _frame(
        {
            "table_name": ("str", [r[0] for r in rows]),
            "column_name": ("str", [r[1] for r in rows]),
            "filled_count": ("Int64", [r[2] for r in rows]),
            "rows_count": ("Int64", [r[3] for r in rows]),
            "complete_pct": ("Float64", [100.0 * r[2] / r[3] if r[3] else None for r in rows]),
        }
    )
    return unsuppressed(table)


def days_since_last_load(
    conn: Connection, flt: Filter, corridor: Corridor, min_cell: int, today: dt.date | None = None
) -> Computed:
    """Rows source_kind, last_load_on ("YYYY-MM-DD" or <NA>), days_since_last_load (<NA>: never)."""
    today = today or dt.date.today()
    found = {kind: finished for kind, finished in qq.last_loads(conn) if finished is not None}
    kinds = list(SOURCE_KINDS) + sorted(set(found) - set(SOURCE_KINDS))
    last = [as_date(found.get(kind)) for kind in kinds]
    table = _frame(
        {
            "source_kind": ("str", kinds),
            "last_load_on": ("str", [d.isoformat() if d else None for d in last]),
            "days_since_last_load": ("Int64", [(today - d).days if d else None for d in last]),
        }
    )
    return unsuppressed(table)


def recruiter_registry(
    conn: Connection, flt: Filter, corridor: Corridor, min_cell: int
) -> Computed:
    """The public register: licence, name, country, status, validity, sectors, complaints, flag."""
    rows = qq.recruiter_registry(conn)
    table = _frame(
        {
            "licence_no": ("str", [r["licence_no"] for r in rows]),
            "name": ("str", [r["name"] for r in rows]),
            "registry_country": ("str", [r["registry_country"] for r in rows]),
            "status": ("str", [text_or_none(r["status"]) for r in rows]),
            "valid_until": ("str", [text_or_none(r["valid_until"]) for r in rows]),
            "sectors": ("str", [text_or_none(r["sectors"]) for r in rows]),
            "complaints": ("Int64", [r["complaints"] for r in rows]),
            "missing_from_register": ("bool", [bool(r["missing_from_register"]) for r in rows]),
        }
    )
    return unsuppressed(table)


def recruiter_compliance(
    conn: Connection, flt: Filter, corridor: Corridor, min_cell: int
) -> Computed:
    """Rows category (every one, in order), registrations_count, workers_count, share_pct.

    share_pct is the category's share of the registrations placed by a recruiter (direct
    hires are counted apart and have no share); it is published only for a published cell
    when the recruiters' registrations concern at least `min_cell` distinct workers.
    """
    found = {c: (r, w) for c, r, w in qq.compliance_counts(conn, flt)}
    licensed_regs, licensed_workers = qq.compliance_totals(conn, flt)
    table = _frame(
        {
            "category": ("str", list(COMPLIANCE_CATEGORIES)),
            "registrations_count": (
                "Int64",
                [found.get(c, (0, 0))[0] for c in COMPLIANCE_CATEGORIES],
            ),
            "workers_count": ("Int64", [found.get(c, (0, 0))[1] for c in COMPLIANCE_CATEGORIES]),
        }
    )
    table, hidden = disclosure.protect_table(table, margins=((),), min_cell=min_cell)
    shares: list[float | None] = []
    for row in table.itertuples(index=False):
        usable = (
            row.category != "direct_hire"
            and not row.suppressed
            and licensed_regs > 0
            and not disclosure.is_small(licensed_workers, min_cell)
        )
        shares.append(100.0 * int(row.registrations_count) / licensed_regs if usable else None)
    hidden += sum(
        1
        for share, row in zip(shares, table.itertuples(index=False), strict=True)
        if share is None and row.category != "direct_hire" and licensed_regs > 0
    )
    table.insert(3, "share_pct", pd.array(shares, dtype="Float64"))
    return table, hidden


def recruiter_alerts(conn: Connection, flt: Filter, corridor: Corridor, min_cell: int) -> Computed:
    """Rows licence_no, name, category, registrations_count, workers_count: placements made while
    suspended, revoked, expired or unregistered; minors placed (registrations); fees charged to
    workers (registrations_count counts contracts there). Cells under `min_cell` workers hidden.
    """
    rows = qq.non_compliant_placements(conn, flt)
    for alerts in (alert_queries.minors_placed, alert_queries.fees_charged):
        rows += sorted(alerts(conn, flt), key=lambda r: (-int(r[3]), str(r[0])))
    table = _frame(
        {
            "licence_no": ("str", [r[0] for r in rows]),
            "name": ("str", [text_or_none(r[1]) for r in rows]),
            "category": ("str", [r[2] for r in rows]),
            "registrations_count": ("Int64", [r[3] for r in rows]),
            "workers_count": ("Int64", [r[4] for r in rows]),
        }
    )
    # The per-category totals are published by recruiter_compliance: they are margins here.
    return disclosure.protect_table(table, margins=(("category",),), min_cell=min_cell)
