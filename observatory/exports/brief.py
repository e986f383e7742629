"""A brief pack: one page's charts (PNG and SVG), tables (XLSX with metadata) and a short
methodology note in the reader's language, as one ZIP named by corridor, page and date."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from observatory.exports.metadata import ExportContext, corridor_name, filter_in_words
from observatory.i18n import format_date, t

if TYPE_CHECKING:
    from observatory.exports.build import Export
    from observatory.filters import Filter


@dataclass(frozen=True)
class ChartFiles:
    """One chart's images, drawn with its title, filters, source and date."""

    key: str
    title: str
    png: bytes
    svg: bytes


@dataclass(frozen=True)
class BriefPack:
    """What a pack holds, before it is zipped."""

    page_slug: str
    page_title: str
    view_filter: Filter
    charts: Sequence[ChartFiles]
    tables: Sequence[Export]  # XLSX exports (sheet 2: metadata)
    context: ExportContext
    data_version: int
    not_drawn: tuple[str, ...] = ()  # titles of charts the renderer could not draw
    filters_text: str | None = None  # the note's filters when charts differ (an agenda's slides)

    @property
    def stem(self) -> str:
        """`gt-mx_flujos_2026-11-25`: corridor, page and day of extraction."""
        day = self.context.extracted_at.date().isoformat()
        return f"{self.context.corridor.code.lower()}_{self.page_slug}_{day}"

    def file_names(self) -> list[tuple[str, str]]:
        """(path in the ZIP, what it is) for every file but the note, in pack order."""
        lang = self.context.lang
        charts_dir, tables_dir = t("brief.dir.charts", lang), t("brief.dir.tables", lang)
        names: list[tuple[str, str]] = []
        for chart in self.charts:
            what = t("brief.note.file_chart", lang, title=chart.title)
            names += [(f"{charts_dir}/{chart.key}.{ext}", what) for ext in ("png", "svg")]
        for export in self.tables:
            what = t("brief.note.file_table", lang, title=export.result.spec.title(lang))
            names.append((f"{tables_dir}/{export.file_name}", what))
        return names

    def note_name(self) -> str:
        """`metodologia.md` or `methodology.md`."""
        return t("brief.note.file_name", self.context.lang) + ".md"

    def to_zip(self) -> bytes:
        """The ZIP: a folder named by `stem` holding the note, the charts and the tables."""
        contents = [chart_bytes for chart in self.charts for chart_bytes in (chart.png, chart.svg)]
        contents += [export.content for export in self.tables]
        out = io.BytesIO()
        stamp = self.context.extracted_at.astimezone(dt.UTC).timetuple()[:6]
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as pack:
            files = [(self.note_name(), methodology_note(self).encode("utf-8"))]
            files += [
                (name, data) for (name, _), data in zip(self.file_names(), contents, strict=True)
            ]
            for name, data in files:
                info = zipfile.ZipInfo(f"{self.stem}/{name}", date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                pack.writestr(info, data)
        return out.getvalue()


def methodology_note(pack: BriefPack) -> str:
    """The note, in Markdown: what the pack shows, under which filters, from which data, how
    each indicator is computed, what was hidden and why, the files and how to cite them."""
    context, lang = pack.context, pack.context.lang
    corridor = corridor_name(context.corridor, lang)
    when = context.extracted_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    filters = pack.filters_text or filter_in_words(pack.view_filter, context.corridor, lang)
    lines = [
        f"# {t('brief.note.title', lang, page=pack.page_title)}",
        "",
        t("brief.note.intro", lang, page=pack.page_title, corridor=corridor, date=when),
        "",
        f"## {t('brief.note.filters', lang)}",
        "",
        filters,
        "",
        f"## {t('brief.note.data', lang)}",
        "",
        t("brief.note.data_version", lang, version=pack.data_version),
        "",
        _batches_line(context, lang),
        "",
        f"## {t('brief.note.suppression', lang)}",
        "",
        t("brief.note.suppression_text", lang, min_cell=context.min_cell),
        "",
        f"## {t('brief.note.indicators', lang)}",
        "",
    ]
    for export in pack.tables:
        spec, result = export.result.spec, export.result
        lines += [
            f"### {spec.title(lang)} (`{spec.id}`)",
            "",
            spec.definition(lang),
            "",
            t(
                "brief.note.indicator_source",
                lang,
                source=spec.source,
                unit=spec.unit,
                n=result.suppressed_cells,
            ),
            "",
        ]
    lines += [f"## {t('brief.note.files', lang)}", ""]
    lines += [f"- `{name}`: {what}" for name, what in pack.file_names()]
    lines += [f"- {t('brief.note.not_drawn', lang, title=title)}" for title in pack.not_drawn]
    lines += [
        "",
        f"## {t('brief.note.cite', lang)}",
        "",
        t(
            "brief.note.cite_text",
            lang,
            corridor=corridor,
            page=pack.page_title,
            version=pack.data_version,
            date=when,
            filters=filters,
        ),
        "",
    ]
    return "\n".join(lines)


def _batches_line(context: ExportContext, lang: str) -> str:
    finished = [b["finished_at"] for b in context.batches if b.get("finished_at")]
    if not finished:
        return t("brief.note.no_batches", lang)
    last = max(finished)
    day = last.date() if isinstance(last, dt.datetime) else dt.date.fromisoformat(str(last)[:10])
    return t("brief.note.batches", lang, n=len(context.batches), date=format_date(day, lang))
