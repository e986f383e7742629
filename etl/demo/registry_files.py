"""The registry snapshots as files: MINTRAB's and STPS's exports, each year in its own habits."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from etl.demo.layouts import FileStyle
from etl.demo.registry import SnapshotRow, licence_histories, snapshot, snapshot_dates
from etl.demo.values import _admin1_forms, _date_writer, _plain
from etl.demo.writers import _write

if TYPE_CHECKING:
    from observatory.corridor import Corridor

# (field, header) in column order. MINTRAB's register (Guatemala), its older upper-case export
# without a cut-off date, and the list STPS (Mexico) publishes.
REGISTRY_TEMPLATES: dict[str, tuple[tuple[str, str], ...]] = {
    "mintrab": (
        ("licence_no", "No. Licencia"), ("name", "Razón social"), ("kind", "Tipo"),
        ("country", "País"), ("admin1", "Departamento"), ("status", "Situación"),
        ("status_since", "Fecha de estado"), ("registered_on", "Fecha de registro"),
        ("valid_until", "Vigencia"), ("sectors", "Sectores"), ("complaints", "Quejas"),
        ("phone", "Teléfono"), ("snapshot_date", "Fecha de corte"),
    ),
    "mintrab_upper": (
        ("licence_no", "NO. LICENCIA"), ("name", "NOMBRE"), ("country", "PAIS"),
        ("status", "ESTADO"), ("kind", "TIPO"), ("registered_on", "FECHA REGISTRO"),
        ("valid_until", "VIGENCIA"), ("admin1", "DEPARTAMENTO"), ("sectors", "SECTORES"),
        ("complaints", "QUEJAS"), ("remarks", "OBSERVACIONES"),
    ),
    "stps": (
        ("licence_no", "Número de registro"), ("name", "Razón social"),
        ("country", "País de registro"), ("kind", "Tipo"), ("admin1", "Estado sede"),
        ("sectors", "Sectores"), ("status", "Estatus"), ("status_since", "Fecha situación"),
        ("registered_on", "Fecha registro"), ("valid_until", "Fecha de vencimiento"),
        ("complaints", "Denuncias"), ("snapshot_date", "Fecha de extracción"),
    ),
}  # fmt: skip
STATUS_WORDS = {
    "mintrab": {"active": "Vigente", "suspended": "Suspendido", "revoked": "Revocado",
                "expired": "Vencido", "pending": "En trámite"},
    "mintrab_upper": {"active": "ACTIVO", "suspended": "SUSPENDIDO", "revoked": "REVOCADO",
                      "expired": "VENCIDO", "pending": "EN TRAMITE"},
    "stps": {"active": "Activo", "suspended": "Suspendido", "revoked": "Cancelado",
             "expired": "Vencido", "pending": "En trámite"},
}  # fmt: skip
KIND_WORDS = {
    "mintrab": {"agency": "Agencia", "individual": "Persona individual", "employer": "Empleador"},
    "stps": {"agency": "Agencia", "individual": "Persona física", "employer": "Empleador"},
}
REMARKS = {"suspended": "Suspendida por denuncias", "revoked": "Licencia revocada",
           "pending": "Expediente en revisión"}  # fmt: skip


@dataclass(frozen=True)
class _RegistryStyle:
    template: str
    file: FileStyle
    admin1_form: str  # as in values._admin1_forms
    country_word: str
    has_cutoff: bool


def _styles(country: str, index: int, day: dt.date) -> _RegistryStyle:
    """The habits of one export: MINTRAB cycles through three, STPS alternates XLSX and CSV."""
    if country == "GT":
        return [
            _RegistryStyle("mintrab", FileStyle("mintrab", encoding="cp1252", delimiter=";"),
                           "name", "Guatemala", True),
            _RegistryStyle("mintrab", FileStyle("mintrab", encoding="utf-8-sig", delimiter=",",
                                                date_format="iso"), "name", "Guatemala", True),
            _RegistryStyle("mintrab_upper", FileStyle("mintrab_upper", delimiter="\t",
                                                      line_end="\n", date_format="dmy_unpadded"),
                           "iso_old", "GUATEMALA", False),
        ][index % 3]  # fmt: skip
    if index % 2 == 0:
        title = (
            "SECRETARÍA DEL TRABAJO Y PREVISIÓN SOCIAL — Registro de agencias de reclutamiento "
            f"— corte al {day:%d/%m/%Y}"
        )
        xlsx = FileStyle("stps", container="xlsx", date_format="excel", title_rows=(title, ""))
        return _RegistryStyle("stps", xlsx, "name", "MX", True)
    csv = FileStyle("stps", delimiter="|", quote_all=True, date_format="iso_time")
    return _RegistryStyle("stps", csv, "name", "México", True)


def write_registry_files(
    out_dir: Path, corridor: Corridor, *, seed: int, first_year: int, last_month: dt.date
) -> list[tuple[Path, dt.date | None]]:
    """Each register's snapshots, oldest first, with the date of those whose file lacks it."""
    days = snapshot_dates(first_year, last_month)
    histories = licence_histories(corridor, seed, days[-1])
    written: list[tuple[Path, dt.date | None]] = []
    for index, day in enumerate(days):
        for country in ("GT", "MX"):
            style = _styles(country, index, day)
            if country == "GT":
                name = f"MINTRAB_registro_reclutadores_{day:%Y-%m-%d}.{style.file.container}"
            else:
                name = f"STPS_registro_agencias_{day:%Y%m%d}.{style.file.container}"
            rng = random.Random(f"{seed}:{name}")
            rows = snapshot(histories, country, day, rng)
            table = _table(corridor, style, rows, day, rng)
            path = _write(out_dir / name, style.file, table, day.year)
            written.append((path, None if style.has_cutoff else day))
    return written


def _table(
    corridor: Corridor,
    style: _RegistryStyle,
    rows: list[SnapshotRow],
    day: dt.date,
    rng: random.Random,
) -> list[list[object]]:
    columns = REGISTRY_TEMPLATES[style.template]
    date = _date_writer(style.file.date_format)
    units = _admin1_forms(corridor, style.admin1_form)
    sectors = {s.code: s.label_es for s in corridor.sectors}
    upper = style.template == "mintrab_upper"
    statuses = STATUS_WORDS[style.template]
    kinds = KIND_WORDS["stps" if style.template == "stps" else "mintrab"]

    def optional_date(value: dt.date | None) -> object:
        return "" if value is None else date(value)

    table: list[list[object]] = [[header for _, header in columns]]
    for row in rows:
        listed = [sectors[s] for s in row.sectors] if rng.random() > 0.05 else []
        values: dict[str, object] = {
            "licence_no": row.licence_no,
            "name": row.name,
            "kind": kinds[row.kind],
            "country": style.country_word,
            "admin1": units[row.admin1],
            "status": statuses[row.status],
            "status_since": date(row.status_since),
            "registered_on": optional_date(row.registered_on),
            "valid_until": optional_date(row.valid_until),
            "sectors": ("; " if style.template == "mintrab" else ";").join(listed),
            "complaints": row.complaints if row.complaints or not upper else "",
            "phone": _phone(row.licence_no),
            "remarks": REMARKS.get(row.status, ""),
            "snapshot_date": date(day),
        }
        if upper:  # capitals without accents, but names as the register holds them
            values = {f: _plain(v).upper() if isinstance(v, str) and f != "name" else v
                      for f, v in values.items()}  # fmt: skip
        table.append([values[field] for field, _ in columns])
    return table


def _phone(licence: str) -> str:
    """A Guatemalan eight-digit number, the same for a licence in every snapshot."""
    rng = random.Random(licence)
    return f"{rng.randint(3, 5)}{rng.randrange(1000):03d}-{rng.randrange(10000):04d}"
