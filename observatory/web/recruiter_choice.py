"""The recruiter filter control: licence names from the public register and search matches.

The register can hold 5,000+ licences, so the control never receives them all: its options
are the selected licences plus at most `MATCH_LIMIT` matches of what the user types.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING

from dash import Input, Output, State
from dash.exceptions import PreventUpdate

from observatory.filters import Filter
from observatory.web import context, ids
from observatory.web.components.filter_panel import recruiter_options
from observatory.web.context import Failure

if TYPE_CHECKING:
    import dash

log = logging.getLogger(__name__)
MATCH_LIMIT = 30
MIN_SEARCH = 2  # characters typed before matches are sent


def registry_names(lang: str) -> dict[str, str]:
    """Licence -> registry name, from the (cached, public) `recruiter_registry` indicator."""
    result = context.compute("recruiter_registry", Filter(), lang)
    if isinstance(result, Failure):
        return {}  # the control still works with bare licences; the log has the cause
    table = result.table
    return dict(zip(table["licence_no"], table["name"], strict=True))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def matches(search: str, names: Mapping[str, str], limit: int = MATCH_LIMIT) -> list[str]:
    """Licences whose number or name contains `search` (case and accents ignored), sorted."""
    needle = _fold(search.strip())
    if len(needle) < MIN_SEARCH:
        return []
    found = sorted(
        licence
        for licence, name in names.items()
        if needle in _fold(licence) or needle in _fold(name or "")
    )
    return found[:limit]


def search_options(search: str | None, selected: list[str] | None, view_data: dict | None):
    """The control's options for what the user typed: the selected licences, then matches."""
    if search is None:
        raise PreventUpdate
    lang = (view_data or {}).get("lang") or "es"
    names = registry_names(str(lang))
    chosen = [v for v in (selected or []) if isinstance(v, str)]
    return recruiter_options(chosen, matches(search, names), names)


def register_callbacks(app: dash.Dash) -> None:
    """Attach the search callback of the recruiter control (the shell sets its value)."""
    app.callback(
        Output(ids.FILTER_RECRUITER, "options", allow_duplicate=True),
        Input(ids.FILTER_RECRUITER, "search_value"),
        State(ids.FILTER_RECRUITER, "value"),
        State(ids.VIEW, "data"),
        prevent_initial_call=True,
    )(search_options)
