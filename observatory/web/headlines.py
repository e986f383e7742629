"""One headline sentence per slide: the finding of a chart, in words, from published numbers only.

Each function reads the table an indicator returns (`IndicatorResult.table`, with its
`suppressed` column; a hidden cell is <NA>) and writes one sentence in `lang`. A hidden cell
is never used, not even through a total: when a comparison would need one, or when there are
not enough months, the sentence says so instead of guessing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd

from observatory.exports.metadata import column_label
from observatory.i18n import format_count, format_month, format_percent, month_name, t
from observatory.web.components.common import border_point_name, sector_name, unit_name

if TYPE_CHECKING:
    from observatory.corridor import Corridor
    from observatory.filters import Filter

Headline = Callable[[pd.DataFrame, "Filter", "Corridor", str], str]


def _published(table: pd.DataFrame) -> pd.DataFrame:
    """The rows no rule hid."""
    if "suppressed" not in table.columns:
        return table
    return table[~table["suppressed"].fillna(True).astype(bool)]


def _any_hidden(table: pd.DataFrame) -> bool:
    return "suppressed" in table.columns and bool(table["suppressed"].fillna(True).any())


def _pct(value: float, lang: str) -> str:
    return format_percent(round(float(value)), lang, 0)


def _destination_phrase(flt: Filter, corridor: Corridor, lang: str) -> str:
    # "Registrations to Chiapas" when the view names one destination
    if len(flt.destination) != 1:
        return ""
    return t("headline.to", lang, place=unit_name(corridor, flt.destination[0]))


def _country_of(corridor: Corridor, code: object) -> str | None:
    try:
        return corridor.unit(str(code)).country
    except (KeyError, LookupError, ValueError):
        return None


def _quarter(year: int, quarter: int, lang: str) -> str:
    return t("headline.quarter", lang, q=quarter, year=year)


def monthly_trend(table: pd.DataFrame, flt: Filter, corridor: Corridor, lang: str) -> str:
    """The last complete quarter against the same quarter a year earlier (registrations)."""
    subject = t("headline.trend.subject", lang, to=_destination_phrase(flt, corridor, lang))
    months = {str(m): row for m, row in zip(table["month"], table.to_dict("records"), strict=True)}
    if not months:
        return t("headline.trend.not_enough", lang)
    last = max(months)
    year, month = int(last[:4]), int(last[5:7])
    quarter = (month - 1) // 3 + 1
    if month % 3 != 0:  # the last quarter is not complete yet: take the one before
        quarter -= 1
        if quarter == 0:
            year, quarter = year - 1, 4

    def quarter_months(y: int, q: int) -> list[str]:
        return [f"{y}-{m:02d}" for m in range(3 * q - 2, 3 * q + 1)]

    now, before = quarter_months(year, quarter), quarter_months(year - 1, quarter)
    if not all(m in months for m in now + before):
        return t("headline.trend.not_enough", lang)
    rows = [months[m] for m in now + before]
    if any(bool(r.get("suppressed")) or pd.isna(r["registrations_count"]) for r in rows):
        return t(
            "headline.trend.hidden",
            lang,
            now=_quarter(year, quarter, lang),
            before=_quarter(year - 1, quarter, lang),
        )
    current = sum(int(months[m]["registrations_count"]) for m in now)
    previous = sum(int(months[m]["registrations_count"]) for m in before)
    params = {
        "subject": subject,
        "now": _quarter(year, quarter, lang),
        "before": _quarter(year - 1, quarter, lang),
        "current": format_count(current, lang),
        "previous": format_count(previous, lang),
    }
    if previous == 0:
        return t("headline.trend.from_zero", lang, **params)
    change = (current - previous) / previous * 100
    if round(change) == 0:
        return t("headline.trend.same", lang, **params)
    key = "headline.trend.rose" if change > 0 else "headline.trend.fell"
    return t(key, lang, pct=_pct(abs(change), lang), **params)


def top_destination(table: pd.DataFrame, flt: Filter, corridor: Corridor, lang: str) -> str:
    """The destination unit that received the most registrations, and its share."""
    to_destination = table[
        table["destination_admin1"].map(lambda code: _country_of(corridor, code))
        == corridor.destination.iso2
    ]
    published = _published(to_destination)
    if published.empty:
        return t("headline.none_published", lang)
    return _largest(
        published,
        "destination_admin1",
        "headline.destination",
        _any_hidden(to_destination),
        lang,
        lambda code: {"place": unit_name(corridor, code)},
    )


def largest_sector(table: pd.DataFrame, flt: Filter, corridor: Corridor, lang: str) -> str:
    """The sector with the most registrations, and its share of all of them."""
    published = _published(table)
    if published.empty:
        return t("headline.none_published", lang)
    return _largest(
        published,
        "sector",
        "headline.sector",
        _any_hidden(table),
        lang,
        lambda code: {"sector": sector_name(corridor, code, lang)},
    )


def _largest(
    published: pd.DataFrame,
    key: str,
    text: str,
    hidden: bool,
    lang: str,
    name: Callable[[str], dict[str, str]],
) -> str:
    """The `key` group with the most published registrations and its share of them all
    ("<text>.share"); without the share ("<text>.partial") when some cell is hidden."""
    totals = published.groupby(key)["registrations_count"].sum()
    code, count = str(totals.idxmax()), int(totals.max())
    params = {**name(code), "count": format_count(count, lang)}
    if hidden:
        return t(f"{text}.partial", lang, **params)
    total = int(totals.sum())
    pct = _pct(count / total * 100, lang)
    return t(f"{text}.share", lang, total=format_count(total, lang), pct=pct, **params)


def below_minimum(table: pd.DataFrame, flt: Filter, corridor: Corridor, lang: str) -> str:
    """The share of comparable contracts paying less than the minimum wage."""
    rows = table[table["breakdown"] == "all"]
    if rows.empty or _any_hidden(rows) or pd.isna(rows.iloc[0]["share_below_pct"]):
        return t("headline.below.hidden", lang)
    row = rows.iloc[0]
    return t(
        "headline.below.share",
        lang,
        pct=_pct(row["share_below_pct"], lang),
        n=format_count(int(row["comparable_contracts_count"]), lang),
    )


def compliance(table: pd.DataFrame, flt: Filter, corridor: Corridor, lang: str) -> str:
    """The share of registrations through a recruiter that used an active licence."""
    active = table[table["category"] == "active"]
    if active.empty or _any_hidden(active) or pd.isna(active.iloc[0]["share_pct"]):
        return t("headline.compliance.hidden", lang)
    row = active.iloc[0]
    return t(
        "headline.compliance.share",
        lang,
        pct=_pct(row["share_pct"], lang),
        n=format_count(int(row["registrations_count"]), lang),
    )


def _category_name(column: str, code: object, corridor: Corridor, lang: str) -> str:
    text = str(code)
    if column == "sector":
        return sector_name(corridor, text, lang)
    if column.endswith("admin1"):
        return unit_name(corridor, text)
    if column == "border_point":
        return border_point_name(corridor, text)
    if column == "month" and len(text) == 7:
        return format_month(text, lang, short=False)
    if column == "month" and text.isdigit() and 1 <= int(text) <= 12:
        return month_name(int(text), lang)
    return text


def largest_category(table: pd.DataFrame, flt: Filter, corridor: Corridor, lang: str) -> str:
    """Any other chart: its largest published figure (the first count column of its table),
    named by the table's label columns; never a share, which a hidden cell could change."""
    if "breakdown" in table.columns and "key" in table.columns:
        # tables of one figure per breakdown ("all", then by sector, state...): the "all" row
        # is not a category, so the first real breakdown is named
        kinds = [b for b in table["breakdown"].drop_duplicates() if b != "all"]
        table = table[table["breakdown"] == kinds[0]].drop(columns="breakdown") if kinds else table
    counts = [c for c in table.columns if c.endswith("_count")]
    others = [c for c in table.columns if c not in counts and c != "suppressed"]
    # name the row by its text columns (sector, state, month...); a table of numbers only
    # (year, month as integers) by its numbers that are not measures
    labels = [c for c in others if not pd.api.types.is_numeric_dtype(table[c])] or [
        c for c in others if not c.endswith("_pct") and c != "hhi"
    ]
    published = _published(table)
    if not labels or not counts or published.empty:
        return t("headline.none_published", lang)
    count_column = counts[0]
    values = published[count_column].dropna().astype(int)
    if values.empty or values.max() <= 0:
        return t("headline.none_published", lang)
    at = values.idxmax()
    name = " · ".join(_category_name(c, published.loc[at, c], corridor, lang) for c in labels)
    return t(
        "headline.largest",
        lang,
        name=name,
        count=format_count(int(values.loc[at]), lang),
        measure=column_label(count_column, lang).lower(),
    )


# Which sentence a chart's indicator gets; any other indicator gets `largest_category`.
BY_INDICATOR: dict[str, Headline] = {
    "monthly_registrations": monthly_trend,
    "flows": top_destination,
    "sector_by_destination": largest_sector,
    "sector_by_year": largest_sector,
    "placements_by_sector": largest_sector,
    "wage_below_minimum_share": below_minimum,
    "recruiter_compliance": compliance,
}


def headline(
    indicator_id: str, table: pd.DataFrame, flt: Filter, corridor: Corridor, lang: str
) -> str:
    """The headline sentence of a chart of `indicator_id` whose result table is `table`."""
    if table is None or table.empty:
        return t("headline.none_published", lang)
    write = BY_INDICATOR.get(indicator_id, largest_category)
    try:
        return write(table, flt, corridor, lang)
    except KeyError:
        # A table without the expected columns (e.g. an empty result of another shape):
        # the honest fallback, never a crash on the projector.
        return largest_category(table, flt, corridor, lang)
