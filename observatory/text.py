"""Text helpers shared across the project: folding for matchers (case, accents and
separators do not count) and word wrapping for labels drawn in charts."""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s_\-.]+")


def fold(value: str) -> str:
    """Lower-case, strip accents and collapse runs of space, `_`, `-` and `.` into one space.

    `"Quetzaltenango"`, `" QUETZALTENANGO "` and `"quetzaltenángo"` fold to the same key,
    so do `"Fecha_de-Registro"` and `"fecha de registro"`.
    """
    decomposed = unicodedata.normalize("NFKD", value)
    no_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", no_accents.casefold()).strip()


def wrap_words(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` characters, broken between words (a longer word
    keeps a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines
