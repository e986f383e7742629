"""Downloads of what a page shows: `/export/...` under the app's path prefix.

- `chart/<page>/<chart>.png|svg?<view>[&width=&height=]`: the page's figure, framed with its
  title, filters, source line and date (`observatory.exports.chart_image`);
- `table/<page>/<indicator>.csv|xlsx|json?<view>`: the indicator behind a chart or table,
  exactly as the API serves it (`observatory.exports.build`);
- `brief/<page>.zip?<view>`: the brief pack (`observatory.exports.brief`);
- `agenda/<id>.zip?lang=`: a meeting agenda's brief pack (`observatory.web.agenda_export`).

`<view>` is the page's own query string (filters and `lang`), read as tolerantly as the
page reads it, so a download shows what the page shows. Errors answer in the view's
language as plain text: these URLs are opened by people clicking links.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, request
from werkzeug.datastructures import MultiDict

from observatory.db.lineage_queries import loaded_batches
from observatory.exports.brief import BriefPack, ChartFiles
from observatory.exports.build import export_indicator
from observatory.exports.chart_image import (
    DEFAULT_SIZE,
    IMAGE_FORMATS,
    SIZE_LIMITS,
    ChartRenderer,
    Header,
    RendererBusy,
    RendererUnavailable,
    framed,
)
from observatory.exports.formats import FORMATS
from observatory.exports.metadata import ExportContext, filter_in_words, source_kinds
from observatory.filters import Filter
from observatory.i18n import t
from observatory.web import context, exhibits
from observatory.web.geo import BOUNDARIES_ENDPOINT
from observatory.web.map_view import source_line
from observatory.web.state import View, parse_search

if TYPE_CHECKING:
    from flask import Flask

    from observatory.web.exhibits import Chart
    from observatory.web.pages import PageSpec

SIZE_PARAMS = ("width", "height")
TABLE_FORMATS = tuple(FORMATS)


class ExportProblem(Exception):
    """A request the export routes refuse: HTTP status and the message key with its values."""

    def __init__(self, status: int, key: str, **params: object):
        super().__init__(key)
        self.status, self.key, self.params = status, key, params


def register_exports(server: Flask, prefix: str, renderer: ChartRenderer) -> None:
    """Mount the export routes under `<prefix>export/`."""
    routes = Blueprint("observatory_exports", __name__, url_prefix=f"{prefix}export")

    @routes.get("/chart/<slug>/<key>.<fmt>")
    def chart_image(slug: str, key: str, fmt: str) -> Response:
        page, view = _page_view(slug)
        chart = exhibits.chart(page, key, view.filter)
        if chart is None:
            raise ExportProblem(404, "export.error.chart", page=slug, chart=key)
        _check_format(fmt, IMAGE_FORMATS)
        width, height = _size()
        _, figure = framed_chart(chart, view, width, height)
        content = draw_images(renderer, [(figure, fmt)])[0]
        if content is None:
            raise ExportProblem(503, "export.error.chart_failed", chart=key)
        stamp = dt.date.today().isoformat()
        name = f"{context.current().corridor.code.lower()}_{slug}_{key}_{stamp}.{fmt}"
        media = "image/png" if fmt == "png" else "image/svg+xml"
        return _attachment(content, media, name)

    @routes.get("/table/<slug>/<indicator>.<fmt>")
    def table_file(slug: str, indicator: str, fmt: str) -> Response:
        page, view = _page_view(slug)
        table = exhibits.table(page, indicator, view.filter)
        if table is None:
            raise ExportProblem(404, "export.error.table", page=slug, indicator=indicator)
        _check_format(fmt, TABLE_FORMATS)
        export = export_indicator(
            context.current().observatory, indicator, table.filter(view.filter), fmt, view.lang
        )
        return _attachment(export.content, export.format.media_type, export.file_name)

    @routes.get("/brief/<slug>.zip")
    def brief_pack(slug: str) -> Response:
        pack = build_brief(*_page_view(slug), renderer)
        return _attachment(pack.to_zip(), "application/zip", f"{pack.stem}.zip")

    @routes.get("/agenda/<int:agenda_id>.zip")
    def agenda_pack(agenda_id: int) -> Response:
        from observatory.web.agenda_export import build_agenda_brief  # it imports this module

        pack = build_agenda_brief(agenda_id, _view().lang, renderer)
        return _attachment(pack.to_zip(), "application/zip", f"{pack.stem}.zip")

    @routes.errorhandler(ExportProblem)
    def refused(problem: ExportProblem) -> Response:
        lang = _view().lang
        return Response(
            t(problem.key, lang, **problem.params) + "\n",
            status=problem.status,
            content_type="text/plain; charset=utf-8",
        )

    server.register_blueprint(routes)


def framed_chart(chart: Chart, view: View, width: int, height: int) -> tuple[Header, dict]:
    """The page's figure for `view`, framed with its header (title, filters, source, date)."""
    web = context.current()
    with context.failures() as failed:
        title, figure = chart.parts(view.store())
        result = web.observatory.indicator(chart.indicator, view.filter)
        if failed():
            raise ExportProblem(503, "export.error.chart_failed", chart=chart.key)
    lang = view.lang
    hidden_key = (
        "export.caption.suppressed" if result.suppressed_cells else "export.caption.no_suppressed"
    )
    header = Header(
        exhibits.plain_text(title),
        (
            t(
                "export.caption.filters",
                lang,
                filters=filter_in_words(view.filter, web.corridor, lang),
            ),
            t(
                "export.caption.source",
                lang,
                source=source_line(lang),
                corridor=web.corridor.code,
                version=result.data_version,
                date=extraction_time().strftime("%Y-%m-%d %H:%M UTC"),
            ),
            t(hidden_key, lang, min_cell=web.observatory.min_cell, n=result.suppressed_cells),
        ),
    )
    return header, framed(_inline_boundaries(figure), header, width, height)


def build_brief(page: PageSpec, view: View, renderer: ChartRenderer) -> BriefPack:
    """The brief pack of `page` for `view`: every chart drawn twice, every table as XLSX."""
    web, lang = context.current(), view.lang
    charts = exhibits.charts(page, view.filter)
    framed_charts = [framed_chart(chart, view, *DEFAULT_SIZE) for chart in charts]
    chart_files, not_drawn = draw_charts(
        renderer,
        [
            (chart.key, header.title, header, figure)
            for chart, (header, figure) in zip(charts, framed_charts, strict=True)
        ],
    )
    now = extraction_time()
    exports = [
        export_indicator(
            web.observatory, table.indicator, table.filter(view.filter), "xlsx", lang, now
        )
        for table in exhibits.tables(page, view.filter)
    ]
    export_context, version = lineage(exports, lang, now)
    return BriefPack(
        page.slug,
        t(page.nav_key, lang),
        view.filter,
        chart_files,
        exports,
        export_context,
        version,
        not_drawn,
    )


def draw_charts(
    renderer: ChartRenderer, charts: list[tuple[str, str, Header, dict]]
) -> tuple[list[ChartFiles], tuple[str, ...]]:
    """Each (file key, title, header, framed figure) drawn as PNG and SVG in one browser:
    the chart files, and the titles of the charts plotly.js could not draw."""
    jobs = [(figure, fmt) for *_, figure in charts for fmt in IMAGE_FORMATS]
    images = iter(draw_images(renderer, jobs) if jobs else [])
    files, not_drawn = [], []
    for key, title, header, _ in charts:
        png, svg = next(images), next(images)
        if png is None or svg is None:
            not_drawn.append(header.title)
        else:
            files.append(ChartFiles(key, title, png, svg))
    return files, tuple(not_drawn)


def lineage(exports: list, lang: str, now: dt.datetime) -> tuple[ExportContext, int]:
    """What a pack says about its data: the loads of its tables' sources, and the newest
    data version among them."""
    web = context.current()
    kinds = sorted({kind for e in exports for kind in source_kinds(e.result.spec.source)})
    with web.engine.connect() as conn:
        batches = tuple(loaded_batches(conn, tuple(kinds)))
    export_context = ExportContext(web.corridor, web.observatory.min_cell, lang, batches, now)
    version = max((e.result.data_version for e in exports), default=web.observatory.data_version())
    return export_context, version


def draw_images(renderer: ChartRenderer, jobs: list[tuple[dict, str]]) -> list[bytes | None]:
    try:
        return renderer.render(jobs)
    except RendererUnavailable as error:
        raise ExportProblem(503, "export.error.renderer", reason=str(error)) from None
    except RendererBusy:
        raise ExportProblem(503, "export.error.busy") from None


def _view(page: PageSpec | None = None) -> View:
    """The view in the query string; a page that no filter changes gets the whole corridor."""
    args = MultiDict(request.args)
    for param in SIZE_PARAMS:
        args.poplist(param)
    view = parse_search(urlencode(list(args.items(multi=True))), context.current().corridor)
    if page is not None and not page.filters:
        return View(Filter(), view.lang)
    return view


def _inline_boundaries(figure: dict) -> dict:
    # The page's maps fetch the boundaries from a URL; an image is drawn off the page.
    url = context.current().boundaries_url
    if not any(trace.get("geojson") == url for trace in figure.get("data", [])):
        return figure
    geojson = current_app.view_functions[BOUNDARIES_ENDPOINT].geojson()
    data = [
        {**trace, "geojson": geojson} if trace.get("geojson") == url else trace
        for trace in figure["data"]
    ]
    return {**figure, "data": data}


def _page_view(slug: str) -> tuple[PageSpec, View]:
    """The page a request names, and the view it asks for on that page."""
    page = exhibits.page_by_slug(slug)
    if page is None:
        raise ExportProblem(404, "export.error.page", page=slug)
    return page, _view(page)


def _check_format(fmt: str, allowed: tuple[str, ...]) -> None:
    if fmt not in allowed:
        raise ExportProblem(404, "export.error.format", format=fmt, formats=", ".join(allowed))


def _size() -> tuple[int, int]:
    low, high = SIZE_LIMITS
    size = []
    for param, default in zip(SIZE_PARAMS, DEFAULT_SIZE, strict=True):
        raw = request.args.get(param, str(default))
        if not raw.isdigit() or not low <= int(raw) <= high:
            raise ExportProblem(400, "export.error.size", low=low, high=high)
        size.append(int(raw))
    return size[0], size[1]


def _attachment(content: bytes, media_type: str, file_name: str) -> Response:
    response = Response(content, content_type=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response.headers["Cache-Control"] = "no-cache"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def extraction_time() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
