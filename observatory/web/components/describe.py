"""Plain-language "where" and "when" of a selection, for chart titles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from observatory.i18n import format_month, t
from observatory.web.components.common import (
    border_point_name,
    country_name,
    sector_name,
    unit_name,
)

if TYPE_CHECKING:
    from observatory.corridor import Corridor
    from observatory.filters import Filter


def describe_where(flt: Filter, corridor: Corridor, lang: str) -> str:
    """The selection in words: "desde San Marcos, hacia Chiapas, mujeres, café"."""
    parts: list[str] = []
    if flt.origin:
        names = ", ".join(unit_name(corridor, code) for code in flt.origin)
        parts.append(t("where.from", lang, names=names))
    if flt.destination:
        names = ", ".join(unit_name(corridor, code) for code in flt.destination)
        parts.append(t("where.to", lang, names=names))
    if flt.border_point:
        names = ", ".join(border_point_name(corridor, code) for code in flt.border_point)
        parts.append(t("where.via", lang, names=names))
    parts.extend(t(f"sex.{code}", lang).lower() for code in flt.sex)
    parts.extend(t(f"age.{code}", lang) for code in flt.age_group)
    parts.extend(sector_name(corridor, code, lang).lower() for code in flt.sector)
    parts.extend(t(f"direction.{code}", lang).lower() for code in flt.direction)
    if flt.recruiter:
        parts.append(t("where.recruiter", lang, names=", ".join(flt.recruiter)))
    if not parts:
        return t(
            "where.all",
            lang,
            origin=country_name(corridor.origin, lang),
            destination=country_name(corridor.destination, lang),
        )
    return ", ".join(parts)


def describe_when(first_month: str | None, last_month: str | None, lang: str) -> str:
    """The months a result covers, "ene 2024 – dic 2025" ("sin registros" when none)."""
    if not first_month or not last_month:
        return t("when.empty", lang)
    if first_month == last_month:
        return format_month(first_month, lang)
    return t(
        "when.range",
        lang,
        start=format_month(first_month, lang),
        end=format_month(last_month, lang),
    )


def chart_title(
    key: str, flt: Filter, corridor: Corridor, lang: str, span: tuple[str | None, str | None]
) -> str:
    """A chart title from catalogue `key`, filled with the selection's where and when."""
    where = describe_where(flt, corridor, lang)
    return t(key, lang, where=where, when=describe_when(*span, lang))
