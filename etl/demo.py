"""Synthetic Guatemala → Mexico corridor: simulated registrations written as border-office files."""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import gc
import itertools
import random
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from etl import demo_messy
from observatory.definitions import MINOR_AGE_LIMIT, age_on

if TYPE_CHECKING:
    from observatory.corridor import Corridor

# --- Calibration: public figures are named beside their constant; the rest is our choice. --
# Units, sectors and offices are named by their corridor codes; names come from the corridor.

# ILO SSTC publications (2016-2020): "about 35,000 Guatemalans a year" cross to work in southern
# Mexico, and that migration "has grown year after year". We put the 35,000 in 2023 and grow
# it 3 % a year, with 2 % noise between years (our choices).
EXITS_PER_YEAR_REFERENCE = 35_000
REFERENCE_YEAR = 2023
ANNUAL_GROWTH = 0.03
YEAR_NOISE_SD = 0.02

# Not published: the share of exits whose return is registered at an office, the days abroad
# by sector (a harvest lasts a few months) and how often people return through the same office.
RETURN_REGISTRATION_SHARE = 0.5
DAYS_ABROAD = {"coffee": (45, 150), "sugar_cane": (60, 180), "": (20, 240)}
SAME_OFFICE_ON_RETURN = 0.85

# ILO SSTC: about 90 % work in Chiapas, the rest in Tabasco, Yucatán, Campeche and Quintana Roo;
# no split of that 10 % is published. Ours gives Tabasco the largest part, as TVTF cards did
# in Q1 2023 (1,529 for Chiapas, 218 for Tabasco); the peninsula shares the rest.
DESTINATION_WEIGHTS = {"MX-CHP": 0.90, "MX-TAB": 0.05, "MX-ROO": 0.025, "MX-CAM": 0.015,
                       "MX-YUC": 0.01}  # fmt: skip

# The offices are in San Marcos (ILO SSTC) and IOM's flow monitoring counted 48 % of movements
# at the San Marcos point in December 2024: the border departments dominate. Split ours; the
# tail weight is spread evenly over the corridor's other Guatemalan departments.
ORIGIN_WEIGHTS = {"GT-12": 0.46, "GT-13": 0.22, "GT-09": 0.12, "GT-11": 0.07}
ORIGIN_TAIL_WEIGHT = 0.13

# TVTF cards, Q1 2023 (Mexico's Unidad de Política Migratoria): 1,560 men, 186 women.
FEMALE_SHARE = 186 / (1_560 + 186)
# Same source: "most aged 20-29"; ILO SSTC: mostly young men. Bands (first, last, weight).
ADULT_AGE_BANDS = ((18, 19, 0.08), (20, 29, 0.52), (30, 39, 0.24), (40, 49, 0.11), (50, 59, 0.05))
# ILO SSTC: Guatemalan children working in Chiapas are a recognised problem with "no real
# statistics". A few % of registrations, mostly in agriculture with family (our choice).
MINOR_SHARE = 0.05  # of new workers; they age, so about 3 % of registrations
MINOR_AGES = (14, 17)
MAX_WORKING_AGE = 62
WARM_UP_YEARS = 1  # simulated before the first year written, so that it starts mid-stream

# Circular migration: many come back year after year (ILO SSTC: temporary indigenous labour
# migration is structural). The probabilities are ours.
CIRCULAR_SHARE = 0.6
RETURN_NEXT_YEAR = {True: 0.85, False: 0.10}  # keyed by "is a circular worker"
KEEP_SECTOR, KEEP_DESTINATION, KEEP_EMPLOYER, KEEP_RECRUITER = 0.85, 0.9, 0.7, 0.8

# Sector mix by (sex, works in Chiapas). ILO SSTC: coffee, papaya and sugar-cane plantations,
# domestic service, construction, also hospitality and commerce; women and children work too.
# Weights ours: women mostly in domestic work and commerce; no coffee outside Chiapas.
SECTOR_MIX = {
    ("M", True): {"coffee": 0.47, "banana": 0.10, "sugar_cane": 0.10, "papaya": 0.06,
                  "other_agriculture": 0.08, "construction": 0.10, "commerce": 0.03,
                  "hospitality": 0.02, "domestic_work": 0.005, "manufacturing": 0.02,
                  "other": 0.015},
    ("F", True): {"domestic_work": 0.36, "commerce": 0.22, "hospitality": 0.10, "coffee": 0.18,
                  "papaya": 0.03, "banana": 0.02, "other_agriculture": 0.03,
                  "manufacturing": 0.03, "other": 0.03},
    ("M", False): {"banana": 0.25, "construction": 0.25, "hospitality": 0.14, "commerce": 0.08,
                   "other_agriculture": 0.10, "sugar_cane": 0.08, "manufacturing": 0.05,
                   "other": 0.05},
    ("F", False): {"domestic_work": 0.35, "hospitality": 0.25, "commerce": 0.25,
                   "manufacturing": 0.05, "banana": 0.05, "other": 0.05},
}  # fmt: skip
SECTOR_MIX_MINORS = {"coffee": 0.60, "other_agriculture": 0.15, "banana": 0.05, "commerce": 0.10,
                     "domestic_work": 0.10}  # fmt: skip

# Month of exit, January to December. The Soconusco coffee harvest runs October-March and the
# sugar-cane zafra November-May (CONADESUCA's zafra reports): people leave as a season opens.
SEASON = {
    "coffee": (10, 6, 3, 1, 1, 1, 1, 2, 8, 16, 16, 12),
    "sugar_cane": (10, 7, 5, 3, 1, 0.5, 0.5, 0.5, 1, 8, 14, 10),
    "hospitality": (6, 5, 7, 8, 6, 6, 9, 9, 5, 6, 8, 11),
    "": (9, 8, 9, 8, 8, 8, 8, 8, 8, 9, 9, 8),
}

# Rights campaigns were translated into Mam, K'iche' and Kaqchikel (ILO SSTC). Shares by origin
# are rough readings of INE's 2018 census by department (our simplification).
LANGUAGE_MIX = {
    "GT-12": {"es": 0.58, "mam": 0.40, "quc": 0.02},
    "GT-13": {"es": 0.45, "mam": 0.40, "quc": 0.03, "other": 0.12},
    "GT-09": {"es": 0.50, "mam": 0.22, "quc": 0.28},
    "GT-11": {"es": 0.88, "quc": 0.08, "mam": 0.04},
    "": {"es": 0.60, "quc": 0.20, "cak": 0.15, "other": 0.05},
}

# MINTRAB's offices are at Tecún Umán and El Carmen (ILO SSTC); people from Huehuetenango
# also use La Mesilla, people from Petén El Ceibo (our weights).
OFFICE_WEIGHTS = {
    "GT-13": {"el_carmen": 0.50, "tecun_uman": 0.35, "la_mesilla": 0.15},
    "GT-17": {"el_ceibo": 0.75, "tecun_uman": 0.15, "el_carmen": 0.10},
    "": {"tecun_uman": 0.62, "el_carmen": 0.38},
}

# TVTF (border worker card), TVR (regional visitor card), other, none. Many workers are
# irregular (ILO SSTC); the mixes are ours.
DOCUMENT_MIX = {"TVTF": 0.58, "TVR": 0.07, "other": 0.08, "none": 0.27}
DOCUMENT_MIX_MINORS = {"none": 0.6, "other": 0.3, "TVR": 0.1}
PASSPORT_SHARE = 0.03  # registered with a passport rather than a CUI (our choice)

# Little is known of intermediaries (ILO SSTC). Share of trips with a recruiter, by sector (ours).
LICENCE_SHARE = {"coffee": 0.45, "sugar_cane": 0.5, "banana": 0.4, "papaya": 0.3,
                 "other_agriculture": 0.3, "construction": 0.2, "manufacturing": 0.3,
                 "hospitality": 0.15, "domestic_work": 0.05, "commerce": 0.05,
                 "other": 0.1}  # fmt: skip
CONTRACT_SHARE = 0.4  # of exits to an employer with an RFC, those with a contract folio (ours)
# ILO SSTC: workers cross "often with their families", above all to the farms (shares ours).
FAMILY_SHARE = {"coffee": 0.18, "other_agriculture": 0.15, "": 0.04}
FAMILY_SHARE_MINORS = 0.8
FAMILY_SIZES = {1: 0.5, 2: 0.25, 3: 0.15, 4: 0.1}

# Real municipality names. Free text in the files: no list check happens.
ORIGIN_MUNICIPALITIES = {
    "GT-12": ("Malacatán", "San Pedro Sacatepéquez", "Tacaná", "Ayutla", "Catarina", "San Pablo",
              "Tajumulco", "Sibinal", "Concepción Tutuapa", "Comitancillo", "El Quetzal"),
    "GT-13": ("La Democracia", "Cuilco", "Todos Santos Cuchumatán", "Colotenango",
              "Jacaltenango", "San Ildefonso Ixtahuacán", "Santiago Chimaltenango", "La Libertad"),
    "GT-09": ("Coatepeque", "Cabricán", "Huitán", "San Juan Ostuncalco", "Colomba",
              "Concepción Chiquirichapa", "Génova"),
    "GT-11": ("Retalhuleu", "Champerico", "San Sebastián", "Nuevo San Carlos", "El Asintal"),
}  # fmt: skip
DESTINATION_MUNICIPALITIES = {
    "MX-CHP": ("Tapachula", "Cacahoatán", "Huixtla", "Suchiate", "Tuxtla Chico", "Unión Juárez",
               "Mazatán", "Frontera Comalapa", "Motozintla", "Frontera Hidalgo", "Metapa"),
    "MX-TAB": ("Tenosique", "Balancán", "Teapa", "Centro", "Cunduacán"),
    "MX-CAM": ("Campeche", "Carmen", "Escárcega", "Champotón"),
    "MX-ROO": ("Benito Juárez", "Solidaridad", "Othón P. Blanco", "Tulum"),
    "MX-YUC": ("Mérida", "Progreso", "Valladolid"),
}  # fmt: skip
# ISCO-08 unit group and the Spanish job title an office types.
OCCUPATIONS = {
    "coffee": ("9211", "Cortador de café"), "banana": ("9211", "Jornalero bananero"),
    "sugar_cane": ("9211", "Cortador de caña"), "papaya": ("9211", "Jornalero"),
    "other_agriculture": ("9211", "Jornalero agrícola"), "construction": ("9313", "Albañil"),
    "domestic_work": ("9111", "Trabajadora doméstica"), "commerce": ("5223", "Vendedor"),
    "hospitality": ("9412", "Ayudante de cocina"), "manufacturing": ("9329", "Empacador"),
    "other": ("9629", "Ayudante general"),
}  # fmt: skip

# Synthetic people, employers and recruiters: common Spanish and Mayan first names and
# surnames of the region, combined at random; place names common in both countries.
FIRST_NAMES = {
    "M": ("Juan", "José", "Pedro", "Santiago", "Domingo", "Diego", "Francisco", "Marcos", "Mateo",
          "Baltazar", "Gaspar", "Andrés", "Miguel", "Tomás", "Lucas", "Felipe", "Cristóbal",
          "Rigoberto", "Byron", "Elmer", "Erwin", "Wilmer", "Selvin", "Edvin", "Brayan", "Carlos",
          "Luis", "Fermín", "Abelino", "Eliseo", "Jacinto", "Sebastián", "Nicolás", "Efraín"),
    "F": ("María", "Juana", "Micaela", "Rosa", "Catarina", "Magdalena", "Ana", "Petrona",
          "Dominga", "Sebastiana", "Lucía", "Candelaria", "Ixchel", "Olga", "Gloria", "Sandra",
          "Marta", "Isabel", "Francisca", "Tomasa", "Elvira", "Yesenia", "Glenda", "Ingrid"),
}  # fmt: skip
SURNAMES = (
    "López", "Pérez", "García", "Ramírez", "Mejía", "Chávez", "Bámaca", "Tzoc", "Cux", "Ajanel",
    "Xocop", "Mazariegos", "Fuentes", "Orozco", "Velásquez", "Gómez", "Ixcot", "Jiguan", "Tax",
    "Cardona", "Domingo", "Méndez", "Roblero", "Escalante", "Maldonado", "Jiménez", "Bautista",
    "Pablo", "Sales", "Ordóñez", "Cifuentes", "Tojín", "Coyoy", "Quemé", "Batz", "Sic",
    "Ixtabalán", "Hernández", "Morales", "Díaz", "Vásquez", "Ramos",
)  # fmt: skip
PLACE_NAMES = (
    "Santa Anita", "La Esperanza", "El Progreso", "San José", "La Victoria", "Las Palmas",
    "El Porvenir", "Santa Elena", "La Fortuna", "San Antonio", "Los Laureles", "El Recreo",
    "La Providencia", "Buenos Aires", "Santa Cruz", "La Alianza", "El Retiro", "Monte Verde",
    "San Cristóbal", "La Gloria", "El Edén", "Las Nubes", "Santa Rita", "El Paraíso", "San Juan",
    "La Concordia", "Los Cerritos", "El Mirador",
)  # fmt: skip

# An office re-sends a batch of earlier registrations with the state or the sector corrected
# (DATA_SPEC: a later file repeating a natural key with changed values updates the record).
CORRECTED_REGISTRATIONS = 50
CORRECTED_YEAR_INDEX = 2  # corrections concern the corpus's third year (or its last)


# --- Pools a later generator (recruiter registry, contracts) reuses with the same seed. ----


@dataclass(frozen=True)
class Employer:
    employer_id: str  # RFC of a company; "" for a private household
    name: str
    sector: str
    admin1: str  # ISO 3166-2 code of the state
    municipality: str


@dataclass(frozen=True)
class Recruiter:
    licence_no: str  # "GT-REC-0012"
    name: str
    country: str  # ISO-2 of the registering country
    kind: str  # agency / individual / employer
    admin1: str
    sectors: tuple[str, ...]
    registered_on: dt.date
    in_registry: bool  # False: a licence typed on registrations that no register holds


_EMPLOYERS_PER_SECTOR = {"coffee": 40, "banana": 10, "sugar_cane": 5, "papaya": 8,
                         "other_agriculture": 10, "construction": 12, "commerce": 15,
                         "hospitality": 10, "manufacturing": 5, "other": 5,
                         "domestic_work": 25}  # fmt: skip
_EMPLOYER_PREFIXES = {
    "coffee": ("Finca",), "banana": ("Bananera", "Rancho"), "sugar_cane": ("Ingenio", "Cañera"),
    "papaya": ("Papayera", "Rancho"), "other_agriculture": ("Rancho", "Agrícola", "Huerta"),
    "construction": ("Constructora", "Obras y Proyectos"),
    "commerce": ("Comercializadora", "Abarrotes", "Distribuidora"),
    "hospitality": ("Hotel", "Restaurante"), "manufacturing": ("Empacadora", "Procesadora"),
    "other": ("Servicios", "Taller"),
}  # fmt: skip
_COMPANY_SUFFIXES = ("", "", " S.A. de C.V.", " S. de R.L. de C.V.", " S.P.R. de R.L.")
_AGENCY_PREFIXES = ("Agencia de Empleo", "Reclutadora", "Servicios Laborales")
_RFC_CHARS = "ABCDEFGHIJKLMNPQRSTUVWXYZ123456789"
_RFC_SKIP = {"de", "del", "la", "las", "los", "el", "y", "s", "a", "c", "v", "r", "l", "p"}
_RECRUITERS = (("GT", 48, 3), ("MX", 18, 1))  # country, licences, of which no register holds


def employer_pool(corridor: Corridor, seed: int = 2014) -> tuple[Employer, ...]:
    """Employers in each destination state: fincas, ranchos, companies and households."""
    _check_calibration(corridor)
    rng = random.Random(f"{seed}:employers")
    employers: list[Employer] = []
    names: set[str] = set()
    rfcs: set[str] = set()
    for state in DESTINATION_WEIGHTS:
        in_chiapas = state == "MX-CHP"
        sectors = set(SECTOR_MIX["M", in_chiapas]) | set(SECTOR_MIX["F", in_chiapas])
        for sector, count in _EMPLOYERS_PER_SECTOR.items():
            if sector not in sectors:
                continue
            for _ in range(count if in_chiapas else max(1, count // 5)):
                town = rng.choice(DESTINATION_MUNICIPALITIES[state])
                if sector == "domestic_work":  # a household: the family's name, no RFC
                    name, rfc = f"Familia {rng.choice(SURNAMES)} {rng.choice(SURNAMES)}", ""
                else:
                    prefixes = _EMPLOYER_PREFIXES[sector]
                    name = _unique(names, lambda p=prefixes: (
                        f"{rng.choice(p)} {rng.choice(PLACE_NAMES)}{rng.choice(_COMPANY_SUFFIXES)}"
                    ))  # fmt: skip
                    rfc = _unique(rfcs, lambda n=name: _rfc(rng, n))
                employers.append(Employer(rfc, name, sector, state, town))
    return tuple(employers)


def recruiter_pool(corridor: Corridor, seed: int = 2014) -> tuple[Recruiter, ...]:
    """Licensed recruiters of both countries, and a few licences that no register holds."""
    rng = random.Random(f"{seed}:recruiters")
    companies = [e for e in employer_pool(corridor, seed) if e.employer_id]
    sectors = [s for s, share in LICENCE_SHARE.items() if share >= 0.15]
    names: set[str] = set()
    recruiters = []
    for country, count, unregistered in _RECRUITERS:
        numbers = sorted(rng.sample(range(1, 160), count + unregistered))
        unknown = set(rng.sample(numbers, unregistered))
        for number in numbers:
            kind = rng.choices(("agency", "individual", "employer"), (0.55, 0.35, 0.10))[0]
            if country == "GT":
                admin1 = _Weights(ORIGIN_WEIGHTS).draw(rng)
            else:
                admin1 = rng.choices(("MX-CHP", "MX-TAB"), (0.85, 0.15))[0]
            own = tuple(rng.sample(sectors, rng.randint(1, 3)))
            if kind == "employer" and country == "MX":  # a company recruiting for itself
                company = rng.choice(companies)
                name, admin1, own = company.name, company.admin1, (company.sector,)
            elif kind == "individual":
                given, surnames = rng.choice(FIRST_NAMES["M"]), rng.sample(SURNAMES, 2)
                name = f"{given} {' '.join(surnames)}"
            else:
                kind, legal = "agency", " S.A." if country == "GT" else " S.A. de C.V."
                name = _unique(names, lambda legal=legal: (
                    f"{rng.choice(_AGENCY_PREFIXES)} {rng.choice(PLACE_NAMES)}{legal}"
                ))  # fmt: skip
            registered_on = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3_470))
            licence = f"{country}-REC-{number:04d}"
            in_registry = number not in unknown
            recruiters.append(
                Recruiter(licence, name, country, kind, admin1, own, registered_on, in_registry)
            )
    return tuple(recruiters)


def _rfc(rng: random.Random, name: str) -> str:
    """An RFC-shaped company id: three letters of its name, a founding date, a check key."""
    words = [w for w in name.replace(".", " ").split() if w.lower() not in _RFC_SKIP]
    letters = "".join(w[0] for w in words).upper()[:3].ljust(3, "X")
    letters = letters.translate(str.maketrans("ÁÉÍÓÚÑ", "AEIOUX"))
    founded = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(22_000))
    return f"{letters}{founded:%y%m%d}{''.join(rng.choices(_RFC_CHARS, k=3))}"


def _unique(taken: set[str], make: Callable[[], str]) -> str:
    """A value from `make` not yet taken (numbered after 20 collisions)."""
    for attempt in itertools.count():
        value = make() if attempt < 20 else f"{make()} {attempt}"
        if value not in taken:
            taken.add(value)
            return value
    raise AssertionError("unreachable")


# --- The simulation: people, their yearly trips, and the registrations they leave. ----------


class Registration(NamedTuple):
    """One registration as it happened, before an office types it into a file."""

    office: str  # border-point code
    registration_id: str
    registered_on: dt.date
    direction: str  # exit / return
    person_id: str  # CUI (13 digits) or passport number, unformatted
    person_id_kind: str  # cui / passport
    given_names: str
    surnames: str
    sex: str  # M / F
    birth_date: dt.date
    origin_admin1: str  # ISO 3166-2 codes, as in the corridor
    origin_admin2: str
    destination_admin1: str
    destination_admin2: str
    sector: str
    occupation: tuple[str, str]  # (ISCO-08 code, Spanish title)
    recruiter_licence: str
    employer_id: str
    employer_name: str
    contract_id: str
    document_type: str
    language: str
    accompanying_family: int

    @property
    def age(self) -> int:
        return age_on(self.birth_date, self.registered_on)


class _Person:
    """A worker: fixed traits, and what they did last time (returning workers mostly repeat)."""

    __slots__ = ("birth_date", "circular", "destination", "employer", "given_names", "kind",
                 "language", "licence", "office", "origin", "origin_municipality", "person_id",
                 "sector", "sex", "surnames")  # fmt: skip

    def __init__(self, **traits: object) -> None:
        self.sector, self.destination, self.employer, self.licence = "", "", None, ""
        for name, value in traits.items():
            setattr(self, name, value)


@dataclass(slots=True)
class _Trip:
    """One year's work of one person; the exit and the return registrations share it."""

    sector: str
    destination: str
    municipality: str
    employer: Employer | None
    licence: str
    document_type: str
    family: int
    wants_contract: bool
    contract_id: str = ""


class _Weights:
    """A categorical draw by bisection (random.choices rebuilds its cumulative sums per call)."""

    def __init__(self, weights: Mapping[Any, float]) -> None:
        self.choices = list(weights)
        self.cumulative = list(itertools.accumulate(weights.values()))

    def draw(self, rng: random.Random) -> Any:
        return self.choices[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]


def _below(rng: random.Random, n: int) -> int:
    """A whole number in [0, n): randrange without its argument checks (a hot path)."""
    return int(rng.random() * n)


def _one_of(rng: random.Random, items: Sequence[str]) -> str:
    return items[int(rng.random() * len(items))]


class _World:
    """The corridor's calibrated draws, prepared once."""

    def __init__(self, corridor: Corridor, seed: int) -> None:
        _check_calibration(corridor)
        origin = corridor.origin.iso2
        tail = [u.code for u in corridor.units_of(origin) if u.code not in ORIGIN_WEIGHTS]
        self.origin = _Weights(ORIGIN_WEIGHTS | {c: ORIGIN_TAIL_WEIGHT / len(tail) for c in tail})
        self.stats_code = {u.code: u.stats_code for u in corridor.admin1}
        self.destination = _Weights(DESTINATION_WEIGHTS)
        self.sector = {key: _Weights(mix) for key, mix in SECTOR_MIX.items()}
        self.sector_minor = _Weights(SECTOR_MIX_MINORS)
        self.month = {k: _Weights(dict(enumerate(w, start=1))) for k, w in SEASON.items()}
        self.language = {key: _Weights(mix) for key, mix in LANGUAGE_MIX.items()}
        self.office = {key: _Weights(mix) for key, mix in OFFICE_WEIGHTS.items()}
        self.document = _Weights(DOCUMENT_MIX)
        self.document_minor = _Weights(DOCUMENT_MIX_MINORS)
        self.family = _Weights(FAMILY_SIZES)
        self.age_band = _Weights(dict(enumerate(w for _, _, w in ADULT_AGE_BANDS)))
        self.labour_offices = [p.code for p in corridor.border_points if p.labour_office]
        self.employers: dict[tuple[str, str], list[Employer]] = {}
        for employer in employer_pool(corridor, seed):
            self.employers.setdefault((employer.sector, employer.admin1), []).append(employer)
        self.licences: dict[str, list[str]] = {}
        for recruiter in recruiter_pool(corridor, seed):
            for sector in recruiter.sectors:
                self.licences.setdefault(sector, []).append(recruiter.licence_no)
        self.person_ids: set[str] = set()

    def new_person(self, rng: random.Random, year: int) -> _Person:
        sex = "F" if rng.random() < FEMALE_SHARE else "M"
        if rng.random() < MINOR_SHARE:
            first, last = MINOR_AGES
        else:
            first, last, _ = ADULT_AGE_BANDS[int(self.age_band.draw(rng))]
        age = first + _below(rng, last - first + 1)
        origin = self.origin.draw(rng)
        towns = ORIGIN_MUNICIPALITIES.get(origin, ())
        town_index = _below(rng, len(towns) if towns else 20)
        given = _one_of(rng, FIRST_NAMES[sex])
        if rng.random() < 0.6:
            given = f"{given} {_one_of(rng, FIRST_NAMES[sex])}"
        kind, person_id = "cui", ""
        while not person_id or person_id in self.person_ids:
            if rng.random() < PASSPORT_SHARE:
                kind, person_id = "passport", f"{10**8 + _below(rng, 9 * 10**8)}"
            else:
                kind, person_id = "cui", _cui(rng, self.stats_code[origin], town_index + 1)
        self.person_ids.add(person_id)
        return _Person(
            person_id=person_id,
            kind=kind,
            given_names=given,
            surnames=f"{_one_of(rng, SURNAMES)} {_one_of(rng, SURNAMES)}",
            sex=sex,
            birth_date=dt.date(year - age, 1, 1) - dt.timedelta(days=_below(rng, 365)),
            origin=origin,
            origin_municipality=towns[town_index] if towns else "",
            language=self.language.get(origin, self.language[""]).draw(rng),
            circular=rng.random() < CIRCULAR_SHARE,
            office=self.office.get(origin, self.office[""]).draw(rng),
        )

    def trip(self, rng: random.Random, person: _Person, year: int) -> _Trip:
        """This year's work: returning workers mostly keep their state, sector and employer."""
        returning = person.sector != ""
        minor = age_on(person.birth_date, dt.date(year, 7, 1)) < MINOR_AGE_LIMIT
        if not returning or rng.random() > KEEP_DESTINATION:
            person.destination = self.destination.draw(rng)
        mix = (
            self.sector_minor if minor else self.sector[person.sex, person.destination == "MX-CHP"]
        )
        if not returning or rng.random() > KEEP_SECTOR or person.sector not in mix.choices:
            person.sector = mix.draw(rng)
        employer = person.employer
        if (
            employer is None
            or (employer.sector, employer.admin1) != (person.sector, person.destination)
            or rng.random() > KEEP_EMPLOYER
        ):
            candidates = self.employers.get((person.sector, person.destination))
            employer = _one_of(rng, candidates) if candidates and rng.random() < 0.8 else None
            person.employer = employer
        licences = self.licences.get(person.sector, ())
        lost = person.licence and person.licence not in licences  # new sector, other recruiters
        if not returning or lost or rng.random() > KEEP_RECRUITER:
            wanted = rng.random() < LICENCE_SHARE[person.sector]
            person.licence = _one_of(rng, licences) if licences and wanted else ""
        if employer is not None:
            town = employer.municipality
        elif rng.random() < 0.8:
            town = _one_of(rng, DESTINATION_MUNICIPALITIES[person.destination])
        else:
            town = ""
        family_share = FAMILY_SHARE.get(person.sector, FAMILY_SHARE[""])
        if minor:
            family_share = FAMILY_SHARE_MINORS
        family = int(self.family.draw(rng)) if rng.random() < family_share else 0
        document = (self.document_minor if minor else self.document).draw(rng)
        wants_contract = bool(employer and employer.employer_id) and rng.random() < CONTRACT_SHARE
        return _Trip(person.sector, person.destination, town, employer, person.licence,
                     document, family, wants_contract)  # fmt: skip

    def exit_date(self, rng: random.Random, sector: str, year: int) -> dt.date:
        month = int(self.month.get(sector, self.month[""]).draw(rng))
        return dt.date(year, month, 1 + _below(rng, _month_days(year, month)))


def _cui(rng: random.Random, department: str, municipality: int) -> str:
    """A CUI-shaped number: 8 digits, a mod-11 check digit, department and municipality codes."""
    while True:
        digits = f"{_below(rng, 10**8):08d}"
        check = sum(int(d) * weight for d, weight in zip(digits, range(2, 10), strict=True)) % 11
        if check < 10:
            return f"{digits}{check}{department}{municipality:02d}"


def _month_days(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.date(year, month, 1)).days


_ID_FORMATS = {  # registration numbers as each office writes them
    "tecun_uman": lambda year, n: f"TU-{year}-{n:06d}",
    "el_carmen": lambda year, n: f"{n}",
    "la_mesilla": lambda year, n: f"LM-{n:05d}",
    "el_ceibo": lambda year, n: f"ECB{year % 100:02d}-{n:04d}",
}
_ID_RESETS_EACH_YEAR = {"tecun_uman", "el_ceibo"}
_FIRST_NUMBER = {"el_carmen": 10_001}  # a running number started years before the corpus


def simulate_registrations(
    corridor: Corridor,
    *,
    seed: int = 2014,
    first_year: int = 2021,
    last_month: dt.date = dt.date(2026, 10, 1),
) -> list[Registration]:
    """Every registration of the synthetic corridor up to the end of `last_month`, by date."""
    if first_year > last_month.year:
        raise ValueError(f"first_year {first_year} is after last_month {last_month}")
    rng = random.Random(seed)
    world = _World(corridor, seed)
    end = dt.date(last_month.year, last_month.month, _month_days(last_month.year, last_month.month))
    drafts: list[tuple[dt.date, str, str, _Person, _Trip]] = []
    previous: list[_Person] = []
    # A warm-up year, not written, so that the first year already has returning workers and
    # the returns of the previous season.
    for year in range(first_year - WARM_UP_YEARS, last_month.year + 1):
        growth = (1 + ANNUAL_GROWTH) ** (year - REFERENCE_YEAR)
        target = round(EXITS_PER_YEAR_REFERENCE * growth * (1 + rng.gauss(0, YEAR_NOISE_SD)))
        returning = [
            p
            for p in previous
            if rng.random() < RETURN_NEXT_YEAR[p.circular]
            and age_on(p.birth_date, dt.date(year, 1, 1)) <= MAX_WORKING_AGE
        ]
        if len(returning) > target:
            returning = rng.sample(returning, target)
        workers = returning + [world.new_person(rng, year) for _ in range(target - len(returning))]
        for person in workers:
            trip = world.trip(rng, person, year)
            exit_on = world.exit_date(rng, trip.sector, year)
            if exit_on > end:
                continue
            if exit_on.year >= first_year:
                drafts.append((exit_on, "exit", person.office, person, trip))
            if rng.random() < RETURN_REGISTRATION_SHARE:
                low, high = DAYS_ABROAD.get(trip.sector, DAYS_ABROAD[""])
                back_on = exit_on + dt.timedelta(days=low + _below(rng, high - low + 1))
                office = person.office
                if rng.random() > SAME_OFFICE_ON_RETURN:
                    office = _one_of(rng, world.labour_offices)
                if first_year <= back_on.year and back_on <= end:
                    drafts.append((back_on, "return", office, person, trip))
        previous = workers
    drafts.sort(key=lambda draft: draft[0])  # stable: a day's rows keep their drawn order
    return _numbered(drafts)


def _numbered(drafts: Sequence[tuple[dt.date, str, str, _Person, _Trip]]) -> list[Registration]:
    """Registrations with their office numbers; exits with a contract get its folio."""
    counters: dict[tuple[str, int], int] = {}
    contracts: dict[int, int] = {}
    registrations = []
    for on, direction, office, person, trip in drafts:
        key = (office, on.year if office in _ID_RESETS_EACH_YEAR else 0)
        number = counters[key] = counters.get(key, _FIRST_NUMBER.get(office, 1) - 1) + 1
        make_id = _ID_FORMATS.get(office)
        registration_id = (
            make_id(on.year, number) if make_id else f"{office.upper()}-{on.year}-{number:06d}"
        )
        if direction == "exit" and trip.wants_contract:
            contracts[on.year] = contracts.get(on.year, 0) + 1
            trip.contract_id = f"CT-{on.year}-{contracts[on.year]:06d}"
        employer = trip.employer
        registrations.append(
            Registration(  # positional, in field order: this runs once per registration
                office,
                registration_id,
                on,
                direction,
                person.person_id,
                person.kind,
                person.given_names,
                person.surnames,
                person.sex,
                person.birth_date,
                person.origin,
                person.origin_municipality,
                trip.destination,
                trip.municipality,
                trip.sector,
                OCCUPATIONS[trip.sector],
                trip.licence,
                employer.employer_id if employer else "",
                employer.name if employer else "",
                trip.contract_id,
                trip.document_type,
                person.language,
                trip.family,
            )
        )
    return registrations


def choose_corrections(
    corridor: Corridor, registrations: Sequence[Registration], *, seed: int = 2014
) -> list[tuple[Registration, str]]:
    """Exits of the busiest office in one year, as re-sent: (corrected registration, what).

    `what` is "destination" (another state and town) or "sector"; a sector correction
    leaves the town blank, so that the stored one stays.
    """
    rng = random.Random(f"{seed}:corrections")
    office = next(p.code for p in corridor.border_points if p.labour_office)
    years = sorted({r.registered_on.year for r in registrations})
    year = years[min(CORRECTED_YEAR_INDEX, len(years) - 1)]
    candidates = [
        r
        for r in registrations
        if r.office == office and r.direction == "exit" and r.registered_on.year == year
    ]
    picked = rng.sample(range(len(candidates)), min(CORRECTED_REGISTRATIONS, len(candidates)))
    corrections = []
    for n, index in enumerate(sorted(picked)):
        r = candidates[index]
        if n % 2 == 0:
            state = rng.choice([s for s in DESTINATION_WEIGHTS if s != r.destination_admin1])
            town = rng.choice(DESTINATION_MUNICIPALITIES[state])
            corrected = r._replace(destination_admin1=state, destination_admin2=town)
            corrections.append((corrected, "destination"))
        else:
            sector = rng.choice([s for s in SECTOR_MIX[r.sex, True] if s != r.sector])
            corrections.append((r._replace(sector=sector, destination_admin2=""), "sector"))
    return corrections


def _check_calibration(corridor: Corridor) -> None:
    """The calibration names units, sectors and offices by code: the corridor must have them."""
    have = (
        {u.code for u in corridor.admin1}
        | {s.code for s in corridor.sectors}
        | {p.code for p in corridor.border_points}
    )
    wanted = (
        set(DESTINATION_WEIGHTS)
        | set(ORIGIN_WEIGHTS)
        | set(OCCUPATIONS)
        | {code for mix in OFFICE_WEIGHTS.values() for code in mix}
    )
    if missing := wanted - have:
        raise ValueError(
            "the demo is calibrated for the gt_mx corridor; this corridor lacks "
            + ", ".join(sorted(missing))
        )


# --- The public entry point. ----------------------------------------------------------------


@dataclass(frozen=True)
class DemoFile:
    source_kind: str  # "border_office" (later also "recruiter_registry", "contracts")
    path: Path


def write_demo_files(
    out_dir: Path,
    corridor: Corridor,
    *,
    seed: int = 2014,
    first_year: int = 2021,
    last_month: dt.date = dt.date(2026, 10, 1),
) -> list[DemoFile]:
    """Write the synthetic corridor's source files into out_dir, in the order they must be loaded.

    Deterministic: the same arguments give the same bytes.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with _collector_paused():
        registrations = simulate_registrations(
            corridor, seed=seed, first_year=first_year, last_month=last_month
        )
        corrections = choose_corrections(corridor, registrations, seed=seed)
        paths = demo_messy.write_border_office_files(
            out_dir, corridor, registrations, corrections, seed=seed
        )
    return [DemoFile("border_office", path) for path in paths]


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while ~300,000 rows (which form no cycles) are built.

    Otherwise every few thousand new objects start a pass over all the rows built so far,
    which more than doubles the time of generation.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
