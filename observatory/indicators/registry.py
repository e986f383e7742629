"""The indicator registry: stable ids, titles and definitions in both languages, and sources."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from observatory.filters import Filter
from observatory.indicators import compute

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from observatory.corridor import Corridor

UNITS = ("registrations", "workers", "percent")
SOURCE_REGISTRATIONS = "registration (border_office loads)"


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


Computation = Callable[["Connection", Filter, "Corridor", int], compute.Computed]

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


def _spec(
    id_: str, unit: str, titles: tuple[str, str], definitions: tuple[str, str]
) -> IndicatorSpec:
    return IndicatorSpec(
        id=id_,
        title_es=titles[0],
        title_en=titles[1],
        unit=unit,
        definition_es=definitions[0] + _WORKERS_NOTE_ES,
        definition_en=definitions[1] + _WORKERS_NOTE_EN,
        source=SOURCE_REGISTRATIONS,
    )


_BREAKDOWN = (
    "Registros en las oficinas de movilidad laboral y trabajadores distintos",
    "Registrations at the labour mobility offices and distinct workers",
)

INDICATORS: tuple[tuple[IndicatorSpec, Computation], ...] = (
    (
        _spec(
            "registrations",
            "registrations",
            ("Registros", "Registrations"),
            (
                "Número de registros de trabajadores en las oficinas de movilidad laboral "
                "fronterizas, según el filtro.",
                "Number of worker registrations at the border labour mobility offices "
                "matching the filter.",
            ),
        ),
        compute.registrations,
    ),
    (
        _spec(
            "distinct_workers",
            "workers",
            ("Trabajadores distintos", "Distinct workers"),
            (
                "Número de trabajadores distintos con al menos un registro según el filtro.",
                "Number of distinct workers with at least one registration matching the filter.",
            ),
        ),
        compute.distinct_workers,
    ),
    (
        _spec(
            "overview_kpis",
            "workers",
            ("Resumen", "Overview"),
            (
                "Registros, trabajadores distintos, mujeres y menores de edad, y sus "
                "porcentajes sobre los trabajadores. Una persona cuenta como mujer si algún "
                "registro seleccionado la anota con sexo F, y como menor si alguno anota "
                "menos de 18 años. Un porcentaje se publica cuando el denominador tiene al "
                "menos tantos trabajadores como el umbral y el numerador y su complemento "
                "son 0 o al menos el umbral.",
                "Registrations, distinct workers, women and minors, and their shares of "
                "workers. A person counts as a woman when any selected registration records "
                "sex F, and as a minor when any records an age under 18. A share is published "
                "when its denominator reaches the threshold and its numerator and its "
                "complement are each 0 or at least the threshold.",
            ),
        ),
        compute.overview_kpis,
    ),
    (
        _spec(
            "monthly_registrations",
            "registrations",
            ("Registros por mes", "Registrations by month"),
            (
                _BREAKDOWN[0] + " por mes de registro; un mes sin registros es 0.",
                _BREAKDOWN[1] + " by month of registration; a month without any is 0.",
            ),
        ),
        compute.monthly_registrations,
    ),
    (
        _spec(
            "flows",
            "registrations",
            ("Flujos origen–frontera–destino", "Origin–border–destination flows"),
            (
                _BREAKDOWN[0] + " por departamento de origen, punto fronterizo y estado de "
                "destino.",
                _BREAKDOWN[1] + " by department of origin, border point and state of destination.",
            ),
        ),
        compute.flows,
    ),
    (
        _spec(
            "registrations_by_origin",
            "registrations",
            ("Registros por departamento de origen", "Registrations by department of origin"),
            (
                _BREAKDOWN[0] + " por departamento de origen (primer nivel administrativo).",
                _BREAKDOWN[1] + " by department of origin (first administrative level).",
            ),
        ),
        compute.registrations_by_origin,
    ),
    (
        _spec(
            "registrations_by_destination",
            "registrations",
            ("Registros por estado de destino", "Registrations by state of destination"),
            (
                _BREAKDOWN[0] + " por estado de destino (primer nivel administrativo).",
                _BREAKDOWN[1] + " by state of destination (first administrative level).",
            ),
        ),
        compute.registrations_by_destination,
    ),
)

_BY_ID = {spec.id: (spec, computation) for spec, computation in INDICATORS}


def specs() -> tuple[IndicatorSpec, ...]:
    """Every indicator's spec, in registry order."""
    return tuple(spec for spec, _ in INDICATORS)


def lookup(indicator_id: str) -> tuple[IndicatorSpec, Computation]:
    """The spec and computation of an indicator id; UnknownIndicator when there is none."""
    try:
        return _BY_ID[indicator_id]
    except KeyError:
        raise UnknownIndicator(indicator_id) from None
