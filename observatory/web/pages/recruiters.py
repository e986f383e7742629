"""Recruiters page: compliance on the registration date, alerts, and the searchable register."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import dash_bootstrap_components as dbc
from dash import Input, Output, dcc, html
from dash.exceptions import PreventUpdate

from observatory.filters import Filter
from observatory.i18n import format_date, normalise_language, t
from observatory.web import context, ids
from observatory.web.components.common import (
    country_name,
    error_card,
    section_card,
    sector_name,
    text,
)
from observatory.web.components.describe import chart_title
from observatory.web.components.downloads import brief_pack_link, chart_links, table_links
from observatory.web.components.figures import GRAPH_CONFIG
from observatory.web.components.tables import (
    compliance_figure,
    count_text,
    data_table,
    how_note,
    share_text,
    value,
)
from observatory.web.components.trend import month_span
from observatory.web.context import Failure
from observatory.web.exhibits import Chart, Table
from observatory.web.memo import view_callback
from observatory.web.pages import recruiter_profile, slug_of
from observatory.web.state import view_from_store

if TYPE_CHECKING:
    import dash

SLUG = slug_of(__name__)
ALERT_ROWS = 50  # per kind of alert, the largest first


# Licence cells look like links: a click opens the profile (pages.recruiter_profile).
LINK_CELL = {
    "if": {"column_id": "licence_no"},
    "color": "#0b5cad",
    "textDecoration": "underline",
    "cursor": "pointer",
}


def layout(lang: str | None = None, **_query: object) -> html.Div:
    """The page skeleton; callbacks fill it. Unknown query parameters are ignored."""
    lang = normalise_language(lang)
    return html.Div(
        [
            html.H2(text("recruiters.heading", lang), className="obs-page-title"),
            brief_pack_link(SLUG, lang),
            dbc.Alert(text("recruiters.filters_note", lang), color="info", className="mb-3"),
            recruiter_profile.section(),
            dbc.Row(
                [
                    dbc.Col(
                        section_card(
                            html.H3(id=ids.COMPLIANCE_TITLE, className="obs-chart-title"),
                            html.Div(id=ids.COMPLIANCE_KPI),
                            dcc.Loading(
                                dcc.Graph(id=ids.COMPLIANCE_CHART, config=GRAPH_CONFIG),
                                delay_show=300,
                            ),
                            chart_links(SLUG, "compliance", "recruiter_compliance", lang),
                        ),
                        xxl=6,
                    ),
                    dbc.Col(
                        section_card(
                            html.Div(id=ids.COMPLIANCE_TABLE),
                            table_links(SLUG, "recruiter_compliance", lang),
                        ),
                        xxl=6,
                    ),
                ]
            ),
            section_card(html.Div(id=ids.ALERTS), table_links(SLUG, "recruiter_alerts", lang)),
            # An empty register table from the start, so that the click that opens a profile has
            # its input in the layout; update_registry replaces it with the filled one.
            section_card(
                html.Div(data_table(ids.REGISTRY_TABLE, [], []), id=ids.REGISTRY),
                table_links(SLUG, "recruiter_registry", lang),
            ),
        ]
    )


def _view(view_data: dict | None):
    if view_data is None:  # the shell has not read the URL yet
        raise PreventUpdate
    return view_from_store(view_data, context.current().corridor)


def _span(flt: Filter, lang: str) -> tuple[str | None, str | None]:
    months = context.compute("monthly_registrations", flt, lang)
    return (None, None) if isinstance(months, Failure) else month_span(months.table)


def update_compliance(view_data: dict | None):
    """Title, headline share, bar chart by category, and the table with its note."""
    view, web = _view(view_data), context.current()
    lang = view.lang
    result = context.compute("recruiter_compliance", view.filter, lang)
    if isinstance(result, Failure):
        failed = error_card(result.title, lang)
        return "", failed, {}, failed
    title = chart_title(
        "compliance.title", view.filter, web.corridor, lang, _span(view.filter, lang)
    )
    table = result.table
    active = table[table["category"] == "active"].iloc[0]
    kpi = html.P(
        [
            html.Span(
                share_text(active["share_pct"], lang),
                className="kpi-value me-2",
                **{"data-kpi": "share_compliant_pct"},
            ),
            html.Span(t("compliance.kpi", lang) + " — " + t("compliance.kpi.what", lang)),
        ],
        className="mb-1",
    )
    records = [
        {
            "category": t(f"compliance.{row.category}", lang),
            "registrations": count_text(row.registrations_count, lang),
            "workers": count_text(row.workers_count, lang),
            "share": "–" if row.category == "direct_hire" else share_text(row.share_pct, lang),
        }
        for row in table.itertuples(index=False)
    ]
    columns = [
        ("category", t("compliance.col.category", lang)),
        ("registrations", t("compliance.col.registrations", lang)),
        ("workers", t("compliance.col.workers", lang)),
        ("share", t("compliance.col.share", lang)),
    ]
    footnote = " " + t("kpi.suppressed_note", lang, min_cell=web.observatory.min_cell)
    side = [
        html.H3(t("compliance.table.title", lang), className="obs-chart-title"),
        data_table(ids.COMPLIANCE_TABLE_DATA, columns, records),
        how_note(result.spec, lang, footnote),
    ]
    return title, kpi, compliance_figure(table, lang), side


def update_alerts(view_data: dict | None):
    """Recruiters that placed workers while not active, with their (protected) counts."""
    view, web = _view(view_data), context.current()
    lang = view.lang
    result = context.compute("recruiter_alerts", view.filter, lang)
    if isinstance(result, Failure):
        return error_card(result.title, lang)
    title = chart_title("alerts.title", view.filter, web.corridor, lang, _span(view.filter, lang))
    heading = html.H3(title, className="obs-chart-title")
    if result.table.empty:
        return [heading, html.P(t("alerts.none", lang)), how_note(result.spec, lang)]
    # The largest ALERT_ROWS of each kind travel to the page (thousands of licences would make
    # it heavy on a slow link); all of them are in the API and its downloads.
    shown = result.table.groupby("category", sort=False).head(ALERT_ROWS)
    records = [
        {
            "licence_no": row.licence_no,
            "name": value(row.name) or t("alerts.unknown_name", lang),
            "category": t(f"compliance.{row.category}", lang),
            "registrations": count_text(row.registrations_count, lang),
            "workers": count_text(row.workers_count, lang),
        }
        for row in shown.itertuples(index=False)
    ]
    more = len(result.table) - len(shown)
    columns = [
        ("licence_no", t("registry.col.licence", lang)),
        ("name", t("registry.col.name", lang)),
        ("category", t("compliance.col.category", lang)),
        ("registrations", t("compliance.col.registrations", lang)),
        ("workers", t("compliance.col.workers", lang)),
    ]
    notes = [html.P(t("alerts.more", lang, n=more, rows=ALERT_ROWS), className="obs-source")]
    return [
        heading,
        data_table(ids.ALERTS_TABLE, columns, records),
        *(notes if more else []),
        how_note(result.spec, lang),
    ]


def update_registry(view_data: dict | None):
    """The whole register as a searchable, sortable table (names shown as plain text)."""
    view, web = _view(view_data), context.current()
    lang = view.lang
    result = context.compute("recruiter_registry", Filter(), lang)
    if isinstance(result, Failure):
        return error_card(result.title, lang)
    countries = {
        c.iso2: country_name(c, lang) for c in (web.corridor.origin, web.corridor.destination)
    }
    records = [
        {
            "id": row.licence_no,  # the row id a click reports: it opens the licence's profile
            "licence_no": row.licence_no,
            "name": row.name,
            "country": countries.get(row.registry_country, row.registry_country),
            "status": _current_status(row.status, row.valid_until, lang),
            "valid_until": format_date(_date(row.valid_until), lang)
            if value(row.valid_until)
            else "",
            "sectors": ", ".join(
                sector_name(web.corridor, code, lang)
                for code in (value(row.sectors) or "").split(";")
                if code
            ),
            "complaints": value(row.complaints),
            "missing": t("registry.yes" if row.missing_from_register else "registry.no", lang),
        }
        for row in result.table.itertuples(index=False)
    ]
    columns = [
        ("licence_no", t("registry.col.licence", lang)),
        ("name", t("registry.col.name", lang)),
        ("country", t("registry.col.country", lang)),
        ("status", t("registry.col.status", lang)),
        ("valid_until", t("registry.col.valid_until", lang)),
        ("sectors", t("registry.col.sectors", lang)),
        ("complaints", t("registry.col.complaints", lang)),
        ("missing", t("registry.col.missing", lang)),
    ]
    return [
        html.H3(t("registry.title", lang), className="obs-chart-title"),
        html.P(t("registry.hint", lang), className="obs-source mb-2"),
        data_table(
            ids.REGISTRY_TABLE,
            columns,
            records,
            searchable=True,
            search_placeholder=t("registry.search", lang),
            conditional=[LINK_CELL],
        ),
        how_note(result.spec, lang),
    ]


def _current_status(status: object, valid_until: object, lang: str) -> str:
    # DATA_SPEC: a licence past its valid_until is expired, whatever the snapshot said. Worked
    # out here, on the day of the request, because the cached indicator may be older.
    if value(valid_until) is not None and _date(str(valid_until)) < dt.date.today():
        return t("status.expired", lang)
    return t(f"status.{status}", lang) if value(status) else ""


def _date(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


# update_compliance's outputs: title, headline, figure, table
CHARTS = (
    Chart("compliance", "recruiter_compliance", update_compliance, 0, 2),
    *recruiter_profile.CHARTS,
)
TABLES = (
    Table("recruiter_compliance"),
    Table("recruiter_alerts"),
    Table("recruiter_registry", filtered=False),
    *recruiter_profile.TABLES,
)


def register_callbacks(app: dash.Dash) -> None:
    """Attach this page's callbacks to `app`."""
    view = Input(ids.VIEW, "data")
    app.callback(
        Output(ids.COMPLIANCE_TITLE, "children"),
        Output(ids.COMPLIANCE_KPI, "children"),
        Output(ids.COMPLIANCE_CHART, "figure"),
        Output(ids.COMPLIANCE_TABLE, "children"),
        view,
    )(view_callback(update_compliance))
    app.callback(Output(ids.ALERTS, "children"), view)(view_callback(update_alerts))
    app.callback(Output(ids.REGISTRY, "children"), view)(view_callback(update_registry))
    recruiter_profile.register_callbacks(app)
