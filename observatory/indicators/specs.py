"""What an indicator is and what computing it gives: specs, results, and the spec builders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from observatory.filters import Filter

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from observatory.corridor import Corridor

UNITS = ("registrations", "workers", "percent", "rows", "days", "recruiters")
SOURCE_REGISTRATIONS = "registration (border_office loads)"
SOURCE_LOADS = "load_batch, quarantined_row, registration, contract (the load log)"
SOURCE_RECRUITERS = "registration, recruiter, recruiter_status (recruiter_registry loads)"
SOURCE_CONTRACTS = (
    "contract, worker (contracts loads); minimum wages and exchange rates of the corridor"
)


class UnknownIndicator(KeyError):
    """An indicator id that the registry does not know."""


@dataclass(frozen=True)
class IndicatorSpec:
    """What an indicator is: its id, titles, unit, definition and source, in es and en."""

    id: str
    title_es: str
    title_en: str
    unit: str  # "registrations" | "workers" | "percent"
    definition_es: str
    definition_en: str
    source: str  # tables used, e.g. "registration (border_office loads)"

    def title(self, lang: str) -> str:
        """The title in `lang` ("es" or "en"; anything else falls back to Spanish)."""
        return self.title_en if lang == "en" else self.title_es

    def definition(self, lang: str) -> str:
        """The definition in `lang` ("es" or "en"; anything else falls back to Spanish)."""
        return self.definition_en if lang == "en" else self.definition_es


@dataclass(frozen=True)
class IndicatorResult:
    """A computed, disclosure-protected indicator.

    `table` is tidy; suppressed counts are <NA> (Int64 / Float64) and the boolean column
    `suppressed` marks rows with any suppressed value; `suppressed_cells` counts the
    values hidden by disclosure control (an undefined share, 0 of 0, is <NA> but not
    counted as suppressed).
    """

    spec: IndicatorSpec
    table: pd.DataFrame
    suppressed_cells: int
    data_version: int
    filter: Filter


# (connection, filter, corridor, min_cell) -> (protected table, cells hidden)
Computation = Callable[["Connection", Filter, "Corridor", int], tuple[pd.DataFrame, int]]

_WORKERS_NOTE_ES = (
    " Los trabajadores son personas distintas (seudónimo de su documento); las celdas con "
    "menos trabajadores que el umbral de confidencialidad (5 por defecto) se ocultan, junto "
    "con otra celda cuando un total permitiría recalcularlas."
)
_WORKERS_NOTE_EN = (
    " Workers are distinct people (pseudonym of their ID document); cells with fewer workers "
    "than the disclosure threshold (5 by default) are hidden, with one more cell when a "
    "total would let them be recomputed."
)


def worker_spec(
    id_: str,
    unit: str,
    titles: tuple[str, str],
    definitions: tuple[str, str],
    source: str = SOURCE_REGISTRATIONS,
) -> IndicatorSpec:
    return IndicatorSpec(
        id=id_,
        title_es=titles[0],
        title_en=titles[1],
        unit=unit,
        definition_es=definitions[0] + _WORKERS_NOTE_ES,
        definition_en=definitions[1] + _WORKERS_NOTE_EN,
        source=source,
    )


# Data quality and recruiters: load statistics count rows of files, not workers.
_ROWS_NOTE = (
    " Cuenta filas de archivos, no trabajadores: el control de confidencialidad de los "
    "conteos de trabajadores no se aplica, y los filtros de registros tampoco.",
    " Counts rows of files, not workers: the disclosure control of worker counts does not "
    "apply, and neither do the registration filters.",
)


def plain_spec(
    id_: str, unit: str, titles: tuple[str, str], definitions: tuple[str, str], source: str
) -> IndicatorSpec:
    return IndicatorSpec(id_, titles[0], titles[1], unit, *definitions, source=source)


def rows_spec(
    id_: str, unit: str, titles: tuple[str, str], definitions: tuple[str, str]
) -> IndicatorSpec:
    return plain_spec(
        id_,
        unit,
        titles,
        (definitions[0] + _ROWS_NOTE[0], definitions[1] + _ROWS_NOTE[1]),
        SOURCE_LOADS,
    )


# Working conditions: contracts, filtered by period (start date), sector, destination and sex.
_CONTRACTS_NOTE = (
    " Sobre los contratos cargados; se aplican los filtros de periodo (fecha de inicio), sector, "
    "destino (estado del lugar de trabajo) y sexo; origen, punto fronterizo, dirección y grupo "
    "de edad no se aplican.",
    " Over the loaded contracts; the period (start date), sector, destination (state of the "
    "worksite) and sex filters apply; origin, border point, direction and age group do not.",
)


def contract_spec(id_: str, titles: tuple[str, str], definitions: tuple[str, str]) -> IndicatorSpec:
    return worker_spec(
        id_,
        "percent",
        titles,
        (definitions[0] + _CONTRACTS_NOTE[0], definitions[1] + _CONTRACTS_NOTE[1]),
        SOURCE_CONTRACTS,
    )
