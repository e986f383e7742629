"""Computations of a recruiter's profile: its register entry with protected counts of its
placements, contracts and complaints; its status timeline; its placements by sector.

The register is public (licence, name, status, complaints received by the registry): it is
never suppressed. Counts of workers are, through `observatory.disclosure`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pandas as pd
from sqlalchemy import Connection

from observatory import disclosure
from observatory.db import recruiter_queries as rq
from observatory.filters import Filter
from observatory.indicators.cells import text_or_none

if TYPE_CHECKING:
    from observatory.corridor import Corridor

Computed = tuple[pd.DataFrame, int]
_ENTRY = (
    ("name", "str"),
    ("registry_country", "str"),
    ("kind", "str"),
    ("status", "str"),
    ("registered_on", "str"),
    ("valid_until", "str"),
    ("sectors", "str"),
    ("complaints_registry", "Int64"),
    ("missing_from_register", "boolean"),
)
_COUNTS = (
    ("registrations_count", "workers_count"),
    ("contracts_count", "contract_workers_count"),
)


def recruiter_profile(conn: Connection, flt: Filter, corridor: Corridor, min_cell: int) -> Computed:
    """One row per licence of the recruiter filter (none without one): licence_no, its register
    entry (<NA> when the register does not hold it), registrations_count and workers_count
    (registrations under the filter), contracts_count and contract_workers_count (contracts
    under the filter), complaint_workers_count (workers with a complaint filed on a contract),
    suppressed. Several licences: each pair of counts is protected over the rows (a total)."""
    licences = list(flt.recruiter)
    entries = rq.register_entries(conn, licences)
    found = (rq.placements(conn, flt), rq.contract_complaints(conn, flt))
    columns: dict[str, list] = {column: [] for column, _ in _ENTRY}
    for licence in licences:
        entry = entries.get(licence, {})
        for column, dtype in _ENTRY:
            v = entry.get("complaints" if column == "complaints_registry" else column)
            columns[column].append(text_or_none(v) if dtype == "str" else v)
    table = pd.DataFrame(
        {
            "licence_no": pd.array(licences, dtype="str"),
            **{c: pd.array(columns[c], dtype=dtype) for c, dtype in _ENTRY},
        }
    )
    hidden, suppressed = 0, [False] * len(licences)
    for counts, by_licence in zip(_COUNTS, found, strict=True):
        part = pd.DataFrame(
            {
                c: pd.array([by_licence.get(lic, {}).get(c, 0) for lic in licences], "Int64")
                for c in counts
            }
        )
        part, n = disclosure.protect_table(
            part, margins=((),), min_cell=min_cell, count_columns=counts, workers_column=counts[1]
        )
        hidden += n
        suppressed = [a or bool(b) for a, b in zip(suppressed, part["suppressed"], strict=True)]
        for c in counts:
            table[c] = part[c].array
    # Workers with a complaint, next to the published contract workers: a subgroup count.
    complaints = []
    for i, licence in enumerate(licences):
        filed = int(found[1].get(licence, {}).get("complaint_workers", 0))
        shown = table["contract_workers_count"].iloc[i]
        count = None if pd.isna(shown) else disclosure.subgroup_count(filed, int(shown), min_cell)
        complaints.append(count)
        if count is None and filed > 0:
            hidden, suppressed[i] = hidden + 1, True
    table["complaint_workers_count"] = pd.array(complaints, dtype="Int64")
    table["suppressed"] = pd.Series(suppressed, dtype=bool)
    return table, int(hidden)


def recruiter_status_timeline(
    conn: Connection,
    flt: Filter,
    corridor: Corridor,
    min_cell: int,
    today: dt.date | None = None,
) -> Computed:
    """Rows licence_no, status, valid_from, valid_to (ISO dates; valid_to exclusive, <NA> while
    open) of each licence of the recruiter filter, in date order. A licence is `expired` from
    the day after its valid_until whatever the snapshots said (DATA_SPEC): periods are cut there
    and an `expired` period follows, once that day has come (a validity that ends next year is
    not an expiry yet). Public register data: nothing is suppressed."""
    today = today or dt.date.today()
    licences = list(flt.recruiter)
    expiry = {
        lic: until
        for lic, entry in rq.register_entries(conn, licences).items()
        if (until := entry["valid_until"]) is None or until < today
    }
    rows: list[tuple[str, str, dt.date, dt.date | None]] = []
    for period in rq.status_periods(conn, licences):
        lic, start, end = period["licence_no"], period["valid_from"], period["valid_to"]
        until = expiry.get(lic)
        if until is not None:
            expired_from = until + dt.timedelta(days=1)
            if start >= expired_from:
                continue  # the licence had expired: its `expired` period says so
            end = expired_from if end is None or end > expired_from else end
        rows.append((lic, period["status"], start, end))
    for lic, until in expiry.items():
        if until is not None and any(r[0] == lic for r in rows):
            rows.append((lic, "expired", until + dt.timedelta(days=1), None))
    rows.sort(key=lambda r: (r[0], r[2]))
    table = pd.DataFrame(
        {
            "licence_no": pd.array([r[0] for r in rows], dtype="str"),
            "status": pd.array([r[1] for r in rows], dtype="str"),
            "valid_from": pd.array([r[2].isoformat() for r in rows], dtype="str"),
            "valid_to": pd.array([text_or_none(r[3]) for r in rows], dtype="str"),
        }
    )
    table["suppressed"] = pd.Series([False] * len(table), dtype=bool)
    return table, 0


def placements_by_sector(
    conn: Connection, flt: Filter, corridor: Corridor, min_cell: int
) -> Computed:
    """Rows sector, registrations_count, workers_count of the filtered registrations (sectors
    present only), protected against their grand total."""
    rows = rq.placements_by_sector(conn, flt)
    table = pd.DataFrame(
        {
            "sector": pd.array([r[0] for r in rows], dtype="str"),
            "registrations_count": pd.array([r[1] for r in rows], dtype="Int64"),
            "workers_count": pd.array([r[2] for r in rows], dtype="Int64"),
        }
    )
    return disclosure.protect_table(table, margins=((),), min_cell=min_cell)
