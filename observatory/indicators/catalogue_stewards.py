"""Indicators of the load log and the recruiters: data quality, compliance, alerts."""

from __future__ import annotations

from observatory.indicators import offices, quality
from observatory.indicators.specs import (
    SOURCE_RECRUITERS,
    Computation,
    IndicatorSpec,
    plain_spec,
    rows_spec,
    worker_spec,
)

INDICATORS: tuple[tuple[IndicatorSpec, Computation], ...] = (
    (
        rows_spec(
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
        rows_spec(
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
        rows_spec(
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
        rows_spec(
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
        rows_spec(
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
        rows_spec(
            "office_quality",
            "rows",
            ("Calidad de los datos por oficina", "Data quality by office"),
            (
                "Para cada oficina de movilidad laboral: las cargas completadas de sus archivos "
                "(una carga cuenta para la oficina de las filas que creó o cambió; una carga "
                "con filas de varias oficinas cuenta como «varias», y una sin filas conservadas "
                "como «desconocida»), sus filas nuevas, actualizadas y en cuarentena, la fecha "
                "de su última carga y los días transcurridos, los registros que conserva y la "
                "fecha del más reciente.",
                "For each labour-mobility office: the completed loads of its files (a load "
                "counts for the office of the rows it created or changed; a load with rows of "
                "several offices counts as 'several', one with no rows kept as 'unknown'), "
                "their new, updated and quarantined rows, the day of its latest load and the "
                "days since, the registrations it holds and the date of the newest.",
            ),
        ),
        offices.office_quality,
    ),
    (
        plain_spec(
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
        worker_spec(
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
        worker_spec(
            "recruiter_alerts",
            "registrations",
            ("Alertas de reclutamiento", "Recruitment alerts"),
            (
                "Reclutadores que registraron trabajadores mientras su licencia estaba "
                "suspendida, revocada o vencida, o sin estar en el registro; que registraron "
                "menores de 18 años; o citados por contratos en que el trabajador pagó una "
                "cuota de reclutamiento (> 0; la OIT pide que no pague ninguna). Con el número "
                "de registros (de contratos, para las cuotas) y de trabajadores distintos.",
                "Recruiters that placed workers while their licence was suspended, revoked or "
                "expired, or while absent from the register; that registered workers under 18; "
                "or cited by contracts in which the worker paid a recruitment fee (> 0; the ILO "
                "asks that workers pay none). With the number of registrations (of contracts, "
                "for fees) and of distinct workers.",
            ),
            SOURCE_RECRUITERS,
        ),
        quality.recruiter_alerts,
    ),
)
