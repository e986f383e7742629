"""KPI cards: big numbers that say what they count, with suppression shown, never hidden."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from observatory.i18n import format_count, format_percent, t

if TYPE_CHECKING:
    from observatory.indicators.registry import IndicatorResult


@dataclass(frozen=True)
class KpiValue:
    """What one card shows: `text` is the number, or a mark when there is none."""

    text: str
    state: str  # "value" | "suppressed" | "empty"


def _cell(table: pd.DataFrame, column: str) -> object:
    if table.empty or column not in table.columns:
        return pd.NA
    return table[column].iloc[0]


def _count(value: object, lang: str) -> KpiValue:
    if pd.isna(value):
        return KpiValue(t("kpi.suppressed", lang), "suppressed")
    return KpiValue(format_count(int(value), lang), "value")


def _share(value: object, workers: object, lang: str) -> KpiValue:
    if pd.isna(value):
        # 0 of 0 is undefined, not a secret: say "no data" rather than "suppressed".
        if not pd.isna(workers) and int(workers) == 0:
            return KpiValue(t("kpi.no_data", lang), "empty")
        return KpiValue(t("kpi.suppressed", lang), "suppressed")
    return KpiValue(format_percent(float(value), lang), "value")


def _share_what(part: object, workers: object, lang: str) -> str:
    if pd.isna(part) or pd.isna(workers) or int(workers) == 0:
        return t("kpi.share.what_hidden", lang)
    return t(
        "kpi.share.what",
        lang,
        n=format_count(int(part), lang),
        total=format_count(int(workers), lang),
    )


def _card(name: str, label: str, value: KpiValue, what: str, lang: str) -> dbc.Col:
    mark = "*" if value.state == "suppressed" else ""
    title = {
        "suppressed": t("kpi.suppressed.title", lang),
        "empty": t("kpi.no_data.title", lang),
    }.get(value.state)
    number = html.Div(
        value.text + mark,
        className=f"kpi-value kpi-{value.state}",
        title=title,
        **{"data-kpi": name, "data-state": value.state},
    )
    body = dbc.CardBody(
        [html.Div(label, className="kpi-label"), number, html.Div(what, className="kpi-what")]
    )
    return dbc.Col(dbc.Card(body, className="kpi-card h-100"), xs=6, xl=3, className="mb-3")


def kpi_values(result: IndicatorResult, lang: str) -> dict[str, KpiValue]:
    """The four displayed values of an `overview_kpis` result, by column name."""
    table = result.table
    workers = _cell(table, "workers_count")
    return {
        "registrations_count": _count(_cell(table, "registrations_count"), lang),
        "workers_count": _count(workers, lang),
        "share_women_pct": _share(_cell(table, "share_women_pct"), workers, lang),
        "share_minors_pct": _share(_cell(table, "share_minors_pct"), workers, lang),
    }


def kpi_cards(result: IndicatorResult, lang: str, min_cell: int) -> html.Div:
    """The row of four KPI cards, with the footnotes that explain marks and counting rules."""
    table = result.table
    workers = _cell(table, "workers_count")
    values = kpi_values(result, lang)
    cards = [
        _card(
            "registrations_count",
            t("kpi.registrations", lang),
            values["registrations_count"],
            t("kpi.registrations.what", lang),
            lang,
        ),
        _card(
            "workers_count",
            t("kpi.workers", lang),
            values["workers_count"],
            t("kpi.workers.what", lang),
            lang,
        ),
        _card(
            "share_women_pct",
            t("kpi.women", lang),
            values["share_women_pct"],
            _share_what(_cell(table, "women_count"), workers, lang),
            lang,
        ),
        _card(
            "share_minors_pct",
            t("kpi.minors", lang),
            values["share_minors_pct"],
            _share_what(_cell(table, "minors_count"), workers, lang),
            lang,
        ),
    ]
    notes = [html.Small(t("kpi.rule_note", lang), className="d-block")]
    if any(v.state == "suppressed" for v in values.values()):
        notes.insert(
            0,
            html.Small(
                t("kpi.suppressed_note", lang, min_cell=min_cell), className="d-block kpi-footnote"
            ),
        )
    return html.Div([dbc.Row(cards), html.Div(notes, className="kpi-notes mb-3")])
