"""What an export says about its numbers: indicator, filters, source batches, suppression."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from observatory import __version__
from observatory.filters import Filter

if TYPE_CHECKING:
    from observatory.corridor import Corridor
    from observatory.indicators.registry import IndicatorResult

_LABELS = Path(__file__).with_name("labels.json")
# The source kinds an indicator's `source` text may name ("registration (border_office
# loads)"); a source naming none of them (the load log) draws on every kind.
SOURCE_KINDS = ("border_office", "recruiter_registry", "contracts")
BATCH_FIELDS = (
    "id",
    "source_kind",
    "file_name",
    "sha256",
    "started_at",
    "finished_at",
    "rows_loaded",
    "rows_updated",
)


@cache
def _labels() -> dict[str, dict[str, dict[str, str]]]:
    return json.loads(_LABELS.read_text(encoding="utf-8"))


def label(key: str, lang: str) -> str:
    """A metadata label in `lang` ("es" or "en")."""
    return _labels()[_lang(lang)]["metadata"][key]


def column_label(column: str, lang: str) -> str:
    """A readable header for a result column; an unlabelled one shows its id."""
    return _labels()[_lang(lang)]["columns"].get(column, column)


def labelled_columns(lang: str) -> frozenset[str]:
    """The column ids that have a readable header (a test checks every indicator's)."""
    return frozenset(_labels()[_lang(lang)]["columns"])


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "es"


def source_kinds(source: str) -> tuple[str, ...]:
    """The source kinds whose loads an indicator's numbers come from."""
    return tuple(kind for kind in SOURCE_KINDS if kind in source) or SOURCE_KINDS


@dataclass(frozen=True)
class ExportContext:
    """Everything an export states besides the result: language, lineage, time, threshold."""

    corridor: Corridor
    min_cell: int
    lang: str = "es"
    batches: tuple[dict, ...] = ()  # rows of lineage_queries.loaded_batches
    extracted_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))


def _iso(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat()
    return value


def filter_in_words(flt: Filter, corridor: Corridor, lang: str) -> str:
    """The filter as a sentence of `param: values`, codes named ("Sexo: mujeres; ...")."""
    if flt.is_empty():
        return label("no_filter", lang)
    parts = []
    for param, raw in flt.to_query().items():
        names = [_value_name(param, code, corridor, lang) for code in raw.split(",")]
        parts.append(f"{label('param.' + param, lang)}: {', '.join(names)}")
    return "; ".join(parts)


def _value_name(param: str, code: str, corridor: Corridor, lang: str) -> str:
    if param in ("sex", "direction"):
        return label(f"value.{code}", lang)
    if param == "sector" and (sector := corridor.sector(code)) is not None:
        return sector.label_en if lang == "en" else sector.label_es
    if param == "border" and (point := corridor.border_point(code)) is not None:
        return point.name_origin
    if param in ("origin", "destination"):
        unit = next((u for u in corridor.admin1 if u.code == code), None)
        return f"{unit.name} ({code})" if unit is not None else code
    return code


def corridor_name(corridor: Corridor, lang: str) -> str:
    """ "GT-MX: Guatemala → México"."""
    names = [c.name_en if lang == "en" else c.name_es for c in corridor.countries()]
    return f"{corridor.code}: {names[0]} → {names[1]}"


def describe(result: IndicatorResult, context: ExportContext) -> dict[str, Any]:
    """The metadata of one export as plain values (JSON-ready), keys in label order."""
    spec, lang = result.spec, context.lang
    return {
        "indicator": spec.id,
        "title": spec.title(lang),
        "definition": spec.definition(lang),
        "unit": spec.unit,
        "source": spec.source,
        "filters": filter_in_words(result.filter, context.corridor, lang),
        "filters_query": result.filter.cache_key(),
        "data_version": result.data_version,
        "extracted_at": context.extracted_at.astimezone(dt.UTC).replace(microsecond=0).isoformat(),
        "suppression_rule": label("suppression_text", lang).format(min_cell=context.min_cell),
        "min_cell": context.min_cell,
        "suppressed_cells": result.suppressed_cells,
        "corridor": corridor_name(context.corridor, lang),
        "observatory_version": __version__,
        "language": lang,
        "batches": [{k: _iso(b.get(k)) for k in BATCH_FIELDS} for b in context.batches],
    }
