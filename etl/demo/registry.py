"""The recruiter registers: each licence's history, and what a snapshot of it shows on a day."""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from etl.demo.calibration import (
    APPLICATION_DAYS,
    COMPLAINTS_PER_YEAR,
    FEE_CHARGING_RECRUITERS,
    FEE_CHARGING_SECTORS,
    LICENCE_YEARS,
    REGISTER_LAG_DAYS,
    RENEWAL_SHARE,
    REVOCATION_SHARE,
    SUSPEND_AFTER_COMPLAINTS,
    SUSPENSION_AFTER_COMPLAINT_DAYS,
    SUSPENSION_DAYS,
    SUSPENSION_SHARE,
)
from etl.demo.pools import Recruiter, recruiter_pool

if TYPE_CHECKING:
    from observatory.corridor import Corridor

FINAL_STATUSES = ("revoked", "expired")
COMPLAINTS_FROM = dt.date(2019, 1, 1)  # complaints counted by the registers since then (ours)
DROPPED_AFTER_DAYS = {"MX": 365}  # STPS leaves cancelled licences out of its list after a year


@dataclass(frozen=True)
class LicenceHistory:
    """One registered licence over the years: statuses, validity periods and complaints."""

    recruiter: Recruiter
    charges_fees: bool
    statuses: tuple[tuple[dt.date, str], ...]  # (since, status), by date; first is "pending"
    validity: tuple[tuple[dt.date, dt.date], ...]  # (granted on, valid until), by date
    complaints: tuple[dt.date, ...]

    def status_on(self, day: dt.date) -> tuple[dt.date, str] | None:
        """(since, status) on `day`; None before the application."""
        at = bisect.bisect_right([since for since, _ in self.statuses], day)
        return self.statuses[at - 1] if at else None

    def valid_until_on(self, day: dt.date) -> dt.date | None:
        granted = [until for since, until in self.validity if since <= day]
        return granted[-1] if granted else None

    def complaints_on(self, day: dt.date) -> int:
        return bisect.bisect_right(self.complaints, day)


class SnapshotRow(NamedTuple):
    """A licence as one register lists it on the snapshot date (canonical values)."""

    licence_no: str
    name: str
    country: str
    kind: str
    status: str  # as listed: a register may lag behind an expiry
    status_since: dt.date
    registered_on: dt.date | None  # None while pending
    valid_until: dt.date | None
    admin1: str
    sectors: tuple[str, ...]
    complaints: int


def fee_charging_licences(corridor: Corridor, seed: int = 2014) -> frozenset[str]:
    """Licences whose recruiters make workers pay: a few plantation recruiters, the unregistered."""
    pool = recruiter_pool(corridor, seed)
    registered = [r.licence_no for r in pool if r.in_registry]
    plantations = [
        r.licence_no for r in pool if r.in_registry and set(r.sectors) & set(FEE_CHARGING_SECTORS)
    ]
    if len(plantations) >= FEE_CHARGING_RECRUITERS:
        registered = plantations
    rng = random.Random(f"{seed}:fee-chargers")
    chosen = rng.sample(registered, min(FEE_CHARGING_RECRUITERS, len(registered)))
    return frozenset(chosen) | {r.licence_no for r in pool if not r.in_registry}


def licence_histories(corridor: Corridor, seed: int, end: dt.date) -> list[LicenceHistory]:
    """The history of every registered licence up to `end`, in the pool's order."""
    charging = fee_charging_licences(corridor, seed)
    return [
        _history(r, r.licence_no in charging, random.Random(f"{seed}:registry:{r.licence_no}"), end)
        for r in recruiter_pool(corridor, seed)
        if r.in_registry
    ]


def _history(r: Recruiter, charges: bool, rng: random.Random, end: dt.date) -> LicenceHistory:
    granted = r.registered_on
    applied = granted - dt.timedelta(days=rng.randint(*APPLICATION_DAYS))
    complaints = []
    day = max(granted, COMPLAINTS_FROM)
    while True:
        day += dt.timedelta(days=max(1, round(rng.expovariate(COMPLAINTS_PER_YEAR[charges]) * 365)))
        if day > end:
            break
        complaints.append(day)
    events: list[tuple[dt.date, str]] = []
    if charges:  # enough complaints bring an inspection, then a suspension
        free_from, count = granted, SUSPEND_AFTER_COMPLAINTS
        while count <= len(complaints):
            on = complaints[count - 1] + dt.timedelta(
                days=rng.randint(*SUSPENSION_AFTER_COMPLAINT_DAYS)
            )
            count += SUSPEND_AFTER_COMPLAINTS
            if on <= free_from or rng.random() >= SUSPENSION_SHARE[True]:
                continue
            free_from = _suspend(events, on, rng, charges)
            if events[-1][1] == "revoked":
                break
    elif rng.random() < SUSPENSION_SHARE[False]:  # missing papers, an inspection: at random
        first = max(granted + dt.timedelta(days=60), dt.date(2021, 1, 1))
        if first < end:
            _suspend(
                events, first + dt.timedelta(days=rng.randrange((end - first).days)), rng, False
            )
    revoked_on = next((on for on, status in events if status == "revoked"), None)
    until = _years_after(granted, LICENCE_YEARS) - dt.timedelta(days=1)
    validity = [(granted, until)]
    while until < end and (revoked_on is None or until < revoked_on):
        suspended = _status_in(events, until) == "suspended"
        if suspended or rng.random() >= RENEWAL_SHARE:
            events.append((until + dt.timedelta(days=1), "expired"))
            break
        validity.append((until - dt.timedelta(days=30), _years_after(until, LICENCE_YEARS)))
        until = validity[-1][1]
    statuses = [(applied, "pending"), (granted, "active")]
    for on, status in sorted(events):
        if statuses[-1][1] in FINAL_STATUSES:
            break
        if on > granted and status != statuses[-1][1]:
            statuses.append((on, status))
    return LicenceHistory(r, charges, tuple(statuses), tuple(validity), tuple(complaints))


def _suspend(
    events: list[tuple[dt.date, str]], on: dt.date, rng: random.Random, charges: bool
) -> dt.date:
    """A suspension on `on`, then a revocation or a reinstatement; the day it ends."""
    events.append((on, "suspended"))
    ends = on + dt.timedelta(days=rng.randint(*SUSPENSION_DAYS))
    events.append((ends, "revoked" if rng.random() < REVOCATION_SHARE[charges] else "active"))
    return ends


def _status_in(events: Sequence[tuple[dt.date, str]], day: dt.date) -> str:
    current = "active"
    for on, status in sorted(events):
        if on <= day:
            current = status
    return current


def _years_after(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year + years, day=min(day.day, 28) if day.month == 2 else day.day)


def snapshot_dates(first_year: int, last_month: dt.date) -> list[dt.date]:
    """The registers' extracts: every 31 December of the corpus, and the end of its last month."""
    following = dt.date(last_month.year + last_month.month // 12, last_month.month % 12 + 1, 1)
    last = following - dt.timedelta(days=1)
    days = [dt.date(year, 12, 31) for year in range(first_year, last.year)]
    return [*days, last] if last not in days else days


def snapshot(
    histories: Sequence[LicenceHistory], country: str, day: dt.date, rng: random.Random
) -> list[SnapshotRow]:
    """The licences of one country's register as listed on `day`, by licence number."""
    rows = []
    for history in histories:
        r = history.recruiter
        current = history.status_on(day)
        if r.country != country or current is None:
            continue
        since, status = current
        if status == "revoked" and (day - since).days > DROPPED_AFTER_DAYS.get(country, 10**6):
            continue
        if status == "expired" and (day - since).days < REGISTER_LAG_DAYS and rng.random() < 0.5:
            since, status = history.status_on(since - dt.timedelta(days=1)) or current
        pending = status == "pending"
        rows.append(
            SnapshotRow(
                r.licence_no,
                r.name,
                country,
                r.kind,
                status,
                since,
                None if pending else r.registered_on,
                None if pending else history.valid_until_on(day),
                r.admin1,
                r.sectors,
                history.complaints_on(day),
            )
        )
    return sorted(rows, key=lambda row: row.licence_no)
