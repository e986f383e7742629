"""Sectors page (being built: see issue 4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dash import html

from observatory.i18n import normalise_language
from observatory.web.components.common import text

if TYPE_CHECKING:
    import dash


def layout(lang: str | None = None, **_query: object) -> html.Div:
    """The page skeleton; callbacks fill it. Unknown query parameters are ignored."""
    lang = normalise_language(lang)
    return html.Div([html.H2(text("sectors.heading", lang), className="obs-page-title")])


def register_callbacks(app: dash.Dash) -> None:
    """Attach this page's callbacks to `app`."""
