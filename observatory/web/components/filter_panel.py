"""The filter panel shared by every page: layout, options and labels in each language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import dash_bootstrap_components as dbc
from dash import dcc, html

from observatory.definitions import AGE_GROUP_CODES
from observatory.filters import DIRECTIONS, SEXES
from observatory.i18n import format_date, format_month, t
from observatory.web import ids
from observatory.web.components.common import border_point_name, sector_name, text

if TYPE_CHECKING:
    from observatory.corridor import Corridor
    from observatory.web.state import View

_LABEL_KEYS = {cid: f"filters.{param}" for cid, param in ids.FILTER_CONTROLS}
_DROPDOWN_LABELS = (
    "select_all",
    "deselect_all",
    "selected_count",
    "search",
    "clear_search",
    "clear_selection",
    "no_options_found",
)


def _months(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    months, (year, month) = [], (first.year, first.month)
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_options(
    bounds: tuple[dt.date | None, dt.date | None], lang: str, *, end: bool, keep: str | None
) -> list[dict[str, str]]:
    """Months of the data as options; values are first days (`end`: last days) of months.

    A value from a link that is not such a day (`from=2024-03-15`) is kept as an option of
    its own, so the link's exact period survives the round trip through the control.
    """
    first, last = bounds
    options: dict[str, str] = {}
    if first is not None and last is not None:
        for year, month in _months(first, last):
            day = (
                dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
                if end
                else dt.date(year, month, 1)
            )
            options[day.isoformat()] = format_month(f"{year:04d}-{month:02d}", lang)
    if keep and keep not in options:
        options[keep] = format_date(dt.date.fromisoformat(keep), lang)
    return [{"label": label, "value": value} for value, label in sorted(options.items())]


def recruiter_options(
    selected: Sequence[str], matches: Sequence[str], names: Mapping[str, str]
) -> list[dict[str, str]]:
    """Options of the recruiter control: the selected licences, then the matches, each labelled
    "LICENCE — Name" (the licence alone when the registry does not hold it).

    The register can hold thousands of licences: only these few travel to the browser.
    """
    options: dict[str, str] = {}
    for licence in [*selected, *matches]:
        name = names.get(licence)
        options.setdefault(licence, f"{licence} — {name}" if name else licence)
    return [{"label": label, "value": licence} for licence, label in options.items()]


def filter_options(
    corridor: Corridor,
    lang: str,
    bounds: tuple[dt.date | None, dt.date | None],
    view: View,
    recruiter_names: Mapping[str, str] | None = None,
) -> list[list[dict[str, str]]]:
    """The options of every control, in `ids.FILTER_CONTROLS` order (for the recruiter
    control, only the selected licences: the search callback adds matches)."""
    query = view.filter.to_query()
    units = {
        iso2: sorted(corridor.units_of(iso2), key=lambda unit: unit.name)
        for iso2 in (corridor.origin.iso2, corridor.destination.iso2)
    }

    def unit_options(iso2: str) -> list[dict[str, str]]:
        return [{"label": unit.name, "value": unit.code} for unit in units[iso2]]

    return [
        month_options(bounds, lang, end=False, keep=query.get("from")),
        month_options(bounds, lang, end=True, keep=query.get("to")),
        [{"label": t(f"sex.{code}", lang), "value": code} for code in SEXES],
        [{"label": t(f"age.{code}", lang), "value": code} for code in AGE_GROUP_CODES],
        sorted(
            (
                {"label": sector_name(corridor, s.code, lang), "value": s.code}
                for s in corridor.sectors
            ),
            key=lambda option: option["label"],
        ),
        unit_options(corridor.origin.iso2),
        unit_options(corridor.destination.iso2),
        [
            {"label": border_point_name(corridor, p.code), "value": p.code}
            for p in corridor.border_points
        ],
        [{"label": t(f"direction.{code}", lang), "value": code} for code in DIRECTIONS],
        recruiter_options(view.filter.recruiter, (), recruiter_names or {}),
    ]


def placeholders(lang: str) -> list[str]:
    """Placeholder text of every control, in `ids.FILTER_CONTROLS` order."""
    special = {
        ids.FILTER_FROM: "filters.start",
        ids.FILTER_TO: "filters.end",
        ids.FILTER_RECRUITER: "filters.recruiter_placeholder",
    }
    return [t(special.get(cid, "filters.all"), lang) for cid, _ in ids.FILTER_CONTROLS]


def dropdown_labels(lang: str) -> dict[str, str]:
    """Dash 4 dropdown texts ("Select all", "{num_selected} selected", ...) in `lang`."""
    return {name: t(f"dropdown.{name}", lang) for name in _DROPDOWN_LABELS}


def active_count(view: View) -> int:
    """How many filter parameters are set (shown on the panel's toggle on small screens)."""
    return len(view.filter.to_query())


def field_id(control_id: str) -> str:
    """The id of the block (label and control) of one filter control."""
    return f"{control_id}-field"


def visibility(page_filters: Sequence[str] | None) -> list[str]:
    """Class of each control's block in `ids.FILTER_CONTROLS` order: hidden where it does not
    apply (None: an unknown page, every filter shown)."""
    shown = set(page_filters) if page_filters is not None else {p for _, p in ids.FILTER_CONTROLS}
    return ["mb-3" if param in shown else "d-none" for _, param in ids.FILTER_CONTROLS]


def filter_panel(lang: str) -> html.Div:
    """The panel: a toggle on small screens, always open on large ones."""
    controls = []
    for (cid, _), placeholder in zip(ids.FILTER_CONTROLS, placeholders(lang), strict=True):
        single = cid in (ids.FILTER_FROM, ids.FILTER_TO)
        controls.append(
            html.Div(
                [
                    html.Label(text(_LABEL_KEYS[cid], lang), htmlFor=cid, className="form-label"),
                    dcc.Dropdown(
                        id=cid,
                        multi=not single,
                        options=[],
                        value=None if single else [],
                        placeholder=placeholder,
                        labels=dropdown_labels(lang),
                        maxHeight=320,
                        className="obs-dropdown",
                    ),
                ],
                id=field_id(cid),
                className="mb-3",
            )
        )
    toggle = dbc.Button(
        [text("filters.toggle", lang), " ", html.Span(id=ids.FILTER_SUMMARY, className="small")],
        id=ids.FILTER_TOGGLE,
        color="primary",
        outline=True,
        className="d-lg-none w-100 mb-2",
        n_clicks=0,
    )
    body = html.Div(
        [
            html.H2(text("filters.title", lang), className="h5 d-none d-lg-block"),
            *controls,
            dbc.Button(
                text("filters.reset", lang),
                id=ids.FILTER_RESET,
                color="secondary",
                outline=True,
                n_clicks=0,
                className="w-100 mb-2",
            ),
            html.P(text("filters.hint", lang), className="small text-body-secondary mb-0"),
        ],
        className="filter-panel",
    )
    # "d-lg-block" overrides the collapse's display:none on large screens: always open there.
    return html.Aside(
        [toggle, dbc.Collapse(body, id=ids.FILTER_COLLAPSE, is_open=False, className="d-lg-block")],
        **{"aria-label": t("filters.title", lang)},
    )
