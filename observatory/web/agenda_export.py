"""An agenda's brief pack: each slide's chart (PNG and SVG, framed with its own filters) and
its indicator's table (XLSX with metadata) under the slide's filter, with the methodology note.

Built from the same pieces as a page's pack (`export_routes.framed_chart`, `draw_charts`,
`export_indicator`, `BriefPack`); only the list of charts differs: the agenda's slides, in
their order, each with its own filter.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from observatory.db import agendas as store
from observatory.exports.brief import BriefPack
from observatory.exports.build import export_indicator
from observatory.exports.chart_image import DEFAULT_SIZE
from observatory.exports.metadata import filter_in_words
from observatory.filters import Filter
from observatory.i18n import t
from observatory.web import context, exhibits, meeting
from observatory.web.export_routes import (
    ExportProblem,
    draw_charts,
    extraction_time,
    framed_chart,
    lineage,
)
from observatory.web.state import View

if TYPE_CHECKING:
    from observatory.exports.chart_image import ChartRenderer


def build_agenda_brief(agenda_id: int, lang: str, renderer: ChartRenderer) -> BriefPack:
    """The brief pack of agenda `agenda_id` in `lang`; slides the pages no longer show are
    listed as not drawn."""
    web = context.current()
    with web.engine.connect() as conn:
        agenda = store.get_agenda(conn, agenda_id)
    if agenda is None:
        raise ExportProblem(404, "agenda.missing", agenda=agenda_id)
    slides, missing, lines = [], [], []
    for number, slide in enumerate(agenda.slides, start=1):
        page = exhibits.page_by_slug(slide.page)
        view = meeting.agenda_slide_view(slide, lang)
        if page is not None and not page.filters:
            view = View(Filter(), lang)
        chart = exhibits.chart(page, slide.chart, view.filter) if page is not None else None
        if chart is None:
            missing.append(f"{number}. {slide.page} / {slide.chart}")
            continue
        slides.append((number, page, chart, view))
        words = filter_in_words(view.filter, web.corridor, lang)
        lines.append(f"{number}. {t(page.nav_key, lang)} — {chart.key}: {words}")
    framed = [framed_chart(chart, view, *DEFAULT_SIZE) for _, _, chart, view in slides]
    chart_files, not_drawn = draw_charts(
        renderer,
        [
            (f"{number:02d}_{page.slug}_{chart.key}", f"{number}. {header.title}", header, figure)
            for (number, page, chart, _), (header, figure) in zip(slides, framed, strict=True)
        ],
    )
    now = extraction_time()
    exports, seen = [], set()
    for number, page, chart, view in slides:
        table = exhibits.table(page, chart.indicator, view.filter)
        flt = table.filter(view.filter) if table is not None else view.filter
        if (chart.indicator, flt.cache_key()) in seen:
            continue
        seen.add((chart.indicator, flt.cache_key()))
        export = export_indicator(web.observatory, chart.indicator, flt, "xlsx", lang, now)
        # two slides may show one indicator under two filters: the slide number keeps the
        # file names apart
        exports.append(dataclasses.replace(export, file_name=f"{number:02d}_{export.file_name}"))
    export_context, version = lineage(exports, lang, now)
    return BriefPack(
        f"{meeting.AGENDA_DECK}{agenda.id}",
        agenda.name,
        Filter(),
        chart_files,
        exports,
        export_context,
        version,
        (*missing, *not_drawn),
        filters_text="\n".join(lines) or t("agenda.no_slides", lang),
    )
