"""The indicator registry: stable ids, titles and definitions in both languages, and sources."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from observatory.filters import Filter
from observatory.indicators import compute, conditions, quality

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

# Data quality and recruiters: load statistics count rows of files, not workers.
_ROWS_NOTE = (
    " Cuenta filas de archivos, no trabajadores: el control de confidencialidad de los "
    "conteos de trabajadores no se aplica, y los filtros de registros tampoco.",
    " Counts rows of files, not workers: the disclosure control of worker counts does not "
    "apply, and neither do the registration filters.",
)


def _plain_spec(
    id_: str, unit: str, titles: tuple[str, str], definitions: tuple[str, str], source: str
) -> IndicatorSpec:
    return IndicatorSpec(id_, titles[0], titles[1], unit, *definitions, source=source)


def _rows_spec(
    id_: str, unit: str, titles: tuple[str, str], definitions: tuple[str, str]
) -> IndicatorSpec:
    return _plain_spec(
        id_,
        unit,
        titles,
        (definitions[0] + _ROWS_NOTE[0], definitions[1] + _ROWS_NOTE[1]),
        SOURCE_LOADS,
    )


INDICATORS += (
    (
        _rows_spec(
            "loads_by_month",
            "rows",
            ("Cargas por mes", "Loads by month"),
            (
                "Filas cargadas (nuevas), actualizadas, sin cambios y en cuarentena de las "
                "cargas completadas, por fuente y mes en que se cargaron.",
                "Rows loaded (new), updated, unchanged and quarantined by completed loads, "
                "by source and month of loading.",
            ),
        ),
        quality.loads_by_month,
    ),
    (
        _rows_spec(
            "recent_loads",
            "rows",
            ("Cargas recientes", "Recent loads"),
            (
                "Los 20 intentos de carga más recientes, con su estado (cargado, rechazado, "
                "fallido, duplicado), sus conteos de filas y su mensaje.",
                "The 20 most recent load attempts, with their status (loaded, refused, "
                "failed, duplicate), row counts and message.",
            ),
        ),
        quality.recent_loads,
    ),
    (
        _rows_spec(
            "quarantine_reasons",
            "rows",
            ("Motivos de cuarentena", "Quarantine reasons"),
            (
                "Filas en cuarentena por fuente, campo y motivo; el valor citado en el motivo "
                "se quita para agrupar motivos iguales.",
                "Quarantined rows by source, field and reason; the value quoted in the reason "
                "is removed so that like reasons group together.",
            ),
        ),
        quality.quarantine_reasons,
    ),
    (
        _rows_spec(
            "field_completeness",
            "percent",
            ("Completitud de los campos", "Field completeness"),
            (
                "Para cada campo de las tablas registration y contract, la proporción de "
                "filas con un valor no vacío: count(campo) / count(*).",
                "For each field of the registration and contract tables, the share of rows "
                "with a non-empty value: count(field) / count(*).",
            ),
        ),
        quality.field_completeness,
    ),
    (
        _rows_spec(
            "days_since_last_load",
            "days",
            ("Días desde la última carga", "Days since the last load"),
            (
                "Para cada fuente, la fecha en que terminó su última carga completada y los "
                "días transcurridos hasta hoy.",
                "For each source, the day its newest completed load finished and the days "
                "since then.",
            ),
        ),
        quality.days_since_last_load,
    ),
    (
        _plain_spec(
            "recruiter_registry",
            "recruiters",
            ("Registro binacional de reclutadores", "Binational recruiter register"),
            (
                "Las licencias del registro binacional con su estado actual, vigencia, "
                "sectores, quejas y si faltan en la instantánea más reciente de su país. "
                "Datos públicos del registro, no de trabajadores.",
                "The licences of the binational register with their current status, validity, "
                "sectors, complaints and whether they are missing from their country's newest "
                "snapshot. Public register data, not worker data.",
            ),
            "recruiter, recruiter_status (recruiter_registry loads)",
        ),
        quality.recruiter_registry,
    ),
    (
        _spec(
            "recruiter_compliance",
            "workers",
            ("Cumplimiento de los reclutadores", "Recruiter compliance"),
            (
                "Registros según el estado de la licencia de su reclutador en la fecha del "
                "registro: activa (cumple); en trámite, suspendida, revocada, vencida (después "
                "de su vigencia) o no registrada (licencia ausente del registro o sin estado "
                "en esa fecha) no cumplen; sin licencia es contratación directa, contada "
                "aparte. El porcentaje es sobre los registros con reclutador.",
                "Registrations by the status of their recruiter's licence on the date of the "
                "registration: active (compliant); pending, suspended, revoked, expired (past "
                "its validity) or unregistered (licence absent from the register or without a "
                "status on that date) are not; no licence is a direct hire, counted apart. "
                "The share is of the registrations placed by a recruiter.",
            ),
            SOURCE_RECRUITERS,
        ),
        quality.recruiter_compliance,
    ),
    (
        _spec(
            "recruiter_alerts",
            "registrations",
            ("Alertas de reclutamiento", "Recruitment alerts"),
            (
                "Reclutadores que registraron trabajadores mientras su licencia estaba "
                "suspendida, revocada o vencida, o sin estar en el registro, con el número de "
                "registros y trabajadores.",
                "Recruiters that placed workers while their licence was suspended, revoked or "
                "expired, or while absent from the register, with the number of registrations "
                "and workers.",
            ),
            SOURCE_RECRUITERS,
        ),
        quality.recruiter_alerts,
    ),
)

# Working conditions: contracts, filtered by period (start date), sector, destination and sex.
_CONTRACTS_NOTE = (
    " Sobre los contratos cargados; se aplican los filtros de periodo (fecha de inicio), sector, "
    "destino (estado del lugar de trabajo) y sexo; origen, punto fronterizo, dirección y grupo "
    "de edad no se aplican.",
    " Over the loaded contracts; the period (start date), sector, destination (state of the "
    "worksite) and sex filters apply; origin, border point, direction and age group do not.",
)


def _contract_spec(
    id_: str, titles: tuple[str, str], definitions: tuple[str, str]
) -> IndicatorSpec:
    return _spec(
        id_,
        "percent",
        titles,
        (definitions[0] + _CONTRACTS_NOTE[0], definitions[1] + _CONTRACTS_NOTE[1]),
        SOURCE_CONTRACTS,
    )


INDICATORS += (
    (
        _contract_spec(
            "wage_below_minimum_share",
            ("Salarios por debajo del mínimo", "Wages below the minimum"),
            (
                "Porcentaje de los contratos con salario comparable cuyo salario diario en pesos "
                "es menor que el salario mínimo del lugar de trabajo y del año: contratos bajo "
                "el mínimo / contratos con salario comparable x 100 (también sobre trabajadores "
                "distintos). Un salario semanal cubre 7 días, quincenal 15, mensual 30,4 y por "
                "hora 8 horas al día; quetzales y dólares se convierten al tipo de cambio "
                "promedio del año (quetzal: Banguat, aproximado; peso: tipos de referencia "
                "del BCE; ver SOURCES.md). El pago a destajo no se convierte y queda fuera.",
                "Share of the contracts with a comparable wage whose daily wage in pesos is below "
                "the minimum wage of the worksite and year: contracts below the minimum / "
                "contracts with a comparable wage x 100 (also over distinct workers). A weekly "
                "wage covers 7 days, a fortnight 15, a month 30.4 and an hourly wage 8 hours a "
                "day; quetzales and dollars convert at the year's average rate (quetzal: Banguat, "
                "approximate; peso: ECB reference rates; see SOURCES.md). Piece rates are not "
                "converted and are left out.",
            ),
        ),
        conditions.wage_below_minimum_share,
    ),
    (
        _contract_spec(
            "recruitment_cost_sdg_10_7_1",
            (
                "Costo de reclutamiento (ODS 10.7.1)",
                "Recruitment cost (SDG 10.7.1)",
            ),
            (
                "Indicador ODS 10.7.1: la media, sobre los contratos que informan la cuota "
                "(una cuota de 0 cuenta como 0) y tienen salario comparable, de la cuota pagada "
                "por el trabajador dividida entre un mes de ingresos (salario diario x 30,4), "
                "en porcentaje. También el porcentaje de los contratos que informan la cuota en "
                "que el trabajador pagó alguna (> 0): según los principios de contratación "
                "equitativa de la OIT, el trabajador no debe pagar ninguna. Cuotas en quetzales "
                "se convierten al tipo de cambio promedio del año; el destajo queda fuera de "
                "la media.",
                "SDG indicator 10.7.1: the mean, over the contracts that report the fee (a fee "
                "of 0 counts as 0) and have a comparable wage, of the fee paid by the worker "
                "over one month of earnings (daily wage x 30.4), in percent. Also the share of "
                "the contracts reporting the fee in which the worker paid any (> 0): under the "
                "ILO fair-recruitment principles workers should pay none. Fees in quetzales "
                "convert at the year's average rate; piece rates are left out of the mean.",
            ),
        ),
        conditions.recruitment_cost_sdg_10_7_1,
    ),
    (
        _contract_spec(
            "contract_conditions",
            ("Condiciones del contrato", "Contract conditions"),
            (
                "Porcentaje de los contratos con contrato escrito, con seguridad social (IMSS), "
                "con más de 48 horas por semana, con vivienda proporcionada y con transporte "
                "pagado por el empleador. Los contratos sin ese dato quedan fuera del "
                "denominador de cada porcentaje.",
                "Share of the contracts with a written contract, with social security (IMSS), "
                "with more than 48 hours a week, with housing provided and with transport paid "
                "by the employer. Contracts without that value are left out of each share's "
                "denominator.",
            ),
        ),
        conditions.contract_conditions,
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
