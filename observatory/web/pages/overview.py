"""Overview page: KPI cards, the monthly trend and the corridor map."""

from __future__ import annotations

from typing import TYPE_CHECKING

import dash_bootstrap_components as dbc
from dash import Input, Output, dcc, html
from dash.exceptions import PreventUpdate

from observatory.i18n import normalise_language, t
from observatory.web import context, ids
from observatory.web.components.common import error_card, text
from observatory.web.components.describe import chart_title
from observatory.web.components.downloads import brief_pack_link, chart_links, table_links
from observatory.web.components.figures import GRAPH_CONFIG
from observatory.web.components.kpi import kpi_cards
from observatory.web.components.trend import month_span, trend_figure, trend_note
from observatory.web.context import Failure
from observatory.web.exhibits import Chart, Table
from observatory.web.map_view import corridor_map, source_line
from observatory.web.memo import view_callback
from observatory.web.pages import slug_of
from observatory.web.state import view_from_store

SLUG = slug_of(__name__)

if TYPE_CHECKING:
    import dash


def layout(lang: str | None = None, **_query: object) -> html.Div:
    """The page skeleton; callbacks fill it. Unknown query parameters are ignored."""
    lang = normalise_language(lang)
    loading = html.P(t("overview.loading", lang), className="text-body-secondary")
    return html.Div(
        [
            html.H2(text("overview.heading", lang), className="obs-page-title"),
            brief_pack_link(SLUG, lang),
            html.Section(loading, id=ids.OVERVIEW_KPIS, **{"aria-live": "polite"}),
            table_links(SLUG, "overview_kpis", lang),
            dbc.Row(
                [
                    dbc.Col(
                        dbc.Card(
                            dbc.CardBody(
                                [
                                    html.H3(
                                        id=ids.OVERVIEW_TREND_TITLE, className="obs-chart-title"
                                    ),
                                    dcc.Loading(
                                        dcc.Graph(id=ids.OVERVIEW_TREND, config=GRAPH_CONFIG),
                                        delay_show=300,
                                    ),
                                    html.P(id=ids.OVERVIEW_TREND_NOTE, className="obs-source"),
                                    chart_links(SLUG, "trend", "monthly_registrations", lang),
                                ]
                            ),
                            className="h-100",
                        ),
                        xxl=6,
                        className="mb-3",
                    ),
                    dbc.Col(
                        dbc.Card(
                            dbc.CardBody(
                                [
                                    html.H3(id=ids.OVERVIEW_MAP_TITLE, className="obs-chart-title"),
                                    dcc.Loading(
                                        dcc.Graph(id=ids.OVERVIEW_MAP, config=GRAPH_CONFIG),
                                        delay_show=300,
                                    ),
                                    html.P(id=ids.OVERVIEW_MAP_NOTE, className="obs-source"),
                                    chart_links(SLUG, "map", "flows", lang),
                                ]
                            ),
                            className="h-100",
                        ),
                        xxl=6,
                        className="mb-3",
                    ),
                ]
            ),
        ]
    )


def _view(view_data: dict | None):
    if view_data is None:  # the shell has not read the URL yet
        raise PreventUpdate
    return view_from_store(view_data, context.current().corridor)


def update_kpis(view_data: dict | None):
    """KPI cards for the selection."""
    view = _view(view_data)
    result = context.compute("overview_kpis", view.filter, view.lang)
    if isinstance(result, Failure):
        return error_card(result.title, view.lang)
    return kpi_cards(result, view.lang, context.current().observatory.min_cell)


def update_trend(view_data: dict | None):
    """Trend title, figure and source line."""
    view, web = _view(view_data), context.current()
    result = context.compute("monthly_registrations", view.filter, view.lang)
    if isinstance(result, Failure):
        return "", {}, error_card(result.title, view.lang)
    span = month_span(result.table)
    title = chart_title("trend.title", view.filter, web.corridor, view.lang, span)
    note = trend_note(result.table, view.lang, web.observatory.min_cell, source_line(view.lang))
    return title, trend_figure(result.table, view.lang), note


def update_map(view_data: dict | None):
    """Map title, figure and note (see `observatory.web.map_view`)."""
    return corridor_map(_view(view_data))


CHARTS = (
    Chart("trend", "monthly_registrations", update_trend),
    Chart("map", "flows", update_map),
)
TABLES = (Table("overview_kpis"),)


def register_callbacks(app: dash.Dash) -> None:
    """Attach this page's callbacks to `app`."""
    app.callback(Output(ids.OVERVIEW_KPIS, "children"), Input(ids.VIEW, "data"))(
        view_callback(update_kpis)
    )
    app.callback(
        Output(ids.OVERVIEW_TREND_TITLE, "children"),
        Output(ids.OVERVIEW_TREND, "figure"),
        Output(ids.OVERVIEW_TREND_NOTE, "children"),
        Input(ids.VIEW, "data"),
    )(view_callback(update_trend))
    app.callback(
        Output(ids.OVERVIEW_MAP_TITLE, "children"),
        Output(ids.OVERVIEW_MAP, "figure"),
        Output(ids.OVERVIEW_MAP_NOTE, "children"),
        Input(ids.VIEW, "data"),
    )(view_callback(update_map))
