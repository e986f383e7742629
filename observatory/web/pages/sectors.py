"""Sector concentration page: sector shares by state of destination and by year, the
Herfindahl–Hirschman index by state and year, the share of the top employers, and where women
and minors work. One thin callback per section: view -> one indicator -> figure and table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

import dash_bootstrap_components as dbc
from dash import Input, Output, dcc, html
from dash.exceptions import PreventUpdate

from observatory.i18n import normalise_language, t
from observatory.web import context, ids
from observatory.web.components import sector_figures as sf
from observatory.web.components.common import (
    empty_message,
    error_card,
    section_card,
    sector_name,
    text,
    unit_name,
)
from observatory.web.components.describe import chart_title
from observatory.web.components.downloads import brief_pack_link, chart_links
from observatory.web.components.figures import GRAPH_CONFIG
from observatory.web.components.tables import count_text, data_table, how_note, share_text
from observatory.web.components.trend import month_span
from observatory.web.context import Failure
from observatory.web.exhibits import Chart
from observatory.web.memo import view_callback
from observatory.web.pages import slug_of
from observatory.web.pages.overview import source_line
from observatory.web.state import view_from_store

if TYPE_CHECKING:
    import dash
    import pandas as pd
    import plotly.graph_objects as go

    from observatory.corridor import Corridor

SLUG = slug_of(__name__)
PREFIX = "sectors-"


@dataclass(frozen=True)
class Section:
    """One chart of the page: its indicator, builders, table columns and component ids."""

    name: str
    indicator: str
    figure: Callable[[pd.DataFrame, Corridor, str], go.Figure]
    rows: Callable[[pd.DataFrame, Corridor, str], list[dict]]
    columns: tuple[str, ...]  # record keys; headers are "sectors.col.<key>"
    numeric: tuple[str, ...]
    note_key: str | None = None  # a reading note under the chart

    @property
    def title_id(self) -> str:
        return f"{PREFIX}{self.name}-title"

    @property
    def chart_id(self) -> str:
        return f"{PREFIX}{self.name}-chart"

    @property
    def details_id(self) -> str:
        return f"{PREFIX}{self.name}-details"

    @property
    def table_id(self) -> str:
        return f"{PREFIX}{self.name}-table"


def shares_rows(table: pd.DataFrame, corridor: Corridor, lang: str, key: str) -> list[dict]:
    """Table rows of `sector_by_destination` / `sector_by_year`."""
    return [
        {
            "group": unit_name(corridor, r[key]) if key == "destination_admin1" else r[key],
            "sector": sector_name(corridor, r["sector"], lang),
            "registrations": count_text(r["registrations_count"], lang),
            "workers": count_text(r["workers_count"], lang),
            "share": share_text(r["share_pct"], lang),
        }
        for r in table.to_dict("records")
    ]


def hhi_rows(table: pd.DataFrame, corridor: Corridor, lang: str) -> list[dict]:
    """Table rows of `sector_hhi`."""
    return [
        {
            "group": unit_name(corridor, r["destination_admin1"]),
            "year": r["year"],
            "workers": count_text(r["workers_count"], lang),
            "sectors": count_text(r["sectors_count"], lang),
            "hidden": count_text(r["hidden_sectors_count"], lang),
            "hhi": sf.hhi_text(r["hhi"], r["hidden_sectors_count"], lang),
        }
        for r in table.to_dict("records")
    ]


def employers_rows(table: pd.DataFrame, corridor: Corridor, lang: str) -> list[dict]:
    """Table rows of `top_employers_share`."""
    return [
        {
            "sector": sf.row_label(r["breakdown"], r["key"], corridor, lang),
            "workers": count_text(r["workers_count"], lang),
            "employers": count_text(r["employers_count"], lang),
            "top_share": share_text(r["top_share_pct"], lang),
            "names": r["top_employers"] or "–",
        }
        for r in table.to_dict("records")
    ]


def women_minors_rows(table: pd.DataFrame, corridor: Corridor, lang: str) -> list[dict]:
    """Table rows of `women_minors_by_sector`."""
    return [
        {
            "sector": sector_name(corridor, r["sector"], lang),
            "workers": count_text(r["workers_count"], lang),
            "women": count_text(r["women_count"], lang),
            "share_women": share_text(r["share_women_pct"], lang),
            "minors": count_text(r["minors_count"], lang),
            "share_minors": share_text(r["share_minors_pct"], lang),
        }
        for r in table.to_dict("records")
    ]


_SHARE_COLUMNS = ("sector", "registrations", "workers", "share")
DESTINATION = Section(
    "destination",
    "sector_by_destination",
    partial(sf.stacked_shares, key="destination_admin1", horizontal=True),
    partial(shares_rows, key="destination_admin1"),
    ("group", *_SHARE_COLUMNS),
    _SHARE_COLUMNS[1:],
    "sectors.shares.note",
)
BY_YEAR = Section(
    "year",
    "sector_by_year",
    partial(sf.stacked_shares, key="year", horizontal=False),
    partial(shares_rows, key="year"),
    ("group", *_SHARE_COLUMNS),
    _SHARE_COLUMNS[1:],
    "sectors.shares.note",
)
HHI = Section(
    "hhi",
    "sector_hhi",
    sf.hhi_figure,
    hhi_rows,
    ("group", "year", "workers", "sectors", "hidden", "hhi"),
    ("workers", "sectors", "hidden", "hhi"),
    "sectors.hhi.note",
)
TOP_EMPLOYERS = Section(
    "top",
    "top_employers_share",
    sf.employers_figure,
    employers_rows,
    ("sector", "workers", "employers", "top_share", "names"),
    ("workers", "employers", "top_share"),
    "sectors.top.note",
)
WOMEN_MINORS = Section(
    "women",
    "women_minors_by_sector",
    sf.women_minors_figure,
    women_minors_rows,
    ("sector", "workers", "women", "share_women", "minors", "share_minors"),
    ("workers", "women", "share_women", "minors", "share_minors"),
)
SECTIONS = (DESTINATION, BY_YEAR, HHI, TOP_EMPLOYERS, WOMEN_MINORS)


def _card(section: Section, lang: str) -> dbc.Card:
    return section_card(
        html.H3(id=section.title_id, className="obs-chart-title"),
        dcc.Loading(dcc.Graph(id=section.chart_id, config=GRAPH_CONFIG), delay_show=300),
        html.Div(id=section.details_id),
        chart_links(SLUG, section.name, section.indicator, lang),
        id=f"{PREFIX}{section.name}-card",
    )


def layout(lang: str | None = None, **_query: object) -> html.Div:
    """The page skeleton; callbacks fill it. Unknown query parameters are ignored."""
    lang = normalise_language(lang)
    return html.Div(
        [
            html.H2(text("sectors.heading", lang), className="obs-page-title"),
            brief_pack_link(SLUG, lang),
            html.P(text("sectors.intro", lang), className="lead mb-3"),
            dbc.Row(
                [dbc.Col(_card(DESTINATION, lang), xxl=6), dbc.Col(_card(BY_YEAR, lang), xxl=6)]
            ),
            _card(HHI, lang),
            dbc.Row(
                [
                    dbc.Col(_card(TOP_EMPLOYERS, lang), xxl=6),
                    dbc.Col(_card(WOMEN_MINORS, lang), xxl=6),
                ]
            ),
        ]
    )


def _header(section: Section, column: str, lang: str) -> str:
    by_year = section is BY_YEAR
    if column in ("group", "share") and section in (DESTINATION, BY_YEAR):
        column = {"group": ("state", "year"), "share": ("share_state", "share_year")}[column][
            by_year
        ]
    elif column == "group":
        column = "state"
    return t(f"sectors.col.{column}", lang)


def update(section: Section, view_data: dict | None):
    """Title, figure, and table with notes of one section for the view in the shell's store."""
    if view_data is None:  # the shell has not read the URL yet
        raise PreventUpdate
    web = context.current()
    view = view_from_store(view_data, web.corridor)
    lang, min_cell = view.lang, web.observatory.min_cell
    result = context.compute(section.indicator, view.filter, lang)
    months = context.compute("monthly_registrations", view.filter, lang)  # cached by the trend
    if isinstance(result, Failure):
        return "", {}, error_card(result.title, lang)
    span = (None, None) if isinstance(months, Failure) else month_span(months.table)
    title = chart_title(f"sectors.{section.name}.title", view.filter, web.corridor, lang, span)
    if result.table.empty:
        return title, {}, empty_message(lang)
    columns = [(c, _header(section, c, lang)) for c in section.columns]
    records = section.rows(result.table, web.corridor, lang)
    notes = [t(section.note_key, lang, min_cell=min_cell)] if section.note_key else []
    footnote = " " + t("kpi.suppressed_note", lang, min_cell=min_cell)
    details = [
        data_table(section.table_id, columns, records, numeric=section.numeric, page_size=12),
        *(html.P(note, className="obs-source") for note in notes),
        how_note(result.spec, lang, footnote),
        html.P(source_line(lang), className="obs-source"),
    ]
    return title, section.figure(result.table, web.corridor, lang), details


def register_callbacks(app: dash.Dash) -> None:
    """Attach one callback per section to `app`."""
    for section, chart in zip(SECTIONS, CHARTS, strict=True):
        app.callback(
            Output(section.title_id, "children"),
            Output(section.chart_id, "figure"),
            Output(section.details_id, "children"),
            Input(ids.VIEW, "data"),
        )(view_callback(chart.outputs))


def _updater(section: Section) -> Callable[[dict | None], tuple]:
    def update_section(view_data: dict | None) -> tuple:
        return update(section, view_data)

    # view_callback keys its cache on the qualified name: one per section.
    update_section.__name__ = update_section.__qualname__ = f"update_{section.name}"
    return update_section


CHARTS = tuple(Chart(s.name, s.indicator, _updater(s)) for s in SECTIONS)
