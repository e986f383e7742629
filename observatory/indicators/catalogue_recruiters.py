"""Indicators of one recruiter's profile: its register entry with its placements, its status
timeline, and its placements by sector (the recruiter filter chooses the licences)."""

from __future__ import annotations

from observatory.indicators import recruiter_profile as rp
from observatory.indicators.specs import (
    SOURCE_RECRUITERS,
    Computation,
    IndicatorSpec,
    plain_spec,
    worker_spec,
)

_PROFILE_SOURCE = SOURCE_RECRUITERS + "; contract, worker (contracts loads)"

INDICATORS: tuple[tuple[IndicatorSpec, Computation], ...] = (
    (
        worker_spec(
            "recruiter_profile",
            "workers",
            ("Perfil del reclutador", "Recruiter profile"),
            (
                "Una fila por licencia elegida con el filtro de reclutador (ninguna sin él): su "
                "inscripción en el registro binacional (nombre, país, tipo, estado en la última "
                "instantánea, vigencia, sectores, quejas recibidas por el registro; datos "
                "públicos, sin supresión), los registros fronterizos con esa licencia y sus "
                "trabajadores distintos, los contratos con esa licencia y sus trabajadores, y "
                "los trabajadores con al menos una queja presentada en un contrato. Se aplican "
                "todos los filtros (a los contratos, los de periodo, sector, destino y sexo).",
                "One row per licence chosen with the recruiter filter (none without it): its "
                "entry in the binational register (name, country, kind, status in the latest "
                "snapshot, validity, sectors, complaints received by the registry; public data, "
                "never suppressed), the border registrations with that licence and their "
                "distinct workers, the contracts with that licence and their workers, and the "
                "workers with at least one complaint filed on a contract. Every filter applies "
                "(to contracts, the period, sector, destination and sex filters).",
            ),
            _PROFILE_SOURCE,
        ),
        rp.recruiter_profile,
    ),
    (
        plain_spec(
            "recruiter_status_timeline",
            "recruiters",
            ("Historial de estado de la licencia", "Status timeline of the licence"),
            (
                "Periodos de estado (activa, suspendida, revocada, vencida, en trámite) de cada "
                "licencia elegida con el filtro de reclutador: desde (incluido) y hasta "
                "(excluido; vacío si sigue vigente), según las instantáneas del registro. Un "
                "estado rige desde su fecha de estado, o si falta, el primero desde la fecha de "
                "registro y un cambio desde la fecha de la instantánea que lo muestra. Pasada "
                "su vigencia (valid_until), la licencia está vencida desde el día siguiente, "
                "diga lo que diga el registro. Datos públicos del registro: sin supresión; los "
                "demás filtros no se aplican.",
                "Status periods (active, suspended, revoked, expired, pending) of each licence "
                "chosen with the recruiter filter: from (included) and to (excluded; empty "
                "while it holds), from the register snapshots. A status holds from its status "
                "date, or when absent, the first one from the registration date and a change "
                "from the date of the snapshot that shows it. Past its validity (valid_until) "
                "the licence is expired from the next day, whatever the register says. Public "
                "register data: never suppressed; the other filters do not apply.",
            ),
            "recruiter, recruiter_status (recruiter_registry loads)",
        ),
        rp.recruiter_status_timeline,
    ),
    (
        worker_spec(
            "placements_by_sector",
            "registrations",
            ("Colocaciones por sector", "Placements by sector"),
            (
                "Registros fronterizos y trabajadores distintos por sector, bajo todos los "
                "filtros; con el filtro de reclutador, los sectores en que la licencia colocó "
                "trabajadores. Solo los sectores con registros.",
                "Border registrations and distinct workers by sector, under every filter; with "
                "the recruiter filter, the sectors in which the licence placed workers. Only "
                "sectors with registrations.",
            ),
        ),
        rp.placements_by_sector,
    ),
)
