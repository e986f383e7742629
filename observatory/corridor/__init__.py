"""The country pair as data: countries, admin-1 units and their code forms, border points,
sectors and boundaries, read from a folder of data files (one folder per corridor)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Country:
    iso2: str  # "GT"
    name_es: str  # "Guatemala"
    name_en: str
    currency: str  # ISO 4217, "GTQ"
    iso3: str = ""  # ISO 3166-1 alpha-3, "GTM": some exports name countries this way


@dataclass(frozen=True)
class AdminUnit:
    code: str  # current ISO 3166-2 code: "GT-12", "MX-CHP"
    country: str  # ISO-2 of its country
    name: str  # official Spanish name: "San Marcos"
    stats_code: str  # national statistics code, two digits: INE "12", INEGI "07"
    lon: float  # a point inside the unit, for labels and flow lines
    lat: float


@dataclass(frozen=True)
class BorderPoint:
    code: str  # stable id used in the database and URLs: "tecun_uman"
    name_origin: str  # name on the origin side: "Tecún Umán (Ayutla)"
    name_destination: str  # name on the destination side: "Ciudad Hidalgo"
    origin_admin1: str  # ISO 3166-2 of the unit it sits in on each side
    destination_admin1: str
    lon: float
    lat: float
    labour_office: bool  # a labour-mobility office registers workers here


@dataclass(frozen=True)
class Sector:
    code: str  # "coffee"
    label_es: str  # "Café"
    label_en: str  # "Coffee"


# Imported last: the loader builds on the dataclasses above.
from observatory.corridor.files import CorridorError  # noqa: E402
from observatory.corridor.loader import Corridor, load_corridor  # noqa: E402
from observatory.corridor.money_tables import MoneyTables  # noqa: E402

__all__ = [
    "DATA_DIR",
    "AdminUnit",
    "BorderPoint",
    "Corridor",
    "CorridorError",
    "Country",
    "MoneyTables",
    "Sector",
    "load_corridor",
]
