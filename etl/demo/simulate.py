"""The simulation: people's yearly trips, and the registrations they leave."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from etl.demo.calibration import (
    ANNUAL_GROWTH,
    CORRECTED_REGISTRATIONS,
    CORRECTED_YEAR_INDEX,
    DAYS_ABROAD,
    DESTINATION_MUNICIPALITIES,
    DESTINATION_WEIGHTS,
    EXITS_PER_YEAR_REFERENCE,
    MAX_WORKING_AGE,
    OCCUPATIONS,
    REFERENCE_YEAR,
    RETURN_NEXT_YEAR,
    RETURN_REGISTRATION_SHARE,
    SAME_OFFICE_ON_RETURN,
    SECTOR_MIX,
    WARM_UP_YEARS,
    YEAR_NOISE_SD,
)
from etl.demo.draws import _below, _one_of
from etl.demo.world import _month_days, _Person, _Trip, _World
from observatory.definitions import age_on

if TYPE_CHECKING:
    from observatory.corridor import Corridor


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
