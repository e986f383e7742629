"""The corridor map as a page section (overview and flows): title, figure and note for a view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from observatory.i18n import format_date, t
from observatory.web import context
from observatory.web.components.common import error_card
from observatory.web.components.describe import chart_title
from observatory.web.components.flowmap import flow_map_figure, suppressed_flows
from observatory.web.components.trend import month_span
from observatory.web.context import Failure

if TYPE_CHECKING:
    from observatory.web.state import View

MAP_INDICATORS = ("registrations_by_origin", "registrations_by_destination", "flows")


def source_line(lang: str) -> str:
    """The source line, with the day the newest loaded batch finished."""
    last = context.current().observatory.last_load()
    if last is None:
        return t("source.no_loads", lang)
    return t("source.line", lang, date=format_date(last.date(), lang))


def view_span(view: View) -> tuple[str | None, str | None]:
    """First and last month the selection covers (from `monthly_registrations`, cached)."""
    months = context.compute("monthly_registrations", view.filter, view.lang)
    return (None, None) if isinstance(months, Failure) else month_span(months.table)


def corridor_map(view: View):
    """Map title, figure and note (three aggregates: by origin, by destination, flows)."""
    web = context.current()
    results = [context.compute(i, view.filter, view.lang) for i in MAP_INDICATORS]
    if failed := next((r for r in results if isinstance(r, Failure)), None):
        return "", {}, error_card(failed.title, view.lang)
    by_origin, by_destination, flows = (r.table for r in results)
    title = chart_title("map.title", view.filter, web.corridor, view.lang, view_span(view))
    figure = flow_map_figure(
        by_origin, by_destination, flows, web.corridor, view.lang, web.boundaries_url
    )
    note = t("map.note", view.lang, n=suppressed_flows(flows)) + " " + source_line(view.lang)
    return title, figure, note
