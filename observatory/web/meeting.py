"""Meeting mode: one chart at a time, full screen, for a projector.

`/reunion/<page>/<chart>?<view>` shows a page's chart as a slide (the page's charts are the
deck); `/reunion/agenda-<id>/<n>?lang=..` shows slide n of a saved agenda (the agenda is the
deck; each slide keeps its own filter). A slide is the page's own figure (`Chart.parts`, the
same callback and cache) in the high-contrast theme (`figures.with_contrast`, body text 24 px
through `body.obs-contrast`), one headline sentence computed from the published numbers
(`observatory.web.headlines`) and the filters as a quiet caption. The slide is drawn by the
layout function itself: the path and the query string say everything it shows.

Keys (assets/observatory-meeting.js): ← → and a clicker's Page Up / Page Down follow the
previous / next links, Escape the exit link. Adding a slide to an agenda needs the analyst
role (`EDIT_ROLE`); seeing slides needs what every page needs (viewer).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from observatory.accounts import role_allows
from observatory.db import agendas as store
from observatory.exports.metadata import filter_in_words
from observatory.filters import Filter
from observatory.i18n import normalise_language, t
from observatory.web import context, exhibits, headlines
from observatory.web.components.figures import GRAPH_CONFIG, with_contrast
from observatory.web.context import Failure
from observatory.web.state import View, parse_search, view_from_params

if TYPE_CHECKING:
    from observatory.web.exhibits import Chart
    from observatory.web.pages import PageSpec

log = logging.getLogger(__name__)

MEETING_PATH = "/reunion"
AGENDAS_PATH = "/agendas"
AGENDA_DECK = "agenda-"  # deck name of an agenda: "agenda-12"
EDIT_ROLE = "analyst"  # who may create and change agendas

# The chart fills what the headline, title, bar and caption leave of a 1920x1080 screen.
GRAPH_STYLE = {"height": "64vh", "minHeight": "320px"}
ROOT = "meeting"  # the slide's container (its class hides the shell's clutter)
PREVIOUS, NEXT, EXIT = "meeting-previous", "meeting-next", "meeting-exit"
HEADLINE = "meeting-headline"
GRAPH = "meeting-graph"
SLIDE_STORE = "meeting-slide"
ADD_AGENDA, ADD_BUTTON, ADD_MESSAGE = "meeting-add-agenda", "meeting-add-button", "meeting-add-msg"


@dataclass(frozen=True)
class SlideRef:
    """Where a slide comes from: a page, one of its charts, and the view to draw it in."""

    page: PageSpec
    chart_key: str
    view: View


def prefixed(path: str) -> str:
    """`path` under the app's path prefix."""
    return context.current().pathname_prefix.rstrip("/") + path


def slide_href(deck: str, slide: str, search: str) -> str:
    """The meeting-mode URL of one slide."""
    return prefixed(f"{MEETING_PATH}/{deck}/{slide}") + search


def page_view(page: PageSpec, params: dict[str, object]) -> View:
    """The view of URL parameters for `page` (a page no filter changes: the whole corridor)."""
    view = view_from_params(params, context.current().corridor)
    return View(Filter(), view.lang) if not page.filters else view


def agenda_slide_view(slide: store.Slide, lang: str) -> View:
    """The view an agenda's slide was saved with, in the reader's language."""
    params = slide.query + ("&" if slide.query else "") + urlencode({"lang": lang})
    return parse_search(params, context.current().corridor)


def may_edit_agendas() -> bool:
    """Whether the person asking may create and change agendas (accounts off: anyone)."""
    if context.current().settings.auth == "off":
        return True
    from observatory.web.access import current_account

    account = current_account()
    return account is not None and role_allows(account.role, EDIT_ROLE)


# ---- drawing a slide -----------------------------------------------------------------------


def slide_parts(ref: SlideRef) -> tuple[str, dict, str] | None:
    """(title, figure in the contrast theme, headline) of a slide; None when the page does
    not show that chart for the view."""
    chart = exhibits.chart(ref.page, ref.chart_key, ref.view.filter)
    if chart is None:
        return None
    title, figure = chart.parts(ref.view.store())
    return exhibits.plain_text(title), _projected(figure), slide_headline(chart, ref.view)


def slide_headline(chart: Chart, view: View) -> str:
    """The headline sentence of `chart` under `view`, from the indicator's published cells."""
    web = context.current()
    result = context.compute(chart.indicator, view.filter, view.lang)
    if isinstance(result, Failure):  # logged by context.compute; never a made-up finding
        return t("headline.failed", view.lang)
    return headlines.headline(chart.indicator, result.table, view.filter, web.corridor, view.lang)


def _projected(figure: dict) -> dict:
    if not figure:
        return {}
    projected = with_contrast(figure).to_plotly_json()
    # The page's figures have their own heights; on the wall the slide decides (GRAPH_STYLE).
    projected["layout"].pop("height", None)
    projected["layout"]["autosize"] = True
    return projected


def _nav_link(text: str, href: str | None, link_id: str) -> object:
    if href is None:  # first or last slide: shown, but not a link
        return html.Span(
            text,
            id=link_id,
            className="btn btn-outline-secondary disabled",
            **{"aria-disabled": "true"},
        )
    return dcc.Link(text, href=href, id=link_id, className="btn btn-outline-primary")


def slide_layout(
    ref: SlideRef | None,
    lang: str,
    position: int,
    total: int,
    hrefs: tuple[str | None, str | None, str],
    problem: str = "",
    addable: bool = False,
) -> html.Div:
    """The slide: its bar (counter, previous, next, exit), title, headline, chart, caption."""
    previous, following, leave = hrefs
    bar = html.Div(
        [
            html.Span(
                t("meeting.counter", lang, n=position, total=total) if position else "",
                className="obs-meeting-counter",
            ),
            _nav_link(t("meeting.previous", lang), previous, PREVIOUS),
            _nav_link(t("meeting.next", lang), following, NEXT),
            dcc.Link(t("meeting.exit", lang), href=leave, id=EXIT, className="btn btn-dark"),
        ],
        className="obs-meeting-bar",
        role="navigation",
        **{"aria-label": t("meeting.enter", lang)},
    )
    parts = slide_parts(ref) if ref is not None and not problem else None
    if parts is None:
        body = [
            dbc.Alert(
                problem
                or t(
                    "meeting.unknown",
                    lang,
                    page=ref.page.slug if ref else "",
                    chart=ref.chart_key if ref else "",
                ),
                color="warning",
            )
        ]
        slide_data = None
    else:
        title, figure, sentence = parts
        corridor = context.current().corridor
        body = [
            # the finding first, as the slide's heading; the chart's own title under it
            html.H2(sentence, id=HEADLINE, className="obs-meeting-headline"),
            html.P(title, className="obs-meeting-title"),
            html.Figure(
                dcc.Graph(
                    id=GRAPH,
                    figure=figure,
                    config={**GRAPH_CONFIG, "displayModeBar": False},
                    className="obs-meeting-graph",
                    style=GRAPH_STYLE,
                ),
                className="obs-meeting-figure mb-0",
                **{"aria-label": f"{title}. {sentence}"},
            ),
            html.P(
                t(
                    "meeting.filters",
                    lang,
                    filters=filter_in_words(ref.view.filter, corridor, lang),
                ),
                className="obs-meeting-caption",
            ),
        ]
        slide_data = {
            "page": ref.page.slug,
            "chart": ref.chart_key,
            "query": urlencode(ref.view.filter.to_query(), safe=","),
            "lang": lang,
        }
    extra = [_add_control(lang)] if addable and slide_data is not None else []
    return html.Div(
        [
            dcc.Store(id=SLIDE_STORE, data=slide_data),
            bar,
            html.Div(body, id="meeting-slide-body", tabIndex="-1", className="obs-meeting-body"),
            *extra,
            html.P(t("meeting.keys", lang), className="obs-meeting-keys"),
        ],
        id=ROOT,
        className="obs-meeting",
        **{"data-slide": f"{position}/{total}"},
    )


def _add_control(lang: str) -> html.Details:
    with context.current().engine.connect() as conn:
        options = [{"label": a.name, "value": a.id} for a in store.list_agendas(conn)]
    return html.Details(
        [
            html.Summary(t("meeting.add", lang)),
            html.Div(
                [
                    html.Label(t("meeting.add.choose", lang), htmlFor=ADD_AGENDA),
                    dcc.Dropdown(
                        id=ADD_AGENDA,
                        options=options,
                        value=options[0]["value"] if options else None,
                        clearable=False,
                        className="obs-dropdown obs-meeting-agenda",
                    ),
                    html.Button(
                        t("meeting.add.button", lang),
                        id=ADD_BUTTON,
                        className="btn btn-outline-primary",
                        n_clicks=0,
                    ),
                    dcc.Link(
                        t("meeting.agendas", lang),
                        href=prefixed(AGENDAS_PATH) + "?" + urlencode({"lang": lang}),
                    ),
                ],
                className="obs-meeting-add-row",
            ),
            html.P(id=ADD_MESSAGE, role="status"),
        ],
        className="obs-meeting-add",
    )


# ---- the decks -----------------------------------------------------------------------------


def page_deck(slug: str, key: str, params: dict[str, object]) -> html.Div:
    """A page's charts as a deck, opened at `key`."""
    page = exhibits.page_by_slug(slug)
    lang = normalise_language(params.get("lang"))
    if page is None:
        leave = prefixed("/") + "?" + urlencode({"lang": lang})
        return slide_layout(
            None, lang, 0, 0, (None, None, leave), t("export.error.page", lang, page=slug)
        )
    view = page_view(page, params)
    search = view.search()
    keys = [c.key for c in exhibits.charts(page, view.filter)]
    leave = prefixed(page.path) + search
    position = keys.index(key) + 1 if key in keys else 0
    previous = slide_href(slug, keys[position - 2], search) if position > 1 else None
    following = slide_href(slug, keys[position], search) if 0 < position < len(keys) else None
    return slide_layout(
        SlideRef(page, key, view),
        view.lang,
        position,
        len(keys),
        (previous, following, leave),
        addable=True,
    )


def agenda_deck(agenda_id: str, number: str, lang: str) -> html.Div:
    """Slide `number` (1-based) of agenda `agenda_id`."""
    leave = prefixed(AGENDAS_PATH) + "?" + urlencode({"lang": lang})
    agenda = None
    if agenda_id.isdigit():
        with context.current().engine.connect() as conn:
            agenda = store.get_agenda(conn, int(agenda_id))
    if agenda is None:
        problem = t("agenda.missing", lang, agenda=agenda_id)
        return slide_layout(None, lang, 0, 0, (None, None, leave), problem)
    total = len(agenda.slides)
    position = int(number) if number.isdigit() and 1 <= int(number) <= total else 0
    deck = f"{AGENDA_DECK}{agenda.id}"

    def href(n: int) -> str:
        view = agenda_slide_view(agenda.slides[n - 1], lang)
        return slide_href(deck, str(n), view.search())

    hrefs = (
        href(position - 1) if position > 1 else None,
        href(position + 1) if 0 < position < total else None,
        leave,
    )
    if position == 0:
        problem = t("agenda.no_slide", lang, n=number)
        return slide_layout(None, lang, 0, total, hrefs, problem)
    slide = agenda.slides[position - 1]
    page = exhibits.page_by_slug(slide.page)
    if page is None:
        return slide_layout(
            None, lang, position, total, hrefs, t("export.error.page", lang, page=slide.page)
        )
    view = agenda_slide_view(slide, lang)
    if not page.filters:
        view = View(Filter(), lang)
    return slide_layout(SlideRef(page, slide.chart, view), lang, position, total, hrefs)


def layout(deck: str | None = None, slide: str | None = None, **query: object) -> html.Div:
    """The slide at `/reunion/<deck>/<slide>`; without them (Dash's layout check), an empty
    slide holding every component the callbacks name."""
    if deck is None or slide is None:
        return html.Div(
            [
                dcc.Store(id=SLIDE_STORE),
                dcc.Dropdown(id=ADD_AGENDA),
                html.Button(id=ADD_BUTTON),
                html.P(id=ADD_MESSAGE),
            ],
            className="d-none",
        )
    if deck.startswith(AGENDA_DECK):
        return agenda_deck(deck[len(AGENDA_DECK) :], slide, normalise_language(query.get("lang")))
    return page_deck(deck, slide, dict(query))


# ---- adding a slide to an agenda -----------------------------------------------------------


def add_to_agenda(n_clicks: int | None, agenda_id: object, slide: dict | None) -> str:
    """Put the slide shown at the end of the chosen agenda (analysts and above)."""
    if not n_clicks or not slide:
        raise PreventUpdate
    lang = normalise_language(slide.get("lang"))
    if not may_edit_agendas():
        return t("meeting.add.refused", lang)
    if agenda_id is None:
        return t("meeting.add.none", lang)
    # The slide comes from the client: checked again (the page and chart must exist).
    page = exhibits.page_by_slug(str(slide.get("page")))
    chart_key = str(slide.get("chart"))
    if page is None or chart_key not in {c.key for c in exhibits.charts(page)}:
        raise PreventUpdate
    view = parse_search(str(slide.get("query") or ""), context.current().corridor)
    query = urlencode(view.filter.to_query(), safe=",")
    try:
        agenda = store.add_slide(
            context.current().engine, int(agenda_id), store.Slide(page.slug, chart_key, query)
        )
    except (store.AgendaError, ValueError, TypeError):
        return t("agenda.missing", lang, agenda=agenda_id)
    return t("meeting.add.done", lang, name=agenda.name, n=len(agenda.slides))


def register(app: dash.Dash) -> None:
    """Register the meeting-mode and agenda pages and their callbacks on `app`."""
    from observatory.web import agenda_page

    dash.register_page(
        __name__,
        path_template=f"{MEETING_PATH}/<deck>/<slide>",
        path=MEETING_PATH,
        layout=layout,
        title=app.title,
    )
    app.callback(
        Output(ADD_MESSAGE, "children"),
        Input(ADD_BUTTON, "n_clicks"),
        State(ADD_AGENDA, "value"),
        State(SLIDE_STORE, "data"),
        prevent_initial_call=True,
    )(add_to_agenda)
    agenda_page.register(app)
