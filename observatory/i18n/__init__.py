"""Translations (es, en) through one `t(key, lang)` and number/date formats per language."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from observatory.i18n.formatting import (
    format_count,
    format_date,
    format_month,
    format_number,
    format_percent,
    month_name,
    plotly_separators,
)

LANGUAGES: tuple[str, ...] = ("es", "en")
DEFAULT_LANGUAGE = "es"
_CATALOG_DIR = Path(__file__).parent

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "MissingTranslation",
    "catalog",
    "format_count",
    "format_date",
    "format_month",
    "format_number",
    "format_percent",
    "month_name",
    "normalise_language",
    "plotly_separators",
    "t",
]


class MissingTranslation(KeyError):
    """A key absent from a catalogue: a bug, so it fails loudly instead of showing the key."""


@cache
def catalog(lang: str) -> dict[str, str]:
    """The catalogue of one language (`es.json` / `en.json`), read once per process."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
    with (_CATALOG_DIR / f"{lang}.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def normalise_language(value: object) -> str:
    """The language code for a URL value: "es" or "en"; anything else gives the default."""
    if isinstance(value, str) and value.strip().lower() in LANGUAGES:
        return value.strip().lower()
    return DEFAULT_LANGUAGE


def t(key: str, lang: str, **params: object) -> str:
    """The text of `key` in `lang`, with `{name}` placeholders filled from `params`."""
    try:
        text = catalog(lang)[key]
    except KeyError as missing:
        raise MissingTranslation(f"no {lang!r} translation for {key!r}") from missing
    return text.format(**params) if params else text
