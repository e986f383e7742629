"""One file's rows: values typed, a few rows spoiled, a few registrations repeated."""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from etl.demo.layouts import TEMPLATES, FileStyle, _columns, _Plan
from etl.demo.values import _date_writer, _getters

if TYPE_CHECKING:
    from observatory.corridor import Corridor

# Share of rows an office gets wrong (DATA_SPEC "What bad input gets"): ~0.5-1 %.
FAULT_SHARE = 0.007
FAULT_KINDS = (
    "not_a_date",
    "age_out_of_range",
    "unknown_admin1",
    "unknown_sector",
    "missing_required",
    "negative_family",
    "two_digit_year",
)
IDENTICAL_REPEATS_PER_FILE = 2  # the same row pasted twice: counts as unchanged
CONFLICTS_PER_FILE = 1  # the same folio typed again with another value: quarantined
# Values no corridor list knows: regions, towns, crops that are not sectors.
UNKNOWN_ORIGINS = ("Costa Sur", "Occidente", "Chiquimulilla")
UNKNOWN_DESTINATIONS = ("Soconusco", "Sureste", "Tapachula")
UNKNOWN_SECTORS = ("Cardamomo", "Pesca", "Hule")


def _table(
    corridor: Corridor, plan: _Plan, rng: random.Random, protected: set[tuple[str, str]]
) -> tuple[list[list[object]], list[str], int]:
    """Header and rows of one file, with its faulty rows and repeated registrations.

    Rows sent again by the corrections file are kept clean, so that each correction
    updates a stored record.
    """
    style = plan.style
    columns = _columns(TEMPLATES[style.template], style.age_mode)
    getters = _getters(corridor, style, rng)
    row_getters = [getters[f] for f, _ in columns]
    rows = [[get(r) for get in row_getters] for r in plan.registrations]
    if style.template == "upper":  # this office typed everything in capitals
        rows = [[v.upper() if isinstance(v, str) else v for v in row] for row in rows]
    at = {f: i for i, (f, _) in enumerate(columns)}
    candidates = [
        i
        for i, r in enumerate(plan.registrations)
        if (r.office, r.registration_id) not in protected
    ]
    faulty_count = max(1, round(len(rows) * FAULT_SHARE))
    wanted = faulty_count + IDENTICAL_REPEATS_PER_FILE + CONFLICTS_PER_FILE
    picked = rng.sample(candidates, min(len(candidates), wanted))
    kinds = []
    for n, i in enumerate(sorted(picked[:faulty_count])):
        kind = FAULT_KINDS[(n + plan.year) % len(FAULT_KINDS)]
        _spoil(rows[i], kind, at, plan.registrations[i].registered_on, rng, style)
        kinds.append(kind)
    inserts = []
    for n, i in enumerate(picked[faulty_count:]):
        copy = list(rows[i])
        if n >= IDENTICAL_REPEATS_PER_FILE:  # a conflict: the folio again, one more companion
            copy[at["accompanying_family"]] = plan.registrations[i].accompanying_family + 1
        inserts.append((min(len(rows), i + 1 + rng.randrange(40)), n, copy))
    for position, _, copy in sorted(inserts, reverse=True):  # from the end: positions hold
        rows.insert(position, copy)
    if "row_number" in at:  # the hand-kept sheet numbers its rows after the fact
        for number, row in enumerate(rows, start=1):
            row[at["row_number"]] = number
    header = [h for _, h in columns]
    return [header, *rows], kinds, len(inserts)


def _spoil(
    row: list[object],
    kind: str,
    at: dict[str, int],
    on: dt.date,
    rng: random.Random,
    style: FileStyle,
) -> None:
    """Make one value wrong the way clerks do; DATA_SPEC sends such a row to quarantine."""
    if kind == "not_a_date":
        row[at["registered_on"]] = rng.choice(
            ("pendiente", "sin fecha", f"31/02/{on.year}", f"{on.year}-13-{on.day:02d}")
        )
    elif kind == "two_digit_year":
        row[at["registered_on"]] = f"{on.day:02d}/{on.month:02d}/{on.year % 100:02d}"
    elif kind == "age_out_of_range":
        age = rng.choice((7, 95))
        if "age" in at:
            row[at["age"]] = age
        if "birth_date" in at:  # the birth date agrees with the wrong age
            row[at["birth_date"]] = _date_writer(style.date_format)(dt.date(on.year - age, 1, 1))
    elif kind == "unknown_admin1":
        if rng.random() < 0.5:
            row[at["origin_admin1"]] = rng.choice(UNKNOWN_ORIGINS)
        else:
            row[at["destination_admin1"]] = rng.choice(UNKNOWN_DESTINATIONS)
    elif kind == "unknown_sector":
        row[at["sector"]] = rng.choice(UNKNOWN_SECTORS)
    elif kind == "missing_required":
        field = rng.choice(("sex", "person_id", "origin_admin1", "sector"))
        for name in ("cui", "passport", "person_id") if field == "person_id" else (field,):
            if name in at:
                row[at[name]] = ""
    elif kind == "negative_family":
        row[at["accompanying_family"]] = -rng.randint(1, 2)
