"""Computations of the wage indicators: daily wages in bands of the minimum wage, the gap
between women and men, and the recruitment fees counted over workers rather than contracts.

Every count is of contracts aggregated in SQL; disclosure is decided on distinct workers
through `observatory.disclosure`, like the other working-conditions indicators.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from sqlalchemy import Connection

from observatory import disclosure
from observatory.db import conditions_queries as cq
from observatory.filters import Filter
from observatory.indicators.conditions import (
    BREAKDOWNS,
    DIRECT_HIRE,
    OVERALL,
    breakdown_rows,
    protected_counts,
)

if TYPE_CHECKING:
    from observatory.corridor import Corridor

Computed = tuple[pd.DataFrame, int]
SEXES = (("F", "women"), ("M", "men"))


def wage_distribution(conn: Connection, flt: Filter, corridor: Corridor, min_cell: int) -> Computed:
    """Rows band (WAGE_BANDS order), lower_pct, upper_pct (of the minimum; <NA> when open),
    contracts_count, workers_count, share_pct (of the contracts with a comparable wage),
    suppressed. The bands add up to the comparable contracts: one margin, the grand total."""
    row = cq.wage_band_counts(conn, flt)[0]
    bands = cq.WAGE_BANDS
    table = pd.DataFrame(
        {
            "band": pd.array([name for name, _, _ in bands], dtype="str"),
            "lower_pct": pd.array(
                [None if lo is None else 100 * lo for _, lo, _ in bands], "Float64"
            ),
            "upper_pct": pd.array(
                [None if up is None else 100 * up for _, _, up in bands], "Float64"
            ),
            "contracts_count": pd.array(
                [row[f"{n}_contracts"] for n, _, _ in bands], dtype="Int64"
            ),
            "workers_count": pd.array([row[f"{n}_workers"] for n, _, _ in bands], dtype="Int64"),
        }
    )
    table, hidden = disclosure.protect_table(
        table, margins=((),), min_cell=min_cell, count_columns=("contracts_count", "workers_count")
    )
    total, total_workers = int(row["banded_contracts"]), int(row["banded_workers"])
    shares = []
    for count, suppressed in zip(table["contracts_count"], table["suppressed"], strict=True):
        publishable = total > 0 and total_workers >= min_cell and not suppressed
        shares.append(100.0 * int(count) / total if publishable else None)
        hidden += total > 0 and not publishable
    table.insert(5, "share_pct", pd.array(shares, dtype="Float64"))
    return table, int(hidden)


def _sex_count_masks(rows: list[dict], min_cell: int) -> list[bool]:
    """Rows whose women and men counts are hidden: a small count hides both (the row's total is
    published elsewhere), and within a breakdown a lone hidden row hides another."""
    labels = [[r["breakdown"] for r in rows]]
    counts = {sex: [int(r[f"{sex}_workers"]) for r in rows] for sex, _ in SEXES}
    mask = [
        any(disclosure.is_small(counts[sex][i], min_cell) for sex, _ in SEXES)
        for i in range(len(rows))
    ]
    while True:
        new = list(mask)
        for sex, _ in SEXES:
            secondary = disclosure.secondary_mask(counts[sex], mask, labels)
            new = [a or b for a, b in zip(new, secondary, strict=True)]
        if new == mask:
            return mask
        mask = new


def wage_gap_sex(conn: Connection, flt: Filter, corridor: Corridor, min_cell: int) -> Computed:
    """Rows breakdown ("all" | "sector" | "destination" | "recruiter"), key, women_workers_count,
    men_workers_count, women_mean_daily_mxn, men_mean_daily_mxn, gap_pct, suppressed.

    Means are over contracts with a comparable wage (sum / count, computed from SQL sums); a
    sex's mean is published when it counts at least `min_cell` distinct workers, and the gap,
    (men - women) / men x 100, only when both means are.
    """
    rows = breakdown_rows(conn, flt, cq.wage_by_sex, BREAKDOWNS)
    counts_hidden = _sex_count_masks(rows, min_cell)
    data: dict[str, list] = {name: [] for name in GAP_COLUMNS}
    hidden = 0
    for row, count_hidden in zip(rows, counts_hidden, strict=True):
        data["breakdown"].append(row["breakdown"])
        data["key"].append(str(row["key"]))
        data["suppressed"].append(count_hidden)
        means: dict[str, float | None] = {}
        for sex, name in SEXES:
            workers, contracts = int(row[f"{sex}_workers"]), int(row[f"{sex}_contracts"])
            ok = contracts > 0 and workers >= min_cell
            means[sex] = float(row[f"{sex}_wage_sum"]) / contracts if ok else None
            data[f"{name}_workers_count"].append(None if count_hidden else workers)
            data[f"{name}_mean_daily_mxn"].append(means[sex])
            hidden += count_hidden + (contracts > 0 and not ok)
            data["suppressed"][-1] |= contracts > 0 and not ok
        women, men = means["F"], means["M"]
        data["gap_pct"].append(
            100.0 * (men - women) / men
            if women is not None and men is not None and men > 0
            else None
        )
        hidden += bool(row["F_contracts"] and row["M_contracts"]) and data["gap_pct"][-1] is None
    table = pd.DataFrame(
        {name: pd.array(values, dtype=GAP_COLUMNS[name]) for name, values in data.items()}
    )
    return table, int(hidden)


GAP_COLUMNS = {
    "breakdown": "str",
    "key": "str",
    "women_workers_count": "Int64",
    "men_workers_count": "Int64",
    "women_mean_daily_mxn": "Float64",
    "men_mean_daily_mxn": "Float64",
    "gap_pct": "Float64",
    "suppressed": "bool",
}


def recruitment_fee_workers(
    conn: Connection, flt: Filter, corridor: Corridor, min_cell: int
) -> Computed:
    """Rows breakdown ("all" | "sector" | "destination" | "recruiter"), key, contracts_count,
    workers_count, sdg_mean_workers_pct (mean over workers of each worker's mean fee / monthly
    earnings, x 100), ratio_workers_count, share_paid_workers_pct (workers who paid a fee > 0 on
    any selected contract / workers who reported a fee), suppressed."""
    rows = breakdown_rows(conn, flt, cq.fee_stats, BREAKDOWNS)
    means = {(OVERALL, OVERALL): cq.fee_ratio_by_worker(conn, flt)[0]}
    for group in BREAKDOWNS:
        for r in cq.fee_ratio_by_worker(conn, flt, group):
            means[(group, DIRECT_HIRE if r["key"] is None else str(r["key"]))] = r
    table, hidden = protected_counts(rows, min_cell)
    sdg, ratio_workers, paid = [], [], []
    for row, suppressed in zip(rows, table["suppressed"], strict=True):
        found = means.get((row["breakdown"], str(row["key"])), {})
        n = int(found.get("ratio_workers") or 0)
        ok = n >= min_cell and not suppressed
        sdg.append(100.0 * float(found["worker_ratio_sum"]) / n if ok else None)
        ratio_workers.append(n if ok else None)
        hidden += 2 * (n > 0 and not ok)
        known, yes = int(row["fee_known_workers"]), int(row["fee_yes_workers"])
        share = None if suppressed else disclosure.share_pct(yes, known, min_cell)
        paid.append(share)
        hidden += known > 0 and share is None
    table.insert(4, "sdg_mean_workers_pct", pd.array(sdg, dtype="Float64"))
    table.insert(5, "ratio_workers_count", pd.array(ratio_workers, dtype="Int64"))
    table.insert(6, "share_paid_workers_pct", pd.array(paid, dtype="Float64"))
    return table, int(hidden)
