"""Values as an office types them: names, codes, dates and ids, each file its own spelling."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Callable
from operator import attrgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from etl.demo.layouts import FileStyle
    from etl.demo.simulate import Registration
    from observatory.corridor import BorderPoint, Corridor

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
DIRECTION_WORDS = {
    "formal": ("Salida", "Retorno"), "upper": ("SALIDA", "INGRESO"),
    "snake": ("salida", "retorno"), "english": ("exit", "return"), "sheet": ("Salida", "Ingreso"),
}  # fmt: skip
SEX_CODES = {  # (male, female)
    "HM": ("H", "M"), "MF": ("M", "F"), "hombre_mujer": ("Hombre", "Mujer"),
    "masculino_femenino": ("Masculino", "Femenino"),
}  # fmt: skip
REMARKS = ("Viaja con familia", "Sin contrato escrito", "Reingreso", "Pendiente de documento")
REMARK_SHARE = 0.05
CLERKS = ("jlopez", "mramirez", "ecux", "afuentes", "DIGITADOR 2", "sorozco")


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
