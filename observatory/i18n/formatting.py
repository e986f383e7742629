"""Number, percentage, month and date formats for each language (no locale database needed)."""

from __future__ import annotations

import datetime as dt
import math

# (decimal mark, thousands separator). Spanish follows the convention `1.234,5`;
# Guatemala and Mexico often write `1,234.5`, which is a one-line change here.
_SEPARATORS: dict[str, tuple[str, str]] = {"es": (",", "."), "en": (".", ",")}

_MONTHS_LONG: dict[str, tuple[str, ...]] = {
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
_MONTHS_SHORT: dict[str, tuple[str, ...]] = {
    "es": ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
# Spanish puts a (non-breaking) space before %, English does not.
_PERCENT_SUFFIX: dict[str, str] = {"es": "\u00a0%", "en": "%"}


def _separators(lang: str) -> tuple[str, str]:
    try:
        return _SEPARATORS[lang]
    except KeyError:
        raise ValueError(f"unknown language {lang!r}") from None


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """`1234.5` → "1.234,5" (es) or "1,234.5" (en), rounded to `decimals` places."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise ValueError("cannot format a missing value; show a suppression mark instead")
    decimal_mark, thousands = _separators(lang)
    # Python's own grouping uses "," and "."; swap them through a placeholder.
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", decimal_mark).replace("\0", thousands)


def format_count(value: int, lang: str) -> str:
    """A whole count with thousands separators: 35000 → "35.000" (es) / "35,000" (en)."""
    return format_number(int(value), lang, 0)


def format_percent(value: float, lang: str, decimals: int = 1) -> str:
    """A percentage already in 0–100: 12.5 → "12,5 %" (es) / "12.5%" (en)."""
    return format_number(value, lang, decimals) + _PERCENT_SUFFIX[lang]


def month_name(month: int, lang: str, short: bool = False) -> str:
    """The name of month 1–12 in `lang` ("mar" / "Mar" when short)."""
    names = _MONTHS_SHORT if short else _MONTHS_LONG
    _separators(lang)
    return names[lang][month - 1]


def format_month(period_month: str, lang: str, short: bool = True) -> str:
    """Month label: "2024-03" → "mar 2024" (short) or "marzo de 2024" / "March 2024"."""
    year_text, month_text = period_month.split("-")
    name = month_name(int(month_text), lang, short=short)
    if lang == "es" and not short:
        return f"{name} de {year_text}"
    return f"{name} {year_text}"


def format_date(value: dt.date, lang: str) -> str:
    """A day in words: "15 de marzo de 2024" (es) / "15 March 2024" (en)."""
    name = month_name(value.month, lang)
    if lang == "es":
        return f"{value.day} de {name} de {value.year}"
    return f"{value.day} {name} {value.year}"


def plotly_separators(lang: str) -> str:
    """Plotly's `layout.separators`: the decimal mark then the thousands separator."""
    decimal_mark, thousands = _separators(lang)
    return decimal_mark + thousands
