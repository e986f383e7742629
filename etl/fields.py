"""Field readers: a source field's type bound to the corridor and to the file's own codings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from etl import parse
from etl.parse import Parsed, as_text
from etl.pseudonymize import Pseudonymizer
from etl.sources import FieldSpec, sex_vocabulary, vocabulary, yes_no_words
from observatory.corridor import Corridor
from observatory.text import fold

Reader = Callable[[object], Parsed]


@dataclass(frozen=True)
class FileCodings:
    """Codings decided per file, after reading a whole column (DATA_SPEC "Coded values")."""

    spanish_sex: bool = False  # `M` means mujer
    x_marked: frozenset[str] = frozenset()  # yes/no fields holding only `x`: empty means no


def decide_codings(
    column_values: Mapping[str, set[str]], sex_coding: str | None, yes_no_fields: Iterable[str]
) -> FileCodings:
    """The file's codings from the whole columns' distinct values.

    Sex: Spanish coding when asked (`es`), or when any H/Hombre appears in the column.
    Yes/no: a column with only `x` marks (and empty cells) reads an empty cell as no.
    """
    _, _, markers = sex_vocabulary()
    sex_values = column_values.get("sex", set())
    if sex_coding in ("es", "en"):
        spanish = sex_coding == "es"
    else:
        spanish = any(fold(v) in markers for v in sex_values)
    _, marks = yes_no_words()
    x_marked = frozenset(
        name
        for name in yes_no_fields
        if (values := {fold(v) for v in column_values.get(name, set())}) and values <= marks
    )
    return FileCodings(spanish_sex=spanish, x_marked=x_marked)


def blank_value(field: FieldSpec, codings: FileCodings) -> object:
    """What an empty cell of `field` means: unknown (None), or no in an x-marked column."""
    return False if field.name in codings.x_marked else None


def make_reader(
    field: FieldSpec, corridor: Corridor, codings: FileCodings, pseudonymizer: Pseudonymizer
) -> Reader:
    """A function reading one non-blank raw value of `field`: (value, None) or (None, reason).

    A municipality or a sector list with nothing in it but separators (`-`, `;`) reads as
    an empty cell would: (None, None). Admin-1 fields are read by `read_admin1`, which also
    needs the row's country.
    """
    kind = field.type
    if kind == "text":
        return lambda v: parse.parse_text(v, field.max_length)
    if kind == "code":
        return lambda v: parse.parse_code(v, field.max_length)
    if kind == "tax_id":
        return lambda v: parse.parse_code(v, field.max_length, drop_hyphens=True)
    if kind == "date":
        return parse.parse_date
    if kind == "int":
        return lambda v: parse.parse_int(v, field.min, field.max)
    if kind == "number":
        return lambda v: parse.parse_bounded(v, field.min, field.max, field.min_exclusive)
    if kind == "yes_no":
        words, _ = yes_no_words()
        what = field.name.replace("_", " ")
        return lambda v: parse.parse_choice(v, words, f"yes/no value for {what}")
    if kind == "sectors":
        return lambda v: _sector_list(corridor, v)
    if kind == "choice":
        words = vocabulary(field.vocabulary or field.name)
        what = field.name.replace("_", " ")
        return lambda v: parse.parse_choice(v, words, what)
    if kind == "sex":
        return _sex_reader(codings)
    if kind == "person_id":
        return pseudonymizer.read
    if kind == "municipality":
        return lambda v: _municipality(v, field.max_length)
    if kind == "border_point":
        return lambda v: _found(corridor.border_point(as_text(v)), "border point", v, "code")
    if kind == "sector":
        return lambda v: _found(corridor.sector(as_text(v)), "sector", v, "code")
    if kind == "country":
        return lambda v: _found(corridor.country(as_text(v)), "country", v, "iso2")
    raise ValueError(f"field {field.name}: unknown type {kind!r}")


def _sector_list(corridor: Corridor, value: object) -> Parsed:
    """Sector codes or names separated by `;` (or `,`), stored as sorted codes joined by `;`."""
    codes = set()
    for part in as_text(value).replace(",", ";").split(";"):
        if not part.strip():
            continue
        sector = corridor.sector(part.strip())
        if sector is None:
            return None, f"unknown sector {part.strip()!r}"
        codes.add(sector.code)
    return ";".join(sorted(codes)) or None, None


def _municipality(value: object, max_length: int) -> Parsed:
    """Folded free text; a placeholder with no letter or digit (`-`, `.`) is an empty cell."""
    folded = fold(as_text(value))
    return parse.parse_text(folded, max_length) if folded else (None, None)


def _found(item: object, what: str, raw: object, attribute: str) -> Parsed:
    if item is None:
        return None, f"unknown {what} {as_text(raw)!r}"
    return getattr(item, attribute), None


def _sex_reader(codings: FileCodings) -> Reader:
    words, ambiguous, _ = sex_vocabulary()
    m_means = "F" if codings.spanish_sex else "M"

    def read(value: object) -> Parsed:
        key = fold(as_text(value))
        if key in ambiguous:
            return m_means, None
        if key in words:
            return words[key], None
        return None, f"unknown sex {as_text(value)!r} (expected M/F, H/M, Hombre/Mujer)"

    return read


def read_admin1(corridor: Corridor, value: object, country: str | None, default: str) -> Parsed:
    """An admin-1 unit (the AdminUnit itself) read against the row's country.

    With no country in the row, the value is read against `default`, unless it carries the
    other country's ISO prefix (`GT-12` in a destination field); a unit of another country
    than one the row states is a fault.
    """
    unit = corridor.admin1_unit(as_text(value), country or default)
    if unit is None:
        return None, f"unknown admin-1 unit {as_text(value)!r} in {country or default}"
    if country and unit.country != country:
        return None, f"{as_text(value)!r} is in {unit.country}, but the row's country is {country}"
    return unit, None
