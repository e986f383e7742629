"""Definitions used everywhere (DATA_SPEC "Definitions"): age groups, minors."""

from __future__ import annotations

import datetime as dt

MINOR_AGE_LIMIT = 18  # a minor is under 18 on the date of the record
AGE_MIN, AGE_MAX = 10, 90  # an age outside this range is a faulty value

# (code, first age, last age); codes are stable: they appear in URLs and the database.
AGE_GROUPS: tuple[tuple[str, int, int], ...] = (
    ("lt15", 0, 14),
    ("15-17", 15, 17),
    ("18-24", 18, 24),
    ("25-34", 25, 34),
    ("35-44", 35, 44),
    ("45-54", 45, 54),
    ("55+", 55, 200),
)
AGE_GROUP_CODES = tuple(code for code, _, _ in AGE_GROUPS)
MINOR_AGE_GROUPS = ("lt15", "15-17")


def age_group(age_years: int) -> str:
    """The age-group code of an age in whole years."""
    for code, first, last in AGE_GROUPS:
        if first <= age_years <= last:
            return code
    raise ValueError(f"age out of range: {age_years}")


def age_on(birth_date: dt.date, on: dt.date) -> int:
    """Age in whole years on a date (a birthday counts from its day)."""
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years
