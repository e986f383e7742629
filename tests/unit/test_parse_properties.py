"""Property tests of the field readers: every field of every source, bound to the corridor.

tests/unit/test_parse.py covers the plain parsers of etl.parse. Here each reader that
`etl.fields.make_reader` builds (and `read_admin1`) gets any cell a CSV or an XLSX can
give, and more: text with any unicode and control characters, very long strings, numbers,
floats with nan and infinities, dates, datetimes, None and booleans. A reader must never
raise, must return a value or a reason (never both, never neither), and a value it returns
must be of the field's type and within the field's bounds.
"""

from __future__ import annotations

import datetime as dt
import math
import string

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from etl.fields import FileCodings, make_reader, read_admin1
from etl.parse import as_text
from etl.pseudonymize import Pseudonymizer
from etl.sources import SOURCE_KINDS, FieldSpec, source_rules, source_spec, vocabulary
from observatory.corridor import AdminUnit, load_corridor
from observatory.db.schema import Base
from observatory.text import fold

CORRIDOR = load_corridor("gt_mx")
PSEUDONYMIZER = Pseudonymizer(b"x" * 16)
CODINGS = (
    FileCodings(),
    FileCodings(spanish_sex=True),
    # every yes/no field of every source x-marked: the reader is the same, the file differs
    FileCodings(x_marked=frozenset({f.name for k in SOURCE_KINDS for f in source_spec(k).fields})),
)
SECTOR_CODES = {sector.code for sector in CORRIDOR.sectors}
BORDER_CODES = {point.code for point in CORRIDOR.border_points}
COUNTRY_CODES = {country.iso2 for country in CORRIDOR.countries()}
HEX = frozenset("0123456789abcdef")

# Every field read by make_reader, as (source kind, field); admin-1 fields go by read_admin1.
READ_FIELDS = [
    (kind, spec)
    for kind in SOURCE_KINDS
    for spec in source_spec(kind).fields
    if spec.type != "admin1"
]
ADMIN1_FIELDS = [
    (kind, spec)
    for kind in SOURCE_KINDS
    for spec in source_spec(kind).fields
    if spec.type == "admin1"
]
EXPECTED_TYPES = {
    "date", "int", "number", "choice", "yes_no", "sex", "person_id", "municipality",
    "border_point", "sector", "sectors", "country", "code", "tax_id", "text",
}  # fmt: skip
EXPECTED_VOCABULARIES = {
    "direction", "document_type", "language", "recruiter_status", "recruiter_kind",
    "wage_period", "currency",
}  # fmt: skip

# Spellings the readers know, so that the examples also reach the paths that accept.
_KNOWN = sorted(
    {
        *(s.label_es for s in CORRIDOR.sectors),
        *SECTOR_CODES,
        *(p.name_origin for p in CORRIDOR.border_points),
        *(p.name_destination for p in CORRIDOR.border_points),
        *(u.name for u in CORRIDOR.admin1),
        *(u.code for u in CORRIDOR.admin1),
        *(u.stats_code for u in CORRIDOR.admin1),
        *COUNTRY_CODES,
        "Guatemala", "México", "H", "M", "F", "Hombre", "Mujer", "x", "sí", "no",
        *(word for name in EXPECTED_VOCABULARIES for word in vocabulary(name)),
    }
)  # fmt: skip
_LIKELY_TEXT = st.one_of(
    st.sampled_from(_KNOWN),
    st.builds(
        lambda word, case, pad: pad + (word.upper() if case else word) + pad,
        st.sampled_from(_KNOWN),
        st.booleans(),
        st.sampled_from(["", " ", "\t", "\u00a0"]),
    ),
    st.from_regex(r"\A[+-]?[$Q]?\s?\d{1,7}([.,]\d{1,4}){0,3}\s?(MXN|GTQ)?\Z"),  # numbers
    st.from_regex(r"\A\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}( \d{1,2}:\d{2}(:\d{2})?)?\Z"),  # dates
    st.from_regex(r"\A[A-Za-z]{0,3}[\d \-]{1,20}\Z"),  # IDs and licences
    st.lists(st.sampled_from([*_KNOWN, "", " ", "Narnia"]), max_size=4).map(";".join),
)
_CONTROL = st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Zl"]))
ANY_CELL = st.one_of(
    st.text(),  # any unicode, surrogates aside (no decoded file holds one)
    _CONTROL,
    _LIKELY_TEXT,
    st.text(alphabet=string.printable, min_size=1, max_size=20).map(lambda s: s * 500),  # long
    st.integers(),
    st.integers(min_value=-(10**60), max_value=10**60),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
    st.none(),
    st.booleans(),
)


def _id(item: tuple[str, FieldSpec]) -> str:
    return f"{item[0]}.{item[1].name}"


def test_the_tests_cover_every_field_type_and_vocabulary():
    """A new field type or vocabulary in a source must be added here, with its checks."""
    types = {spec.type for _, spec in READ_FIELDS}
    assert types == EXPECTED_TYPES
    assert {spec.vocabulary for _, spec in READ_FIELDS if spec.type == "choice"} == (
        EXPECTED_VOCABULARIES
    )
    assert ADMIN1_FIELDS  # origin, destination, worksite and the registry's seat


def _check_value(spec: FieldSpec, raw: object, value: object) -> None:
    """A value accepted by a reader is of the field's type and within its bounds."""
    kind = spec.type
    if kind == "date":
        assert type(value) is dt.date and 1900 <= value.year <= 2100
    elif kind in ("int", "number"):
        assert isinstance(value, int | float) and not isinstance(value, bool)
        assert math.isfinite(value)
        if kind == "int":
            assert isinstance(value, int)
        if spec.min is not None:
            assert value > spec.min if spec.min_exclusive else value >= spec.min
        if spec.max is not None:
            assert value <= spec.max
    elif kind == "choice":
        assert value in set(vocabulary(spec.vocabulary or spec.name).values())
    elif kind == "yes_no":
        assert value is True or value is False
    elif kind == "sex":
        assert value in ("M", "F")
    elif kind == "person_id":
        assert isinstance(value, str) and len(value) == 64 and set(value) <= HEX
    elif kind == "border_point":
        assert value in BORDER_CODES
    elif kind == "sector":
        assert value in SECTOR_CODES
    elif kind == "sectors":
        codes = value.split(";")
        assert set(codes) <= SECTOR_CODES and codes == sorted(set(codes))
    elif kind == "country":
        assert value in COUNTRY_CODES
    elif kind in ("code", "tax_id"):
        assert isinstance(value, str) and len(value) <= spec.max_length
        assert value == value.upper() and not any(ch.isspace() for ch in value)
        if kind == "tax_id":
            assert "-" not in value
    elif kind in ("text", "municipality"):
        assert isinstance(value, str) and len(value) <= spec.max_length
        assert value == " ".join(value.split())  # trimmed, inner white space collapsed
    else:  # pragma: no cover - test_the_tests_cover_every_field_type_and_vocabulary
        raise AssertionError(f"no checks for field type {kind!r}")


@pytest.mark.parametrize("item", READ_FIELDS, ids=_id)
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=ANY_CELL, codings=st.sampled_from(CODINGS))
@example(raw=float("nan"), codings=CODINGS[0])
@example(raw=float("-inf"), codings=CODINGS[0])
@example(raw=True, codings=CODINGS[0])
@example(raw=None, codings=CODINGS[0])
@example(raw="\x00\x1f\u2028\ufeff", codings=CODINGS[0])
@example(raw=";", codings=CODINGS[0])
@example(raw=" - ", codings=CODINGS[0])
@example(raw="٣٤٥٦", codings=CODINGS[0])  # Arabic-Indic digits
@example(raw="9" * 400, codings=CODINGS[0])
@example(raw=dt.datetime(1, 1, 1), codings=CODINGS[0])
@example(raw=10**400, codings=CODINGS[0])
def test_every_field_reader_returns_a_value_or_a_reason(item, raw, codings):
    _, spec = item
    reader = make_reader(spec, CORRIDOR, codings, PSEUDONYMIZER)
    result = reader(raw)
    assert isinstance(result, tuple) and len(result) == 2
    value, reason = result
    if reason is None and value is None:
        # The one (None, None): a municipality or a sector list holding only separators
        # (`-`, `;`) is an empty cell, so that it never overwrites a stored value.
        assert spec.type in ("municipality", "sectors"), f"{spec.name}: nothing for {raw!r}"
        assert not fold(as_text(raw).replace(";", " ").replace(",", " "))
    elif reason is None:
        _check_value(spec, raw, value)
    else:
        assert value is None, f"{spec.name}: both a value and a reason for {raw!r}"
        assert isinstance(reason, str) and reason.strip()
        if spec.type == "person_id":  # a reason never repeats a personal identifier
            shown = str(raw).strip()
            assert len(shown) < 4 or shown not in reason


@pytest.mark.parametrize("item", ADMIN1_FIELDS, ids=_id)
@settings(max_examples=150, deadline=None)
@given(
    raw=ANY_CELL,
    country=st.sampled_from([None, *sorted(COUNTRY_CODES)]),
    default=st.sampled_from(sorted(COUNTRY_CODES)),
)
@example(raw="GT-12", country="MX", default="MX")
@example(raw="07", country=None, default="MX")
@example(raw=7.0, country=None, default="MX")
@example(raw=float("nan"), country=None, default="GT")
def test_admin1_reader_returns_a_unit_of_the_right_country_or_a_reason(item, raw, country, default):
    value, reason = read_admin1(CORRIDOR, raw, country, default)
    if reason is None:
        assert isinstance(value, AdminUnit) and value in CORRIDOR.admin1
        if country is not None:  # a unit of another country than the row states is a fault
            assert value.country == country
    else:
        assert value is None
        assert isinstance(reason, str) and reason.strip()


@given(word=st.sampled_from(sorted(vocabulary("wage_period"))), case=st.booleans())
def test_known_spellings_are_accepted_whatever_their_case(word, case):
    """The generator's known spellings do reach the accepting path (a check of the test)."""
    spec = source_spec("contracts").field("wage_period")
    reader = make_reader(spec, CORRIDOR, FileCodings(), PSEUDONYMIZER)
    value, reason = reader(word.upper() if case else word)
    assert reason is None and value == vocabulary("wage_period")[word]


@pytest.mark.parametrize("kind", SOURCE_KINDS)
def test_accepted_text_fits_its_column(kind):
    """A text a reader accepts is at most max_length long: the column must hold that much.

    (PostgreSQL refuses a longer value and the whole file fails; SQLite would take it.)
    """
    spec, rules = source_spec(kind), source_rules(kind)
    table = Base.metadata.tables[spec.table]
    names = {field.name for field in spec.fields}
    for column, field_name in rules.COLUMNS:
        if field_name not in names:
            continue  # derived columns
        field = spec.field(field_name)
        width = getattr(table.c[column].type, "length", None)
        if field.type in ("text", "code", "tax_id", "municipality") and width is not None:
            assert field.max_length <= width, f"{kind}.{field.name} -> {spec.table}.{column}"
