"""Messy contracts and a recruiter registry at scale, for benchmarks."""

from __future__ import annotations

import random
from pathlib import Path

CONTRACT_HEADER = (
    "Folio contrato;CUI;Nombre;Actividad;Estado trabajo;Municipio trabajo;"
    "Fecha inicio;Fecha término;Salario;Periodicidad;Moneda;Horas semana;"
    "Contrato escrito;Cuota reclutamiento;Vivienda;Transporte;IMSS;Queja;"
    "RFC empleador;Empleador;Licencia reclutador"
)
SECTORS = (
    "Café",
    "café",
    "Banano",
    "Caña de azúcar",
    "Construcción",
    "Servicio doméstico",
    "Comercio",
    "Papaya",
)
STATES = ("Chiapas", "CHIAPAS", "MX-CHP", "07", "Tabasco", "Quintana Roo", "Campeche")
PERIODS = (
    ("diario", 180, 420),
    ("semanal", 1300, 2800),
    ("quincenal", 2800, 6000),
    ("mensual", 5500, 12000),
    ("por hora", 30, 60),
    ("destajo", 8, 20),
)
YES_NO = ("sí", "no", "si", "No", "")
STATUSES = ("Activo", "vigente", "Suspendido", "Revocado", "Vencido", "En trámite")
# Faulty values, about 1 row in 200, for the quarantine.
FAULTS = ((8, "-5"), (9, "anual"), (6, "15/03/24"), (3, "Astronomía"))


def write_contracts(path: Path, rows: int, licences: int, seed: int = 11) -> None:
    """`rows` contracts of rows/2 workers, citing `licences` recruiters (a tenth unregistered)."""
    rng = random.Random(seed)
    with path.open("w", encoding="cp1252", newline="") as handle:
        handle.write(CONTRACT_HEADER + "\n")
        for n in range(rows):
            period, low, high = rng.choice(PERIODS)
            year, month, day = rng.randint(2020, 2025), rng.randint(1, 12), rng.randint(1, 28)
            person = rng.randrange(max(rows // 2, 1))
            values = [
                f"K-{n:08d}",
                f"{2000 + person // 100000:04d} {person % 100000:05d} 1201",
                f"Nombre {person}",
                rng.choice(SECTORS),
                rng.choice(STATES),
                rng.choice(("Tapachula", "Cacahoatán", "")),
                f"{day:02d}/{month:02d}/{year}",
                f"{day:02d}/{month:02d}/{year + 1}" if n % 3 else "",
                f"{rng.randint(low, high):,}".replace(",", "."),
                period,
                rng.choice(("MXN", "", "", "GTQ")),
                str(rng.randint(30, 70)),
                rng.choice(YES_NO),
                rng.choice(("0", "", "", "1.500", "Q 800")),
                rng.choice(YES_NO),
                rng.choice(YES_NO),
                rng.choice(YES_NO),
                rng.choice(YES_NO),
                f"RFC{rng.randint(1000, 9999)}AB{n % 10}",
                f"Finca {rng.randint(1, 900)}",
                f"GT-REC-{rng.randint(1, licences + licences // 10):05d}" if n % 3 else "",
            ]
            if n % 200 == 199:
                column, bad = FAULTS[n // 200 % len(FAULTS)]
                values[column] = bad
            handle.write(";".join(values) + "\n")


def write_registry(path: Path, recruiters: int, seed: int = 12) -> None:
    """One snapshot of `recruiters` licences, Guatemalan and Mexican."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "No. Licencia|Razón social|País|Estado|Tipo|Fecha de registro|Vigencia|"
            "Departamento|Sectores|Quejas|Fecha de corte\n"
        )
        for n in range(1, recruiters + 1):
            country, place = ("Guatemala", "San Marcos") if n % 4 else ("México", "Chiapas")
            values = [
                f"GT-REC-{n:05d}",
                f"Agencia {n}",
                country,
                rng.choice(STATUSES),
                "Agencia",
                f"{rng.randint(1, 28):02d}/0{rng.randint(1, 9)}/20{rng.randint(15, 23)}",
                f"31/12/20{rng.randint(24, 29)}",
                place,
                "café;banano",
                str(rng.randint(0, 9)),
                "31/12/2024",
            ]
            handle.write("|".join(values) + "\n")
