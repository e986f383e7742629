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
    """The catalogue of one language, read once per process.

    The shell's texts are in `es.json` / `en.json`; each page may keep its own texts in
    `<lang>/<page>.json`. A key defined in two files is a bug and fails loudly.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
    merged: dict[str, str] = {}
    for path in [_CATALOG_DIR / f"{lang}.json", *sorted((_CATALOG_DIR / lang).glob("*.json"))]:
        with path.open(encoding="utf-8") as handle:
            texts = json.load(handle)
        if clash := sorted(set(texts) & set(merged)):
            raise ValueError(f"{path.name} defines keys already defined: {clash[:5]}")
        merged.update(texts)
    return merged


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
