"""Small shared pieces: translated text spans, messages, unit and border-point names."""

from __future__ import annotations

from typing import TYPE_CHECKING

import dash_bootstrap_components as dbc
from dash import html

from observatory.i18n import t
from observatory.web import ids

if TYPE_CHECKING:
    from observatory.corridor import Corridor


def text(key: str, lang: str, **params: object) -> html.Span:
    """A span whose text the shell re-translates when the language changes.

    Its id holds the catalogue key, so one callback translates every such span; a key
    appears at most once in the layout (ids must be unique). Texts with parameters are
    rebuilt by their own callbacks instead.
    """
    return html.Span(t(key, lang, **params), id={"type": ids.TEXT, "key": key})


def section_card(*children: object, **kwargs: object) -> dbc.Card:
    """A page section: a card holding a chart or table with its title and notes."""
    return dbc.Card(dbc.CardBody(list(children)), className="mb-3", **kwargs)


def error_card(title: str, lang: str) -> dbc.Alert:
    """The message a user sees when an indicator could not be computed."""
    return dbc.Alert(t("error.indicator", lang, title=title), color="danger", className="mb-3")


def empty_message(lang: str) -> dbc.Alert:
    """The message for a selection without any registration (a true zero, not an error)."""
    return dbc.Alert(t("empty.no_data", lang), color="secondary", className="mb-3")


def unit_name(corridor: Corridor, code: str) -> str:
    """The name of an admin-1 unit, or its code when the corridor does not know it."""
    try:
        return corridor.unit(code).name
    except (KeyError, LookupError, ValueError):
        return code


def border_point_name(corridor: Corridor, code: str) -> str:
    """Both sides' names, neither privileged: "Tecún Umán (Ayutla) – Ciudad Hidalgo"."""
    for point in corridor.border_points:
        if point.code == code:
            return f"{point.name_origin} – {point.name_destination}"
    return code


def sector_name(corridor: Corridor, code: str, lang: str) -> str:
    """The sector's label in `lang` (its code when unknown)."""
    for sector in corridor.sectors:
        if sector.code == code:
            return sector.label_en if lang == "en" else sector.label_es
    return code


def country_name(country: object, lang: str) -> str:
    """A corridor Country's name in `lang`."""
    return getattr(country, "name_en" if lang == "en" else "name_es")
