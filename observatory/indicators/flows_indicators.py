"""The computations of the flows page: SQL aggregates in, disclosure-protected tables out."""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING

import pandas as pd
from sqlalchemy import Connection

from observatory import disclosure
from observatory.db import flows_queries as fq
from observatory.definitions import AGE_GROUP_CODES
from observatory.filters import DIRECTIONS, SEXES, Filter
from observatory.indicators.compute import COUNTS, Computed, covered_span, months_between

if TYPE_CHECKING:
    from observatory.corridor import Corridor

PATH_KEYS = tuple(fq.PATH_COLUMNS)
YEARS_SEEN_CLASSES = tuple(range(1, fq.CIRCULARITY_TOP_CLASS + 1))  # 1, 2, 3, 4 (= 4+)


def flow_paths(conn: Connection, flt: Filter, corridor: Corridor, min_cell: int) -> Computed:
    """Rows origin_admin1, border_point, destination_admin1, sector and counts, paths present.

    Every partial total (each subset of the four keys) can be published through another
    indicator or a filter, so each is a margin for the complementary suppression.
    """
    table = _table({key: "str" for key in PATH_KEYS}, fq.counts_by(conn, flt, fq.PATH_COLUMNS))
    margins = [keys for size in range(len(PATH_KEYS)) for keys in combinations(PATH_KEYS, size)]
    return disclosure.protect_table(table, margins=margins, min_cell=min_cell)


def seasonality(conn: Connection, flt: Filter, corridor: Corridor, min_cell: int) -> Computed:
    """Rows year, month (1-12) and counts; months without registrations inside the data's
    coverage are 0, months outside it are absent (unknown, not zero).

    Margins: the grand total and each year's total (a period filter publishes both).
    """
    found = {(y, m): counts for y, m, *counts in fq.counts_by(conn, flt, fq.SEASON_COLUMNS)}
    span = covered_span(conn, flt)
    covered = {(int(m[:4]), int(m[5:])) for m in (months_between(*span) if span else [])}
    cells = sorted(covered | set(found))
    rows = [(y, m, *found.get((y, m), (0, 0))) for y, m in cells]
    table = _table({"year": "Int64", "month": "Int64"}, rows)
    return disclosure.protect_table(table, margins=((), ("year",)), min_cell=min_cell)


def age_sex_pyramid(conn: Connection, flt: Filter, corridor: Corridor, min_cell: int) -> Computed:
    """Rows age_group (definitions order), sex (F, M) and counts; every cell listed, zeros too.

    A worker whose age group or recorded sex differs between registrations counts once in
    each cell concerned. Margins: grand total, per sex and per age group (all filterable).
    """
    found = {(a, s): counts for a, s, *counts in fq.counts_by(conn, flt, fq.AGE_SEX_COLUMNS)}
    ages = [a for a in AGE_GROUP_CODES if not flt.age_group or a in flt.age_group]
    sexes = [s for s in SEXES if not flt.sex or s in flt.sex]
    rows = [(a, s, *found.get((a, s), (0, 0))) for a in ages for s in sexes]
    table = _table({"age_group": "str", "sex": "str"}, rows)
    margins = ((), ("sex",), ("age_group",))
    return disclosure.protect_table(table, margins=margins, min_cell=min_cell)


def exits_returns(conn: Connection, flt: Filter, corridor: Corridor, min_cell: int) -> Computed:
    """Rows month ("YYYY-MM"), direction (exit, return; the filter's when it has one) and
    counts; every month of the data's coverage, zeros included.

    Margins: grand total, per month (the monthly trend) and per direction (the filter).
    """
    columns = fq.MONTH_DIRECTION_COLUMNS
    found = {(m, d): counts for m, d, *counts in fq.counts_by(conn, flt, columns)}
    span = covered_span(conn, flt)
    months = sorted(set(months_between(*span) if span else []) | {m for m, _ in found})
    directions = flt.direction or DIRECTIONS
    rows = [(m, d, *found.get((m, d), (0, 0))) for m in months for d in directions]
    table = _table({"month": "str", "direction": "str"}, rows)
    margins = ((), ("month",), ("direction",))
    return disclosure.protect_table(table, margins=margins, min_cell=min_cell)


def circularity(conn: Connection, flt: Filter, corridor: Corridor, min_cell: int) -> Computed:
    """Rows years_seen (1, 2, 3, 4 meaning 4 or more) and counts; every class, zeros too.

    Each worker is in exactly one class, so the classes add up to the distinct workers.
    """
    found = {y: counts for y, *counts in fq.circularity_counts(conn, flt)}
    rows = [(y, *found.get(y, (0, 0))) for y in YEARS_SEEN_CLASSES]
    table = _table({"years_seen": "Int64"}, rows)
    return disclosure.protect_table(table, margins=((),), min_cell=min_cell)


def circular_share(conn: Connection, flt: Filter, corridor: Corridor, min_cell: int) -> Computed:
    """One row: workers_count (all), circular_workers_count (seen in 2 or more years) and
    share_circular_pct, each published under the rules of `disclosure.share_pct`."""
    classes = fq.circularity_counts(conn, flt)
    workers = sum(n for _, _, n in classes)
    circular = sum(n for years, _, n in classes if years >= 2)
    total_hidden = disclosure.is_small(workers, min_cell)
    values = {
        "workers_count": None if total_hidden else workers,
        "circular_workers_count": disclosure.subgroup_count(circular, workers, min_cell),
        "share_circular_pct": disclosure.share_pct(circular, workers, min_cell),
    }
    hidden = int(total_hidden) + int(values["circular_workers_count"] is None and workers > 0)
    hidden += int(disclosure.share_suppressed(circular, workers, min_cell))
    table = pd.DataFrame(
        {
            name: pd.array([v], dtype="Float64" if name.endswith("_pct") else "Int64")
            for name, v in values.items()
        }
    )
    table["suppressed"] = pd.Series([hidden > 0], dtype=bool)
    return table, hidden


def _table(keys: dict[str, str], rows: list[tuple[object, ...]]) -> pd.DataFrame:
    """A DataFrame of key columns (with their dtypes) followed by the two counts (Int64)."""
    columns = list(zip(*rows, strict=True)) if rows else [()] * (len(keys) + len(COUNTS))
    data = {
        key: pd.array(list(columns[i]), dtype=dtype) for i, (key, dtype) in enumerate(keys.items())
    }
    for i, name in enumerate(COUNTS, start=len(keys)):
        data[name] = pd.array([int(v) for v in columns[i]], dtype="Int64")
    return pd.DataFrame(data)
