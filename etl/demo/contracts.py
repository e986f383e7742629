"""The contracts behind the registrations' folios: wages, hours, fees and benefits, as agreed."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from etl.demo.calibration import (
    BELOW_MINIMUM_SHARE,
    BELOW_MINIMUM_WITH_FEE,
    COMPLAINT_SHARE,
    CONTRACT_DAYS,
    FEE_RANGE,
    FEE_SHARE,
    GTQ_SHARE,
    HOUSING_SHARE,
    LONG_HOURS,
    LONG_HOURS_SHARE,
    MINIMUM_WAGE_MXN_DAY,
    MXN_PER_UNIT,
    NORMAL_HOURS,
    OPEN_ENDED_SHARE,
    PIECE_RATE_MXN_PER_KG,
    SOCIAL_SECURITY_SHARE,
    TRANSPORT_SHARE,
    USD_SHARE,
    WAGE_PERIODS,
    WAGE_RATIO_ABOVE,
    WAGE_RATIO_BELOW,
    WRITTEN_CONTRACT_SHARE,
)
from etl.demo.draws import _Weights
from etl.demo.layouts import TEMPLATES, _plan_files
from etl.demo.pools import recruiter_pool
from etl.demo.registry import fee_charging_licences

if TYPE_CHECKING:
    from etl.demo.simulate import Registration
    from observatory.corridor import Corridor

# DATA_SPEC "Wages": days a wage of each period covers (an hourly wage: 8 hours a day).
DAYS_PER_PERIOD = {"day": 1.0, "week": 7.0, "fortnight": 15.0, "month": 30.4, "hour": 1 / 8}
MISSING_HOURS_SHARE = 0.05


class Contract(NamedTuple):
    """One contract as agreed; `registration` is the exit that carries its folio."""

    contract_id: str
    registration: Registration
    start: dt.date
    end: dt.date | None
    wage_amount: float
    wage_period: str  # day / week / fortnight / month / hour / piece
    currency: str  # MXN / GTQ / USD
    below_minimum: bool  # as drawn; piece rates are never compared
    hours_per_week: int | None
    written: bool
    fee: float  # paid by the worker, in `currency`; 0 = none
    housing: bool
    transport: bool
    social_security: bool
    complaint: bool


def minimum_wage(year: int) -> float:
    """Mexico's general minimum wage of `year`, MXN a day (the nearest year calibrated)."""
    known = min(MINIMUM_WAGE_MXN_DAY, key=lambda y: (abs(y - year), -y))
    return MINIMUM_WAGE_MXN_DAY[known]


def mxn_per_unit(currency: str, year: int) -> float:
    if currency == "MXN":
        return 1.0
    rates = MXN_PER_UNIT[currency]
    return rates[min(rates, key=lambda y: (abs(y - year), -y))]


def simulate_contracts(
    corridor: Corridor,
    registrations: Sequence[Registration],
    corrections: Sequence[tuple[Registration, str]] = (),
    *,
    seed: int = 2014,
) -> list[Contract]:
    """A contract for every folio that an office typed on an exit, by folio (year, number).

    Only some border-office layouts have a folio column: a contract whose folio no file
    shows could not be linked to its registration, so it is left out. Where an office re-sent
    the registration with a corrected state or sector, the contract has the corrected one
    (the town stays when only the sector was corrected).
    """
    typed = typed_folios(corridor, registrations)
    rng = random.Random(f"{seed}:contracts")
    charging = fee_charging_licences(corridor, seed)
    countries = {r.licence_no: r.country for r in recruiter_pool(corridor, seed)}
    corrected = {(r.office, r.registration_id): r for r, _ in corrections}
    periods = {sector: _Weights(mix) for sector, mix in WAGE_PERIODS.items()}
    contracts = []
    for r in registrations:
        if r.direction != "exit" or r.contract_id not in typed:
            continue
        fixed = corrected.get((r.office, r.registration_id))
        if fixed is not None:
            r = fixed._replace(destination_admin2=fixed.destination_admin2 or r.destination_admin2)
        contracts.append(_contract(rng, r, charging, countries, periods))
    return sorted(contracts, key=lambda c: c.contract_id)


def typed_folios(corridor: Corridor, registrations: Sequence[Registration]) -> set[str]:
    """The contract folios the border-office files carry (as writers.py lays them out)."""
    return {
        r.contract_id
        for plan in _plan_files(corridor, registrations)
        if any(field == "contract_id" for field, _ in TEMPLATES[plan.style.template])
        for r in plan.registrations
        if r.contract_id
    }


def _share(shares: dict, sector: str) -> float:
    return shares.get(sector, shares[""])


def _contract(
    rng: random.Random,
    r: Registration,
    charging: frozenset[str],
    countries: dict[str, str],
    periods: dict[str, _Weights],
) -> Contract:
    sector, licence = r.sector, r.recruiter_licence
    year = r.registered_on.year
    start = min(r.registered_on + dt.timedelta(days=rng.randint(0, 6)), dt.date(year, 12, 31))
    low, high = _share(CONTRACT_DAYS, sector)
    end = None if rng.random() < OPEN_ENDED_SHARE else start + dt.timedelta(rng.randint(low, high))
    group = "charging" if licence in charging else "licensed" if licence else "direct"
    paid_fee = rng.random() < FEE_SHARE[group]
    draw = rng.random()
    if draw < USD_SHARE:
        currency = "USD"
    elif draw < USD_SHARE + GTQ_SHARE.get(countries.get(licence, ""), GTQ_SHARE[""]):
        currency = "GTQ"
    else:
        currency = "MXN"
    rate = mxn_per_unit(currency, year)
    period = periods.get(sector, periods["other"]).draw(rng)
    below_share = BELOW_MINIMUM_WITH_FEE if paid_fee else _share(BELOW_MINIMUM_SHARE, sector)
    below = period != "piece" and rng.random() < below_share
    ratio = rng.uniform(*(WAGE_RATIO_BELOW if below else WAGE_RATIO_ABOVE))
    if period == "piece":
        amount = round(rng.uniform(*PIECE_RATE_MXN_PER_KG) / rate, 2)
    else:
        amount = _rounded(minimum_wage(start.year) * ratio * DAYS_PER_PERIOD[period] / rate)
    fee = 0.0
    if paid_fee:  # agreed in quetzales or pesos; a dollar contract states it in dollars
        fee = float(round(rng.uniform(*FEE_RANGE), -2 if rng.random() < 0.7 else -1))
        if currency == "USD":
            fee = float(round(fee / mxn_per_unit("USD", year), -1))
    hours = None
    if rng.random() >= MISSING_HOURS_SHARE:
        long_hours = rng.random() < _share(LONG_HOURS_SHARE, sector)
        hours = rng.randint(*(LONG_HOURS if long_hours else NORMAL_HOURS))
    return Contract(
        r.contract_id,
        r,
        start,
        end,
        amount,
        period,
        currency,
        below,
        hours,
        rng.random() < _share(WRITTEN_CONTRACT_SHARE, sector),
        fee,
        rng.random() < _share(HOUSING_SHARE, sector),
        rng.random() < _share(TRANSPORT_SHARE, sector),
        rng.random() < _share(SOCIAL_SECURITY_SHARE, sector),
        rng.random() < COMPLAINT_SHARE[paid_fee or below],
    )


def _rounded(amount: float) -> float:
    """A wage as written in a contract: cents for small sums, whole fives or tens for larger."""
    step = 0.5 if amount < 100 else 5 if amount < 1_000 else 10 if amount < 5_000 else 50
    return round(amount / step) * step
