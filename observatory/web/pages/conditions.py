"""Working-conditions page: wages against the minimum, the women/men gap, recruitment fees
(SDG 10.7.1) and contract conditions, by sector, state of destination and recruiter."""

from __future__ import annotations

from typing import TYPE_CHECKING

import dash_bootstrap_components as dbc
from dash import Input, Output, dcc, html
from dash.exceptions import PreventUpdate

from observatory.filters import Filter
from observatory.i18n import format_date, normalise_language, t
from observatory.web import context, ids, recruiter_choice
from observatory.web.components import conditions_tables as tables
from observatory.web.components.common import error_card, section_card, sector_name, text
from observatory.web.components.conditions import (
    below_minimum_figure,
    kpi_row,
    wage_bands_figure,
    wage_gap_figure,
)
from observatory.web.components.describe import describe_where
from observatory.web.components.downloads import brief_pack_link, chart_links, table_links
from observatory.web.components.figures import GRAPH_CONFIG
from observatory.web.components.tables import how_note, share_text
from observatory.web.context import Failure
from observatory.web.exhibits import Chart, Table
from observatory.web.memo import view_callback
from observatory.web.pages import slug_of
from observatory.web.state import view_from_store

if TYPE_CHECKING:
    import dash

SLUG = slug_of(__name__)
# (KPI name, indicator id, column, label key): the headline row, overall values.
KPIS = (
    ("share_below_minimum_pct", "wage_below_minimum_share", "share_below_pct", "below"),
    ("wage_gap_pct", "wage_gap_sex", "gap_pct", "gap"),
    ("sdg_10_7_1_mean_pct", "recruitment_fee_workers", "sdg_mean_workers_pct", "sdg"),
    ("share_paid_fee_pct", "recruitment_fee_workers", "share_paid_workers_pct", "paid"),
    ("share_written_contract_pct", "contract_conditions", "written_contract_pct", "written"),
    ("share_social_security_pct", "contract_conditions", "social_security_pct", "social"),
)
INDICATORS = (
    "wage_below_minimum_share",
    "wage_distribution",
    "wage_gap_sex",
    "recruitment_fee_workers",
    "recruitment_cost_sdg_10_7_1",
    "contract_conditions",
)


def _chart(key: str, title_id: str, graph_id: str, note_id: str, lang: str) -> dbc.Card:
    chart = next(c for c in CHARTS if c.key == key)
    return section_card(
        html.H3(id=title_id, className="obs-chart-title"),
        dcc.Loading(dcc.Graph(id=graph_id, config=GRAPH_CONFIG), delay_show=300),
        html.Div(id=note_id),
        chart_links(SLUG, chart.key, chart.indicator, lang),
    )


def layout(lang: str | None = None, **_query: object) -> html.Div:
    """The page skeleton; callbacks fill it. Unknown query parameters are ignored."""
    lang = normalise_language(lang)
    return html.Div(
        [
            html.H2(text("conditions.heading", lang), className="obs-page-title"),
            brief_pack_link(SLUG, lang),
            dbc.Alert(text("conditions.filters_note", lang), color="info", className="mb-3"),
            html.Div(id=ids.CONDITIONS_KPIS),
            dbc.Row(
                [
                    dbc.Col(
                        _chart(
                            "wage-bands",
                            ids.CONDITIONS_BANDS_TITLE,
                            ids.CONDITIONS_BANDS_CHART,
                            ids.CONDITIONS_BANDS_NOTE,
                            lang,
                        ),
                        xxl=6,
                    ),
                    dbc.Col(
                        _chart(
                            "wage-gap",
                            ids.CONDITIONS_GAP_TITLE,
                            ids.CONDITIONS_GAP_CHART,
                            ids.CONDITIONS_GAP_NOTE,
                            lang,
                        ),
                        xxl=6,
                    ),
                ]
            ),
            _chart(
                "below-minimum",
                ids.CONDITIONS_WAGE_TITLE,
                ids.CONDITIONS_WAGE_CHART,
                ids.CONDITIONS_WAGE_NOTE,
                lang,
            ),
            section_card(html.Div(id=ids.CONDITIONS_WAGES)),
            section_card(html.Div(id=ids.CONDITIONS_FEES)),
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


def _results(view_data: dict | None):
    if view_data is None:  # the shell has not read the URL yet
        raise PreventUpdate
    view = view_from_store(view_data, context.current().corridor)
    results = {i: context.compute(i, view.filter, view.lang) for i in INDICATORS}
    failed = next((r for r in results.values() if isinstance(r, Failure)), None)
    return view, results, failed


def _footnote(lang: str) -> str:
    return " " + t("kpi.suppressed_note", lang, min_cell=context.current().observatory.min_cell)


def update_charts(view_data: dict | None):
    """KPI cards, the wage bands, the women/men means and the below-minimum chart."""
    view, results, failed = _results(view_data)
    lang, flt = view.lang, view.filter
    if failed is not None:
        card = error_card(failed.title, lang)
        return card, "", {}, card, "", {}, "", "", {}, ""
    corridor, footnote = context.current().corridor, _footnote(lang)
    kpis = kpi_row(KPIS, results, lang)
    gap = results["wage_gap_sex"].table
    gap = gap[gap["breakdown"].isin(("all", "sector"))]
    gap_labels = [
        t(
            "conditions.gap.label",
            lang,
            name=t("conditions.all", lang) if b == "all" else sector_name(corridor, k, lang),
            gap=share_text(g, lang),
        )
        for b, k, g in zip(gap["breakdown"], gap["key"], gap["gap_pct"], strict=True)
    ]
    wage = results["wage_below_minimum_share"]
    sectors = wage.table[wage.table["breakdown"] == "sector"]
    return (
        kpis,
        _title("conditions.bands.title", flt, lang),
        wage_bands_figure(results["wage_distribution"].table, lang),
        how_note(results["wage_distribution"].spec, lang, footnote),
        _title("conditions.gap.title", flt, lang),
        wage_gap_figure(gap, gap_labels, lang),
        how_note(results["wage_gap_sex"].spec, lang, footnote),
        _title("conditions.wage.title", flt, lang),
        below_minimum_figure(
            sectors, [sector_name(corridor, k, lang) for k in sectors["key"]], lang
        ),
        how_note(wage.spec, lang, footnote),
    )


def update_tables(view_data: dict | None):
    """Wages, fees and conditions per sector, state of destination and recruiter."""
    view, results, failed = _results(view_data)
    lang, flt = view.lang, view.filter
    if failed is not None:
        card = error_card(failed.title, lang)
        return card, card, card
    label = tables.labeller(context.current().corridor, recruiter_choice.registry_names(lang), lang)
    footnote = _footnote(lang)
    unknown = html.P(
        t("conditions.unknown_note", lang)
        + " "
        + t("conditions.recruiter_limit", lang, n=tables.RECRUITER_ROWS),
        className="obs-source mb-1",
    )

    def section(title_key: str, table, *specs) -> list:
        notes = [how_note(results[s].spec, lang, footnote) for s in specs]
        links = [table_links(SLUG, s, lang, view.search()) for s in specs]
        title = html.H3(_title(title_key, flt, lang), className="obs-chart-title")
        return [title, table, *notes, *links]

    wage, gap = results["wage_below_minimum_share"].table, results["wage_gap_sex"].table
    fees = results["recruitment_fee_workers"].table
    per_contract = results["recruitment_cost_sdg_10_7_1"].table
    conditions = results["contract_conditions"].table
    return (
        section(
            "conditions.wages.title",
            tables.wages_table(ids.CONDITIONS_WAGES_TABLE, wage, gap, label, lang),
            "wage_below_minimum_share",
            "wage_gap_sex",
        ),
        section(
            "conditions.fees.title",
            tables.fees_table(ids.CONDITIONS_FEES_TABLE, fees, per_contract, label, lang),
            "recruitment_fee_workers",
            "recruitment_cost_sdg_10_7_1",
        ),
        [
            *section(
                "conditions.table.title",
                tables.conditions_table(ids.CONDITIONS_TABLE_DATA, conditions, label, lang),
                "contract_conditions",
            ),
            unknown,
        ],
    )


# update_charts' outputs: KPIs, then (title, figure, note) for each chart
CHARTS = (
    Chart("wage-bands", "wage_distribution", update_charts, 1, 2),
    Chart("wage-gap", "wage_gap_sex", update_charts, 4, 5),
    Chart("below-minimum", "wage_below_minimum_share", update_charts, 7, 8),
)
TABLES = tuple(Table(indicator) for indicator in INDICATORS)


def register_callbacks(app: dash.Dash) -> None:
    """Attach this page's callbacks to `app`."""
    view = Input(ids.VIEW, "data")
    app.callback(
        Output(ids.CONDITIONS_KPIS, "children"),
        Output(ids.CONDITIONS_BANDS_TITLE, "children"),
        Output(ids.CONDITIONS_BANDS_CHART, "figure"),
        Output(ids.CONDITIONS_BANDS_NOTE, "children"),
        Output(ids.CONDITIONS_GAP_TITLE, "children"),
        Output(ids.CONDITIONS_GAP_CHART, "figure"),
        Output(ids.CONDITIONS_GAP_NOTE, "children"),
        Output(ids.CONDITIONS_WAGE_TITLE, "children"),
        Output(ids.CONDITIONS_WAGE_CHART, "figure"),
        Output(ids.CONDITIONS_WAGE_NOTE, "children"),
        view,
    )(view_callback(update_charts))
    app.callback(
        Output(ids.CONDITIONS_WAGES, "children"),
        Output(ids.CONDITIONS_FEES, "children"),
        Output(ids.CONDITIONS_TABLE, "children"),
        view,
    )(view_callback(update_tables))
