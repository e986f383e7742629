"""The contracts as yearly files, a few rows spoiled, and one file of corrected wages."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from etl.demo.calibration import CONTRACT_FAULT_SHARE, CORRECTED_CONTRACTS, CORRECTED_YEAR_INDEX
from etl.demo.contract_layouts import (
    CLERKS,
    CONTRACT_TEMPLATES,
    CORRECTION_TEMPLATE,
    PERIOD_WORDS,
    REMARKS,
    UNKNOWN_PERIODS,
    ContractStyle,
    contract_style,
    money,
)
from etl.demo.contracts import DAYS_PER_PERIOD, minimum_wage
from etl.demo.layouts import FileStyle
from etl.demo.values import _admin1_forms, _date_writer, _id_writer, _sector_forms
from etl.demo.writers import _write

if TYPE_CHECKING:
    from etl.demo.contracts import Contract
    from observatory.corridor import Corridor

FAULT_KINDS = ("end_before_start", "negative_wage", "unknown_wage_period", "two_digit_year")
CORRECTION_REMARK = "Ajuste salarial tras inspección"


def write_contract_files(
    out_dir: Path, corridor: Corridor, contracts: Sequence[Contract], *, seed: int
) -> tuple[list[Path], dict[str, list[str]]]:
    """One file a year, in folio order, and the wage corrections right after their year's file.

    Returns the paths in load order and, per file, the kinds of its deliberately faulty rows.
    """
    by_year: dict[int, list[Contract]] = {}
    for contract in contracts:
        by_year.setdefault(int(contract.contract_id[3:7]), []).append(contract)
    years = sorted(by_year)
    corrected_year = years[min(CORRECTED_YEAR_INDEX, len(years) - 1)] if years else None
    paths: list[Path] = []
    faults: dict[str, list[str]] = {}
    for index, year in enumerate(years):
        style = contract_style(index)
        name = {"upper": f"CONTRATOS_REGISTRADOS_{year}", "snake": f"contratos_{year}"}.get(
            style.file.template, f"Contratos_{year}"
        )
        name = f"{name}.{style.file.container}"
        rng = random.Random(f"{seed}:{name}")
        corrections = _pick_corrections(by_year[year], rng) if year == corrected_year else []
        protected = {c.contract_id for c in corrections}
        rows, faults[name] = _table(corridor, style, by_year[year], rng, protected)
        paths.append(_write(out_dir / name, style.file, rows, year))
        if corrections:
            paths.append(_write_corrections(out_dir, corridor, corrections, year))
    return paths, faults


def _getters(
    corridor: Corridor, style: ContractStyle, rng: random.Random
) -> dict[str, Callable[[Contract], object]]:
    """For each column, how this file writes a contract's value."""
    day = _date_writer(style.file.date_format)
    person = _id_writer(style.id_form, rng)
    units = _admin1_forms(corridor, style.admin1_form)
    sectors = _sector_forms(corridor, style.sector_form)
    yes, no = style.yes_no
    wage_style = "us" if style.money == "sign" else style.money
    clerks = rng.sample(CLERKS, 2)

    def fee(c: Contract) -> object:
        if c.fee == 0 and rng.random() < style.fee_blank_share:
            return ""
        return money(c.fee, style.money, c.currency)

    def currency(c: Contract) -> str:
        blank = c.currency == "MXN" and rng.random() < style.currency_blank_share
        return "" if blank else c.currency

    return {
        "contract_id": lambda c: c.contract_id,
        "cui": lambda c: (
            person(c.registration.person_id) if c.registration.person_id_kind == "cui" else ""
        ),
        "passport": lambda c: (
            c.registration.person_id if c.registration.person_id_kind == "passport" else ""
        ),
        "name": lambda c: f"{c.registration.given_names} {c.registration.surnames}",
        "given_names": lambda c: c.registration.given_names,
        "surnames": lambda c: c.registration.surnames,
        "sector": lambda c: sectors[c.registration.sector],
        "occupation": lambda c: c.registration.occupation[1],
        "worksite_admin1": lambda c: units[c.registration.destination_admin1],
        "worksite_admin2": lambda c: c.registration.destination_admin2,
        "employer_name": lambda c: c.registration.employer_name,
        "employer_id": lambda c: c.registration.employer_id,
        "recruiter_licence": lambda c: c.registration.recruiter_licence,
        "start_date": lambda c: day(c.start),
        "end_date": lambda c: "" if c.end is None else day(c.end),
        "wage_amount": lambda c: money(c.wage_amount, wage_style, c.currency),
        "wage_period": lambda c: PERIOD_WORDS[c.wage_period],
        "currency": currency,
        "hours_per_week": lambda c: "" if c.hours_per_week is None else c.hours_per_week,
        "written_contract": lambda c: yes if c.written else no,
        "fee": fee,
        "housing": lambda c: yes if c.housing else no,
        "transport": lambda c: yes if c.transport else no,
        "social_security": lambda c: yes if c.social_security else no,
        "complaint": lambda c: yes if c.complaint else no,
        "remarks": lambda c: rng.choice(REMARKS) if rng.random() < 0.08 else "",
        "clerk": lambda c: clerks[c.start.month % 2],
    }


def _table(
    corridor: Corridor,
    style: ContractStyle,
    contracts: Sequence[Contract],
    rng: random.Random,
    protected: set[str],
) -> tuple[list[list[object]], list[str]]:
    """Header and rows of one file, with its faulty rows (never a row corrected later)."""
    columns = CONTRACT_TEMPLATES[style.file.template]
    getters = _getters(corridor, style, rng)
    upper = style.file.template == "upper"
    rows = []
    for contract in contracts:
        row = [getters[field](contract) for field, _ in columns]
        rows.append([v.upper() if upper and isinstance(v, str) else v for v in row])
    at = {field: i for i, (field, _) in enumerate(columns)}
    candidates = [i for i, c in enumerate(contracts) if c.contract_id not in protected]
    count = min(len(candidates), max(1, round(len(rows) * CONTRACT_FAULT_SHARE)))
    kinds = []
    for n, i in enumerate(sorted(rng.sample(candidates, count))):
        kind = FAULT_KINDS[n % len(FAULT_KINDS)]
        _spoil(rows[i], kind, at, contracts[i], style, rng)
        kinds.append(kind)
    return [[header for _, header in columns], *rows], kinds


def _spoil(
    row: list[object],
    kind: str,
    at: dict[str, int],
    contract: Contract,
    style: ContractStyle,
    rng: random.Random,
) -> None:
    """Make one value wrong the way clerks do; DATA_SPEC sends such a row to quarantine."""
    if kind == "end_before_start":
        back = contract.start - dt.timedelta(days=rng.randint(1, 60))
        row[at["end_date"]] = _date_writer(style.file.date_format)(back)
    elif kind == "negative_wage":
        written = money(contract.wage_amount, "us" if style.money == "sign" else style.money)
        row[at["wage_amount"]] = -written if isinstance(written, float | int) else f"-{written}"
    elif kind == "unknown_wage_period":
        row[at["wage_period"]] = rng.choice(UNKNOWN_PERIODS)
    elif kind == "two_digit_year":
        start = contract.start
        row[at["start_date"]] = f"{start.day:02d}/{start.month:02d}/{start.year % 100:02d}"


def _pick_corrections(contracts: Sequence[Contract], rng: random.Random) -> list[Contract]:
    """Daily peso wages an inspection corrected: most were below the minimum, some too low."""
    candidates = [c for c in contracts if c.wage_period == "day" and c.currency == "MXN"]
    below = [c for c in candidates if c.below_minimum]
    above = [c for c in candidates if not c.below_minimum]
    wanted = min(len(below), CORRECTED_CONTRACTS * 2 // 3)
    picked = rng.sample(below, wanted)
    picked += rng.sample(above, min(len(above), CORRECTED_CONTRACTS - wanted))
    return sorted(picked, key=lambda c: c.contract_id)


def corrected_wage(contract: Contract) -> float:
    """The wage after the correction: at least 5 % above the minimum, or 10 % more."""
    floor = minimum_wage(contract.start.year) * 1.05 * DAYS_PER_PERIOD[contract.wage_period]
    return max(round(floor / 5) * 5 + 5, round(contract.wage_amount * 1.1 / 5) * 5)


def _write_corrections(
    out_dir: Path, corridor: Corridor, corrections: Sequence[Contract], year: int
) -> Path:
    """The corrected contracts again: their required fields as first sent, a new wage."""
    style = ContractStyle(
        FileStyle("correction", delimiter=";", date_format="iso"),
        ("si", "no"), "plain", 0.0, 0.0, sector_form="code", admin1_form="iso_new",
    )  # fmt: skip
    getters = _getters(corridor, style, random.Random(0))
    getters["wage_amount"] = lambda c: money(corrected_wage(c), "plain")
    getters["currency"] = lambda c: c.currency
    getters["remarks"] = lambda c: CORRECTION_REMARK
    rows: list[list[object]] = [[header for _, header in CORRECTION_TEMPLATE]]
    rows += [[getters[field](c) for field, _ in CORRECTION_TEMPLATE] for c in corrections]
    return _write(out_dir / f"Contratos_{year}_correcciones.csv", style.file, rows, year)
