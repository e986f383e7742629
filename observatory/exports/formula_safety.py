"""Text that a spreadsheet would run as a formula, made inert (CSV/formula injection)."""

from __future__ import annotations

# Excel, LibreOffice and Google Sheets start a formula (or a DDE call) with any of these;
# tab and carriage return let one hide behind leading white space.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def inert(value: object) -> object:
    """`value`, with a text that starts like a formula prefixed by `'` so it stays text.

    Only text changes: a number (even a negative one), a boolean or None is returned as
    it is, so exports keep their numbers numeric.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
