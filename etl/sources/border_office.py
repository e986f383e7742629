"""Row rules of `border_office`: ages, months and the registration table's columns."""

from __future__ import annotations

from sqlalchemy import Connection

from etl.links import DeriveContext, record_employers, unregistered_citations
from etl.store import KeyedTable
from etl.validate import Chunk
from observatory.corridor import Corridor
from observatory.db.schema import registration_table
from observatory.definitions import AGE_MAX, AGE_MIN, age_group, age_on

# Stored columns, in order, and the chunk column each comes from. `worker_id` is filled
# from the pseudonym; `age_group` and `period_month` are derived.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("office_code", "office"),
    ("registration_id", "registration_id"),
    ("worker_id", "person_id"),
    ("registered_on", "registered_on"),
    ("period_month", "period_month"),
    ("direction", "direction"),
    ("sex", "sex"),
    ("age_years", "age_years"),
    ("age_group", "age_group"),
    ("origin_country", "origin_country"),
    ("origin_admin1", "origin_admin1"),
    ("origin_admin2", "origin_admin2"),
    ("destination_country", "destination_country"),
    ("destination_admin1", "destination_admin1"),
    ("destination_admin2", "destination_admin2"),
    ("sector", "sector"),
    ("occupation", "occupation"),
    ("recruiter_licence", "recruiter_licence"),
    ("employer_id", "employer_id"),
    ("employer_name", "employer_name"),
    ("contract_id", "contract_id"),
    ("document_type", "document_type"),
    ("language", "language"),
    ("accompanying_family", "accompanying_family"),
)
NATURAL_KEY = ("office_code", "registration_id")
PERSON_COLUMN = "worker_id"  # filled from the pseudonym by the writer


def keyed_table(corridor: Corridor) -> KeyedTable:
    """The registration table, keyed by office and registration number."""
    defaults = {
        "direction": "exit",
        "origin_country": corridor.origin.iso2,
        "destination_country": corridor.destination.iso2,
    }
    return KeyedTable(registration_table, NATURAL_KEY, [c for c, _ in COLUMNS], defaults)


def derive(chunk: Chunk, context: DeriveContext) -> None:
    """Add the derived columns (age on the record's date, age group, month, birth year)."""
    registered = chunk.columns["registered_on"]
    births = chunk.columns["birth_date"]
    stated = chunk.columns["age"]
    ages: list[int | None] = []
    for index, (on, born, age) in enumerate(zip(registered, births, stated, strict=True)):
        if born is not None and on is not None:
            age = _age_from_birth(chunk, index, born, on)
        elif born is None and age is None and not _has_fault(chunk, index, ("birth_date", "age")):
            chunk.add_fault(index, "age", "birth_date or age: required value missing")
        ages.append(age)
    chunk.columns["age_years"] = ages
    groups = {age: age_group(age) for age in set(ages) if age is not None}
    chunk.columns["age_group"] = [groups.get(age) for age in ages]  # type: ignore[arg-type]
    months = {on: on.strftime("%Y-%m") for on in set(registered) if on is not None}
    chunk.columns["period_month"] = [months.get(on) for on in registered]  # type: ignore[arg-type]
    chunk.columns["birth_year"] = [born.year if born else None for born in births]  # type: ignore[union-attr]


def _age_from_birth(chunk: Chunk, index: int, born, on) -> int | None:
    if born > on:
        chunk.add_fault(index, "birth_date", "birth date after the registration date")
        return None
    age = age_on(born, on)
    if not AGE_MIN <= age <= AGE_MAX:
        chunk.add_fault(
            index,
            "birth_date",
            f"age on the registration date is {age}, outside {AGE_MIN}-{AGE_MAX}",
        )
        return None
    return age


def _has_fault(chunk: Chunk, index: int, fields: tuple[str, ...]) -> bool:
    return any(name in fields for name, _ in chunk.faults.get(index, ()))


def after_load(conn: Connection, batch_id: int, corridor: Corridor) -> dict[str, int]:
    """Employers named by the batch join the employer table; unregistered recruiters counted."""
    record_employers(conn, registration_table, batch_id)
    return {
        "rows_citing_unregistered_recruiters": unregistered_citations(
            conn, registration_table, batch_id
        )
    }
