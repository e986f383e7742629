"""Header normalisation, alias matching and finding the header row below title lines."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from etl.errors import FileRefused
from etl.parse import as_text, is_blank
from etl.sources import SourceSpec
from observatory.text import fold

# Connecting words that do not change a header's meaning (DATA_SPEC).
CONNECTING_WORDS = frozenset({"de", "del", "la", "los", "las", "of", "the"})
HEADER_SCAN_ROWS = 30  # title and logo lines above the header are rarely more than a few


def header_key(text: str) -> str:
    """`Fecha de Registro`, `FECHA_REGISTRO`, `fecha-registro` all give `fecha registro`."""
    return " ".join(word for word in fold(text).split() if word not in CONNECTING_WORDS)


@dataclass(frozen=True)
class HeaderMatch:
    """Where each field is in the file, and what the file has that the source does not use."""

    row_number: int  # physical row of the header, 1-based
    headers: tuple[str, ...]
    columns: dict[str, tuple[int, ...]]  # field -> column indices, in alias order
    name_columns: tuple[int, ...]  # workers' names: never read
    ignored: tuple[str, ...]  # headers of unused columns (names excluded)

    def identifier_columns(self, identifier_fields: Iterable[str]) -> frozenset[int]:
        """Columns never to be copied anywhere: names and personal identifiers."""
        cols = set(self.name_columns)
        for name in identifier_fields:
            cols.update(self.columns.get(name, ()))
        return frozenset(cols)


def match_headers(values: list[object], spec: SourceSpec, row_number: int) -> HeaderMatch:
    """Map one row of header texts onto the source's fields."""
    headers = tuple(as_text(v) if not is_blank(v) else "" for v in values)
    keys = [header_key(h) for h in headers]
    columns: dict[str, tuple[int, ...]] = {}
    used: set[int] = set()
    for field in spec.fields:
        order = [header_key(field.name)] + [header_key(a) for a in field.aliases]
        found = [(order.index(k), i) for i, k in enumerate(keys) if k and k in order]
        if found:
            columns[field.name] = tuple(i for _, i in sorted(found))
            used.update(i for _, i in found)
    names = {header_key(n) for n in spec.personal_name_headers}
    name_columns = tuple(i for i, k in enumerate(keys) if i not in used and k in names)
    ignored = tuple(
        h for i, h in enumerate(headers) if h and i not in used and i not in name_columns
    )
    return HeaderMatch(row_number, headers, columns, name_columns, ignored)


def missing_fields(match: HeaderMatch, spec: SourceSpec) -> list[str]:
    """Required fields (and one-of groups) that the header lacks."""
    missing = [name for name in spec.required if name not in match.columns]
    for group in spec.one_of:
        if not any(name in match.columns for name in group):
            missing.append(" or ".join(group))
    return missing


def find_header(
    rows: Iterable[tuple[int, list[object]]], spec: SourceSpec, file_name: str
) -> HeaderMatch:
    """The first row that holds every required field; refuse the file if none does."""
    best: HeaderMatch | None = None
    best_missing: list[str] = []
    for index, (row_number, values) in enumerate(rows):
        if index >= HEADER_SCAN_ROWS:
            break
        if all(is_blank(v) for v in values):
            continue
        match = match_headers(values, spec, row_number)
        missing = missing_fields(match, spec)
        if not missing:
            return match
        if best is None or len(missing) < len(best_missing):
            best, best_missing = match, missing
    if best is None:
        raise FileRefused(f"{file_name}: no header row and no data (the file has only blank rows)")
    described = ", ".join(_describe(spec, name) for name in best_missing)
    raise FileRefused(f"{file_name}: required column(s) missing for {spec.kind}: {described}")


def _describe(spec: SourceSpec, name: str) -> str:
    parts = name.split(" or ")
    texts = []
    for part in parts:
        field = spec.field(part)
        texts.append(f"{part} ({', '.join(field.aliases)})" if field.aliases else part)
    return " or ".join(texts)
