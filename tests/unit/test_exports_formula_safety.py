"""The one function that keeps export cells from running as formulas."""

from __future__ import annotations

import pytest

from observatory.exports.formula_safety import FORMULA_PREFIXES, inert


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1", "=", "-"],
)
def test_text_starting_like_a_formula_is_prefixed(text):
    assert inert(text) == "'" + text


def test_every_dangerous_first_character_is_covered():
    assert set(FORMULA_PREFIXES) == {"=", "+", "-", "@", "\t", "\r"}
    assert all(inert(c + "x") == "'" + c + "x" for c in FORMULA_PREFIXES)


@pytest.mark.parametrize(
    "value",
    [-1, -2.5, 0, 3, 1.0e-9, True, False, None, "", "Agencia Los Altos, S.A.", "<script>", "a=b"],
)
def test_numbers_and_harmless_text_are_untouched(value):
    assert inert(value) is value or inert(value) == value
    assert type(inert(value)) is type(value)
