"""Value parsers: each returns (value, None) or (None, reason) and never raises."""

from __future__ import annotations

import datetime as dt
import math
import re

from observatory.text import fold

Parsed = tuple[object, str | None]
MISSING = "required value missing"

_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_ISO_DATE = re.compile(rf"^(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){_TIME}$")
_DAY_FIRST = re.compile(rf"^(\d{{1,2}})[/.\-](\d{{1,2}})[/.\-](\d{{4}}){_TIME}$")
_TWO_DIGIT_YEAR = re.compile(r"^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2}$")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's 1900 system, past its fictitious 29 Feb 1900
_FIRST_YEAR, _LAST_YEAR = 1900, 2100
_LARGEST_INT = 2**63 - 1  # SQLite's and PostgreSQL's widest integer
_CURRENCY = re.compile(r"(?i)^(?:mxn|gtq|usd|us\$|mx\$|q\.?|\$)\s*|\s*(?:mxn|gtq|usd)$")
_ONE_SEPARATOR = re.compile(r"^(\d+)[.,](\d+)$")
_GROUPED = re.compile(r"^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$")  # 1.500 / 1,234,567
_GROUPED_DECIMAL = re.compile(r"^\d{1,3}(?:([.,])\d{3})*(?!\1)([.,])\d+$")  # 1.234,50 / 1,234.5


def is_blank(value: object) -> bool:
    """True for a missing cell: None, or text that is only white space."""
    return value is None or (isinstance(value, str) and not value.strip())


def row_is_blank(values: list[object]) -> bool:
    """True for a row whose every cell is blank (a loop that stops at the first value)."""
    for value in values:
        if value is not None and (not isinstance(value, str) or value.strip()):
            return False
    return True


def parse_date(value: object) -> Parsed:
    """ISO or day-first dates (a time of day is dropped); Excel serials only from XLSX cells.

    Text comes from CSV or XLSX text cells; int/float only from XLSX numeric cells.
    """
    if isinstance(value, dt.datetime):
        return _checked_date(value.date())
    if isinstance(value, dt.date):
        return _checked_date(value)
    if isinstance(value, bool):
        return None, "not a date"
    if isinstance(value, (int, float)):
        return _excel_serial(value)
    text = str(value).strip()
    if match := _ISO_DATE.match(text):
        year, month, day = match.groups()
    elif match := _DAY_FIRST.match(text):
        day, month, year = match.groups()
    elif _TWO_DIGIT_YEAR.match(text):
        return (
            None,
            f"two-digit year in {text!r}: the century would be a guess; write the year in full",
        )
    elif _PLAIN_NUMBER.match(text):
        return (
            None,
            f"{text!r} is a number, not a date (serial dates are read only from XLSX cells)",
        )
    else:
        return None, f"{text!r} is not a date (expected 15/03/2024 or 2024-03-15)"
    try:
        return _checked_date(dt.date(int(year), int(month), int(day)))
    except ValueError:
        return None, f"{text!r} is not a calendar date"


def _checked_date(date: dt.date) -> Parsed:
    if not _FIRST_YEAR <= date.year <= _LAST_YEAR:
        return None, f"{date.isoformat()} is outside the years {_FIRST_YEAR}-{_LAST_YEAR}"
    return date, None


def _excel_serial(serial: float) -> Parsed:
    # compared, not converted: nan fails both bounds, and a huge int (an XLSX <v> of 400
    # digits) would overflow a float
    if not 61 <= serial <= 2958465:
        return None, f"{serial!r} is not an Excel date"
    return _checked_date(_EXCEL_EPOCH + dt.timedelta(days=int(serial)))


def parse_number(value: object) -> Parsed:
    """A number written `1234.5`, `1234,5`, `1,234.50`, `1.234,50`, with or without currency.

    One separator followed by exactly three digits marks thousands (`1.500` is 1500).
    """
    if isinstance(value, bool):
        return None, "not a number"
    if isinstance(value, int):  # an XLSX cell may hold any number of digits
        return _storable(value, value)
    if isinstance(value, float):
        return (value, None) if math.isfinite(value) else (None, f"{value!r} is not a number")
    text = _CURRENCY.sub("", str(value).strip()).replace(" ", "").replace("\u00a0", "")
    sign, digits = (-1, text[1:]) if text.startswith("-") else (1, text.removeprefix("+"))
    if not digits or len(digits) > 40:
        return None, f"{value!r} is not a number"
    if digits.isascii() and digits.isdigit():
        return _storable(sign * int(digits), value)
    if match := _ONE_SEPARATOR.match(digits):
        whole, fraction = match.groups()
        if len(fraction) == 3 and len(whole) <= 3:
            return sign * int(whole + fraction), None  # 1.500 and 1,500 are fifteen hundred
        return sign * float(f"{whole}.{fraction}"), None
    if _GROUPED.match(digits):
        return _storable(sign * int(re.sub(r"[.,]", "", digits)), value)
    if match := _GROUPED_DECIMAL.match(digits):
        whole, fraction = digits.rsplit(match.group(2), 1)
        return sign * float(f"{re.sub(r'[.,]', '', whole)}.{fraction}"), None
    return None, f"{value!r} is not a number"


def _storable(number: int, value: object) -> Parsed:
    """An integer the databases can store (64 bits); a wider one is no real count or amount."""
    if -_LARGEST_INT <= number <= _LARGEST_INT:
        return number, None
    return None, f"{value!r} is too large a number"


def parse_int(value: object, low: int | None = None, high: int | None = None) -> Parsed:
    """A whole number, optionally within [low, high]."""
    number, reason = parse_number(value)
    if reason:
        return None, reason
    if isinstance(number, float):
        if not number.is_integer():
            return None, f"{value!r} is not a whole number"
        number, reason = _storable(int(number), value)
        if reason:
            return None, reason
    if low is not None and number < low:
        return None, f"{number} is below the minimum of {low}"
    if high is not None and number > high:
        return None, f"{number} is above the maximum of {high}"
    return number, None


def as_text(value: object) -> str:
    """A cell as text: XLSX numbers without a spurious `.0`, dates in ISO form."""
    if value.__class__ is str:
        return value.strip()  # type: ignore[union-attr]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value).strip()


def parse_bounded(
    value: object, low: float | None, high: float | None, low_exclusive: bool = False
) -> Parsed:
    """A number within bounds (a wage above 0, hours from 1 to 120, a fee of 0 or more)."""
    number, reason = parse_number(value)
    if reason:
        return None, reason
    if low is not None and (number < low or (low_exclusive and number == low)):
        relation = "above" if low_exclusive else "at least"
        return None, f"{number} must be {relation} {low:g}"
    if high is not None and number > high:
        return None, f"{number} is above the maximum of {high:g}"
    return number, None


def parse_choice(value: object, vocabulary: dict[str, str], what: str) -> Parsed:
    """A coded value looked up, case- and accent-insensitively, in {folded alias: code}."""
    text = as_text(value)
    key = fold(text)
    if key in vocabulary:
        return vocabulary[key], None
    return None, f"unknown {what} {text!r}"


def parse_text(value: object, max_length: int) -> Parsed:
    """Free text, trimmed and with inner white space collapsed; never interpreted."""
    text = " ".join(as_text(value).split())
    if len(text) > max_length:
        return None, f"longer than {max_length} characters"
    return text, None


def parse_code(value: object, max_length: int, drop_hyphens: bool = False) -> Parsed:
    """An identifier-like code (licence, tax ID): upper-cased, white space (and hyphens) out."""
    code = re.sub(r"[\s\-]+" if drop_hyphens else r"\s+", "", as_text(value)).upper()
    if len(code) > max_length:
        return None, f"longer than {max_length} characters"
    return code, None
