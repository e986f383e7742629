"""Small conversions shared by the computations: database values to table cells."""

from __future__ import annotations

import datetime as dt

import pandas as pd


def as_date(value: object) -> dt.date | None:
    """A date from what a driver returns for a DATE or TIMESTAMP (date, datetime or ISO text)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def text_or_none(value: object) -> str | None:
    """A text cell: None stays None, a date is written ISO, anything else as str()."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def unsuppressed(table: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """A table that disclosure control does not apply to (file rows, public register data)."""
    table["suppressed"] = pd.Series([False] * len(table), dtype=bool)
    return table, 0
