"""Small-cell suppression, primary and secondary: the one implementation every output uses."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence

import pandas as pd

DEFAULT_MIN_CELL = 5  # DATA_SPEC "Privacy": a published cell counts at least 5 workers
COUNT_COLUMNS = ("registrations_count", "workers_count")


def is_small(workers_count: int, min_cell: int = DEFAULT_MIN_CELL) -> bool:
    """True when a cell of this many distinct workers must not be published.

    Zero is published: an empty cell discloses nobody.
    """
    return 0 < workers_count < min_cell


def primary_mask(workers_counts: Sequence[int], min_cell: int = DEFAULT_MIN_CELL) -> list[bool]:
    """Which cells are suppressed for their own sake (fewer than `min_cell` workers)."""
    return [is_small(n, min_cell) for n in workers_counts]


def secondary_mask(
    workers_counts: Sequence[int],
    suppressed: Sequence[bool],
    margins: Sequence[Sequence[Hashable]],
) -> list[bool]:
    """Add complementary suppressions so that no published total reveals a hidden cell.

    `margins` lists, for each published total the table adds up to, the label of the
    total each cell belongs to (the same label for every cell: the grand total). Within
    a total, a lone suppressed cell would be its total minus the others, so the smallest
    other non-zero published cell is suppressed too (ties: the first row). Suppressing a
    zero protects nothing, since a zero can be presumed. Repeats until stable, because a
    new suppression can leave another total with a lone hidden cell.
    """
    mask = list(suppressed)
    changed = True
    while changed:
        changed = False
        for labels in margins:
            groups: dict[Hashable, list[int]] = defaultdict(list)
            for index, label in enumerate(labels):
                groups[label].append(index)
            for members in groups.values():
                hidden = [i for i in members if mask[i]]
                if len(hidden) != 1:
                    continue
                candidates = [i for i in members if not mask[i] and workers_counts[i] > 0]
                if candidates:
                    mask[min(candidates, key=lambda i: (workers_counts[i], i))] = True
                    changed = True
    return mask


def protect_table(
    table: pd.DataFrame,
    margins: Sequence[Sequence[str]] = ((),),
    min_cell: int = DEFAULT_MIN_CELL,
    count_columns: Sequence[str] = COUNT_COLUMNS,
    workers_column: str = "workers_count",
) -> tuple[pd.DataFrame, int]:
    """Suppress a table of counts; returns the protected copy and how many values were hidden.

    Each row is a cell; `workers_column` (distinct workers) decides. `margins` names the
    columns of each published total the rows add up to: `()` is the grand total,
    `("origin_admin1",)` the totals per origin. Hidden counts become <NA> (nullable Int64)
    and a boolean column `suppressed` marks the rows concerned.
    """
    workers = [int(n) for n in table[workers_column]]
    mask = primary_mask(workers, min_cell)
    labels = [
        [tuple(row) for row in table[list(columns)].itertuples(index=False)]
        if columns
        else [()] * len(table)
        for columns in margins
    ]
    mask = secondary_mask(workers, mask, labels)
    out = table.copy()
    hidden = pd.Series(mask, index=out.index, dtype=bool)
    for column in count_columns:
        out[column] = out[column].astype("Int64").mask(hidden)
    out["suppressed"] = hidden
    return out, int(hidden.sum()) * len(count_columns)


def subgroup_count(count: int, total: int, min_cell: int = DEFAULT_MIN_CELL) -> int | None:
    """A subgroup's count (women among workers), or None when it must not be published.

    Published next to its total, a count also reveals its complement (total - count),
    so both must be zero or at least `min_cell`, and so must the total.
    """
    if is_small(total, min_cell) or is_small(count, min_cell):
        return None
    if is_small(total - count, min_cell):
        return None
    return count


def share_pct(numerator: int, denominator: int, min_cell: int = DEFAULT_MIN_CELL) -> float | None:
    """numerator / denominator in percent, or None when it must not be published.

    Shown only when the denominator is at least `min_cell` and the numerator and its
    complement are each zero or at least `min_cell`; None too when the denominator is 0
    (the share is undefined, not suppressed: see `share_suppressed`).
    """
    if denominator < min_cell or subgroup_count(numerator, denominator, min_cell) is None:
        return None
    return 100.0 * numerator / denominator


def share_suppressed(numerator: int, denominator: int, min_cell: int = DEFAULT_MIN_CELL) -> bool:
    """True when share_pct hides a share that exists (denominator > 0)."""
    return denominator > 0 and share_pct(numerator, denominator, min_cell) is None
