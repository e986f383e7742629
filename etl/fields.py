"""Field readers: a source field's type bound to the corridor and to the file's own codings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from etl import parse
from etl.parse import Parsed, as_text
from etl.pseudonymize import Pseudonymizer
from etl.sources import FieldSpec, sex_vocabulary, vocabulary
from observatory.corridor import Corridor
from observatory.text import fold

Reader = Callable[[object], Parsed]


@dataclass(frozen=True)
class FileCodings:
    """Codings decided per file, after reading a whole column (DATA_SPEC "Coded values")."""

    spanish_sex: bool = False  # `M` means mujer


def decide_codings(sex_values: set[str], sex_coding: str | None) -> FileCodings:
    """Spanish sex coding when asked (`es`), or when any H/Hombre appears in the column."""
    if sex_coding in ("es", "en"):
        return FileCodings(spanish_sex=sex_coding == "es")
    _, _, markers = sex_vocabulary()
    return FileCodings(spanish_sex=any(fold(v) in markers for v in sex_values))


def make_reader(
    field: FieldSpec, corridor: Corridor, codings: FileCodings, pseudonymizer: Pseudonymizer
) -> Reader:
    """A function reading one non-blank raw value of `field`: (value, None) or (None, reason).

    Admin-1 fields are read by `read_admin1`, which also needs the row's country.
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
        return parse.parse_number
    if kind == "choice":
        words = vocabulary(field.vocabulary or field.name)
        what = field.name.replace("_", " ")
        return lambda v: parse.parse_choice(v, words, what)
    if kind == "sex":
        return _sex_reader(codings)
    if kind == "person_id":
        return pseudonymizer.read
    if kind == "municipality":
        return lambda v: parse.parse_text(fold(as_text(v)), field.max_length)
    if kind == "border_point":
        return lambda v: _found(corridor.border_point(as_text(v)), "border point", v, "code")
    if kind == "sector":
        return lambda v: _found(corridor.sector(as_text(v)), "sector", v, "code")
    if kind == "country":
        return lambda v: _found(corridor.country(as_text(v)), "country", v, "iso2")
    raise ValueError(f"field {field.name}: unknown type {kind!r}")


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
