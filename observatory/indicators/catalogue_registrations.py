"""Indicators of the border-office registrations: totals, workers, months, flows, places."""

from __future__ import annotations

from observatory.indicators import compute
from observatory.indicators.specs import Computation, IndicatorSpec, worker_spec

_BREAKDOWN = (
    "Registros en las oficinas de movilidad laboral y trabajadores distintos",
    "Registrations at the labour mobility offices and distinct workers",
)

INDICATORS: tuple[tuple[IndicatorSpec, Computation], ...] = (
    (
        worker_spec(
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
        worker_spec(
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
        worker_spec(
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
        worker_spec(
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
        worker_spec(
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
        worker_spec(
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
        worker_spec(
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
