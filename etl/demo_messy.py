"""The demo's registrations typed the way border offices export them: each file its own mess."""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import random
import re
import shutil
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from etl.demo import Registration
    from observatory.corridor import BorderPoint, Corridor

log = logging.getLogger(__name__)

# Share of rows an office gets wrong (DATA_SPEC "What bad input gets"): ~0.5-1 %.
FAULT_SHARE = 0.007
FAULT_KINDS = (
    "not_a_date",
    "age_out_of_range",
    "unknown_admin1",
    "unknown_sector",
    "missing_required",
    "negative_family",
    "two_digit_year",
)
IDENTICAL_REPEATS_PER_FILE = 2  # the same row pasted twice: counts as unchanged
CONFLICTS_PER_FILE = 1  # the same folio typed again with another value: quarantined
# Values no corridor list knows: regions, towns, crops that are not sectors.
UNKNOWN_ORIGINS = ("Costa Sur", "Occidente", "Chiquimulilla")
UNKNOWN_DESTINATIONS = ("Soconusco", "Sureste", "Tapachula")
UNKNOWN_SECTORS = ("Cardamomo", "Pesca", "Hule")

# Guatemala's ISO 3166-2 alpha codes, in use before the numeric codes the corridor carries;
# old exports still have them (DATA_SPEC "Geography": GT-SM and GT-12 both mean San Marcos).
GT_OLD_ISO = {
    "GT-01": "GT-GU", "GT-02": "GT-PR", "GT-03": "GT-SA", "GT-04": "GT-CM", "GT-05": "GT-ES",
    "GT-06": "GT-SR", "GT-07": "GT-SO", "GT-08": "GT-TO", "GT-09": "GT-QZ", "GT-10": "GT-SU",
    "GT-11": "GT-RE", "GT-12": "GT-SM", "GT-13": "GT-HU", "GT-14": "GT-QC", "GT-15": "GT-BV",
    "GT-16": "GT-AV", "GT-17": "GT-PE", "GT-18": "GT-IZ", "GT-19": "GT-ZA", "GT-20": "GT-CQ",
    "GT-21": "GT-JA", "GT-22": "GT-JU",
}  # fmt: skip
# Spellings in use besides the corridor's labels (DATA_SPEC "Sectors" and "Geography").
SECTOR_OTHER_NAMES = {
    "domestic_work": "Servicio doméstico",
    "sugar_cane": "caña de azúcar",
    "other_agriculture": "Otros cultivos",
    "hospitality": "Hotelería y restaurantes",
}
ADMIN1_OTHER_NAMES = {"GT-09": "Quezaltenango"}
# MINTRAB's form spells document types and languages out in Spanish.
DOCUMENT_WORDS_ES = {"TVTF": "TVTF", "TVR": "TVR", "other": "Otro", "none": "Ninguno"}
LANGUAGE_WORDS_ES = {
    "es": "Español", "mam": "Mam", "quc": "K'iche'", "cak": "Kaqchikel", "other": "Otro",
}  # fmt: skip

# Column layouts (field, header), in column order, as offices used them over the years:
# MINTRAB's form, an upper-case spreadsheet, a newer system's export, English canonical
# names, and the short sheet a clerk keeps by hand in Excel (with a row counter "No.").
TEMPLATES: dict[str, tuple[tuple[str, str], ...]] = {
    "formal": (
        ("registration_id", "No. Registro"), ("registered_on", "Fecha de Registro"),
        ("office", "Oficina"), ("direction", "Tipo de movimiento"), ("cui", "CUI"),
        ("passport", "Pasaporte"), ("name", "Nombre completo"), ("sex", "Sexo"),
        ("birth_date", "Fecha de nacimiento"), ("age", "Edad"),
        ("origin_admin1", "Departamento origen"), ("origin_admin2", "Municipio origen"),
        ("language", "Idioma"), ("destination_admin1", "Estado destino"),
        ("destination_admin2", "Municipio destino"), ("sector", "Actividad"),
        ("occupation", "Ocupación"), ("employer_name", "Empleador"),
        ("employer_id", "RFC empleador"), ("recruiter_licence", "Licencia reclutador"),
        ("contract_id", "Folio contrato"), ("document_type", "Tipo de documento"),
        ("accompanying_family", "Acompañantes"), ("remarks", "Observaciones"),
        ("clerk", "Digitador"),
    ),
    "upper": (
        ("registration_id", "FOLIO"), ("registered_on", "FECHA"),
        ("office", "PUNTO FRONTERIZO"), ("direction", "MOVIMIENTO"),
        ("person_id", "NO. DOCUMENTO"), ("given_names", "NOMBRES"), ("surnames", "APELLIDOS"),
        ("sex", "SEXO"), ("age", "EDAD"), ("birth_date", "FECHA NACIMIENTO"),
        ("origin_admin1", "DEPARTAMENTO"), ("origin_admin2", "MUNICIPIO ORIGEN"),
        ("destination_admin1", "ESTADO"), ("destination_admin2", "MUNICIPIO DESTINO"),
        ("sector", "RAMA"), ("employer_name", "PATRON"), ("recruiter_licence", "NO. LICENCIA"),
        ("document_type", "DOCUMENTO MIGRATORIO"), ("accompanying_family", "FAMILIARES"),
        ("remarks", "OBSERVACIONES"),
    ),
    "snake": (
        ("registration_id", "id_registro"), ("registered_on", "fecha_registro"),
        ("office", "oficina_movilidad"), ("direction", "tipo_movimiento"), ("cui", "dpi"),
        ("passport", "pasaporte"), ("name", "nombre"), ("sex", "sexo"),
        ("birth_date", "fecha_nacimiento"), ("age", "edad"), ("origin_country", "pais_origen"),
        ("origin_admin1", "depto_origen"), ("origin_admin2", "municipio_origen"),
        ("destination_country", "pais_destino"), ("destination_admin1", "entidad_destino"),
        ("destination_admin2", "municipio_destino"), ("sector", "sector"),
        ("occupation", "ocupacion"), ("employer_id", "rfc_empleador"),
        ("employer_name", "razon_social_empleador"), ("recruiter_licence", "licencia_reclutador"),
        ("contract_id", "id_contrato"), ("document_type", "tipo_documento"),
        ("language", "idioma"), ("accompanying_family", "acompanantes"), ("clerk", "digitador"),
    ),
    "english": (
        ("registration_id", "registration_id"), ("office", "office"),
        ("registered_on", "registered_on"), ("direction", "direction"),
        ("person_id", "person_id"), ("name", "name"), ("sex", "sex"),
        ("birth_date", "birth_date"), ("age", "age"), ("origin_country", "origin_country"),
        ("origin_admin1", "origin_admin1"), ("origin_admin2", "origin_admin2"),
        ("destination_country", "destination_country"),
        ("destination_admin1", "destination_admin1"),
        ("destination_admin2", "destination_admin2"), ("sector", "sector"),
        ("occupation_code", "occupation"), ("recruiter_licence", "recruiter_licence"),
        ("employer_id", "employer_id"), ("employer_name", "employer_name"),
        ("contract_id", "contract_id"), ("document_type", "document_type"),
        ("language", "language"), ("accompanying_family", "accompanying_family"),
    ),
    "sheet": (
        ("row_number", "No."), ("registration_id", "FOLIO"), ("registered_on", "Fecha"),
        ("office", "Oficina"), ("direction", "Movimiento"), ("cui", "DPI"),
        ("passport", "Pasaporte"), ("name", "Nombre"), ("sex", "Sexo"), ("age", "Edad"),
        ("birth_date", "Fecha de nacimiento"), ("origin_admin1", "Departamento"),
        ("origin_admin2", "Municipio origen"), ("destination_admin1", "Estado"),
        ("destination_admin2", "Municipio destino"), ("sector", "Actividad"),
        ("employer_name", "Empleador"), ("recruiter_licence", "Licencia reclutador"),
        ("accompanying_family", "Acompañantes"),
    ),
}  # fmt: skip
DIRECTION_WORDS = {
    "formal": ("Salida", "Retorno"), "upper": ("SALIDA", "INGRESO"),
    "snake": ("salida", "retorno"), "english": ("exit", "return"), "sheet": ("Salida", "Ingreso"),
}  # fmt: skip
SEX_CODES = {  # (male, female)
    "HM": ("H", "M"), "MF": ("M", "F"), "hombre_mujer": ("Hombre", "Mujer"),
    "masculino_femenino": ("Masculino", "Femenino"),
}  # fmt: skip
CORRECTION_TEMPLATE = (
    ("registration_id", "No. Registro"), ("office", "Oficina"),
    ("registered_on", "Fecha de Registro"), ("direction", "Tipo de movimiento"), ("cui", "CUI"),
    ("passport", "Pasaporte"), ("sex", "Sexo"), ("birth_date", "Fecha de nacimiento"),
    ("age", "Edad"), ("origin_admin1", "Departamento origen"),
    ("destination_admin1", "Estado destino"), ("destination_admin2", "Municipio destino"),
    ("sector", "Actividad"), ("remarks", "Observaciones"),
)  # fmt: skip

# Each dimension cycles with its own period, so no two files of a corpus are typed alike.
TEMPLATE_CYCLE = ("formal", "upper", "snake", "english")
ENCODING_CYCLE = ("cp1252", "utf-8", "cp1252", "utf-8-sig", "utf-8")
DELIMITER_CYCLE = (";", ",", "\t", "|")
DATE_CYCLE = ("dmy", "iso", "dmy_unpadded", "dmy_dash", "iso_time")
SEX_CYCLE = ("HM", "MF", "hombre_mujer", "masculino_femenino", "MF")
ORIGIN_FORM_CYCLE = ("name", "upper_plain", "iso_old", "stats", "iso_new", "plain")
DESTINATION_FORM_CYCLE = ("name", "iso_new", "upper_plain", "stats_unpadded", "name", "stats")
OFFICE_FORM_CYCLE = ("name", "upper_plain", "long", "code", "town", "full")
SECTOR_FORM_CYCLE = ("label", "upper_plain", "code", "lower", "other_name", "english")
ID_FORM_CYCLE = ("spaced", "plain", "hyphen", "mixed")
AGE_MODE_CYCLE = ("both", "age", "birth")
REMARKS = ("Viaja con familia", "Sin contrato escrito", "Reingreso", "Pendiente de documento")
REMARK_SHARE = 0.05
CLERKS = ("jlopez", "mramirez", "ecux", "afuentes", "DIGITADOR 2", "sorozco")


@dataclass(frozen=True)
class FileStyle:
    """How one office typed one file."""

    template: str
    container: str = "csv"  # csv / xlsx
    encoding: str = "utf-8"  # CSV only, as are the three below
    delimiter: str = ","
    line_end: str = "\r\n"
    quote_all: bool = False
    date_format: str = "dmy"  # or "excel": real dates in XLSX cells
    sex_coding: str = "MF"
    origin_form: str = "name"
    destination_form: str = "name"
    office_form: str = "name"
    sector_form: str = "label"
    id_form: str = "plain"
    age_mode: str = "both"  # age / birth / both
    title_rows: tuple[str, ...] = ()  # lines above the header (a letterhead, a blank row)
    trailing_blank_rows: int = 0

    def describe(self) -> str:
        if self.container == "xlsx":
            return "xlsx" + (", title rows" if self.title_rows else "")
        return f"csv, {self.encoding}, delimiter {self.delimiter!r}"


@dataclass(frozen=True)
class _Plan:
    name: str
    style: FileStyle
    registrations: list[Registration]
    year: int


def write_border_office_files(
    out_dir: Path,
    corridor: Corridor,
    registrations: Sequence[Registration],
    corrections: Sequence[tuple[Registration, str]],
    *,
    seed: int,
) -> list[Path]:
    """Write the registrations as office exports, then the corrections, then a duplicate copy."""
    plans = _plan_files(corridor, registrations)
    corrected = {(r.office, r.registration_id) for r, _ in corrections}
    paths: list[Path] = []
    first_styles: dict[tuple[str, str], FileStyle] = {}  # where each corrected row was first sent
    for plan in plans:
        rng = random.Random(f"{seed}:{plan.name}")
        rows, faults, repeats = _table(corridor, plan, rng, protected=corrected)
        paths.append(_write(out_dir / plan.name, plan.style, rows, plan.year))
        log.info(
            "%s: %d rows, %s; %d faulty (%s), %d repeated",
            plan.name,
            len(rows) - 1,
            plan.style.describe(),
            len(faults),
            ", ".join(sorted(set(faults))),
            repeats,
        )
        for r in plan.registrations:
            if (r.office, r.registration_id) in corrected:
                first_styles[r.office, r.registration_id] = plan.style
        if corrections and len(first_styles) == len(corrected):  # right after the last original
            paths.append(
                _write_corrections(out_dir, corridor, corrections, first_styles, plan.year)
            )
            corrections = ()
    # An office sends the same export twice under another name: a byte-for-byte copy.
    original = paths[1] if len(paths) > 1 else paths[0]
    copy = out_dir / f"{original.stem} - copia{original.suffix}"
    shutil.copyfile(original, copy)
    paths.append(copy)
    return paths


def _plan_files(corridor: Corridor, registrations: Sequence[Registration]) -> list[_Plan]:
    """One file per half-year for the busiest office, per year for the others, in load order.

    The crossings without a labour office keep one shared sheet a year, in Excel some years:
    in the corpus's third year it is the hand-kept sheet with a letterhead above the header.
    """
    labour = [p.code for p in corridor.border_points if p.labour_office]
    busiest, yearly = labour[0], labour[1:]
    crossings = [p for p in corridor.border_points if not p.labour_office]
    groups: dict[tuple[int, int, int, str], list[Registration]] = {}
    for r in registrations:
        year = r.registered_on.year
        if r.office == busiest:
            key = (year, 1 if r.registered_on.month <= 6 else 2, 0, r.office)
        elif r.office in yearly:
            key = (year, 1, 1 + yearly.index(r.office), r.office)
        else:
            key = (year, 1, 1 + len(yearly), "")
        groups.setdefault(key, []).append(r)
    years = sorted({key[0] for key in groups})
    sheet_year = years[min(2, len(years) - 1)]
    plans = []
    for number, key in enumerate(sorted(groups)):
        year, half, _, office = key
        style = _style(number)
        if office == busiest:
            name = f"{office}_{year}_S{half}.csv"
        elif office:
            name = f"REGISTRO_{office.upper()}_{year}.csv"
        elif year == sheet_year:
            places = " y ".join(_base_name(p) for p in crossings)
            letterhead = (
                f"MINISTERIO DE TRABAJO Y PREVISIÓN SOCIAL — Puestos fronterizos {places} — "
                f"Registro de trabajadores {year}"
            )
            style = FileStyle(
                template="sheet", container="xlsx", date_format="excel", sex_coding="HM",
                origin_form="upper_plain", destination_form="name", office_form="name",
                sector_form="label", id_form="mixed", age_mode="age",
                title_rows=(letterhead, ""),
            )  # fmt: skip
            name = f"Registro_otros_puntos_{year}.xlsx"
        else:
            if years.index(year) in (0, 4):
                style = _style(number, container="xlsx")
            name = f"Otros_puntos_{year}.{style.container}"
        plans.append(_Plan(name, style, groups[key], year))
    return plans


def _style(number: int, container: str = "csv") -> FileStyle:
    """The file's habits, cycling through each dimension's options.

    A year has about four files, so a cycle of four would tie each office to one habit;
    `shift` moves such cycles on by a few steps each year (offices change templates too).
    """

    def pick(cycle: Sequence[str], shift: int = 0) -> str:
        return cycle[(number + shift * (number // 4)) % len(cycle)]

    return FileStyle(
        template=pick(TEMPLATE_CYCLE, shift=1),
        container=container,
        encoding=pick(ENCODING_CYCLE),
        delimiter=pick(DELIMITER_CYCLE, shift=2),
        line_end="\n" if number % 3 == 2 else "\r\n",
        quote_all=number % 7 == 3,
        date_format="excel" if container == "xlsx" else pick(DATE_CYCLE),
        sex_coding=pick(SEX_CYCLE),
        origin_form=pick(ORIGIN_FORM_CYCLE),
        destination_form=pick(DESTINATION_FORM_CYCLE),
        office_form=pick(OFFICE_FORM_CYCLE),
        sector_form=pick(SECTOR_FORM_CYCLE),
        id_form=pick(ID_FORM_CYCLE, shift=3),
        age_mode=pick(AGE_MODE_CYCLE),
        trailing_blank_rows=2 if number % 9 == 5 and container == "csv" else 0,
    )


# --- Values as an office types them. ------------------------------------------------------


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _base_name(point: BorderPoint) -> str:
    """The name before any brackets: "Tecún Umán (Ayutla)" gives "Tecún Umán"."""
    return point.name_origin.split(" (")[0].strip()


def _office_names(corridor: Corridor, form: str) -> dict[str, str]:
    """Office names: "Tecún Umán", "TECUN UMAN", "Ciudad Tecún Umán", its town "Malacatán"...

    Spellings are derived from the corridor's names; a derived one ("Ciudad ..." or the town
    in brackets) is used only where the corridor knows it as that crossing, else the base name.
    """
    names = {}
    for point in corridor.border_points:
        base = _base_name(point)
        town = point.name_origin.partition("(")[2].rstrip(")").strip()
        spelling = {
            "name": base,
            "upper_plain": _plain(base).upper(),
            "code": point.code,
            "full": point.name_origin,
            "long": f"Ciudad {base}",
            "town": town,
        }[form]
        known = corridor.border_point(spelling) if spelling else None
        names[point.code] = spelling if known is not None and known.code == point.code else base
    return names


def _admin1_forms(corridor: Corridor, form: str) -> dict[str, str]:
    """Each unit as a file writes it: name, plain or upper-case name, old or new ISO code, ...

    An old code or another name is used only where the corridor reads it as that unit.
    """
    forms = {}
    for unit in corridor.admin1:
        spelling = {
            "name": unit.name,
            "plain": _plain(ADMIN1_OTHER_NAMES.get(unit.code, unit.name)),
            "upper_plain": _plain(unit.name).upper(),
            "iso_new": unit.code,
            "iso_old": GT_OLD_ISO.get(unit.code, unit.code),
            "stats": unit.stats_code,
            "stats_unpadded": unit.stats_code.lstrip("0") or "0",
        }[form]
        known = corridor.admin1_unit(spelling, unit.country)
        forms[unit.code] = spelling if known == unit else unit.name
    return forms


def _sector_forms(corridor: Corridor, form: str) -> dict[str, str]:
    """Each sector as a file writes it; another name only where the corridor knows it."""
    forms = {}
    for sector in corridor.sectors:
        spelling = {
            "label": sector.label_es,
            "upper_plain": _plain(sector.label_es).upper(),
            "lower": sector.label_es.lower(),
            "code": sector.code,
            "english": sector.label_en,
            "other_name": SECTOR_OTHER_NAMES.get(sector.code, sector.label_es),
        }[form]
        forms[sector.code] = spelling if corridor.sector(spelling) == sector else sector.label_es
    return forms


def _date_writer(form: str) -> Callable[[dt.date], str | dt.date]:
    """A date as the file writes it, memoised (a corpus has a few thousand distinct days)."""
    write: Callable[[dt.date], str | dt.date] = {
        "dmy": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
        "iso": dt.date.isoformat,
        "dmy_unpadded": lambda d: f"{d.day}/{d.month}/{d.year}",
        "dmy_dash": lambda d: f"{d.day:02d}-{d.month:02d}-{d.year}",
        "iso_time": lambda d: f"{d.isoformat()} 00:00:00",
        "excel": lambda d: d,
    }[form]
    cache: dict[dt.date, str | dt.date] = {}

    def cached(day: dt.date) -> str | dt.date:
        if day not in cache:
            cache[day] = write(day)
        return cache[day]

    return cached


def _id_writer(form: str, rng: random.Random) -> Callable[[str], str]:
    """A CUI as typed: 2456789010101, "2456 78901 0101" or "2456-78901-0101"."""
    forms = {
        "plain": lambda p: p,
        "spaced": lambda p: f"{p[:4]} {p[4:9]} {p[9:]}",
        "hyphen": lambda p: f"{p[:4]}-{p[4:9]}-{p[9:]}",
    }
    if form == "mixed":  # several clerks, several habits
        habits = (forms["plain"], forms["spaced"], forms["hyphen"], forms["spaced"])
        return lambda p: habits[int(rng.random() * len(habits))](p)
    return forms[form]


def _getters(
    corridor: Corridor, style: FileStyle, rng: random.Random
) -> dict[str, Callable[[Registration], object]]:
    """For each field, how this file writes a registration's value."""
    day = _date_writer(style.date_format)
    typed_id = _id_writer(style.id_form, rng)
    offices = _office_names(corridor, style.office_form)
    origins = _admin1_forms(corridor, style.origin_form)
    destinations = _admin1_forms(corridor, style.destination_form)
    sectors = _sector_forms(corridor, style.sector_form)
    directions = DIRECTION_WORDS[style.template]
    male, female = SEX_CODES[style.sex_coding]
    spanish_words = style.template == "formal"
    documents = DOCUMENT_WORDS_ES if spanish_words else {}
    languages = LANGUAGE_WORDS_ES if spanish_words else {}
    english = style.template == "english"
    origin_country = corridor.origin.iso2 if english else corridor.origin.name_es
    destination_country = corridor.destination.iso2 if english else corridor.destination.name_es
    clerks = rng.sample(CLERKS, 2)
    xlsx = style.container == "xlsx"

    def person_id(r: Registration) -> str:
        return typed_id(r.person_id) if r.person_id_kind == "cui" else r.person_id

    def registered_on(r: Registration) -> object:
        if xlsx and rng.random() < 0.1:  # a clerk typed this date as text
            return f"{r.registered_on.day}/{r.registered_on.month}/{r.registered_on.year}"
        return day(r.registered_on)

    return {
        "row_number": lambda r: None,  # numbered once the repeated rows are in place
        "registration_id": attrgetter("registration_id"),
        "registered_on": registered_on,
        "office": lambda r: offices[r.office],
        "direction": lambda r: directions[r.direction == "return"],
        "person_id": person_id,
        "cui": lambda r: person_id(r) if r.person_id_kind == "cui" else "",
        "passport": lambda r: r.person_id if r.person_id_kind == "passport" else "",
        "name": lambda r: f"{r.given_names} {r.surnames}",
        "given_names": attrgetter("given_names"),
        "surnames": attrgetter("surnames"),
        "sex": lambda r: male if r.sex == "M" else female,
        "birth_date": lambda r: day(r.birth_date),
        "age": attrgetter("age"),
        "origin_country": lambda r: origin_country,
        "origin_admin1": lambda r: origins[r.origin_admin1],
        "origin_admin2": attrgetter("origin_admin2"),
        "destination_country": lambda r: destination_country,
        "destination_admin1": lambda r: destinations[r.destination_admin1],
        "destination_admin2": attrgetter("destination_admin2"),
        "sector": lambda r: sectors[r.sector],
        "occupation": lambda r: r.occupation[1],
        "occupation_code": lambda r: r.occupation[0],
        "recruiter_licence": attrgetter("recruiter_licence"),
        "employer_id": attrgetter("employer_id"),
        "employer_name": attrgetter("employer_name"),
        "contract_id": attrgetter("contract_id"),
        "document_type": lambda r: documents.get(r.document_type, r.document_type),
        "language": lambda r: languages.get(r.language, r.language),
        "accompanying_family": attrgetter("accompanying_family"),
        "remarks": lambda r: (
            REMARKS[int(rng.random() * len(REMARKS))] if rng.random() < REMARK_SHARE else ""
        ),
        "clerk": lambda r: clerks[r.registered_on.month % 2],
    }


def _columns(template: Iterable[tuple[str, str]], age_mode: str) -> list[tuple[str, str]]:
    dropped = {"age": "birth_date", "birth": "age"}.get(age_mode)
    return [(f, h) for f, h in template if f != dropped]


# --- Rows, faults and repeats. ------------------------------------------------------------


def _table(
    corridor: Corridor, plan: _Plan, rng: random.Random, protected: set[tuple[str, str]]
) -> tuple[list[list[object]], list[str], int]:
    """Header and rows of one file, with its faulty rows and repeated registrations.

    Rows sent again by the corrections file are kept clean, so that each correction
    updates a stored record.
    """
    style = plan.style
    columns = _columns(TEMPLATES[style.template], style.age_mode)
    getters = _getters(corridor, style, rng)
    row_getters = [getters[f] for f, _ in columns]
    rows = [[get(r) for get in row_getters] for r in plan.registrations]
    if style.template == "upper":  # this office typed everything in capitals
        rows = [[v.upper() if isinstance(v, str) else v for v in row] for row in rows]
    at = {f: i for i, (f, _) in enumerate(columns)}
    candidates = [
        i
        for i, r in enumerate(plan.registrations)
        if (r.office, r.registration_id) not in protected
    ]
    faulty_count = max(1, round(len(rows) * FAULT_SHARE))
    wanted = faulty_count + IDENTICAL_REPEATS_PER_FILE + CONFLICTS_PER_FILE
    picked = rng.sample(candidates, min(len(candidates), wanted))
    kinds = []
    for n, i in enumerate(sorted(picked[:faulty_count])):
        kind = FAULT_KINDS[(n + plan.year) % len(FAULT_KINDS)]
        _spoil(rows[i], kind, at, plan.registrations[i].registered_on, rng, style)
        kinds.append(kind)
    inserts = []
    for n, i in enumerate(picked[faulty_count:]):
        copy = list(rows[i])
        if n >= IDENTICAL_REPEATS_PER_FILE:  # a conflict: the folio again, one more companion
            copy[at["accompanying_family"]] = plan.registrations[i].accompanying_family + 1
        inserts.append((min(len(rows), i + 1 + rng.randrange(40)), n, copy))
    for position, _, copy in sorted(inserts, reverse=True):  # from the end: positions hold
        rows.insert(position, copy)
    if "row_number" in at:  # the hand-kept sheet numbers its rows after the fact
        for number, row in enumerate(rows, start=1):
            row[at["row_number"]] = number
    header = [h for _, h in columns]
    return [header, *rows], kinds, len(inserts)


def _spoil(
    row: list[object],
    kind: str,
    at: dict[str, int],
    on: dt.date,
    rng: random.Random,
    style: FileStyle,
) -> None:
    """Make one value wrong the way clerks do; DATA_SPEC sends such a row to quarantine."""
    if kind == "not_a_date":
        row[at["registered_on"]] = rng.choice(
            ("pendiente", "sin fecha", f"31/02/{on.year}", f"{on.year}-13-{on.day:02d}")
        )
    elif kind == "two_digit_year":
        row[at["registered_on"]] = f"{on.day:02d}/{on.month:02d}/{on.year % 100:02d}"
    elif kind == "age_out_of_range":
        age = rng.choice((7, 95))
        if "age" in at:
            row[at["age"]] = age
        if "birth_date" in at:  # the birth date agrees with the wrong age
            row[at["birth_date"]] = _date_writer(style.date_format)(dt.date(on.year - age, 1, 1))
    elif kind == "unknown_admin1":
        if rng.random() < 0.5:
            row[at["origin_admin1"]] = rng.choice(UNKNOWN_ORIGINS)
        else:
            row[at["destination_admin1"]] = rng.choice(UNKNOWN_DESTINATIONS)
    elif kind == "unknown_sector":
        row[at["sector"]] = rng.choice(UNKNOWN_SECTORS)
    elif kind == "missing_required":
        field = rng.choice(("sex", "person_id", "origin_admin1", "sector"))
        for name in ("cui", "passport", "person_id") if field == "person_id" else (field,):
            if name in at:
                row[at[name]] = ""
    elif kind == "negative_family":
        row[at["accompanying_family"]] = -rng.randint(1, 2)


# --- Writers. -------------------------------------------------------------------------------


def _write(path: Path, style: FileStyle, rows: list[list[object]], year: int) -> Path:
    if style.container == "xlsx":
        path.write_bytes(_xlsx_bytes(style, rows, year))
        return path
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=style.delimiter,
        lineterminator=style.line_end,
        quoting=csv.QUOTE_ALL if style.quote_all else csv.QUOTE_MINIMAL,
    )
    writer.writerows(rows)
    writer.writerows([[""] * len(rows[0])] * style.trailing_blank_rows)  # Excel's leftovers
    path.write_bytes(buffer.getvalue().encode(style.encoding))
    return path


def _xlsx_bytes(style: FileStyle, rows: list[list[object]], year: int) -> bytes:
    """An XLSX written with openpyxl, made byte-reproducible (its timestamps pinned)."""
    from openpyxl import Workbook

    saved_at = dt.datetime(year + 1, 1, 15, 9, 30)
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "Oficina de Movilidad Laboral"
    workbook.properties.created = saved_at
    sheet = workbook.create_sheet("Registro")
    for line in style.title_rows:
        sheet.append([line] if line else [])
    for row in rows:
        sheet.append([None if value == "" else value for value in row])
    raw = io.BytesIO()
    workbook.save(raw)
    # openpyxl stamps the time of saving into docProps/core.xml and the zip entries.
    stamp = saved_at.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    fixed = io.BytesIO()
    with (
        zipfile.ZipFile(raw) as source,
        zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            entry = zipfile.ZipInfo(info.filename, date_time=saved_at.timetuple()[:6])
            out.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED)
    return fixed.getvalue()


def _write_corrections(
    out_dir: Path,
    corridor: Corridor,
    corrections: Sequence[tuple[Registration, str]],
    first_styles: dict[tuple[str, str], FileStyle],
    year: int,
) -> Path:
    """Rows sent again with a corrected state or sector; the other fields as first sent.

    Age and birth date are given only where the first file gave them, so a correction
    changes nothing but what it corrects.
    """
    style = FileStyle(
        template="formal",
        delimiter=";",
        date_format="iso",
        destination_form="iso_new",
        office_form="code",
        sector_form="code",
    )
    getters = _getters(corridor, style, random.Random(0))
    rows: list[list[object]] = [[h for _, h in CORRECTION_TEMPLATE]]
    remarks = {"destination": "Corrige estado destino", "sector": "Corrige actividad"}
    for r, what in corrections:
        values = {f: getters[f](r) for f, _ in CORRECTION_TEMPLATE}
        values["remarks"] = remarks[what]
        first = first_styles[r.office, r.registration_id]
        if first.age_mode == "age":
            values["birth_date"] = ""
        if first.age_mode == "birth":
            values["age"] = ""
        rows.append([values[f] for f, _ in CORRECTION_TEMPLATE])
    office = corrections[0][0].office
    return _write(out_dir / f"{office}_{year}_correcciones.csv", style, rows, year)
