"""Text normalisation shared by every matcher: case, accents and separators do not count."""

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
