"""Flows page: the corridor map, paths as a Sankey, seasonality, the age–sex pyramid, exits
against returns and circularity, for the selection in the shared filter."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import dash_bootstrap_components as dbc
from dash import Input, Output, dcc, html
from dash.exceptions import PreventUpdate

from observatory.i18n import format_count, format_month, format_percent, normalise_language, t
from observatory.web import context, ids
from observatory.web.components import flows_figures as ff
from observatory.web.components.common import error_card, section_card, text
from observatory.web.components.describe import chart_title
from observatory.web.components.downloads import brief_pack_link, chart_links, table_links
from observatory.web.components.figures import GRAPH_CONFIG
from observatory.web.components.tables import how_note, value
from observatory.web.context import Failure
from observatory.web.exhibits import Chart, Table
from observatory.web.map_view import corridor_map, source_line, view_span
from observatory.web.memo import view_callback
from observatory.web.pages import slug_of
from observatory.web.state import View, view_from_store

if TYPE_CHECKING:
    import dash

SLUG = slug_of(__name__)
MAP = "flows-map"
SANKEY = "flows-sankey"
SEASONALITY = "flows-seasonality"
PYRAMID = "flows-pyramid"
EXITS_RETURNS = "flows-exits-returns"
CIRCULARITY = "flows-circularity"
CIRCULAR_SHARE = "flows-circular-share"
SECTIONS = (MAP, SANKEY, SEASONALITY, PYRAMID, EXITS_RETURNS, CIRCULARITY)
# Below these widths (phones) a chart scrolls sideways instead of squeezing its labels.
MIN_WIDTH_PX = {SANKEY: 720, SEASONALITY: 700, PYRAMID: 560, EXITS_RETURNS: 640}


def title_id(section: str) -> str:
    return f"{section}-title"


def note_id(section: str) -> str:
    return f"{section}-note"


def _chart(section: str, lang: str, headline: bool = False) -> dbc.Card:
    chart = CHART_OF_SECTION[section]
    return section_card(
        html.H3(id=title_id(section), className="obs-chart-title"),
        html.Div(id=CIRCULAR_SHARE, **{"aria-live": "polite"}) if headline else None,
        table_links(SLUG, "circular_share", lang) if headline else None,
        html.Div(
            dcc.Loading(
                dcc.Graph(
                    id=section,
                    config=GRAPH_CONFIG,
                    style={"minWidth": f"{MIN_WIDTH_PX.get(section, 0)}px"},
                ),
                delay_show=300,
            ),
            style={"overflowX": "auto"},
        ),
        html.Div(id=note_id(section)),
        chart_links(SLUG, chart.key, chart.indicator, lang),
    )


def layout(lang: str | None = None, **_query: object) -> html.Div:
    """The page skeleton; callbacks fill it. Unknown query parameters are ignored."""
    lang = normalise_language(lang)

    def row(left: str, right: str, split: int = 6) -> dbc.Row:
        return dbc.Row(
            [
                dbc.Col(_chart(left, lang), xxl=split),
                dbc.Col(_chart(right, lang, right == CIRCULARITY), xxl=12 - split),
            ]
        )

    return html.Div(
        [
            html.H2(text("flows.heading", lang), className="obs-page-title"),
            brief_pack_link(SLUG, lang),
            dbc.Alert(text("flows.directions_note", lang), color="info", className="mb-3"),
            row(MAP, SANKEY, 5),
            row(SEASONALITY, PYRAMID, 7),
            row(EXITS_RETURNS, CIRCULARITY, 7),
        ]
    )


def _view(view_data: dict | None) -> View:
    if view_data is None:  # the shell has not read the URL yet
        raise PreventUpdate
    return view_from_store(view_data, context.current().corridor)


def _notes(result, lang: str, *lines: str) -> list:
    """The notes under a chart: what is hidden and why, the source, how it is computed."""
    paragraphs = [html.P(line, className="obs-source") for line in lines if line]
    return [
        *paragraphs,
        html.P(source_line(lang), className="obs-source"),
        how_note(result.spec, lang),
    ]


def _hidden_note(result, lang: str) -> str:
    rows = int(result.table["suppressed"].sum()) if not result.table.empty else 0
    min_cell = context.current().observatory.min_cell
    return t("flows.hidden_note", lang, n=rows, min_cell=min_cell) if rows else ""


def _section(indicator_id: str, title_key: str, build: Callable, view_data: dict | None):
    """Title, figure and notes of one chart: one service call, one figure builder."""
    view, web = _view(view_data), context.current()
    result = context.compute(indicator_id, view.filter, view.lang)
    if isinstance(result, Failure):
        return "", {}, error_card(result.title, view.lang)
    title = chart_title(title_key, view.filter, web.corridor, view.lang, view_span(view))
    figure, lines = build(result, view)
    return title, figure, _notes(result, view.lang, *lines)


def update_map(view_data: dict | None):
    """The overview's corridor map, for the same view."""
    title, figure, note = corridor_map(_view(view_data))
    return title, figure, html.P(note, className="obs-source") if isinstance(note, str) else note


def _sankey(result, view: View):
    corridor, table = context.current().corridor, result.table
    reverse = ff.published(table)
    reverse = reverse[[ff.is_reverse(code, corridor) for code in reverse["origin_admin1"]]]
    count = int(reverse["registrations_count"].sum()) if not reverse.empty else 0
    lines = [
        t("flows.sankey.note", view.lang, n=int(table["suppressed"].sum()), total=len(table)),
        t("flows.sankey.reverse", view.lang, n=format_count(count, view.lang)),
    ]
    return ff.sankey_figure(table, corridor, view.lang), lines


def _seasonality(result, view: View):
    return ff.seasonality_figure(result.table, view.lang), [
        t("flows.season.legend", view.lang),
        _hidden_note(result, view.lang),
    ]


def _pyramid(result, view: View):
    return ff.pyramid_figure(result.table, view.lang), [_hidden_note(result, view.lang)]


def _exits_returns(result, view: View):
    lang = view.lang
    figure = ff.exits_returns_figure(result.table, lang, lambda m: format_month(m, lang))
    chosen = ", ".join(t(f"direction.{d}", lang).lower() for d in view.filter.direction)
    direction = t("flows.exits.filtered", lang, directions=chosen) if chosen else ""
    return figure, [direction, _hidden_note(result, lang)]


def _circularity(result, view: View):
    return ff.circularity_figure(result.table, view.lang), [_hidden_note(result, view.lang)]


def update_sankey(view_data: dict | None):
    return _section("flow_paths", "flows.sankey.title", _sankey, view_data)


def update_seasonality(view_data: dict | None):
    return _section("seasonality", "flows.season.title", _seasonality, view_data)


def update_pyramid(view_data: dict | None):
    return _section("age_sex_pyramid", "flows.pyramid.title", _pyramid, view_data)


def update_exits_returns(view_data: dict | None):
    return _section("exits_returns", "flows.exits.title", _exits_returns, view_data)


def update_circularity(view_data: dict | None):
    return _section("circularity", "flows.circ.title", _circularity, view_data)


def update_circular_share(view_data: dict | None):
    """The headline: the share of circular workers, with its numerator and denominator."""
    view = _view(view_data)
    result = context.compute("circular_share", view.filter, view.lang)
    if isinstance(result, Failure):
        return error_card(result.title, view.lang)
    row = result.table.iloc[0]
    share, workers, circular = (
        value(row[c]) for c in ("share_circular_pct", "workers_count", "circular_workers_count")
    )
    state = "value" if share is not None else ("suppressed" if row["suppressed"] else "empty")
    number = "–" if share is None else format_percent(float(share), view.lang)
    if share is None:
        what = t(f"flows.circ.share_{state}", view.lang)
    else:
        what = t(
            "flows.circ.share_what",
            view.lang,
            n=format_count(int(circular), view.lang),
            total=format_count(int(workers), view.lang),
        )
    return html.Div(
        [
            html.Div(t("flows.circ.share_label", view.lang), className="kpi-label"),
            html.Div(number, className=f"kpi-value kpi-{state}", **{"data-state": state}),
            html.Div(what, className="kpi-what"),
        ],
        className="mb-2",
    )


CHART_OF_SECTION = {
    MAP: Chart("map", "flows", update_map),
    SANKEY: Chart("sankey", "flow_paths", update_sankey),
    SEASONALITY: Chart("seasonality", "seasonality", update_seasonality),
    PYRAMID: Chart("pyramid", "age_sex_pyramid", update_pyramid),
    EXITS_RETURNS: Chart("exits-returns", "exits_returns", update_exits_returns),
    CIRCULARITY: Chart("circularity", "circularity", update_circularity),
}
CHARTS = tuple(CHART_OF_SECTION.values())
TABLES = (Table("circular_share"),)


def register_callbacks(app: dash.Dash) -> None:
    """Attach this page's callbacks to `app`: one per chart, so they answer in parallel."""
    for section, chart in CHART_OF_SECTION.items():
        app.callback(
            Output(title_id(section), "children"),
            Output(section, "figure"),
            Output(note_id(section), "children"),
            Input(ids.VIEW, "data"),
        )(view_callback(chart.outputs))
    share = view_callback(update_circular_share)
    app.callback(Output(CIRCULAR_SHARE, "children"), Input(ids.VIEW, "data"))(share)
