"""Raw rows to typed columns, a chunk at a time: each distinct value is read once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from etl.fields import FileCodings, Reader, make_reader, read_admin1
from etl.headers import HeaderMatch
from etl.parse import MISSING, Parsed, is_blank
from etl.pseudonymize import Pseudonymizer
from etl.sources import SourceSpec
from observatory.corridor import Corridor

Row = tuple[int, list[object]]  # (physical row number, raw values)
# Distinct raw values remembered per field across chunks; beyond this a field (an ID, a
# free-text name) is too varied for memory to pay, and its cache starts again.
_MEMO_LIMIT = 200_000


@dataclass
class Chunk:
    """Typed columns for a chunk of rows, and the faults found in them (by row index)."""

    row_numbers: list[int]
    columns: dict[str, list[object]]
    faults: dict[int, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))

    def add_fault(self, index: int, field_name: str, reason: str) -> None:
        self.faults[index].append((field_name, reason))

    def __len__(self) -> int:
        return len(self.row_numbers)


class ChunkReader:
    """Reads chunks of one file's rows against its source specification."""

    def __init__(
        self,
        spec: SourceSpec,
        match: HeaderMatch,
        corridor: Corridor,
        codings: FileCodings,
        pseudonymizer: Pseudonymizer,
    ) -> None:
        self.spec = spec
        self.match = match
        self.corridor = corridor
        self._readers: dict[str, Reader] = {
            f.name: make_reader(f, corridor, codings, pseudonymizer)
            for f in spec.fields
            if f.name in match.columns and f.type != "admin1"
        }
        self._memo: dict[str, dict[object, Parsed]] = defaultdict(dict)
        self._width = len(match.headers)

    def read(self, rows: Sequence[Row]) -> Chunk:
        """Typed columns for `rows`; blank rows must already be left out."""
        chunk = Chunk([number for number, _ in rows], {})
        self._check_widths(rows, chunk)
        for spec in self.spec.fields:
            if spec.type == "admin1":
                continue  # read below, against each row's country
            raw = self._raw_column(rows, spec.name)
            chunk.columns[spec.name] = self._read_column(spec.name, spec.required, raw, chunk)
        for spec in self.spec.fields:
            if spec.type == "admin1":
                self._read_admin1(spec.name, spec.required, spec.country_field, rows, chunk)
        return chunk

    def _check_widths(self, rows: Sequence[Row], chunk: Chunk) -> None:
        for index, (_, values) in enumerate(rows):
            if len(values) > self._width and not all(is_blank(v) for v in values[self._width :]):
                chunk.add_fault(
                    index,
                    "(row)",
                    f"the row has {len(values)} values but the header has {self._width} columns",
                )

    def _raw_column(self, rows: Sequence[Row], name: str) -> list[object]:
        indices = self.match.columns.get(name, ())
        if not indices:
            return [None] * len(rows)
        if len(indices) == 1:
            (i,) = indices
            return [values[i] if i < len(values) else None for _, values in rows]
        # several columns for one field: the first non-empty, in alias order
        return [
            next((values[i] for i in indices if i < len(values) and not is_blank(values[i])), None)
            for _, values in rows
        ]

    def _read_column(
        self, name: str, required: bool, raw: list[object], chunk: Chunk
    ) -> list[object]:
        reader = self._readers.get(name)
        if reader is None:  # the file has no such column
            if required:
                for index in range(len(raw)):
                    chunk.add_fault(index, name, MISSING)
            return [None] * len(raw)
        memo = self._memo[name]
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
        for value in set(raw):
            if value not in memo:
                memo[value] = (
                    (None, MISSING if required else None) if is_blank(value) else reader(value)
                )
        results = [memo[v] for v in raw]
        if any(memo[v][1] for v in set(raw)):
            for index, (_, reason) in enumerate(results):
                if reason:
                    chunk.add_fault(index, name, reason)
        return [value for value, _ in results]

    def _read_admin1(
        self,
        name: str,
        required: bool,
        country_field: str | None,
        rows: Sequence[Row],
        chunk: Chunk,
    ) -> None:
        raw = self._raw_column(rows, name)
        default = self._default_country(country_field)
        countries = chunk.columns.get(country_field or "", [None] * len(raw))
        memo = self._memo[name]
        column: list[object] = []
        for index, (value, country) in enumerate(zip(raw, countries, strict=True)):
            if is_blank(value):
                if required:
                    chunk.add_fault(index, name, MISSING)
                column.append(None)
                continue
            key = (value, country or default)
            if key not in memo:
                memo[key] = read_admin1(self.corridor, value, country or default)
            code, reason = memo[key]
            if reason:
                chunk.add_fault(index, name, reason)
            column.append(code)
        chunk.columns[name] = column

    def _default_country(self, country_field: str | None) -> str:
        default = self.spec.field(country_field).default if country_field else "destination"
        return (self.corridor.origin if default == "origin" else self.corridor.destination).iso2
