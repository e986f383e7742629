"""One recruiter's profile on the recruiters page, opened by the recruiter filter (or a click
on a licence in the register): register entry, status timeline, placements over time and by
sector, conditions of its workers, fees and complaints. Callbacks stay thin: indicators in,
builders of components.recruiter_profile out."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from observatory.filters import Filter, FilterError
from observatory.i18n import t
from observatory.web import context, ids
from observatory.web.components import recruiter_profile as build
from observatory.web.components.common import error_card, section_card, sector_name
from observatory.web.components.conditions import kpi_row
from observatory.web.components.describe import chart_title
from observatory.web.components.downloads import chart_links, table_links
from observatory.web.components.figures import GRAPH_CONFIG
from observatory.web.components.tables import data_table, how_note
from observatory.web.components.trend import month_span, trend_figure, trend_note
from observatory.web.context import Failure
from observatory.web.exhibits import Chart, Table
from observatory.web.map_view import source_line
from observatory.web.memo import view_callback
from observatory.web.pages import slug_of
from observatory.web.state import View, view_from_store

if TYPE_CHECKING:
    import dash

INDICATORS = (
    "recruiter_profile",
    "recruiter_status_timeline",
    "monthly_registrations",
    "placements_by_sector",
    "wage_below_minimum_share",
    "recruitment_fee_workers",
    "contract_conditions",
)
# (KPI name, indicator, column, label key): conditions of its workers, overall rows.
KPIS = (
    ("share_below_minimum_pct", "wage_below_minimum_share", "share_below_pct", "below"),
    ("sdg_10_7_1_mean_pct", "recruitment_fee_workers", "sdg_mean_workers_pct", "sdg"),
    ("share_paid_fee_pct", "recruitment_fee_workers", "share_paid_workers_pct", "paid"),
    ("share_written_contract_pct", "contract_conditions", "written_contract_pct", "written"),
    ("share_social_security_pct", "contract_conditions", "social_security_pct", "social"),
    ("share_hours_over_48_pct", "contract_conditions", "hours_over_48_pct", "hours"),
)


GRAPH_IDS = {
    "profile-timeline": ids.PROFILE_TIMELINE,
    "profile-trend": ids.PROFILE_TREND,
    "profile-sectors": ids.PROFILE_SECTORS,
}
PAGE_SLUG = slug_of("observatory.web.pages.recruiters")  # the profile is a section of it


def section() -> html.Div:
    """The profile's place on the page (filled by `update_profile`)."""
    return html.Div([html.Div(id=ids.PROFILE), dcc.Store(id=ids.PROFILE_SCROLLED)])


def _graph(graph_id: str, figure) -> dcc.Graph:
    return dcc.Graph(id=graph_id, figure=figure, config=GRAPH_CONFIG)


def _profile_view(view_data: dict | None) -> View:
    if view_data is None:  # the shell has not read the URL yet
        raise PreventUpdate
    return view_from_store(view_data, context.current().corridor)


def _span(view: View) -> tuple[str | None, str | None]:
    months = context.compute("monthly_registrations", view.filter, view.lang)
    return (None, None) if isinstance(months, Failure) else month_span(months.table)


def timeline_chart(view_data: dict | None) -> tuple[str, dict]:
    """Title and figure of the licences' status timeline."""
    view = _profile_view(view_data)
    timeline = context.compute("recruiter_status_timeline", view.filter, view.lang)
    if isinstance(timeline, Failure):
        return "", {}
    figure = build.timeline_figure(timeline.table, view.lang, dt.date.today())
    return t("profile.timeline.title", view.lang), figure


def trend_chart(view_data: dict | None) -> tuple[str, dict]:
    """Title and figure of the recruiter's placements per month."""
    view, web = _profile_view(view_data), context.current()
    months = context.compute("monthly_registrations", view.filter, view.lang)
    if isinstance(months, Failure):
        return "", {}
    trend = trend_figure(months.table, view.lang)
    # Shorter than the overview's, and slanted months so that a phone can read them.
    trend.update_layout(height=380, xaxis={"tickangle": -45})
    title = chart_title("profile.trend.title", view.filter, web.corridor, view.lang, _span(view))
    return title, trend


def sectors_chart(view_data: dict | None) -> tuple[str, dict]:
    """Title and figure of the recruiter's placements by sector."""
    view, web = _profile_view(view_data), context.current()
    sectors = context.compute("placements_by_sector", view.filter, view.lang)
    if isinstance(sectors, Failure):
        return "", {}
    labels = [sector_name(web.corridor, s, view.lang) for s in sectors.table["sector"]]
    title = chart_title("profile.sectors.title", view.filter, web.corridor, view.lang, _span(view))
    return title, build.sectors_figure(sectors.table, labels, view.lang)


def _recruiter_chosen(flt: Filter) -> bool:
    return bool(flt.recruiter)


# Shown (and downloadable) when the filter names a recruiter.
CHARTS = (
    Chart("profile-timeline", "recruiter_status_timeline", timeline_chart, when=_recruiter_chosen),
    Chart("profile-trend", "monthly_registrations", trend_chart, when=_recruiter_chosen),
    Chart("profile-sectors", "placements_by_sector", sectors_chart, when=_recruiter_chosen),
)
TABLES = tuple(Table(i, when=_recruiter_chosen) for i in INDICATORS)


def _chart_card(chart: Chart, view: View, *notes: object) -> dbc.Card:
    title, figure = chart.outputs(view.store())
    return section_card(
        html.H3(title, className="obs-chart-title"),
        _graph(GRAPH_IDS[chart.key], figure),
        *notes,
        chart_links(PAGE_SLUG, chart.key, chart.indicator, view.lang, view.search()),
    )


def update_profile(view_data: dict | None):
    """The profile of the filter's licences, or the hint to choose one."""
    view, web = _profile_view(view_data), context.current()
    lang, flt = view.lang, view.filter
    if not flt.recruiter:
        return dbc.Alert(t("profile.hint", lang), color="secondary", className="mb-3")
    results = {i: context.compute(i, flt, lang) for i in INDICATORS}
    failed = next((r for r in results.values() if isinstance(r, Failure)), None)
    if failed is not None:
        return error_card(failed.title, lang)
    min_cell = web.observatory.min_cell
    footnote = " " + t("kpi.suppressed_note", lang, min_cell=min_cell)
    profile, timeline = results["recruiter_profile"], results["recruiter_status_timeline"]
    months, sectors = results["monthly_registrations"], results["placements_by_sector"]
    timeline_chart_, trend_chart_, sectors_chart_ = CHARTS
    columns = [
        ("licence_no", t("registry.col.licence", lang)),
        ("status", t("profile.col.status", lang)),
        ("period", t("profile.col.period", lang)),
    ]
    conditions_href = web.pathname_prefix.rstrip("/") + "/condiciones" + view.search()
    search = view.search()
    return [
        html.H2(t("profile.heading", lang), className="h4 mt-2"),
        section_card(
            *(
                build.register_card(r, lang, dt.date.today())
                for r in profile.table.to_dict("records")
            ),
            how_note(profile.spec, lang, footnote),
            table_links(PAGE_SLUG, "recruiter_profile", lang, search),
        ),
        _chart_card(
            timeline_chart_,
            view,
            data_table(
                ids.PROFILE_TIMELINE_TABLE,
                columns,
                build.timeline_records(timeline.table, lang),
            ),
            how_note(timeline.spec, lang),
        ),
        dbc.Row(
            [
                dbc.Col(
                    _chart_card(
                        trend_chart_,
                        view,
                        html.P(
                            trend_note(months.table, lang, min_cell, source_line(lang)),
                            className="obs-source",
                        ),
                        how_note(months.spec, lang, footnote),
                    ),
                    xxl=7,
                ),
                dbc.Col(
                    _chart_card(sectors_chart_, view, how_note(sectors.spec, lang, footnote)),
                    xxl=5,
                ),
            ]
        ),
        section_card(
            html.H3(t("profile.conditions.title", lang), className="obs-chart-title"),
            kpi_row(KPIS, results, lang, id=ids.PROFILE_KPIS),
            dcc.Link(t("profile.conditions_link", lang), href=conditions_href),
            html.P(t("profile.conditions_note", lang) + footnote, className="obs-source mt-2"),
            *(
                table_links(PAGE_SLUG, indicator, lang, search)
                for indicator in (
                    "wage_below_minimum_share",
                    "recruitment_fee_workers",
                    "contract_conditions",
                )
            ),
        ),
    ]


def open_profile(active_cell: dict | None, view_data: dict | None) -> str:
    """A click on a licence in the register: the same view, with that licence as the filter."""
    if not active_cell or active_cell.get("column_id") != "licence_no":
        raise PreventUpdate
    view = view_from_store(view_data, context.current().corridor)
    try:
        flt = dataclasses.replace(view.filter, recruiter=(str(active_cell.get("row_id")),))
    except FilterError:  # a forged cell: nothing to open
        raise PreventUpdate from None
    return View(flt, view.lang).search()


def register_callbacks(app: dash.Dash) -> None:
    """Attach the profile's callbacks to `app`."""
    app.callback(Output(ids.PROFILE, "children"), Input(ids.VIEW, "data"))(
        view_callback(update_profile)
    )
    app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.REGISTRY_TABLE, "active_cell"),
        State(ids.VIEW, "data"),
        prevent_initial_call=True,
    )(open_profile)
    # After a click in the register (at the bottom of the page), show the profile's place.
    app.clientside_callback(
        """function (cell) {
            const target = document.getElementById('recruiter-profile');
            if (cell && cell.column_id === 'licence_no' && target) {
                target.scrollIntoView({behavior: 'smooth', block: 'start'});
            }
            return cell ? cell.row_id : null;
        }""",
        Output(ids.PROFILE_SCROLLED, "data"),
        Input(ids.REGISTRY_TABLE, "active_cell"),
        prevent_initial_call=True,
    )
