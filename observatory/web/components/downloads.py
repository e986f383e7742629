"""Download links: a chart as PNG or SVG, a table as CSV or XLSX, the page as a brief pack.

The links sit in the page layouts with their path only; one callback adds the view's query
string (filters and language) and the texts in the view's language whenever the view
changes, so a download always carries exactly what the page shows. The files come from
`observatory.web.export_routes` (same callbacks and same indicators as the page).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dash import ALL, Input, Output, State, html
from flask import current_app, has_app_context

from observatory.i18n import t
from observatory.indicators.registry import lookup
from observatory.web import context, ids
from observatory.web.access import EXTENSION as ACCESS_EXTENSION
from observatory.web.access import current_account
from observatory.web.state import view_from_store

if TYPE_CHECKING:
    import dash

DOWNLOAD = "obs-download"  # pattern-matching id type of every download link
LABEL = "obs-download-label"  # ... and of the "Download:" text before a group of them
EXPORT_ROUTE = "export"  # under the app's path prefix: see observatory.web.export_routes
CHART_FORMATS = ("png", "svg")
TABLE_FORMATS = ("csv", "xlsx")
FILE_KINDS = ("chart", "table", "brief")  # links to /export/ (the meeting link is a page)


def export_path(*parts: str) -> str:
    """`/<prefix>/export/<parts...>` under the app's path prefix (Dash renders layouts in a
    request; a layout built outside one, as in a unit test, gets the root prefix)."""
    prefix = context.current().pathname_prefix if has_app_context() else "/"
    return prefix + "/".join((EXPORT_ROUTE, *parts))


def _link(path: str, kind: str, fmt: str, at: str, lang: str, search: str = "") -> html.A:
    # `at` names the link's place: the same table may be offered under a chart and a table
    return html.A(
        _label(kind, fmt, lang),
        id={"type": DOWNLOAD, "path": path, "kind": kind, "format": fmt, "at": at},
        href=path + search,
        download="",
        className=f"obs-download-link obs-download-{kind} btn "
        + ("btn-outline-primary" if kind == "brief" else "btn-sm btn-outline-secondary"),
        title=t(f"download.{kind}.title", lang, format=fmt.upper()),
    )


def _label(kind: str, fmt: str, lang: str) -> str:
    if kind in ("meeting", "agendas"):
        return t(f"{kind}.link", lang)
    return t("download.brief", lang) if kind == "brief" else fmt.upper()


def chart_links(
    page_slug: str, chart_key: str, indicator: str, lang: str, search: str = ""
) -> html.Div:
    """Under a chart: its image (PNG, SVG) and its numbers (CSV, XLSX). A chart built by a
    callback passes the view's `search`, so its links are right from the start."""
    at = f"chart-{chart_key}"
    images = [
        _link(export_path("chart", page_slug, f"{chart_key}.{f}"), "chart", f, at, lang, search)
        for f in CHART_FORMATS
    ]
    return _bar([*images, *_table_links(page_slug, indicator, at, lang, search)], at, lang)


def table_links(page_slug: str, indicator: str, lang: str, search: str = "") -> html.Div:
    """Under a table: the table as CSV and XLSX (XLSX with its metadata sheet). A table
    built by a callback passes the view's `search`, so its links are right from the start."""
    at = f"table-{indicator}"
    return _bar(_table_links(page_slug, indicator, at, lang, search), at, lang, indicator)


def _table_links(
    page_slug: str, indicator: str, at: str, lang: str, search: str = ""
) -> list[html.A]:
    return [
        _link(export_path("table", page_slug, f"{indicator}.{f}"), "table", f, at, lang, search)
        for f in TABLE_FORMATS
    ]


def _bar(links: list[html.A], name: str, lang: str, indicator: str = "") -> html.Div:
    # A table's bar names its indicator: a section may offer two tables.
    label = html.Span(
        _bar_label(indicator, lang),
        id={"type": LABEL, "name": name, "indicator": indicator},
        className="obs-download-label text-body-secondary",
    )
    return html.Div(
        [label, *links],
        className="obs-downloads d-flex flex-wrap align-items-center gap-2 mt-2",
        role="group",
    )


def _bar_label(indicator: str, lang: str) -> str:
    if not indicator:
        return t("download.label", lang)
    return t("download.table_label", lang, title=lookup(indicator)[0].title(lang))


def brief_pack_link(page_slug: str, lang: str) -> html.Div:
    """The page's brief pack: charts, tables and a methodology note in one ZIP."""
    path = export_path("brief", f"{page_slug}.zip")
    return html.Div(
        [_link(path, "brief", "zip", "brief", lang), *_meeting_link(page_slug, lang)],
        className="obs-brief mb-3 d-flex flex-wrap gap-2",
    )


def _meeting_link(page_slug: str, lang: str) -> list[html.A]:
    # Meeting mode (observatory.web.meeting) opens at the page's first chart; its href follows
    # the view like the downloads' (same id type), but it is a page, not a file.
    from observatory.web import exhibits
    from observatory.web.meeting import AGENDAS_PATH, MEETING_PATH

    page = exhibits.page_by_slug(page_slug)
    charts = exhibits.charts(page) if page is not None else ()
    if not charts:
        return []
    prefix = (context.current().pathname_prefix if has_app_context() else "/").rstrip("/")
    paths = {
        "meeting": f"{prefix}{MEETING_PATH}/{page_slug}/{charts[0].key}",
        "agendas": f"{prefix}{AGENDAS_PATH}",  # its view's language follows (filters unused)
    }
    return [
        html.A(
            _label(kind, "", lang),
            id={"type": DOWNLOAD, "path": path, "kind": kind, "format": "", "at": kind},
            href=path,
            className=f"obs-{kind}-link btn btn-outline-primary",
            title=t(f"download.{kind}.title", lang, format=""),
        )
        for kind, path in paths.items()
    ]


def may_download() -> bool:
    """Whether this request's account may use the export routes (the guard's own rule for
    them: an account whose downloads would be refused is not offered the links)."""
    access = current_app.extensions.get(ACCESS_EXTENSION)
    if access is None:  # accounts off: everybody may
        return True
    return access.guard.check(f"{EXPORT_ROUTE}/", current_account()).allowed


def update_links(
    view_data: dict | None, link_ids: list[dict], label_ids: list[dict]
) -> tuple[list, ...]:
    """Each link's href (its path plus the view's query string), text and tooltip, and the
    "Download:" labels, in the view's language; all hidden from an account that may not
    download."""
    view = view_from_store(view_data, context.current().corridor)
    search, lang, hidden = view.search(), view.lang, not may_download()
    return (
        [link["path"] + search for link in link_ids],
        [_label(link["kind"], link["format"], lang) for link in link_ids],
        [
            t(f"download.{link['kind']}.title", lang, format=link["format"].upper())
            for link in link_ids
        ],
        [hidden and link["kind"] in FILE_KINDS for link in link_ids],  # meeting mode stays
        [_bar_label(label["indicator"], lang) for label in label_ids],
        [hidden] * len(label_ids),
    )


def register_callbacks(app: dash.Dash) -> None:
    """Keep every download link on the page in step with the view."""
    every = {"type": DOWNLOAD, "path": ALL, "kind": ALL, "format": ALL, "at": ALL}
    app.callback(
        Output(every, "href"),
        Output(every, "children"),
        Output(every, "title"),
        Output(every, "hidden"),
        Output({"type": LABEL, "name": ALL, "indicator": ALL}, "children"),
        Output({"type": LABEL, "name": ALL, "indicator": ALL}, "hidden"),
        Input(ids.VIEW, "data"),
        State(every, "id"),
        State({"type": LABEL, "name": ALL, "indicator": ALL}, "id"),
    )(update_links)
