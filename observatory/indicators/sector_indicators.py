"""Computations of the sector-concentration indicators: sector shares by destination state and by
year, the Herfindahl–Hirschman index by state and year, the share of the top employers, and
where women and minors work. SQL aggregates in (`db.sector_queries`), protected tables out.

Every count is protected by `disclosure.protect_table` on distinct workers; a share is published
only when its cell is and its denominator counts at least `min_cell` workers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd
from sqlalchemy import Connection

from observatory import disclosure
from observatory.db import sector_queries as sq
from observatory.filters import Filter

if TYPE_CHECKING:
    from observatory.corridor import Corridor

Computed = tuple[pd.DataFrame, int]  # the protected table and how many values it hides
COUNTS = ("registrations_count", "workers_count")
STATE, YEAR, SECTOR = "destination_admin1", "year", "sector"
TOP_EMPLOYERS = 5  # the concentration ratio CR5
OVERALL = "all"


def _table(keys: Sequence[str], rows: list[dict], counts: Sequence[str] = COUNTS) -> pd.DataFrame:
    data = {key: pd.array([r[key] for r in rows], dtype="str") for key in keys}
    data.update({name: pd.array([r[name] for r in rows], dtype="Int64") for name in counts})
    return pd.DataFrame(data)


def _sector_shares(key: str, rows: list[dict], totals: dict[str, int], min_cell: int) -> Computed:
    """Rows key, sector, counts, share_pct (of the key's workers), suppressed.

    The totals per key and per sector are published elsewhere (and through the filters), so
    both are margins; the grand total adds nothing, since the per-key margins cover it.
    """
    table, hidden = disclosure.protect_table(
        _table((key, SECTOR), rows), margins=((key,), (SECTOR,)), min_cell=min_cell
    )
    shares = []
    for row, suppressed in zip(rows, table["suppressed"], strict=True):
        denominator = totals[row[key]]
        publish = not suppressed and denominator >= min_cell
        shares.append(100.0 * row["workers_count"] / denominator if publish else None)
        hidden += not publish
    table.insert(4, "share_pct", pd.array(shares, dtype="Float64"))
    return table, int(hidden)


def sector_by_destination(
    conn: Connection, flt: Filter, corridor: Corridor, min_cell: int
) -> Computed:
    """Rows destination_admin1, sector, registrations_count, workers_count, share_pct,
    suppressed."""
    rows = sq.sector_counts(conn, flt, (STATE, SECTOR))
    totals = {r[STATE]: r["workers_count"] for r in sq.sector_counts(conn, flt, (STATE,))}
    return _sector_shares(STATE, rows, totals, min_cell)


def sector_by_year(conn: Connection, flt: Filter, corridor: Corridor, min_cell: int) -> Computed:
    """Rows year ("YYYY"), sector, registrations_count, workers_count, share_pct, suppressed."""
    rows = sq.sector_counts(conn, flt, (YEAR, SECTOR))
    totals = {r[YEAR]: r["workers_count"] for r in sq.sector_counts(conn, flt, (YEAR,))}
    return _sector_shares(YEAR, rows, totals, min_cell)


def hhi_lower_bound(workers: Sequence[int], hidden: Sequence[bool]) -> float | None:
    """Σ (share in %)² over sectors, 0–10,000, with the hidden sectors spread evenly.

    Shares are of the sum of the sectors' workers. Hidden sectors enter only through their
    total, split evenly among them: the lowest HHI consistent with the published cells (exact
    when none is hidden). None when there are no workers.
    """
    total = sum(workers)
    if total == 0:
        return None
    shown = sum((100.0 * n / total) ** 2 for n, h in zip(workers, hidden, strict=True) if not h)
    masked = [n for n, h in zip(workers, hidden, strict=True) if h]
    if masked:
        shown += (100.0 * sum(masked) / total) ** 2 / len(masked)
    return shown


def sector_hhi(conn: Connection, flt: Filter, corridor: Corridor, min_cell: int) -> Computed:
    """Rows destination_admin1, year, workers_count, sectors_count, hidden_sectors_count, hhi,
    suppressed.

    The sector cells of each year are protected as `sector_by_destination` protects them for a
    filter on that year (margins per state and per sector, within the year); the HHI is then
    `hhi_lower_bound` of them. A state-year's count, and with it its HHI, is published when it
    has at least `min_cell` workers and is not hidden to protect another state-year.
    """
    keys = (STATE, YEAR)
    cells = sq.sector_counts(conn, flt, (*keys, SECTOR))
    protected, _ = disclosure.protect_table(
        _table((*keys, SECTOR), cells), margins=(keys, (SECTOR, YEAR)), min_cell=min_cell
    )
    parts: dict[tuple[str, str], list[tuple[int, bool]]] = defaultdict(list)
    for cell, masked in zip(cells, protected["suppressed"], strict=True):
        parts[(cell[STATE], cell[YEAR])].append((cell["workers_count"], bool(masked)))
    states = sq.sector_counts(conn, flt, keys)
    table, hidden = disclosure.protect_table(
        _table(keys, states, ("workers_count",)),
        margins=((STATE,), (YEAR,)),
        min_cell=min_cell,
        count_columns=("workers_count",),
    )
    sectors, hidden_sectors, hhis = [], [], []
    for state, masked in zip(states, table["suppressed"], strict=True):
        found = parts[(state[STATE], state[YEAR])]
        sectors.append(None if masked else len(found))
        hidden_sectors.append(None if masked else sum(h for _, h in found))
        hhis.append(None if masked else hhi_lower_bound(*zip(*found, strict=True)))
        hidden += 3 * bool(masked)
    table.insert(3, "sectors_count", pd.array(sectors, dtype="Int64"))
    table.insert(4, "hidden_sectors_count", pd.array(hidden_sectors, dtype="Int64"))
    table.insert(5, "hhi", pd.array(hhis, dtype="Float64"))
    return table, int(hidden)


def top_employers_share(
    conn: Connection, flt: Filter, corridor: Corridor, min_cell: int
) -> Computed:
    """Rows breakdown ("all" | "sector"), key, workers_count, employers_count, top_share_pct,
    top_employers, suppressed.

    top_share_pct: workers of the 5 employers with most workers over the workers of all
    employers (worker–employer pairs), published like any share (`disclosure.share_pct`);
    top_employers: the names of those among the 5 with at least `min_cell` workers, "; "-joined.
    """
    employers: dict[str, list[dict]] = defaultdict(list)
    rows_top = sq.employer_workers(conn, flt, False, TOP_EMPLOYERS)
    for row in rows_top + sq.employer_workers(conn, flt, True, TOP_EMPLOYERS):
        employers[row["key"]].append(row)
    workers = sq.workers_with_employer(conn, flt, True)
    keys = [OVERALL, *sorted(workers)]
    workers[OVERALL] = sq.workers_with_employer(conn, flt, False).get(OVERALL, 0)
    rows = [
        {
            "breakdown": OVERALL if key == OVERALL else SECTOR,
            "key": key,
            "workers_count": workers[key],
            "employers_count": employers[key][0]["employers_count"] if employers[key] else 0,
        }
        for key in keys
    ]
    counts = ("workers_count", "employers_count")
    table, hidden = disclosure.protect_table(
        _table(("breakdown", "key"), rows, counts),
        margins=(("breakdown",),),  # the sectors add up to the overall row
        min_cell=min_cell,
        count_columns=counts,
    )
    shares, names = [], []
    for key, suppressed in zip(keys, table["suppressed"], strict=True):
        top = employers[key]  # ranked in SQL, at most TOP_EMPLOYERS
        pairs = top[0]["pairs_count"] if top else 0
        top_pairs = sum(e["workers_count"] for e in top)
        share = None if suppressed else disclosure.share_pct(top_pairs, pairs, min_cell)
        hidden += share is None and pairs > 0
        shares.append(share)
        big = [e["employer_name"] for e in top if e["workers_count"] >= min_cell]
        names.append("; ".join(n for n in big if n) if share is not None else "")
    table.insert(4, "top_share_pct", pd.array(shares, dtype="Float64"))
    table.insert(5, "top_employers", pd.array(names, dtype="str"))
    return table, int(hidden)


def women_minors_by_sector(
    conn: Connection, flt: Filter, corridor: Corridor, min_cell: int
) -> Computed:
    """Rows sector, workers_count, women_count, minors_count, share_women_pct, share_minors_pct,
    suppressed.

    Each subgroup count is published as `overview_kpis` publishes it (`disclosure.subgroup_count`);
    the subgroup's total over all sectors is published there too, so a lone hidden subgroup
    count gets a complementary one (`disclosure.secondary_mask`), like any other cell.
    """
    rows = sq.sector_counts(conn, flt, (SECTOR,), subgroups=True)
    table, hidden = disclosure.protect_table(
        _table((SECTOR,), rows, ("workers_count",)),
        count_columns=("workers_count",),
        min_cell=min_cell,
    )
    any_hidden = list(table["suppressed"])
    for group in ("women", "minors"):
        counts = [r[f"{group}_count"] for r in rows]
        primary = [
            bool(suppressed) or disclosure.subgroup_count(n, r["workers_count"], min_cell) is None
            for n, r, suppressed in zip(counts, rows, table["suppressed"], strict=True)
        ]
        mask = disclosure.secondary_mask(counts, primary, [[()] * len(rows)])
        shares = [
            None if m else disclosure.share_pct(n, r["workers_count"], min_cell)
            for n, r, m in zip(counts, rows, mask, strict=True)
        ]
        table[f"{group}_count"] = pd.array(
            [None if m else n for n, m in zip(counts, mask, strict=True)], dtype="Int64"
        )
        table[f"share_{group}_pct"] = pd.array(shares, dtype="Float64")
        hidden += 2 * sum(mask)
        any_hidden = [a or m for a, m in zip(any_hidden, mask, strict=True)]
    order = ["sector", "workers_count", "women_count", "minors_count"]
    table = table[[*order, "share_women_pct", "share_minors_pct"]].copy()
    table["suppressed"] = pd.Series(any_hidden, index=table.index, dtype=bool)
    return table, int(hidden)
