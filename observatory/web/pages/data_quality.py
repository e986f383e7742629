"""Data-quality page: what a steward checks monthly (freshness, loads, quarantine, completeness)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import dash_bootstrap_components as dbc
from dash import Input, Output, dcc, html
from dash.exceptions import PreventUpdate

from observatory.filters import Filter
from observatory.i18n import (
    catalog,
    format_count,
    format_date,
    format_percent,
    normalise_language,
    t,
)
from observatory.web import context, ids
from observatory.web.components import office_quality as offices
from observatory.web.components.common import error_card, section_card, text
from observatory.web.components.describe import describe_when
from observatory.web.components.downloads import brief_pack_link, chart_links, table_links
from observatory.web.components.figures import GRAPH_CONFIG
from observatory.web.components.tables import data_table, how_note, loads_figure, value
from observatory.web.context import Failure
from observatory.web.exhibits import Chart, Table
from observatory.web.memo import view_callback
from observatory.web.pages import slug_of
from observatory.web.state import view_from_store

if TYPE_CHECKING:
    import dash

SLUG = slug_of(__name__)
RECENT = 20
# Load statistics are about files, not registrations: the registration filters never apply.
EVERYTHING = Filter()


def layout(lang: str | None = None, **_query: object) -> html.Div:
    """The page skeleton; callbacks fill it. Unknown query parameters are ignored."""
    lang = normalise_language(lang)
    return html.Div(
        [
            html.H2(text("quality.heading", lang), className="obs-page-title"),
            brief_pack_link(SLUG, lang),
            dbc.Alert(text("quality.filters_note", lang), color="info", className="mb-3"),
            html.Section(id=ids.QUALITY_FRESHNESS, **{"aria-live": "polite"}),
            table_links(SLUG, "days_since_last_load", lang),
            section_card(
                html.H3(id=ids.QUALITY_LOADS_TITLE, className="obs-chart-title"),
                dcc.Loading(dcc.Graph(id=ids.QUALITY_LOADS, config=GRAPH_CONFIG), delay_show=300),
                html.Div(id=ids.QUALITY_LOADS_NOTE),
                chart_links(SLUG, "loads", "loads_by_month", lang),
            ),
            _table_card(offices.SECTION_ID, "office_quality", lang),
            _table_card(ids.QUALITY_RECENT, "recent_loads", lang),
            dbc.Row(
                [
                    dbc.Col(_table_card(ids.QUALITY_REASONS, "quarantine_reasons", lang), xxl=6),
                    dbc.Col(
                        _table_card(ids.QUALITY_COMPLETENESS, "field_completeness", lang), xxl=6
                    ),
                ]
            ),
        ]
    )


def _table_card(section_id: str, indicator: str, lang: str) -> dbc.Card:
    return section_card(html.Div(id=section_id), table_links(SLUG, indicator, lang))


def _lang(view_data: dict | None) -> str:
    if view_data is None:  # the shell has not read the URL yet
        raise PreventUpdate
    return view_from_store(view_data, context.current().corridor).lang


def update_freshness(view_data: dict | None):
    """One card per source: days since its newest completed load."""
    lang = _lang(view_data)
    result = context.compute("days_since_last_load", EVERYTHING, lang)
    if isinstance(result, Failure):
        return error_card(result.title, lang)
    today = dt.date.today()
    cards = []
    for row in result.table.itertuples(index=False):
        last = value(row.last_load_on)
        if last is None:
            big, small = t("quality.freshness.never", lang), ""
        else:
            day = dt.date.fromisoformat(last)
            big = t("quality.freshness.days", lang, n=format_count((today - day).days, lang))
            small = t("quality.freshness.last", lang, date=format_date(day, lang))
        cards.append(
            dbc.Col(
                dbc.Card(
                    dbc.CardBody(
                        [
                            html.Div(
                                t(f"source_kind.{row.source_kind}", lang), className="kpi-label"
                            ),
                            html.Div(
                                big, className="kpi-value", **{"data-source": row.source_kind}
                            ),
                            html.Div(small, className="kpi-what"),
                        ]
                    ),
                    className="kpi-card h-100",
                ),
                md=4,
                className="mb-3",
            )
        )
    title = html.H3(
        t("quality.freshness.title", lang, date=format_date(today, lang)),
        className="obs-chart-title",
    )
    return [title, dbc.Row(cards), how_note(result.spec, lang)]


def update_offices(view_data: dict | None):
    """One row per border office: its loads, rows, quarantine and freshness."""
    lang = _lang(view_data)
    result = context.compute("office_quality", EVERYTHING, lang)
    if isinstance(result, Failure):
        return error_card(result.title, lang)
    return offices.office_section(result, context.current().corridor, lang)


def update_loads(view_data: dict | None):
    """Title, stacked bars of rows per source and month of loading, and the note."""
    lang = _lang(view_data)
    result = context.compute("loads_by_month", EVERYTHING, lang)
    if isinstance(result, Failure):
        return "", {}, error_card(result.title, lang)
    months = sorted(result.table["month"])
    when = describe_when(months[0], months[-1], lang) if months else t("quality.loads.none", lang)
    title = t("quality.loads.title", lang, when=when)
    return title, loads_figure(result.table, lang), how_note(result.spec, lang)


def _label(prefix: str, code: str, lang: str) -> str:
    # A status a newer ETL writes and the catalogue does not know yet shows as its code.
    key = f"{prefix}.{code}"
    return t(key, lang) if key in catalog(lang) else code


def update_recent(view_data: dict | None):
    """The table of recent loads; refused and failed loads are marked in words and colour."""
    lang = _lang(view_data)
    result = context.compute("recent_loads", EVERYTHING, lang)
    if isinstance(result, Failure):
        return error_card(result.title, lang)
    counts = ("rows_read", "rows_loaded", "rows_updated", "rows_unchanged", "rows_quarantined")
    records = [
        {
            "started_at": row.started_at,
            "file_name": row.file_name,
            "source_kind": t(f"source_kind.{row.source_kind}", lang),
            "status": _label("load_status", row.status, lang),
            **{c: int(getattr(row, c)) for c in counts},
            "message": value(row.message) or "",
        }
        for row in result.table.itertuples(index=False)
    ]
    columns = [
        ("started_at", t("quality.col.date", lang)),
        ("file_name", t("quality.col.file", lang)),
        ("source_kind", t("quality.col.source", lang)),
        ("status", t("quality.col.status", lang)),
        *[(c, t(f"quality.{c}", lang)) for c in counts],
        ("message", t("quality.col.message", lang)),
    ]
    # A refused or failed load: its whole row in a warm colour, its status says so in words.
    marked = [
        {
            "if": {"filter_query": "{status} = " + f'"{t(f"load_status.{status}", lang)}"'},
            "backgroundColor": "#fde2d6",
            "color": "#7a2100",
            "fontWeight": "600",
        }
        for status in ("refused", "failed")
    ]
    return [
        html.H3(t("quality.recent.title", lang, n=RECENT), className="obs-chart-title"),
        data_table(ids.QUALITY_RECENT_TABLE, columns, records, numeric=counts, conditional=marked),
        how_note(result.spec, lang),
    ]


def update_reasons(view_data: dict | None):
    """The most frequent quarantine reasons (source, field, reason without its value)."""
    lang = _lang(view_data)
    result = context.compute("quarantine_reasons", EVERYTHING, lang)
    if isinstance(result, Failure):
        return error_card(result.title, lang)
    records = [
        {
            "source_kind": t(f"source_kind.{row.source_kind}", lang),
            "field": row.field,
            "reason": row.reason,
            "rows_count": int(row.rows_count),
        }
        for row in result.table.itertuples(index=False)
    ]
    columns = [
        ("source_kind", t("quality.col.source", lang)),
        ("field", t("quality.col.field", lang)),
        ("reason", t("quality.col.reason", lang)),
        ("rows_count", t("quality.col.rows", lang)),
    ]
    return [
        html.H3(t("quality.reasons.title", lang), className="obs-chart-title"),
        data_table(
            ids.QUALITY_REASONS_TABLE, columns, records, numeric=("rows_count",), page_size=15
        ),
        how_note(result.spec, lang),
    ]


def update_completeness(view_data: dict | None):
    """Completeness of every field of registrations and contracts, least complete first."""
    lang = _lang(view_data)
    result = context.compute("field_completeness", EVERYTHING, lang)
    if isinstance(result, Failure):
        return error_card(result.title, lang)
    rows = sorted(
        result.table.itertuples(index=False),
        key=lambda r: (value(r.complete_pct) is None, value(r.complete_pct) or 0, r.column_name),
    )
    records = [
        {
            "table_name": t(f"quality.table.{row.table_name}", lang),
            "column_name": row.column_name,
            "filled_count": int(row.filled_count),
            "rows_count": int(row.rows_count),
            "complete": "–"
            if value(row.complete_pct) is None
            else format_percent(float(row.complete_pct), lang),
        }
        for row in rows
    ]
    columns = [
        ("table_name", t("quality.col.table", lang)),
        ("column_name", t("quality.col.field", lang)),
        ("filled_count", t("quality.col.filled", lang)),
        ("rows_count", t("quality.col.rows", lang)),
        ("complete", t("quality.col.complete", lang)),
    ]
    title = t("quality.completeness.title", lang, date=format_date(dt.date.today(), lang))
    return [
        html.H3(title, className="obs-chart-title"),
        data_table(
            ids.QUALITY_COMPLETENESS_TABLE,
            columns,
            records,
            numeric=("filled_count", "rows_count", "complete"),
            page_size=15,
        ),
        how_note(result.spec, lang),
    ]


CHARTS = (Chart("loads", "loads_by_month", update_loads),)
TABLES = tuple(
    Table(indicator, filtered=False)
    for indicator in (
        "loads_by_month",
        "days_since_last_load",
        "office_quality",
        "recent_loads",
        "quarantine_reasons",
        "field_completeness",
    )
)


def register_callbacks(app: dash.Dash) -> None:
    """Attach this page's callbacks to `app`."""
    view = Input(ids.VIEW, "data")
    app.callback(Output(ids.QUALITY_FRESHNESS, "children"), view)(view_callback(update_freshness))
    app.callback(
        Output(ids.QUALITY_LOADS_TITLE, "children"),
        Output(ids.QUALITY_LOADS, "figure"),
        Output(ids.QUALITY_LOADS_NOTE, "children"),
        view,
    )(view_callback(update_loads))
    app.callback(Output(offices.SECTION_ID, "children"), view)(view_callback(update_offices))
    app.callback(Output(ids.QUALITY_RECENT, "children"), view)(view_callback(update_recent))
    app.callback(Output(ids.QUALITY_REASONS, "children"), view)(view_callback(update_reasons))
    app.callback(Output(ids.QUALITY_COMPLETENESS, "children"), view)(
        view_callback(update_completeness)
    )
