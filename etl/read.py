"""Bytes to raw rows: format, encoding and delimiter detection; CSV and XLSX, streamed."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

from etl.errors import FileRefused

RawValue = str | int | float | dt.datetime | dt.date | None
DELIMITERS = (",", ";", "\t", "|")
_SAMPLE_BYTES = 256 * 1024
_READ_BLOCK = 1024 * 1024
# csv's default limit (128 KiB a field) is generous for registrations; a larger field is a
# broken file (a missing quote swallowing the rest), which the csv module reports.
csv.field_size_limit(1024 * 1024)
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")  # <f>, <f t="shared" .../>, <x:f>


@dataclass(frozen=True)
class RawTable:
    """A readable source file: how to read it, and its rows on demand (each call re-reads)."""

    path: Path
    format: str  # "csv" | "xlsx"
    sha256: str
    size_bytes: int
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None

    def rows(self) -> Iterator[tuple[int, list[RawValue]]]:
        """Yield (physical row number from 1, values); blank rows included."""
        if self.format == "xlsx":
            yield from _xlsx_rows(self.path, self.sheet)
        else:
            yield from _csv_rows(self.path, self.encoding or "utf-8", self.delimiter or ",")


def open_table(path: Path, sheet: str | None = None, max_bytes: int | None = None) -> RawTable:
    """Inspect a file and say how to read it; refuse what is not a CSV or XLSX table."""
    path = Path(path)
    if not path.is_file():
        raise FileRefused(f"{path.name}: file not found")
    if max_bytes is not None and path.stat().st_size > max_bytes:
        raise FileRefused(
            f"{path.name}: the file is {path.stat().st_size / 2**20:,.0f} MB, more than the "
            f"{max_bytes / 2**20:,.0f} MB a load accepts (OBSERVATORY_MAX_FILE_MB); split it "
            "into several files (by month or office) and load them one after the other"
        )
    digest, size = _sha256(path)
    if size == 0:
        raise FileRefused(f"{path.name}: the file is empty")
    with path.open("rb") as handle:
        head = handle.read(_SAMPLE_BYTES)
    if head.startswith(b"PK\x03\x04"):
        return RawTable(path, "xlsx", digest, size, sheet=_check_xlsx(path, sheet))
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileRefused(f"{path.name}: an old Excel (XLS) file; save it as XLSX or CSV")
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileRefused(f"{path.name}: binary content, not a CSV or XLSX table")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileRefused(f"{path.name}: UTF-16 text; save it as UTF-8 or Windows-1252 CSV")
    encoding = _detect_encoding(path, head)
    text = head.decode(encoding, errors="ignore")
    if not text.strip():
        raise FileRefused(f"{path.name}: the file is empty")
    return RawTable(path, "csv", digest, size, encoding=encoding, delimiter=_detect_delimiter(text))


def _sha256(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while block := handle.read(_READ_BLOCK):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def _detect_encoding(path: Path, head: bytes) -> str:
    """UTF-8 (with or without BOM) when the whole file decodes so; else Windows-1252/Latin-1."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as handle:
            while block := handle.read(_READ_BLOCK):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:  # cp1252 leaves five bytes undefined; a file using them is Latin-1 proper
        with path.open("rb") as handle:
            while block := handle.read(_READ_BLOCK):
                block.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def _detect_delimiter(sample: str) -> str:
    """The delimiter that splits the sample's lines into the most consistent number of fields."""
    lines = [line for line in sample.splitlines()[:60] if line.strip()]
    if len(lines) > 1:
        lines = lines[:-1]  # the sample may end mid-line
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        widths = [len(row) for row in csv.reader(lines, delimiter=delimiter) if len(row) > 1]
        if not widths:
            continue
        mode = max(set(widths), key=widths.count)
        score = (widths.count(mode), mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(path: Path, encoding: str, delimiter: str) -> Iterator[tuple[int, list[RawValue]]]:
    with path.open("r", encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            yield from enumerate(reader, start=1)
        except csv.Error as exc:
            raise FileRefused(
                f"{path.name}: unreadable CSV near row {reader.line_num}: {exc}"
            ) from exc


def _check_xlsx(path: Path, sheet: str | None) -> str | None:
    """Refuse a zip that is not a workbook, and a sheet name the workbook does not have."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as exc:
        raise FileRefused(f"{path.name}: damaged ZIP/XLSX file ({exc})") from exc
    if "xl/workbook.xml" not in names:
        raise FileRefused(f"{path.name}: a ZIP archive, not an XLSX workbook")
    if sheet is not None:
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True)
        try:
            if sheet not in workbook.sheetnames:
                raise FileRefused(
                    f"{path.name}: no sheet named {sheet!r} (sheets: "
                    f"{', '.join(workbook.sheetnames)})"
                )
        finally:
            workbook.close()
    _refuse_uncalculated_formulas(path, sheet)
    return sheet


def _refuse_uncalculated_formulas(path: Path, sheet: str | None) -> None:
    """Refuse a sheet whose formulas carry no saved result.

    Cells are read as the values Excel or LibreOffice computed and saved with the file. A
    program that writes formulas without computing them (openpyxl, many exporters) leaves
    no result: such a cell would read as empty, a required value "missing" and an optional
    one silently unknown. The file is refused instead, with the cells named.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            member = _sheet_member(archive, sheet)
            if member is None or not _mentions_formulas(archive, member):
                return
            with archive.open(member) as xml:
                count, cells = _formulas_without_result(xml)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        raise FileRefused(f"{path.name}: damaged XLSX file ({exc})") from exc
    if count:
        shown = ", ".join(cells) + (", ..." if count > len(cells) else "")
        raise FileRefused(
            f"{path.name}: {count} formula cell(s) without a saved result ({shown}); the file "
            "was written by a program that does not calculate formulas. Open it in Excel or "
            "LibreOffice and save it again, or save it as CSV"
        )


def _sheet_member(archive: zipfile.ZipFile, sheet: str | None) -> str | None:
    """The ZIP member holding the named worksheet, or the first one (as openpyxl reads it)."""
    # The same parser openpyxl uses (without defusedxml): expat >= 2.4 bounds entity
    # expansion and ElementTree never fetches external entities.
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))  # noqa: S314
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    targets = {
        rel.get("Id"): rel.get("Target", "")
        for rel in relations
        if rel.get("Type", "").endswith("/worksheet")
    }
    for element in workbook.iter():
        if _local(element.tag) != "sheet":
            continue
        target = next((targets[v] for k, v in element.attrib.items() if _local(k) == "id"), None)
        if target is None or (sheet is not None and element.get("name") != sheet):
            continue
        if target.startswith("/"):
            return target.lstrip("/")
        return posixpath.normpath(posixpath.join("xl", target))
    return None


def _mentions_formulas(archive: zipfile.ZipFile, member: str) -> bool:
    """A quick byte scan for a formula element: most sheets have none."""
    tail = b""
    with archive.open(member) as xml:
        while block := xml.read(_READ_BLOCK):
            if _FORMULA_TAG.search(tail + block):
                return True
            tail = block[-16:]
    return False


def _formulas_without_result(xml: IO[bytes]) -> tuple[int, list[str]]:
    """How many formula cells have no saved result, and the references of the first few.

    A saved result is a non-empty `<v>`; a formula whose result is empty text is saved with
    the type `str` and an empty `<v>`, and is not counted.
    """
    count, cells, sheet_data = 0, [], None
    for event, element in ElementTree.iterparse(xml, events=("start", "end")):  # noqa: S314
        name = _local(element.tag)
        if event == "start":
            if name == "sheetData":
                sheet_data = element
            continue
        if name != "row":
            continue
        for cell in element:
            parts = {_local(child.tag): child for child in cell}
            value = parts.get("v")
            if "f" in parts and (value is None or not value.text) and cell.get("t") != "str":
                count += 1
                if len(cells) < 5:
                    cells.append(cell.get("r") or "?")
        if sheet_data is not None:
            sheet_data.clear()  # rows read: keep memory flat on large sheets
    return count, cells


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xlsx_rows(path: Path, sheet: str | None) -> Iterator[tuple[int, list[RawValue]]]:
    from openpyxl import load_workbook

    # data_only: a formula cell gives the value Excel computed and saved, never the formula.
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
            yield number, [_xlsx_value(value) for value in row]
    finally:
        workbook.close()


def _xlsx_value(value: object) -> RawValue:
    if value is None or isinstance(value, (int, float, dt.datetime, dt.date)):
        return value  # type: ignore[return-value]  # bool is an int: read as 1/0 below
    if isinstance(value, dt.time):
        return value.isoformat()
    return str(value)
