"""Files that arrive from the browser: hostile-file checks, then the ordinary load.

The web layer hands a stored upload to `UploadLoader` (injected into the app by app.py: the
observatory package never imports the ETL). Checks here come before any parsing: a size
limit, the type by content (not by name), an XLSX's declared uncompressed size and
compression ratio (a zip bomb is refused before it is opened) and the width of the table.
"""

from __future__ import annotations

import itertools
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, func, select

from etl.errors import FileRefused
from etl.headers import find_header
from etl.load import LoadReport, load_file
from etl.parse import as_text, is_blank
from etl.read import RawTable, open_table
from etl.rows import Progress
from etl.sources import source_spec
from observatory.config import Settings
from observatory.corridor import Corridor, load_corridor
from observatory.db.engine import make_engine
from observatory.db.schema import quarantined_row_table as quarantine

# Real exports have about 25 columns, wide ones a few hundred; 10,000 is a broken file.
MAX_COLUMNS = 1_000
# Worksheet XML compresses 5-20x, very repetitive sheets up to ~60x; a zip bomb 1000x+.
MAX_XLSX_RATIO = 150
MAX_XLSX_UNCOMPRESSED_BYTES = 4 * 2**30
_HEADER_ROWS = 30
_QUARANTINE_SAMPLE = 200


@dataclass(frozen=True)
class FileCheck:
    """What the checks learnt: the format, and the countries a registry snapshot covers."""

    format: str | None
    countries: frozenset[str] = frozenset()  # ISO-2, or the raw text of an unknown country
    refused: str | None = None  # why the file is refused, for the steward


@dataclass
class DryRunDetails:
    """Why rows would be quarantined: counts by (field, reason) and the first rows."""

    reasons: list[dict] = field(default_factory=list)  # {field, reason, rows}
    rows: list[dict] = field(default_factory=list)  # {row_number, field, reason, values}


def check_upload(path: Path, max_bytes: int) -> RawTable:
    """Refuse an upload that is empty, too large, not a CSV or XLSX, a zip bomb or too wide."""
    path = Path(path)
    size = path.stat().st_size
    if size == 0:
        raise FileRefused(f"{path.name}: the file is empty (0 bytes)")
    if size > max_bytes:
        raise FileRefused(
            f"{path.name}: {size / 2**20:,.1f} MB is more than the {max_bytes / 2**20:,.0f} MB "
            "an upload accepts; split it by month or office"
        )
    with path.open("rb") as handle:
        head = handle.read(4)
    if head == b"PK\x03\x04":
        _check_zip(path)
    table = open_table(path, None, max_bytes)
    _check_width(table)
    return table


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise FileRefused(f"{path.name}: a damaged ZIP/XLSX file ({exc})") from exc
    names = {member.filename for member in members}
    if not {"[Content_Types].xml", "xl/workbook.xml"} <= names:
        raise FileRefused(f"{path.name}: a ZIP archive, not an XLSX workbook")
    total = sum(member.file_size for member in members)
    if total > MAX_XLSX_UNCOMPRESSED_BYTES:
        raise FileRefused(
            f"{path.name}: the workbook would expand to {total / 2**30:,.1f} GB; refused "
            "(save it as CSV, or split it)"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 2**20 and ratio > MAX_XLSX_RATIO:
            raise FileRefused(
                f"{path.name}: {member.filename} expands {ratio:,.0f} times, as a zip bomb "
                "does; refused without opening it"
            )


def _check_width(table: RawTable) -> None:
    for row_number, values in itertools.islice(table.rows(), _HEADER_ROWS):
        if len(values) > MAX_COLUMNS:
            raise FileRefused(
                f"{table.path.name}: row {row_number} has {len(values):,} columns; a source "
                f"file has at most {MAX_COLUMNS:,} (is the delimiter or the export broken?)"
            )


def column_countries(table: RawTable, source_kind: str, column: str, corridor: Corridor) -> set:
    """The countries named in `column` of the file (ISO-2; unknown names kept as written)."""
    spec = source_spec(source_kind)
    match = find_header(itertools.islice(table.rows(), _HEADER_ROWS), spec, table.path.name)
    indices = match.columns.get(column, ())
    found: set[str] = set()
    for row_number, values in table.rows():
        if row_number <= match.row_number:
            continue
        for index in indices[:1]:
            value = values[index] if index < len(values) else None
            if not is_blank(value):
                text = as_text(value).strip()
                country = corridor.country(text)
                found.add(country.iso2 if country is not None else text)
    return found


class UploadLoader:
    """Checks and loads uploaded files into one database (what app.py gives create_app)."""

    def __init__(
        self, engine: Engine, corridor: Corridor, pseudonym_key: bytes | Callable[[], bytes]
    ) -> None:
        self.engine = engine
        self.corridor = corridor
        self._key = pseudonym_key

    @classmethod
    def from_settings(cls, settings: Settings) -> UploadLoader:
        """A loader for the configured database and corridor; the pseudonym key is read
        at the first load (building the app touches no file and no database)."""
        return cls(
            make_engine(settings.database_url),
            load_corridor(settings.corridor),
            settings.resolved_pseudonym_key,
        )

    @property
    def pseudonym_key(self) -> bytes:
        return self._key() if callable(self._key) else self._key

    def check(
        self, path: Path, source_kind: str, max_bytes: int, country_column: str | None = None
    ) -> FileCheck:
        """The hostile-file checks, and the countries of `country_column`; a refused file
        comes back with the reason in `refused`."""
        try:
            table = check_upload(path, max_bytes)
            countries: frozenset[str] = frozenset()
            if country_column:
                countries = frozenset(
                    column_countries(table, source_kind, country_column, self.corridor)
                )
        except FileRefused as refused:
            return FileCheck(None, refused=refused.message)
        return FileCheck(table.format, countries)

    @staticmethod
    def new_details() -> DryRunDetails:
        """An empty collector for a dry run's quarantine, to pass to `load`."""
        return DryRunDetails()

    def load(
        self,
        path: Path,
        source_kind: str,
        *,
        dry_run: bool,
        max_bytes: int,
        progress: Progress | None = None,
        details: DryRunDetails | None = None,
    ) -> LoadReport:
        """Load (or dry-run) one file in one transaction, as `python -m etl load` does."""
        inspect = _collect_quarantine(details) if (dry_run and details is not None) else None
        return load_file(
            self.engine,
            path,
            source_kind,
            self.corridor,
            self.pseudonym_key,
            dry_run=dry_run,
            progress=progress,
            max_bytes=max_bytes,
            inspect_dry_run=inspect,
        )


def _collect_quarantine(details: DryRunDetails) -> Callable[[Connection, int], None]:
    def collect(conn: Connection, batch_id: int) -> None:
        where = quarantine.c.batch_id == batch_id
        grouped = conn.execute(
            select(quarantine.c.field, quarantine.c.reason, func.count().label("rows"))
            .where(where)
            .group_by(quarantine.c.field, quarantine.c.reason)
            .order_by(func.count().desc(), quarantine.c.field)
        ).mappings()
        details.reasons = [dict(row) for row in grouped]
        sample = conn.execute(
            select(
                quarantine.c.row_number,
                quarantine.c.field,
                quarantine.c.reason,
                quarantine.c.raw_values,
            )
            .where(where)
            .order_by(quarantine.c.row_number, quarantine.c.id)
            .limit(_QUARANTINE_SAMPLE)
        ).mappings()
        details.rows = [
            {**dict(row), "raw_values": json.loads(row["raw_values"] or "{}")} for row in sample
        ]

    return collect
