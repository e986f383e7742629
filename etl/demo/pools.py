"""Employers and recruiters: pools a later generator (registry, contracts) reuses, same seed."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from etl.demo.calibration import (
    DESTINATION_MUNICIPALITIES,
    DESTINATION_WEIGHTS,
    FIRST_NAMES,
    LICENCE_SHARE,
    ORIGIN_WEIGHTS,
    PLACE_NAMES,
    SECTOR_MIX,
    SURNAMES,
    _check_calibration,
)
from etl.demo.draws import _Weights

if TYPE_CHECKING:
    from observatory.corridor import Corridor


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
