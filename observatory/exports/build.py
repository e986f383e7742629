"""An indicator export from the service: the dashboard's numbers, with their lineage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from observatory.db.lineage_queries import loaded_batches
from observatory.exports.formats import FORMATS, Format, UnknownFormat, render
from observatory.exports.metadata import ExportContext, source_kinds

if TYPE_CHECKING:
    from observatory.filters import Filter
    from observatory.indicators.registry import IndicatorResult
    from observatory.services import Observatory


@dataclass(frozen=True)
class Export:
    """The bytes of one export, with what a response or a file needs to carry them."""

    content: bytes
    format: Format
    file_name: str
    result: IndicatorResult


def export_indicator(
    observatory: Observatory,
    indicator_id: str,
    flt: Filter,
    format_name: str = "json",
    lang: str = "es",
    now: dt.datetime | None = None,
) -> Export:
    """Export one indicator under a filter, through `Observatory.indicator` (same cache,
    same suppression as the dashboard).

    Raises UnknownIndicator for an id the registry does not know and UnknownFormat for a
    format other than json, csv and xlsx.
    """
    if format_name not in FORMATS:
        raise UnknownFormat(format_name)
    result = observatory.indicator(indicator_id, flt)
    with observatory.engine.connect() as conn:
        batches = loaded_batches(conn, source_kinds(result.spec.source))
    context = ExportContext(
        corridor=observatory.corridor,
        min_cell=observatory.min_cell,
        lang=lang,
        batches=tuple(batches),
        extracted_at=now or dt.datetime.now(dt.UTC),
    )
    fmt = FORMATS[format_name]
    return Export(
        render(result, format_name, context),
        fmt,
        file_name(observatory.corridor.code, result, fmt),
        result,
    )


def file_name(corridor_code: str, result: IndicatorResult, fmt: Format) -> str:
    """`gt-mx_flows_v12.csv`: corridor, indicator and data version, safe in any file system."""
    return f"{corridor_code.lower()}_{result.spec.id}_v{result.data_version}.{fmt.extension}"
