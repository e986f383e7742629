"""Raw rows to typed columns, a chunk at a time: each distinct value is read once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from etl.fields import FileCodings, Reader, blank_value, make_reader, read_admin1
from etl.headers import HeaderMatch
from etl.parse import MISSING, Parsed, is_blank
from etl.pseudonymize import Pseudonymizer
from etl.sources import SourceSpec
from observatory.corridor import Corridor

Row = tuple[int, list[object]]  # (physical row number, raw values)
# Distinct raw values remembered per field across chunks (codes, dates and names repeat);
# past this many the memory no longer pays and the field's memory starts again.
_MEMO_LIMIT = 50_000


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
        # Per field: {raw value: parsed value} and {raw value: reason} for the faulty ones.
        self._values: dict[str, dict[object, object]] = defaultdict(dict)
        self._reasons: dict[str, dict[object, str]] = defaultdict(dict)
        self._admin1: dict[tuple[object, str], Parsed] = {}
        self._width = len(match.headers)
        # What an empty cell gives, per field: a fault when required, else unknown (or no).
        self._blank: dict[str, Parsed] = {
            f.name: (None, MISSING) if f.required else (blank_value(f, codings), None)
            for f in spec.fields
        }

    def read(self, rows: Sequence[Row]) -> Chunk:
        """Typed columns for `rows`; blank rows must already be left out."""
        chunk = Chunk([number for number, _ in rows], {})
        cells = self._transpose(rows, chunk)
        for spec in self.spec.fields:
            if spec.type != "admin1":  # admin-1 units are read after, against the row's country
                raw = self._raw_column(cells, spec.name, len(rows))
                chunk.columns[spec.name] = self._read_column(spec.name, raw, chunk)
        for spec in self.spec.fields:
            if spec.type == "admin1":
                raw = self._raw_column(cells, spec.name, len(rows))
                self._read_admin1(spec.name, spec.required, spec.country_field, raw, chunk)
        return chunk

    def _transpose(self, rows: Sequence[Row], chunk: Chunk) -> list[tuple[object, ...]]:
        """Columns of the chunk; short rows padded, long ones faulty unless the excess is blank."""
        width = self._width
        table = []
        for index, (_, values) in enumerate(rows):
            if len(values) != width:
                if len(values) > width and not all(is_blank(v) for v in values[width:]):
                    chunk.add_fault(
                        index,
                        "(row)",
                        f"the row has {len(values)} values but the header has {width} columns",
                    )
                values = (list(values) + [None] * width)[:width]
            table.append(values)
        return list(zip(*table, strict=True)) if table else [() for _ in range(width)]

    def _raw_column(
        self, cells: list[tuple[object, ...]], name: str, size: int
    ) -> Sequence[object]:
        indices = self.match.columns.get(name, ())
        if not indices:
            return [None] * size
        if len(indices) == 1:
            return cells[indices[0]]
        # several columns for one field: the first non-empty, in alias order
        candidates = [cells[i] for i in indices]
        return [
            next((v for v in values if not is_blank(v)), None)
            for values in zip(*candidates, strict=True)
        ]

    def _read_column(self, name: str, raw: Sequence[object], chunk: Chunk) -> list[object]:
        reader = self._readers.get(name)
        blank = self._blank[name]
        if reader is None:  # the file has no such column
            if blank[1]:
                for index in range(len(raw)):
                    chunk.add_fault(index, name, blank[1])
            return [None] * len(raw)
        distinct = set(raw)
        if len(distinct) * 2 > len(raw):
            # Mostly unique (registration numbers, IDs): read row by row, remember nothing.
            return self._read_unique(name, blank, reader, raw, chunk)
        values, reasons = self._values[name], self._reasons[name]
        if len(values) > _MEMO_LIMIT:
            values.clear()
            reasons.clear()
        for value in distinct.difference(values):  # read each new distinct value once
            parsed, reason = blank if is_blank(value) else reader(value)
            values[value] = parsed
            if reason:
                reasons[value] = reason
        if reasons and not reasons.keys().isdisjoint(distinct):
            for index, value in enumerate(raw):
                if value in reasons:
                    chunk.add_fault(index, name, reasons[value])
        return list(map(values.__getitem__, raw))

    @staticmethod
    def _read_unique(
        name: str, blank: Parsed, reader: Reader, raw: Sequence[object], chunk: Chunk
    ) -> list[object]:
        # is_blank, inlined: this runs once per cell of the file's most varied columns
        results = [
            blank if v is None or (v.__class__ is str and (not v or v.isspace())) else reader(v)
            for v in raw
        ]
        for index, (_, reason) in enumerate(results):
            if reason:
                chunk.add_fault(index, name, reason)
        return [value for value, _ in results]

    def _read_admin1(
        self,
        name: str,
        required: bool,
        country_field: str | None,
        raw: Sequence[object],
        chunk: Chunk,
    ) -> None:
        default = self._default_country(country_field)
        countries = chunk.columns.get(country_field or "") or [None] * len(raw)
        pairs = list(zip(raw, countries, strict=True))
        memo = self._admin1
        for pair in set(pairs).difference(memo):  # read each new (value, country) once
            value, country = pair
            if is_blank(value):
                memo[pair] = (None, MISSING if required else None)
            else:
                memo[pair] = read_admin1(self.corridor, value, country, default)
        results = list(map(memo.__getitem__, pairs))
        for index, (_, reason) in enumerate(results):
            if reason:
                chunk.add_fault(index, name, reason)
        chunk.columns[name] = [unit.code if unit else None for unit, _ in results]
        if country_field:  # a unit read by its other-country prefix sets the row's country
            chunk.columns[country_field] = [
                country or (unit.country if unit else None)
                for country, (unit, _) in zip(countries, results, strict=True)
            ]

    def _default_country(self, country_field: str | None) -> str:
        default = self.spec.field(country_field).default if country_field else "destination"
        return (self.corridor.origin if default == "origin" else self.corridor.destination).iso2
