"""Disclosure control as tables of cases, every expected value worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from observatory.disclosure import (
    is_small,
    primary_mask,
    protect_table,
    secondary_mask,
    share_pct,
    share_suppressed,
    subgroup_count,
)

# (distinct workers in a cell, min_cell, suppressed?)
SMALL = [
    (0, 5, False),  # zero is published: it discloses nobody
    (1, 5, True),
    (4, 5, True),
    (5, 5, False),  # the threshold itself is published
    (120, 5, False),
    (2, 3, True),
    (3, 3, False),
    (9, 10, True),
]


@pytest.mark.parametrize(("workers", "min_cell", "hidden"), SMALL)
def test_primary(workers: int, min_cell: int, hidden: bool) -> None:
    assert is_small(workers, min_cell) is hidden
    assert primary_mask([workers], min_cell) == [hidden]


# (workers per cell, published totals as labels per cell, expected mask), min_cell 5.
GRAND = [()] * 4
SECONDARY = [
    # nothing small: nothing hidden
    ([10, 20, 30, 40], [GRAND], [False, False, False, False]),
    # 3 is small; with the grand total published, 3 = total - 10 - 20 - 30, so the
    # next-smallest cell (10) goes too
    ([3, 10, 20, 30], [GRAND], [True, True, False, False]),
    # two small cells protect each other: no complement needed
    ([3, 4, 20, 30], [GRAND], [True, True, False, False]),
    # the complement skips zeros (a zero can be presumed, hiding it protects nothing)
    ([3, 0, 20, 7], [GRAND], [True, False, False, True]),
    # a lone small cell whose other cells are all zero: nothing to pair with (its total
    # is then the same small number and is suppressed where it is published)
    ([3, 0, 0, 0], [GRAND], [True, False, False, False]),
    # no published total: primary suppression only
    ([3, 10, 20, 30], [], [True, False, False, False]),
    # ties: the first row of the smallest goes
    ([2, 8, 8, 9], [GRAND], [True, True, False, False]),
]


@pytest.mark.parametrize(("workers", "margins", "expected"), SECONDARY)
def test_secondary(workers: list[int], margins: list, expected: list[bool]) -> None:
    assert secondary_mask(workers, primary_mask(workers, 5), margins) == expected


def test_secondary_cascades_across_margins() -> None:
    # Cells (origin, destination) with workers:   A/X 3   A/Y 6   B/X 7   B/Y 50
    # Grand total: the lone 3 forces the smallest other, A/Y (6), out (also what the
    # origin-A total needs). Per destination: X holds only A/X hidden -> B/X (7) goes;
    # Y holds only A/Y hidden -> B/Y (50) goes. Second pass: every total has 0 or 2+
    # hidden cells, stable. A 2x2 table with one small cell loses all four.
    workers = [3, 6, 7, 50]
    by_origin = ["A", "A", "B", "B"]
    by_destination = ["X", "Y", "X", "Y"]
    mask = secondary_mask(workers, primary_mask(workers), [[()] * 4, by_origin, by_destination])
    assert mask == [True, True, True, True]


def test_protect_table_hides_counts_and_flags_rows() -> None:
    table = pd.DataFrame(
        {
            "admin1": ["GT-12", "GT-13", "GT-09", "GT-01"],
            "registrations_count": pd.array([40, 4, 9, 0], dtype="Int64"),
            "workers_count": pd.array([30, 3, 8, 0], dtype="Int64"),
        }
    )
    out, hidden = protect_table(table, margins=((),), min_cell=5)
    # GT-13 (3 workers) is small; GT-09 (8) is the next-smallest non-zero cell; the zero
    # of GT-01 stays published. 2 rows x 2 count columns = 4 values hidden.
    assert out["registrations_count"].tolist() == [40, pd.NA, pd.NA, 0]
    assert out["workers_count"].tolist() == [30, pd.NA, pd.NA, 0]
    assert out["suppressed"].tolist() == [False, True, True, False]
    assert str(out["workers_count"].dtype) == "Int64"
    assert hidden == 4
    assert table["workers_count"].tolist() == [30, 3, 8, 0]  # the input is not modified


def test_protect_empty_table() -> None:
    table = pd.DataFrame(
        {
            "month": pd.array([], dtype="str"),
            "registrations_count": pd.array([], dtype="Int64"),
            "workers_count": pd.array([], dtype="Int64"),
        }
    )
    out, hidden = protect_table(table)
    assert len(out) == 0 and hidden == 0 and "suppressed" in out


# (numerator, denominator, share published or None), min_cell 5.
SHARES = [
    (10, 40, 25.0),  # 10/40 = 25 %; complement 30
    (0, 40, 0.0),  # zero is published
    (40, 40, 100.0),  # complement zero: published
    (3, 40, None),  # numerator small
    (37, 40, None),  # complement 3 small: 37 of 40 would reveal the 3
    (2, 4, None),  # denominator below 5
    (0, 4, None),  # denominator below 5, even for a zero share
    (5, 10, 50.0),  # numerator and complement exactly 5
    (0, 0, None),  # undefined (no workers), not suppressed
]


@pytest.mark.parametrize(("numerator", "denominator", "expected"), SHARES)
def test_share(numerator: int, denominator: int, expected: float | None) -> None:
    assert share_pct(numerator, denominator, 5) == expected


@pytest.mark.parametrize(
    ("numerator", "denominator", "suppressed"),
    [(3, 40, True), (2, 4, True), (0, 0, False), (10, 40, False)],
)
def test_share_suppressed_tells_hidden_from_undefined(
    numerator: int, denominator: int, suppressed: bool
) -> None:
    assert share_suppressed(numerator, denominator, 5) is suppressed


# (count, total, published count or None): a subgroup published beside its total.
SUBGROUPS = [
    (10, 40, 10),
    (0, 40, 0),
    (3, 40, None),  # small
    (38, 40, None),  # complement 2 would be total - count
    (4, 4, None),  # total small
    (0, 0, 0),  # nothing at all: a true zero
]


@pytest.mark.parametrize(("count", "total", "expected"), SUBGROUPS)
def test_subgroup_count(count: int, total: int, expected: int | None) -> None:
    assert subgroup_count(count, total, 5) == expected
