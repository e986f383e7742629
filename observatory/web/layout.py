"""The shell every page sits in: header, language switch, navigation, filter panel, footer."""

from __future__ import annotations

from typing import TYPE_CHECKING

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from observatory.i18n import DEFAULT_LANGUAGE, t
from observatory.web import ids
from observatory.web.components.common import country_name
from observatory.web.components.filter_panel import filter_panel
from observatory.web.pages import PAGES

if TYPE_CHECKING:
    from observatory.corridor import Corridor

# Bootstrap column widths (of 12) per breakpoint: the panel, and the page beside it.
PANEL_WIDTHS = {"lg": 4, "xl": 3, "xxl": 2}


def page_widths(with_panel: bool) -> dict[str, int]:
    """The page column's widths: beside the panel, or the whole row without it."""
    return {size: 12 - width if with_panel else 12 for size, width in PANEL_WIDTHS.items()}


LANGUAGE_OPTIONS = [{"label": "Español", "value": "es"}, {"label": "English", "value": "en"}]


def corridor_names(corridor: Corridor, lang: str) -> dict[str, str]:
    """Both countries' names, for texts that name them side by side."""
    return {
        "origin": country_name(corridor.origin, lang),
        "destination": country_name(corridor.destination, lang),
    }


def nav_links(lang: str, search: str, pathname_prefix: str = "/") -> list[dbc.NavItem]:
    """One link per page; each carries the current query string, so the view follows."""
    return [
        dbc.NavItem(
            dbc.NavLink(
                t(page.nav_key, lang),
                href=pathname_prefix.rstrip("/") + page.path + search,
                active="exact",
            )
        )
        for page in PAGES
    ]


def footer_children(corridor: Corridor, lang: str, min_cell: int) -> list:
    """The footer's two lines (privacy rule, cooperation) in `lang`."""
    return [
        html.P(t("footer.privacy", lang, min_cell=min_cell), className="mb-1"),
        html.P(t("footer.cooperation", lang, **corridor_names(corridor, lang)), className="mb-0"),
    ]


def shell(corridor: Corridor, min_cell: int, pathname_prefix: str = "/") -> html.Div:
    """The app's layout; texts start in the default language and follow the URL's `lang`."""
    lang = DEFAULT_LANGUAGE
    names = corridor_names(corridor, lang)
    header = html.Header(
        dbc.Container(
            [
                html.Div(
                    [
                        html.H1(
                            t("app.title", lang, **names),
                            id=ids.HEADER_TITLE,
                            className="obs-title",
                        ),
                        html.P(
                            t("app.subtitle", lang, **names),
                            id=ids.HEADER_SUBTITLE,
                            className="obs-subtitle mb-0 d-none d-sm-block",
                        ),
                    ],
                    className="flex-grow-1",
                ),
                html.Div(
                    dbc.RadioItems(
                        id=ids.LANGUAGE,
                        options=LANGUAGE_OPTIONS,
                        value=lang,
                        inline=True,
                        className="btn-group",
                        inputClassName="btn-check",
                        labelClassName="btn btn-outline-light",
                        labelCheckedClassName="active",
                    ),
                    className="obs-language",
                    role="group",
                    **{"aria-label": "Idioma / Language"},
                ),
            ],
            fluid=True,
            className="d-flex flex-wrap align-items-center gap-3",
        ),
        className="obs-header",
    )
    # A <nav> landmark (screen readers list it), named in both languages like the switch.
    nav = html.Nav(
        dbc.Container(
            dbc.Nav(nav_links(lang, "", pathname_prefix), id=ids.NAV, pills=True), fluid=True
        ),
        className="obs-nav",
        **{"aria-label": "Secciones / Sections"},
    )
    main = dbc.Container(
        dbc.Row(
            [
                dbc.Col(filter_panel(lang), id=ids.FILTER_COLUMN, className="mb-3", **PANEL_WIDTHS),
                dbc.Col(
                    [html.Div(id=ids.URL_MESSAGE), dash.page_container],
                    id=ids.MAIN_COLUMN,
                    **page_widths(with_panel=True),
                ),
            ]
        ),
        fluid=True,
        className="obs-main",
        tag="main",
    )
    footer = html.Footer(
        dbc.Container(footer_children(corridor, lang, min_cell), id=ids.FOOTER, fluid=True),
        className="obs-footer",
    )
    # The first Tab stop: straight to the page, past the header, navigation and filters
    # (WCAG 2.4.1); shown only while it has the focus.
    skip = html.A(
        "Ir al contenido / Skip to content",
        href=f"#{ids.MAIN_COLUMN}",
        className="visually-hidden-focusable obs-skip",
    )
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.VIEW),
            skip,
            header,
            nav,
            main,
            footer,
        ]
    )
