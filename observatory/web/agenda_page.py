"""The agendas page (`/agendas`): create, rename, reorder and delete meeting agendas; present
one in meeting mode, copy its link, download its brief pack.

Everyone who sees the pages sees the agendas (viewer); changing them needs
`meeting.EDIT_ROLE` (analyst), checked inside the callback on every request, because a
callback's inputs can be forged. One callback draws the list and applies each change, so
what is shown is always what the database holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, ctx, dcc, html, no_update
from flask import has_request_context, request

from observatory.db import agendas as store
from observatory.exports.metadata import filter_in_words
from observatory.i18n import normalise_language, t
from observatory.web import context, exhibits, ids, meeting
from observatory.web.components.downloads import export_path
from observatory.web.state import view_from_store

if TYPE_CHECKING:
    from observatory.db.agendas import Agenda

LIST, MESSAGE = "agenda-list", "agenda-message"
NEW_NAME, CREATE = "agenda-new-name", "agenda-create"
ACT = "agenda-act"  # pattern-matching id type of every button of the list
NAME = "agenda-name"  # ... and of each agenda's name field


def layout(lang: str | None = None, **_query: object) -> html.Div:
    """The page skeleton; the list is drawn by `update`. Unknown query parameters are ignored."""
    lang = normalise_language(lang)
    return html.Div(
        [
            html.H2(t("agenda.heading", lang), className="obs-page-title"),
            html.P(t("agenda.intro", lang)),
            html.Div(
                [
                    html.Label(t("agenda.new.label", lang), htmlFor=NEW_NAME, className="me-2"),
                    dcc.Input(
                        id=NEW_NAME,
                        type="text",
                        maxLength=store.NAME_MAX,
                        className="form-control obs-agenda-name",
                    ),
                    html.Button(
                        t("agenda.new.button", lang),
                        id=CREATE,
                        n_clicks=0,
                        className="btn btn-primary",
                    ),
                ],
                className="obs-agenda-new d-flex flex-wrap align-items-center gap-2 mb-3",
            ),
            html.P(id=MESSAGE, role="status"),
            html.Div(id=LIST),
        ],
        className="obs-agendas",
    )


def _button(text: str, agenda_id: int, act: str, index: int = -1, label: str = "") -> html.Button:
    return html.Button(
        text,
        id={"type": ACT, "agenda": agenda_id, "act": act, "i": index},
        n_clicks=0,
        className="btn btn-sm btn-outline-secondary",
        **({"aria-label": label} if label else {}),
    )


def _slide_item(agenda: Agenda, index: int, lang: str) -> html.Li:
    slide = agenda.slides[index]
    page = exhibits.page_by_slug(slide.page)
    page_name = t(page.nav_key, lang) if page is not None else slide.page
    chart = next((c for c in exhibits.charts(page) if c.key == slide.chart), None) if page else None
    chart_name = context.indicator_title(chart.indicator, lang) if chart else slide.chart
    view = meeting.agenda_slide_view(slide, lang)
    words = filter_in_words(view.filter, context.current().corridor, lang)
    what = t("agenda.slide", lang, n=index + 1, page=page_name, chart=chart_name)
    return html.Li(
        [
            html.Span(f"{what} · {words}", className="me-2"),
            _button("↑", agenda.id, "up", index, f"{t('agenda.up', lang)}: {what}"),
            _button("↓", agenda.id, "down", index, f"{t('agenda.down', lang)}: {what}"),
            _button(
                t("agenda.remove", lang),
                agenda.id,
                "remove",
                index,
                f"{t('agenda.remove', lang)}: {what}",
            ),
        ],
        className="obs-agenda-slide d-flex flex-wrap align-items-center gap-2 mb-2",
    )


def _present_href(agenda: Agenda, lang: str) -> str:
    search = "?" + urlencode({"lang": lang})
    if agenda.slides:
        search = meeting.agenda_slide_view(agenda.slides[0], lang).search()
    return meeting.slide_href(f"{meeting.AGENDA_DECK}{agenda.id}", "1", search)


def _card(agenda: Agenda, lang: str) -> dbc.Card:
    present = _present_href(agenda, lang)
    share = (request.host_url.rstrip("/") if has_request_context() else "") + present
    link_id = f"agenda-link-{agenda.id}"
    brief = export_path("agenda", f"{agenda.id}.zip") + "?" + urlencode({"lang": lang})
    slides = (
        html.Ol([_slide_item(agenda, i, lang) for i in range(len(agenda.slides))], className="ps-3")
        if agenda.slides
        else html.P(t("agenda.no_slides", lang))
    )
    name_id = {"type": NAME, "agenda": agenda.id}
    return dbc.Card(
        dbc.CardBody(
            [
                html.H3(agenda.name, className="obs-chart-title"),
                html.Div(
                    [
                        html.Label(
                            [
                                html.Span(t("agenda.rename.label", lang), className="me-2"),
                                dcc.Input(
                                    id=name_id,
                                    value=agenda.name,
                                    type="text",
                                    maxLength=store.NAME_MAX,
                                    className="form-control d-inline-block obs-agenda-name",
                                ),
                            ]
                        ),
                        _button(t("agenda.rename.button", lang), agenda.id, "rename"),
                    ],
                    className="d-flex flex-wrap align-items-center gap-2 mb-2",
                ),
                slides,
                html.Div(
                    [
                        dcc.Link(
                            t("agenda.present", lang),
                            href=present,
                            className="btn btn-primary obs-agenda-present",
                        ),
                        html.A(
                            t("agenda.brief", lang),
                            href=brief,
                            download="",
                            className="btn btn-outline-primary obs-agenda-brief",
                        ),
                        html.Span(t("agenda.link", lang) + ":", className="ms-2"),
                        html.Code(share, id=link_id, className="obs-agenda-link"),
                        dcc.Clipboard(target_id=link_id, title=t("agenda.link", lang)),
                        _button(t("agenda.delete", lang), agenda.id, "delete"),
                    ],
                    className="d-flex flex-wrap align-items-center gap-2 mt-2",
                ),
            ]
        ),
        className="mb-3 obs-agenda",
    )


def _apply(trigger: object, new_name: str | None, names: dict[int, str], lang: str) -> str:
    """Apply the change a click asks for; the message to show ('' when none)."""
    engine = context.current().engine
    if not meeting.may_edit_agendas():
        return t("agenda.refused", lang)
    try:
        if trigger == CREATE:
            from observatory.web.access import current_account

            account = current_account() if context.current().settings.auth != "off" else None
            store.create_agenda(engine, new_name or "", account.username if account else None)
            return ""
        if not isinstance(trigger, dict):
            return ""
        agenda_id, act, index = int(trigger["agenda"]), trigger["act"], int(trigger["i"])
        if act == "rename":
            store.rename_agenda(engine, agenda_id, names.get(agenda_id, ""))
        elif act in ("up", "down"):
            store.move_slide(engine, agenda_id, index, -1 if act == "up" else 1)
        elif act == "remove":
            store.remove_slide(engine, agenda_id, index)
        elif act == "delete":
            store.delete_agenda(engine, agenda_id)
    except store.AgendaError:
        return t("agenda.name_needed", lang)
    return ""


def update(
    view_data: dict | None,
    _create: int,
    _clicks: list,
    new_name: str | None,
    name_values: list,
    name_ids: list,
) -> tuple:
    """Apply the click (if any), then draw the agendas as the database holds them."""
    view = view_from_store(view_data, context.current().corridor)
    lang = view.lang
    message, clear = "", no_update
    fired = ctx.triggered[0] if ctx.triggered else {}
    if ctx.triggered_id not in (None, ids.VIEW) and fired.get("value"):
        names = {i["agenda"]: v for i, v in zip(name_ids, name_values, strict=True)}
        message = _apply(ctx.triggered_id, new_name, names, lang)
        if ctx.triggered_id == CREATE and not message:
            clear = ""
    with context.current().engine.connect() as conn:
        agendas = store.list_agendas(conn)
    cards = [_card(a, lang) for a in agendas] or [html.P(t("agenda.empty", lang))]
    return cards, message, clear


def register(app: dash.Dash) -> None:
    """Register the agendas page and its callback."""
    dash.register_page(__name__, path=meeting.AGENDAS_PATH, layout=layout, title=app.title)
    app.callback(
        Output(LIST, "children"),
        Output(MESSAGE, "children"),
        Output(NEW_NAME, "value"),
        Input(ids.VIEW, "data"),
        Input(CREATE, "n_clicks"),
        Input({"type": ACT, "agenda": ALL, "act": ALL, "i": ALL}, "n_clicks"),
        State(NEW_NAME, "value"),
        State({"type": NAME, "agenda": ALL}, "value"),
        State({"type": NAME, "agenda": ALL}, "id"),
    )(update)
