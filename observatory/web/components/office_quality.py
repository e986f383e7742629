"""The data-quality page's table per border office: loads, rows, quarantine, freshness."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from dash import html

from observatory.i18n import format_count, format_date, t
from observatory.web.components.common import border_point_name
from observatory.web.components.tables import data_table, how_note, value

if TYPE_CHECKING:
    from observatory.corridor import Corridor
    from observatory.indicators.registry import IndicatorResult

SECTION_ID = "quality-offices"
TABLE_ID = "quality-offices-table"
# Red flag when an office has sent nothing for longer than a monthly cycle and its margin.
STALE_AFTER_DAYS = 45
_COUNTS = ("batches_count", "rows_loaded", "rows_updated", "rows_quarantined")


def _office(code: str, corridor: Corridor, lang: str) -> str:
    if code in ("several", "unknown"):
        return t(f"quality.offices.{code}", lang)
    return border_point_name(corridor, code)


def _day(iso: object, lang: str) -> str:
    return "–" if value(iso) is None else format_date(dt.date.fromisoformat(str(iso)), lang)


def office_section(result: IndicatorResult, corridor: Corridor, lang: str) -> list:
    """Title, one row per office (stale offices flagged) and the "how is this computed" note."""
    records = []
    for row in result.table.to_dict("records"):
        days = value(row["days_since_last_load"])
        records.append(
            {
                "office": _office(row["office"], corridor, lang),
                **{name: int(row[name]) for name in _COUNTS},
                "last_load": _day(row["last_load_on"], lang),
                "days": "–" if days is None else format_count(int(days), lang),
                "stale": "yes" if days is None or days > STALE_AFTER_DAYS else "no",
                "registrations": int(row["registrations_count"]),
                "last_registered": _day(row["last_registered_on"], lang),
            }
        )
    columns = [
        ("office", t("quality.offices.col.office", lang)),
        ("batches_count", t("quality.offices.col.batches", lang)),
        ("rows_loaded", t("quality.offices.col.loaded", lang)),
        ("rows_updated", t("quality.offices.col.updated", lang)),
        ("rows_quarantined", t("quality.offices.col.quarantined", lang)),
        ("last_load", t("quality.offices.col.last_load", lang)),
        ("days", t("quality.offices.col.days", lang)),
        ("registrations", t("quality.offices.col.registrations", lang)),
        ("last_registered", t("quality.offices.col.last_registered", lang)),
    ]
    stale = [
        {
            "if": {"filter_query": '{stale} = "yes"', "column_id": "days"},
            "backgroundColor": "#fde8d7",
            "fontWeight": "700",
        }
    ]
    return [
        html.H3(t("quality.offices.title", lang), className="obs-chart-title"),
        data_table(
            TABLE_ID,
            columns,
            records,
            numeric=(*_COUNTS, "days", "registrations"),
            conditional=stale,
        ),
        html.P(t("quality.offices.stale", lang, days=STALE_AFTER_DAYS), className="obs-source"),
        how_note(result.spec, lang),
    ]
