"""Working-conditions page: wages below the minimum, recruitment cost (SDG 10.7.1) and the
conditions of the contracts, by sector and state of destination."""

from __future__ import annotations

from typing import TYPE_CHECKING

import dash_bootstrap_components as dbc
from dash import Input, Output, dcc, html
from dash.exceptions import PreventUpdate

from observatory.filters import Filter
from observatory.i18n import format_date, normalise_language, t
from observatory.web import context, ids
from observatory.web.components.common import error_card, section_card, sector_name, text, unit_name
from observatory.web.components.conditions import below_minimum_figure, kpi_card
from observatory.web.components.describe import describe_where
from observatory.web.components.figures import GRAPH_CONFIG
from observatory.web.components.tables import (
    count_text,
    data_table,
    how_note,
    share_text,
    value,
)
from observatory.web.context import Failure
from observatory.web.state import view_from_store

if TYPE_CHECKING:
    import dash

CONDITIONS = (
    "written_contract",
    "social_security",
    "hours_over_48",
    "housing_provided",
    "transport_paid",
)


def layout(lang: str | None = None, **_query: object) -> html.Div:
    """The page skeleton; callbacks fill it. Unknown query parameters are ignored."""
    lang = normalise_language(lang)
    return html.Div(
        [
            html.H2(text("conditions.heading", lang), className="obs-page-title"),
            dbc.Alert(text("conditions.filters_note", lang), color="info", className="mb-3"),
            html.Div(id=ids.CONDITIONS_KPIS),
            dbc.Row(
                [
                    dbc.Col(
                        section_card(
                            html.H3(id=ids.CONDITIONS_WAGE_TITLE, className="obs-chart-title"),
                            dcc.Loading(
                                dcc.Graph(id=ids.CONDITIONS_WAGE_CHART, config=GRAPH_CONFIG),
                                delay_show=300,
                            ),
                            html.Div(id=ids.CONDITIONS_WAGE_NOTE),
                        ),
                        xxl=6,
                    ),
                    dbc.Col(section_card(html.Div(id=ids.CONDITIONS_FEES)), xxl=6),
                ]
            ),
            section_card(html.Div(id=ids.CONDITIONS_TABLE)),
        ]
    )


def _when(flt: Filter, lang: str) -> str:
    start = format_date(flt.period_start, lang) if flt.period_start else None
    end = format_date(flt.period_end, lang) if flt.period_end else None
    if start and end:
        return t("conditions.when_range", lang, start=start, end=end)
    if start:
        return t("conditions.when_from", lang, start=start)
    if end:
        return t("conditions.when_to", lang, end=end)
    return t("conditions.when_all", lang)


def _title(key: str, flt: Filter, lang: str) -> str:
    corridor = context.current().corridor
    return t(key, lang, where=describe_where(flt, corridor, lang), when=_when(flt, lang))


def _label(breakdown: str, key: str, lang: str) -> str:
    corridor = context.current().corridor
    if breakdown == "all":
        return t("conditions.all", lang)
    if breakdown == "destination":
        return unit_name(corridor, key)
    return sector_name(corridor, key, lang)


def _overall(result, column: str) -> object:
    return result.table[column].iloc[0]


def update(view_data: dict | None):
    """KPI cards, the below-minimum chart with its note, the fee table and the conditions table."""
    if view_data is None:  # the shell has not read the URL yet
        raise PreventUpdate
    web = context.current()
    view = view_from_store(view_data, web.corridor)
    lang, flt = view.lang, view.filter
    wage = context.compute("wage_below_minimum_share", flt, lang)
    fees = context.compute("recruitment_cost_sdg_10_7_1", flt, lang)
    conditions = context.compute("contract_conditions", flt, lang)
    failed = next((r for r in (wage, fees, conditions) if isinstance(r, Failure)), None)
    if failed is not None:
        card = error_card(failed.title, lang)
        return card, "", {}, "", card, card
    footnote = " " + t("kpi.suppressed_note", lang, min_cell=web.observatory.min_cell)
    kpis = dbc.Row(
        [
            kpi_card(
                "share_below_minimum_pct",
                t("conditions.kpi.below", lang),
                _overall(wage, "share_below_pct"),
                t("conditions.kpi.below.what", lang),
                lang,
            ),
            kpi_card(
                "sdg_10_7_1_mean_pct",
                t("conditions.kpi.sdg", lang),
                _overall(fees, "sdg_mean_pct"),
                t("conditions.kpi.sdg.what", lang),
                lang,
            ),
            kpi_card(
                "share_paid_fee_pct",
                t("conditions.kpi.paid", lang),
                _overall(fees, "share_paid_pct"),
                t("conditions.kpi.paid.what", lang),
                lang,
            ),
            kpi_card(
                "share_written_contract_pct",
                t("conditions.kpi.written", lang),
                _overall(conditions, "written_contract_pct"),
                t("conditions.kpi.written.what", lang),
                lang,
            ),
        ]
    )
    sectors = wage.table[wage.table["breakdown"] == "sector"]
    labels = [sector_name(web.corridor, k, lang) for k in sectors["key"]]
    figure = below_minimum_figure(sectors, labels, lang)
    wage_note = how_note(wage.spec, lang, footnote)
    return (
        kpis,
        _title("conditions.wage.title", flt, lang),
        figure,
        wage_note,
        _fees_section(fees, flt, lang, footnote),
        _conditions_section(conditions, flt, lang, footnote),
    )


def _fees_section(result, flt: Filter, lang: str, footnote: str) -> list:
    records = [
        {
            "group": t(f"conditions.breakdown.{row.breakdown}", lang),
            "name": _label(row.breakdown, row.key, lang),
            "workers": count_text(row.workers_count, lang),
            "sdg": share_text(row.sdg_mean_pct, lang),
            # No mean (no fee reported, or hidden with it): "–", like the mean itself.
            "ratios": "–"
            if value(row.sdg_mean_pct) is None
            else count_text(row.ratio_contracts_count, lang),
            "paid": share_text(row.share_paid_pct, lang),
        }
        for row in result.table.itertuples(index=False)
    ]
    columns = [
        ("group", t("conditions.col.group", lang)),
        ("name", t("conditions.col.sector", lang)),
        ("workers", t("conditions.col.workers", lang)),
        ("sdg", t("conditions.col.sdg", lang)),
        ("ratios", t("conditions.col.ratios", lang)),
        ("paid", t("conditions.col.paid", lang)),
    ]
    return [
        html.H3(_title("conditions.fees.title", flt, lang), className="obs-chart-title"),
        data_table(ids.CONDITIONS_FEES_TABLE, columns, records, numeric=("workers", "sdg")),
        how_note(result.spec, lang, footnote),
    ]


def _conditions_section(result, flt: Filter, lang: str, footnote: str) -> list:
    records = [
        {
            "name": _label(row["breakdown"], row["key"], lang),
            "contracts": count_text(row["contracts_count"], lang),
            "workers": count_text(row["workers_count"], lang),
            **{name: share_text(row[f"{name}_pct"], lang) for name in CONDITIONS},
        }
        for row in result.table.to_dict("records")
    ]
    columns = [
        ("name", t("conditions.col.sector", lang)),
        ("contracts", t("conditions.col.contracts", lang)),
        ("workers", t("conditions.col.workers", lang)),
        *((name, t(f"conditions.col.{name}", lang)) for name in CONDITIONS),
    ]
    return [
        html.H3(_title("conditions.table.title", flt, lang), className="obs-chart-title"),
        data_table(ids.CONDITIONS_TABLE_DATA, columns, records, numeric=CONDITIONS),
        html.P(t("conditions.unknown_note", lang), className="obs-source mb-1"),
        how_note(result.spec, lang, footnote),
    ]


def register_callbacks(app: dash.Dash) -> None:
    """Attach this page's callback to `app`."""
    app.callback(
        Output(ids.CONDITIONS_KPIS, "children"),
        Output(ids.CONDITIONS_WAGE_TITLE, "children"),
        Output(ids.CONDITIONS_WAGE_CHART, "figure"),
        Output(ids.CONDITIONS_WAGE_NOTE, "children"),
        Output(ids.CONDITIONS_FEES, "children"),
        Output(ids.CONDITIONS_TABLE, "children"),
        Input(ids.VIEW, "data"),
    )(update)
