"""How each border-office file is laid out: which registrations, which columns, which habits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from etl.demo.values import _base_name

if TYPE_CHECKING:
    from etl.demo.simulate import Registration
    from observatory.corridor import Corridor

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


def _columns(template: Iterable[tuple[str, str]], age_mode: str) -> list[tuple[str, str]]:
    dropped = {"age": "birth_date", "birth": "age"}.get(age_mode)
    return [(f, h) for f, h in template if f != dropped]
