"""One indicator result as CSV, XLSX or JSON bytes: the same cells, suppression marked.

CSV: UTF-8 with a byte-order mark (Excel then reads accents right), comma-separated,
`.` as the decimal point, one header row of column ids (the JSON keys; stable across
languages), `true`/`false` for booleans and an empty field for a hidden or missing
value. XLSX: sheet 1 the table with readable headers and typed cells, sheet 2 the
metadata. JSON: the columns, the rows as records, and the metadata.

No text cell can run as a formula (`formula_safety.inert`); numbers stay numbers; a
suppressed cell is empty / null and its row is marked in the `suppressed` column.
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from observatory.exports.formula_safety import inert
from observatory.exports.metadata import ExportContext, column_label, describe, label

if TYPE_CHECKING:
    import pandas as pd

    from observatory.indicators.registry import IndicatorResult


@dataclass(frozen=True)
class Format:
    """An export format: its name in URLs, media type and file extension."""

    name: str
    media_type: str
    extension: str


FORMATS = {
    f.name: f
    for f in (
        Format("json", "application/json", "json"),
        Format("csv", "text/csv; charset=utf-8", "csv"),
        Format("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    )
}


class UnknownFormat(ValueError):
    """An export format other than json, csv and xlsx."""


def column_type(dtype: object) -> str:
    """The JSON Schema type of a result column's dtype."""
    kind = str(dtype).lower()
    if kind.startswith("bool"):
        return "boolean"
    if kind.startswith(("int", "uint")):
        return "integer"
    if kind.startswith("float"):
        return "number"
    return "string"


def records(table: pd.DataFrame) -> list[list[Any]]:
    """The table's rows as plain Python values; <NA> (hidden or missing) is None."""
    columns = [
        [_plain(v) for v in table[c].astype(object).where(table[c].notna(), None).tolist()]
        for c in table.columns
    ]
    return [list(row) for row in zip(*columns, strict=True)]


def _plain(value: Any) -> Any:
    # numpy scalars (from object columns) become int / float / bool
    value = value.item() if hasattr(value, "item") else value
    if isinstance(value, float) and not math.isfinite(value):
        return None  # no number to publish (JSON has no NaN)
    return value


def to_csv(result: IndicatorResult) -> bytes:
    """The table as CSV (see the module docstring for the conventions)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(list(result.table.columns))
    for row in records(result.table):
        writer.writerow([_csv_cell(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def _csv_cell(value: Any) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)  # every digit: the CSV parses back to the service's number
    return inert(value)


def _xlsx_cell(value: Any) -> object:
    if isinstance(value, str):
        # Control characters are illegal in XLSX XML; formulas must stay text.
        return inert(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def to_xlsx(result: IndicatorResult, context: ExportContext) -> bytes:
    """The table (sheet 1, readable headers) and its metadata (sheet 2) as an XLSX workbook."""
    lang, bold = context.lang, Font(bold=True)
    book = Workbook()
    data = book.active
    data.title = label("sheet_data", lang)
    data.append([column_label(c, lang) for c in result.table.columns])
    for row in records(result.table):
        data.append([_xlsx_cell(v) for v in row])
    for cell in data[1]:
        cell.font = bold
    data.freeze_panes = "A2"
    meta = book.create_sheet(label("sheet_metadata", lang))
    for row in _metadata_rows(result, context):
        meta.append([_xlsx_cell(v) for v in row])
        if len(row) == 1:  # a section title
            meta.cell(meta.max_row, 1).font = bold
    meta.column_dimensions["A"].width = 34
    meta.column_dimensions["B"].width = 80
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _metadata_rows(result: IndicatorResult, context: ExportContext) -> list[list[Any]]:
    lang, about = context.lang, describe(result, context)
    rows: list[list[Any]] = [
        [label(key, lang), about[key]]
        for key in about
        if key not in ("batches", "indicator", "language")
    ]
    rows.insert(0, [label("indicator", lang), about["indicator"]])
    rows += [[], [label("batches", lang)]]
    if about["batches"]:
        rows.append([label(f"batch_{k}", lang) for k in about["batches"][0]])
        rows += [list(batch.values()) for batch in about["batches"]]
    else:
        rows.append([label("no_batches", lang)])
    rows += [[], [label("columns", lang)], [label("column_id", lang), label("column_label", lang)]]
    rows += [[c, column_label(c, lang)] for c in result.table.columns]
    return rows


def to_json(result: IndicatorResult, context: ExportContext) -> bytes:
    """Columns, rows (records, null for a hidden value) and metadata, as UTF-8 JSON.

    Values are the true ones (JSON never runs a formula); `<`, `>` and `&` are escaped as
    \\u003c... so the document is inert even if a browser renders it as HTML.
    """
    table = result.table
    document = {
        "indicator": result.spec.id,
        "title": result.spec.title(context.lang),
        "unit": result.spec.unit,
        "filter": result.filter.to_query(),
        "data_version": result.data_version,
        "suppressed_cells": result.suppressed_cells,
        "columns": [
            {"name": c, "label": column_label(c, context.lang), "type": column_type(t)}
            for c, t in zip(table.columns, table.dtypes, strict=True)
        ],
        "rows": [dict(zip(table.columns, row, strict=True)) for row in records(table)],
        "metadata": describe(result, context),
    }
    return html_safe_json(document)


def html_safe_json(document: object) -> bytes:
    """JSON bytes with `<`, `>` and `&` escaped (still the same JSON values)."""
    text = json.dumps(document, ensure_ascii=False, allow_nan=False)
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escape)
    return text.encode("utf-8")


def render(result: IndicatorResult, format_name: str, context: ExportContext) -> bytes:
    """The export of `result` in `format_name` ("json", "csv" or "xlsx")."""
    if format_name == "csv":
        return to_csv(result)
    if format_name == "xlsx":
        return to_xlsx(result, context)
    if format_name == "json":
        return to_json(result, context)
    raise UnknownFormat(format_name)
