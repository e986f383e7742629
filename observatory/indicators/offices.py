"""Data quality per border office: its loads, rows, quarantine and freshness."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

import pandas as pd
from sqlalchemy import Connection

from observatory.db import office_queries as oq
from observatory.filters import Filter
from observatory.indicators.cells import as_date, unsuppressed

if TYPE_CHECKING:
    from observatory.corridor import Corridor

SEVERAL = "several"  # a load whose rows came from more than one office
UNKNOWN = "unknown"  # a load none of whose rows is held (all quarantined, or all replaced)


def office_quality(
    conn: Connection, flt: Filter, corridor: Corridor, min_cell: int, today: dt.date | None = None
) -> tuple[pd.DataFrame, int]:
    """Rows office (border point code, "several" or "unknown"), batches_count, rows_loaded,
    rows_updated, rows_quarantined, last_load_on, days_since_last_load, registrations_count,
    last_registered_on; every border point of the corridor is listed, with zeros when none.

    A load counts for an office when the rows it created or last changed are that office's;
    a load that served several offices is counted once, under "several".
    """
    today = today or dt.date.today()
    offices: dict[int, set[str]] = defaultdict(set)
    for batch_id, office in oq.batch_offices(conn):
        offices[batch_id].add(office)
    per_office: dict[str, dict] = {
        point.code: {"batches": 0, "loaded": 0, "updated": 0, "quarantined": 0, "last": None}
        for point in corridor.border_points
    }
    for load in oq.office_loads(conn):
        found = offices.get(load["id"], set())
        name = next(iter(found)) if len(found) == 1 else SEVERAL if found else UNKNOWN
        entry = per_office.setdefault(
            name, {"batches": 0, "loaded": 0, "updated": 0, "quarantined": 0, "last": None}
        )
        entry["batches"] += 1
        entry["loaded"] += load["rows_loaded"] or 0
        entry["updated"] += load["rows_updated"] or 0
        entry["quarantined"] += load["rows_quarantined"] or 0
        finished = as_date(load["finished_at"])
        if finished and (entry["last"] is None or finished > entry["last"]):
            entry["last"] = finished
    held = {office: (count, as_date(last)) for office, count, last in oq.office_registrations(conn)}
    names = list(per_office)
    last_loads = [per_office[n]["last"] for n in names]
    table = pd.DataFrame(
        {
            "office": pd.array(names, dtype="str"),
            "batches_count": pd.array([per_office[n]["batches"] for n in names], dtype="Int64"),
            "rows_loaded": pd.array([per_office[n]["loaded"] for n in names], dtype="Int64"),
            "rows_updated": pd.array([per_office[n]["updated"] for n in names], dtype="Int64"),
            "rows_quarantined": pd.array(
                [per_office[n]["quarantined"] for n in names], dtype="Int64"
            ),
            "last_load_on": pd.array([d.isoformat() if d else None for d in last_loads], "str"),
            "days_since_last_load": pd.array(
                [(today - d).days if d else None for d in last_loads], dtype="Int64"
            ),
            "registrations_count": pd.array([held.get(n, (0, None))[0] for n in names], "Int64"),
            "last_registered_on": pd.array(
                [d.isoformat() if (d := held.get(n, (0, None))[1]) else None for n in names],
                dtype="str",
            ),
        }
    )
    return unsuppressed(table)
