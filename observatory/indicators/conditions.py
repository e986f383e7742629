"""Computations of the working-conditions indicators: wages below the minimum, SDG 10.7.1, and
contract conditions, from contracts aggregated in SQL, protected on distinct workers.

A share is published only when its denominator counts at least `min_cell` distinct workers and
the workers in each part (yes / no) are each zero or at least `min_cell`. Counts of contracts
and workers go through `disclosure.protect_table`, the overall row apart from the breakdowns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from sqlalchemy import Connection

from observatory import disclosure
from observatory.db import conditions_queries as cq
from observatory.filters import Filter

if TYPE_CHECKING:
    from observatory.corridor import Corridor

Computed = tuple[pd.DataFrame, int]
CONDITIONS = tuple(cq.CONDITIONS)
OVERALL = "all"
DIRECT_HIRE = "direct_hire"  # the recruiter breakdown's key for contracts without a licence
BREAKDOWNS = ("sector", "destination", "recruiter")


def _share(row: dict, name: str, min_cell: int) -> tuple[float | None, bool]:
    """(share of contracts in percent or None, whether an existing share was hidden)."""
    known_c, yes_c = row[f"{name}_known_contracts"], row[f"{name}_yes_contracts"]
    known_w, yes_w, no_w = (row[f"{name}_{k}_workers"] for k in ("known", "yes", "no"))
    if known_c == 0:
        return None, False  # undefined (0 of 0), not suppressed
    publishable = not (
        known_w < min_cell
        or disclosure.is_small(yes_w, min_cell)
        or disclosure.is_small(no_w, min_cell)
    )
    return (100.0 * yes_c / known_c if publishable else None), not publishable


def _order(row: dict) -> tuple[bool, str]:
    # Sorted here, not in SQL: collations differ (PostgreSQL's may ignore case), and direct
    # hire goes last, after the licences.
    return row["key"] == DIRECT_HIRE, str(row["key"])


def breakdown_rows(conn: Connection, flt: Filter, query, groups: tuple[str, ...]) -> list[dict]:
    """The overall row first, then each group's rows, each tagged with its breakdown; a
    contract without a licence is keyed DIRECT_HIRE in the recruiter breakdown."""
    rows = [{"breakdown": OVERALL, **r} for r in query(conn, flt)]
    for group in groups:
        found = [
            {**r, "key": DIRECT_HIRE if r["key"] is None else r["key"]}
            for r in query(conn, flt, group)
        ]
        rows += [{"breakdown": group, **r} for r in sorted(found, key=_order)]
    return rows


_rows = breakdown_rows


def protected_counts(rows: list[dict], min_cell: int) -> Computed:
    counts = pd.DataFrame(
        {
            "breakdown": pd.array([r["breakdown"] for r in rows], dtype="str"),
            "key": pd.array([str(r["key"]) for r in rows], dtype="str"),
            "contracts_count": pd.array([r["contracts_count"] for r in rows], dtype="Int64"),
            "workers_count": pd.array([r["workers_count"] for r in rows], dtype="Int64"),
        }
    )
    # Each breakdown adds up to the overall row: a margin per breakdown (the overall row alone).
    return disclosure.protect_table(
        counts,
        margins=(("breakdown",),),
        min_cell=min_cell,
        count_columns=("contracts_count", "workers_count"),
    )


_protected_counts = protected_counts


def wage_below_minimum_share(
    conn: Connection, flt: Filter, corridor: Corridor, min_cell: int
) -> Computed:
    """Rows breakdown ("all" | "sector" | "destination" | "recruiter"), key, contracts_count and
    workers_count (all contracts),
    comparable_contracts_count, share_below_pct (of comparable contracts), share_below_workers_pct
    (of workers with a comparable wage), suppressed."""
    rows = _rows(conn, flt, cq.wage_counts, BREAKDOWNS)
    table, hidden = _protected_counts(rows, min_cell)
    comparable, shares, worker_shares = [], [], []
    for row, suppressed in zip(rows, table["suppressed"], strict=True):
        share, share_hidden = _share(row, "below", min_cell)
        known_w, yes_w = row["below_known_workers"], row["below_yes_workers"]
        worker_share = disclosure.share_pct(yes_w, known_w, min_cell)
        if suppressed or share is None:
            share, worker_share = None, None
        comparable.append(None if share is None else row["below_known_contracts"])
        shares.append(share)
        worker_shares.append(worker_share)
        hidden += 2 * (share is None and (share_hidden or suppressed) and known_w > 0)
    table.insert(4, "comparable_contracts_count", pd.array(comparable, dtype="Int64"))
    table.insert(5, "share_below_pct", pd.array(shares, dtype="Float64"))
    table.insert(6, "share_below_workers_pct", pd.array(worker_shares, dtype="Float64"))
    return table, hidden


def recruitment_cost_sdg_10_7_1(
    conn: Connection, flt: Filter, corridor: Corridor, min_cell: int
) -> Computed:
    """Rows breakdown ("all" | "sector" | "destination" | "recruiter"), key, contracts_count,
    workers_count,
    sdg_mean_pct (mean recruitment_cost_ratio x 100 over contracts with a ratio), ratio_contracts,
    share_paid_pct (of contracts reporting a fee, those with a fee > 0), suppressed."""
    rows = _rows(conn, flt, cq.fee_stats, BREAKDOWNS)
    table, hidden = _protected_counts(rows, min_cell)
    means, ratio_counts, paid = [], [], []
    for row, suppressed in zip(rows, table["suppressed"], strict=True):
        n, workers = int(row["ratio_contracts"]), int(row["ratio_workers"])
        mean_ok = n > 0 and workers >= min_cell and not suppressed
        means.append(100.0 * float(row["ratio_sum"]) / n if mean_ok else None)
        ratio_counts.append(n if mean_ok else None)
        hidden += n > 0 and not mean_ok
        share, share_hidden = _share(row, "fee", min_cell)
        share = None if suppressed else share
        paid.append(share)
        hidden += share is None and (share_hidden or suppressed) and row["fee_known_contracts"] > 0
    table.insert(4, "sdg_mean_pct", pd.array(means, dtype="Float64"))
    table.insert(5, "ratio_contracts_count", pd.array(ratio_counts, dtype="Int64"))
    table.insert(6, "share_paid_pct", pd.array(paid, dtype="Float64"))
    return table, int(hidden)


def contract_conditions(
    conn: Connection, flt: Filter, corridor: Corridor, min_cell: int
) -> Computed:
    """Rows breakdown ("all" | "sector" | "destination" | "recruiter"), key, contracts_count,
    workers_count, then
    `<condition>_pct` for each of CONDITIONS (unknown values out of its denominator), suppressed."""
    rows = _rows(conn, flt, cq.condition_counts, BREAKDOWNS)
    table, hidden = _protected_counts(rows, min_cell)
    for position, name in enumerate(CONDITIONS, start=4):
        shares = []
        for row, suppressed in zip(rows, table["suppressed"], strict=True):
            share, share_hidden = _share(row, name, min_cell)
            share = None if suppressed else share
            hidden += (
                share is None
                and (share_hidden or suppressed)
                and row[f"{name}_known_contracts"] > 0
            )
            shares.append(share)
        table.insert(position, f"{name}_pct", pd.array(shares, dtype="Float64"))
    return table, int(hidden)
