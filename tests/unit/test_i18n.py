"""Translations and number/date formats: both catalogues complete, formats per language."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from observatory.i18n import (
    LANGUAGES,
    MissingTranslation,
    catalog,
    format_count,
    format_date,
    format_month,
    format_number,
    format_percent,
    normalise_language,
    plotly_separators,
    t,
)

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_catalogues_have_the_same_keys():
    assert set(catalog("es")) == set(catalog("en"))


@pytest.mark.parametrize("key", sorted(catalog("es")))
def test_translations_use_the_same_placeholders(key):
    placeholders = {lang: set(_PLACEHOLDER.findall(catalog(lang)[key])) for lang in LANGUAGES}
    assert placeholders["es"] == placeholders["en"], key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_translation_is_empty(lang):
    assert all(text.strip() for text in catalog(lang).values())


def test_t_fills_placeholders_and_fails_loudly_on_a_missing_key():
    assert t("filters.active", "es", n=3) == "3 activos"
    assert t("filters.active", "en", n=3) == "3 active"
    with pytest.raises(MissingTranslation):
        t("no.such.key", "es")


def test_unknown_language_is_refused_by_the_catalogue_and_defaulted_from_urls():
    with pytest.raises(ValueError, match="fr"):
        catalog("fr")
    assert normalise_language("EN") == "en"
    assert normalise_language("fr") == "es"
    assert normalise_language(None) == "es"


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (1234.5, "es", 1, "1.234,5"),
        (1234.5, "en", 1, "1,234.5"),
        (1234567, "es", 0, "1.234.567"),
        (1234567, "en", 0, "1,234,567"),
        (0.25, "es", 2, "0,25"),
        (999, "es", 0, "999"),
        (-1500, "en", 0, "-1,500"),
    ],
)
def test_format_number(value, lang, decimals, expected):
    assert format_number(value, lang, decimals) == expected


def test_counts_and_percentages():
    assert format_count(35000, "es") == "35.000"
    assert format_count(35000, "en") == "35,000"
    assert format_percent(12.345, "es") == "12,3\u00a0%"  # a non-breaking space before %
    assert format_percent(12.345, "en") == "12.3%"
    with pytest.raises(ValueError):
        format_number(float("nan"), "es")


def test_months_and_dates():
    assert format_month("2024-03", "es") == "mar 2024"
    assert format_month("2024-03", "en") == "Mar 2024"
    assert format_month("2024-12", "es", short=False) == "diciembre de 2024"
    assert format_month("2024-12", "en", short=False) == "December 2024"
    assert format_date(dt.date(2025, 1, 5), "es") == "5 de enero de 2025"
    assert format_date(dt.date(2025, 1, 5), "en") == "5 January 2025"


def test_plotly_separators_put_the_decimal_mark_first():
    assert plotly_separators("es") == ",."
    assert plotly_separators("en") == ".,"
