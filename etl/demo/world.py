"""The simulated people and their yearly trips, drawn from the calibration."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from etl.demo.calibration import (
    ADULT_AGE_BANDS,
    CIRCULAR_SHARE,
    CONTRACT_SHARE,
    DESTINATION_MUNICIPALITIES,
    DESTINATION_WEIGHTS,
    DOCUMENT_MIX,
    DOCUMENT_MIX_MINORS,
    FAMILY_SHARE,
    FAMILY_SHARE_MINORS,
    FAMILY_SIZES,
    FEMALE_SHARE,
    FIRST_NAMES,
    KEEP_DESTINATION,
    KEEP_EMPLOYER,
    KEEP_RECRUITER,
    KEEP_SECTOR,
    LANGUAGE_MIX,
    LICENCE_SHARE,
    MINOR_AGES,
    MINOR_SHARE,
    OFFICE_WEIGHTS,
    ORIGIN_MUNICIPALITIES,
    ORIGIN_TAIL_WEIGHT,
    ORIGIN_WEIGHTS,
    PASSPORT_SHARE,
    SEASON,
    SECTOR_MIX,
    SECTOR_MIX_MINORS,
    SURNAMES,
    _check_calibration,
)
from etl.demo.draws import _below, _one_of, _Weights
from etl.demo.pools import Employer, employer_pool, recruiter_pool
from observatory.definitions import MINOR_AGE_LIMIT, age_on

if TYPE_CHECKING:
    from observatory.corridor import Corridor


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
