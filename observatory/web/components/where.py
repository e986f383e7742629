"""Chart titles that also name the recruiter filter's licences (describe_where names the rest)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from observatory.i18n import t
from observatory.web.components.describe import describe_when, describe_where

if TYPE_CHECKING:
    from observatory.corridor import Corridor
    from observatory.filters import Filter


def describe_selection(flt: Filter, corridor: Corridor, lang: str) -> str:
    """describe_where's words, with "reclutador GT-REC-0101" when licences are chosen."""
    others = dataclasses.replace(flt, recruiter=())
    where = describe_where(others, corridor, lang)
    if not flt.recruiter:
        return where
    licences = t("where.recruiter", lang, names=", ".join(flt.recruiter))
    chosen = dataclasses.replace(others, period_start=None, period_end=None)
    return licences if chosen.is_empty() else f"{where}, {licences}"


def selection_title(
    key: str, flt: Filter, corridor: Corridor, lang: str, span: tuple[str | None, str | None]
) -> str:
    """Like describe.chart_title, naming the recruiter filter too."""
    where = describe_selection(flt, corridor, lang)
    return t(key, lang, where=where, when=describe_when(*span, lang))
