"""Value parsers: tables of DATA_SPEC cases, and property tests that they never raise."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.parse import parse_choice, parse_code, parse_date, parse_int, parse_number, parse_text

D = dt.date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-03-15", D(2024, 3, 15)),
        ("15/03/2024", D(2024, 3, 15)),
        ("15-03-2024", D(2024, 3, 15)),
        ("5/3/2024", D(2024, 3, 5)),  # unpadded, day first
        ("05/03/2024", D(2024, 3, 5)),  # never read as 3 May
        ("2024-03-15 00:00:00", D(2024, 3, 15)),
        (" 15.03.2024 ", D(2024, 3, 15)),
        (dt.datetime(2024, 3, 15, 0, 0), D(2024, 3, 15)),  # an XLSX date cell
        (45352, D(2024, 3, 1)),  # an XLSX serial: 45292 is 2024-01-01, +31 Jan +29 Feb
        (45352.0, D(2024, 3, 1)),
    ],
)
def test_dates_accepted(raw, expected):
    assert parse_date(raw) == (expected, None)


@pytest.mark.parametrize(
    ("raw", "reason_part"),
    [
        ("15/03/24", "two-digit year"),
        ("31/02/2024", "not a calendar date"),
        ("45352", "serial dates are read only from XLSX"),  # a serial typed in a CSV
        ("marzo 2024", "not a date"),
        ("2024-13-01", "not a calendar date"),
        ("01/01/1850", "outside the years"),
    ],
)
def test_dates_refused_with_reason(raw, reason_part):
    value, reason = parse_date(raw)
    assert value is None
    assert reason_part in reason


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1234.5", 1234.5),
        ("1234,5", 1234.5),
        ("1,234.50", 1234.5),
        ("1.234,50", 1234.5),
        ("1.500", 1500),  # one separator + three digits = thousands
        ("1,500", 1500),
        ("1,234,567", 1234567),
        ("$1,500.25", 1500.25),
        ("Q 250", 250),
        ("MXN 278.80", 278.8),
        ("-3", -3),
        ("0,5", 0.5),
        (12.5, 12.5),
    ],
)
def test_numbers(raw, expected):
    assert parse_number(raw) == (expected, None)


@pytest.mark.parametrize("raw", ["abc", "1.2.3,4,5", "", "1,23,4", "--5", "nan"])
def test_numbers_refused(raw):
    value, reason = parse_number(raw)
    assert value is None and reason


@pytest.mark.parametrize(
    ("raw", "low", "high", "expected"),
    [
        ("25", 10, 90, (25, None)),
        ("25.0", 10, 90, (25, None)),
        (7, 10, 90, (None, "7 is below the minimum of 10")),
        ("95", 10, 90, (None, "95 is above the maximum of 90")),
        ("-1", 0, None, (None, "-1 is below the minimum of 0")),
    ],
)
def test_integers(raw, low, high, expected):
    assert parse_int(raw, low, high) == expected


def test_int_refuses_fractions():
    assert parse_int("2,5")[0] is None


def test_choice_ignores_case_and_accents():
    words = {"salida": "exit", "retorno": "return"}
    assert parse_choice(" SALIDA ", words, "direction") == ("exit", None)
    assert parse_choice("Retórno", words, "direction") == ("return", None)
    assert parse_choice("viaje", words, "direction") == (None, "unknown direction 'viaje'")


def test_text_and_codes():
    assert parse_text("  <script>alert(1)</script>  ", 100) == ("<script>alert(1)</script>", None)
    assert parse_text("a" * 11, 10)[1] == "longer than 10 characters"
    assert parse_code(" gt-rec 0012 ", 64) == ("GT-REC0012", None)
    assert parse_code("abc-123456-xy1", 64, drop_hyphens=True) == ("ABC123456XY1", None)
    assert parse_code(1234.0, 64) == ("1234", None)


_ANY_CELL = st.one_of(
    st.text(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
    st.dates(),
    st.datetimes(),
    st.booleans(),
)


@given(_ANY_CELL)
def test_parsers_never_raise(value):
    for result in (
        parse_date(value),
        parse_number(value),
        parse_int(value, 0, 10),
        parse_choice(value, {"x": "y"}, "thing"),
        parse_text(value, 20),
        parse_code(value, 20),
    ):
        parsed, reason = result
        assert (parsed is None) != (
            reason is None
        )  # a value or a reason, never both, never neither
