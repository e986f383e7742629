"""The shell's callbacks: URL ⇄ filter controls, translation of the shell, the panel toggle."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from observatory.filters import Filter
from observatory.i18n import t
from observatory.web import context, ids, recruiter_choice
from observatory.web.components import filter_panel as panel
from observatory.web.layout import (
    PANEL_WIDTHS,
    corridor_names,
    footer_children,
    nav_links,
    page_widths,
)
from observatory.web.pages import page_at
from observatory.web.state import View, parse_search, view_from_controls, view_from_store

if TYPE_CHECKING:
    import datetime as dt

    import dash

log = logging.getLogger(__name__)
_CONTROL_IDS = [cid for cid, _ in ids.FILTER_CONTROLS]


def _period_bounds() -> tuple[dt.date | None, dt.date | None]:
    try:
        return context.current().observatory.period_bounds()
    except Exception:
        # Without bounds the month lists are empty but the page still opens and says why.
        log.exception("could not read the period bounds")
        return None, None


def problems_message(view: View) -> list:
    """One warning per URL parameter that was ignored, in the view's language."""
    return [
        dbc.Alert(
            t("url.invalid", view.lang, param=p.param, value=p.value),
            color="warning",
            dismissable=True,
            className="mb-3",
        )
        for p in view.problems
    ]


def sync_view(search: str | None, lang: str | None, _reset: int, *values: object) -> list:
    """Keep URL, store and controls in step: a URL change sets the controls, a control the URL."""
    corridor = context.current().corridor
    trigger = ctx.triggered_id
    if trigger == ids.URL or trigger is None:
        view, new_search = parse_search(search, corridor), no_update  # keep the link as given
    elif trigger == ids.FILTER_RESET:
        view = View(Filter(), lang or "es")
        new_search = view.search()
    else:
        view = view_from_controls(values, lang, corridor)
        new_search = view.search()
    # Names only for the selected licences' labels; no lookup when none is selected.
    names = recruiter_choice.registry_names(view.lang) if view.filter.recruiter else {}
    options = panel.filter_options(corridor, view.lang, _period_bounds(), view, names)
    return [
        new_search,
        view.store(),
        problems_message(view),
        view.lang,
        *view.control_values(),
        *options,
    ]


def translate_shell(view_data: dict | None) -> list:
    """Every shell text in the view's language (spans by key, then texts with parameters)."""
    if view_data is None:
        raise PreventUpdate
    web = context.current()
    view = view_from_store(view_data, web.corridor)
    lang, names = view.lang, corridor_names(web.corridor, view.lang)
    spans = [t(output["id"]["key"], lang) for output in ctx.outputs_list[0]]
    active = panel.active_count(view)
    summary = (
        t("filters.none_active", lang)
        if active == 0
        else t("filters.active_one", lang)
        if active == 1
        else t("filters.active", lang, n=active)
    )
    return [
        spans,
        t("app.title", lang, **names),
        t("app.subtitle", lang, **names),
        nav_links(lang, view.search(), web.pathname_prefix),
        footer_children(web.corridor, lang, web.settings.min_cell),
        f"({summary})",
        *panel.placeholders(lang),
        *[panel.dropdown_labels(lang)] * len(_CONTROL_IDS),
    ]


def show_filters_that_apply(pathname: str | None) -> list:
    """Hide the filter controls that do not change the page, and the panel when none does."""
    page = page_at(pathname, context.current().pathname_prefix)
    filters = page.filters if page is not None else None
    with_panel = filters is None or len(filters) > 0
    widths = page_widths(with_panel)
    return [
        *panel.visibility(filters),
        "mb-3" if with_panel else "d-none",
        *(widths[size] for size in PANEL_WIDTHS),
    ]


def toggle_panel(n_clicks: int, is_open: bool) -> bool:
    """Open or close the filter panel on small screens."""
    return not is_open if n_clicks else is_open


def register_callbacks(app: dash.Dash) -> None:
    """Attach the shell's callbacks to `app` (per app, so several apps can share a process)."""
    app.callback(
        Output(ids.URL, "search"),
        Output(ids.VIEW, "data"),
        Output(ids.URL_MESSAGE, "children"),
        Output(ids.LANGUAGE, "value"),
        *[Output(cid, "value") for cid in _CONTROL_IDS],
        *[Output(cid, "options") for cid in _CONTROL_IDS],
        Input(ids.URL, "search"),
        Input(ids.LANGUAGE, "value"),
        Input(ids.FILTER_RESET, "n_clicks"),
        *[Input(cid, "value") for cid in _CONTROL_IDS],
        prevent_initial_call=True,  # the Location sets `search` when it mounts: start there
    )(sync_view)
    app.callback(
        Output({"type": ids.TEXT, "key": ALL}, "children"),
        Output(ids.HEADER_TITLE, "children"),
        Output(ids.HEADER_SUBTITLE, "children"),
        Output(ids.NAV, "children"),
        Output(ids.FOOTER, "children"),
        Output(ids.FILTER_SUMMARY, "children"),
        *[Output(cid, "placeholder") for cid in _CONTROL_IDS],
        *[Output(cid, "labels") for cid in _CONTROL_IDS],
        Input(ids.VIEW, "data"),
    )(translate_shell)
    # The page's language for screen readers and hyphenation: <html lang="es|en">.
    app.clientside_callback(
        "function (view) { if (view) { document.documentElement.lang = view.lang; } }",
        Input(ids.VIEW, "data"),
    )
    recruiter_choice.register_callbacks(app)
    app.callback(
        *[Output(panel.field_id(cid), "className") for cid in _CONTROL_IDS],
        Output(ids.FILTER_COLUMN, "className"),
        *[Output(ids.MAIN_COLUMN, size) for size in PANEL_WIDTHS],
        Input(ids.URL, "pathname"),
    )(show_filters_that_apply)
    app.callback(
        Output(ids.FILTER_COLLAPSE, "is_open"),
        Input(ids.FILTER_TOGGLE, "n_clicks"),
        State(ids.FILTER_COLLAPSE, "is_open"),
    )(toggle_panel)
