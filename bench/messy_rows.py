"""Messy border_office rows at scale for benchmarks: Spanish headers, mixed forms, some faults."""

from __future__ import annotations

import random
from pathlib import Path

HEADER = (
    "No. Registro;Oficina;Fecha de Registro;CUI;Nombre;Sexo;Edad;Fecha de nacimiento;"
    "Departamento origen;Municipio origen;Estado destino;Municipio destino;Actividad;"
    "Tipo de movimiento;Licencia reclutador;RFC empleador;Empleador;Idioma;Acompañantes;"
    "Tipo documento;Observaciones"
)
OFFICES = ("Tecún Umán", "TECUN UMAN", "Ciudad Tecún Umán", "El Carmen", "Malacatán")
ORIGINS = (
    "San Marcos",
    "SAN MARCOS",
    "GT-12",
    "12",
    "Huehuetenango",
    "GT-HU",
    "Quetzaltenango",
    "Quezaltenango",
    "Retalhuleu",
    "11",
    "Totonicapán",
    "Quiché",
)
DESTINATIONS = (
    "Chiapas",
    "CHIAPAS",
    "MX-CHP",
    "07",
    "7",
    "Tabasco",
    "Campeche",
    "Yucatán",
    "Quintana Roo",
)
SECTORS = (
    "Café",
    "CAFE",
    "café",
    "Banano",
    "Caña de azúcar",
    "Papaya",
    "Construcción",
    "Servicio doméstico",
    "Comercio",
    "Hotelería y restaurantes",
    "Otros cultivos",
)
SEXES = ("H", "H", "H", "H", "M", "Hombre", "Mujer")
DIRECTIONS = ("Salida", "salida", "SALIDA", "Retorno")
# Faulty values, about 1 row in 200: each should end in quarantine with its reason.
FAULTS = (
    ("Edad", "7"),
    ("Fecha de Registro", "31/02/2024"),
    ("Departamento origen", "Narnia"),
    ("Actividad", "Astronomía"),
    ("Fecha de Registro", "15/03/24"),
    ("Acompañantes", "-1"),
)


def write_messy_csv(path: Path, rows: int, seed: int = 7) -> None:
    """Write `rows` registrations, with repeated workers (a pool of rows/3 IDs)."""
    rng = random.Random(seed)
    columns = HEADER.split(";")
    people = max(rows // 3, 1)
    with path.open("w", encoding="cp1252", newline="") as handle:
        handle.write("MINISTERIO DE TRABAJO Y PREVISIÓN SOCIAL;;\n" + HEADER + "\n")
        for n in range(rows):
            person = rng.randrange(people)
            day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2019, 2025)
            age = rng.randint(15, 60)
            values = [
                f"R-{n:08d}",
                rng.choice(OFFICES),
                f"{day:02d}/{month:02d}/{year}" if n % 3 else f"{year}-{month:02d}-{day:02d}",
                f"{2000 + person // 100000:04d} {person % 100000:05d} {1201 + person % 7:04d}",
                f"Nombre Apellido {person}",
                rng.choice(SEXES),
                str(age) if n % 4 else "",
                "" if n % 4 else f"{day:02d}/{month:02d}/{year - age - 1}",
                rng.choice(ORIGINS),
                rng.choice(("Malacatán", "Tacaná", "Cuilco", "")),
                rng.choice(DESTINATIONS),
                rng.choice(("Tapachula", "Cacahoatán", "")),
                rng.choice(SECTORS),
                rng.choice(DIRECTIONS),
                f"GT-REC-{rng.randint(1, 300):04d}" if n % 2 else "",
                f"ABC{rng.randint(100000, 999999)}XY{n % 10}" if n % 5 == 0 else "",
                f"Finca {rng.randint(1, 500)}" if n % 5 == 0 else "",
                rng.choice(("es", "mam", "quc", "")),
                str(rng.randint(0, 3)),
                rng.choice(("TVTF", "TVR", "")),
                "",
            ]
            if n % 200 == 199:
                column, bad = FAULTS[n // 200 % len(FAULTS)]
                values[columns.index(column)] = bad
            handle.write(";".join(values) + "\n")
