"""The border-office files written as CSV or XLSX, then the corrections and a duplicate."""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import random
import re
import shutil
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from etl.demo.layouts import CORRECTION_TEMPLATE, FileStyle, _plan_files
from etl.demo.rows import _table
from etl.demo.values import _getters

if TYPE_CHECKING:
    from etl.demo.simulate import Registration
    from observatory.corridor import Corridor

log = logging.getLogger(__name__)


def write_border_office_files(
    out_dir: Path,
    corridor: Corridor,
    registrations: Sequence[Registration],
    corrections: Sequence[tuple[Registration, str]],
    *,
    seed: int,
) -> list[Path]:
    """Write the registrations as office exports, then the corrections, then a duplicate copy."""
    plans = _plan_files(corridor, registrations)
    corrected = {(r.office, r.registration_id) for r, _ in corrections}
    paths: list[Path] = []
    first_styles: dict[tuple[str, str], FileStyle] = {}  # where each corrected row was first sent
    for plan in plans:
        rng = random.Random(f"{seed}:{plan.name}")
        rows, faults, repeats = _table(corridor, plan, rng, protected=corrected)
        paths.append(_write(out_dir / plan.name, plan.style, rows, plan.year))
        log.info(
            "%s: %d rows, %s; %d faulty (%s), %d repeated",
            plan.name,
            len(rows) - 1,
            plan.style.describe(),
            len(faults),
            ", ".join(sorted(set(faults))),
            repeats,
        )
        for r in plan.registrations:
            if (r.office, r.registration_id) in corrected:
                first_styles[r.office, r.registration_id] = plan.style
        if corrections and len(first_styles) == len(corrected):  # right after the last original
            paths.append(
                _write_corrections(out_dir, corridor, corrections, first_styles, plan.year)
            )
            corrections = ()
    # An office sends the same export twice under another name: a byte-for-byte copy.
    original = paths[1] if len(paths) > 1 else paths[0]
    copy = out_dir / f"{original.stem} - copia{original.suffix}"
    shutil.copyfile(original, copy)
    paths.append(copy)
    return paths


def _write(path: Path, style: FileStyle, rows: list[list[object]], year: int) -> Path:
    if style.container == "xlsx":
        path.write_bytes(_xlsx_bytes(style, rows, year))
        return path
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=style.delimiter,
        lineterminator=style.line_end,
        quoting=csv.QUOTE_ALL if style.quote_all else csv.QUOTE_MINIMAL,
    )
    writer.writerows(rows)
    writer.writerows([[""] * len(rows[0])] * style.trailing_blank_rows)  # Excel's leftovers
    path.write_bytes(buffer.getvalue().encode(style.encoding))
    return path


def _xlsx_bytes(style: FileStyle, rows: list[list[object]], year: int) -> bytes:
    """An XLSX written with openpyxl, made byte-reproducible (its timestamps pinned)."""
    from openpyxl import Workbook

    saved_at = dt.datetime(year + 1, 1, 15, 9, 30)
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "Oficina de Movilidad Laboral"
    workbook.properties.created = saved_at
    sheet = workbook.create_sheet("Registro")
    for line in style.title_rows:
        sheet.append([line] if line else [])
    for row in rows:
        sheet.append([None if value == "" else value for value in row])
    raw = io.BytesIO()
    workbook.save(raw)
    # openpyxl stamps the time of saving into docProps/core.xml and the zip entries.
    stamp = saved_at.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    fixed = io.BytesIO()
    with (
        zipfile.ZipFile(raw) as source,
        zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            entry = zipfile.ZipInfo(info.filename, date_time=saved_at.timetuple()[:6])
            out.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED)
    return fixed.getvalue()


def _write_corrections(
    out_dir: Path,
    corridor: Corridor,
    corrections: Sequence[tuple[Registration, str]],
    first_styles: dict[tuple[str, str], FileStyle],
    year: int,
) -> Path:
    """Rows sent again with a corrected state or sector; the other fields as first sent.

    Age and birth date are given only where the first file gave them, so a correction
    changes nothing but what it corrects.
    """
    style = FileStyle(
        template="formal",
        delimiter=";",
        date_format="iso",
        destination_form="iso_new",
        office_form="code",
        sector_form="code",
    )
    getters = _getters(corridor, style, random.Random(0))
    rows: list[list[object]] = [[h for _, h in CORRECTION_TEMPLATE]]
    remarks = {"destination": "Corrige estado destino", "sector": "Corrige actividad"}
    for r, what in corrections:
        values = {f: getters[f](r) for f, _ in CORRECTION_TEMPLATE}
        values["remarks"] = remarks[what]
        first = first_styles[r.office, r.registration_id]
        if first.age_mode == "age":
            values["birth_date"] = ""
        if first.age_mode == "birth":
            values["age"] = ""
        rows.append([values[f] for f, _ in CORRECTION_TEMPLATE])
    office = corrections[0][0].office
    return _write(out_dir / f"{office}_{year}_correcciones.csv", style, rows, year)
