"""What several sources share after rows are written: the derive context, employers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Table, func, insert, literal, select

from observatory.corridor import Corridor, load_corridor
from observatory.db.schema import employer_table, recruiter_table


@dataclass(frozen=True)
class DeriveContext:
    """Plain values a source's row rules need, also in a second checking process."""

    corridor_path: Path
    default_snapshot_date: dt.date | None = None  # registry files without a snapshot date
    options: dict[str, str] = field(default_factory=dict)

    @property
    def corridor(self) -> Corridor:
        return load_corridor(self.corridor_path)


def record_employers(conn: Connection, table: Table, batch_id: int) -> None:
    """Add the employers that rows of `batch_id` name and the employer table lacks.

    One set-based statement; an employer's first name seen is kept (names are free text
    and vary by office; the tax ID identifies).
    """
    known = select(employer_table.c.employer_id)
    new = (
        select(
            table.c.employer_id,
            func.min(table.c.employer_name),
            literal(batch_id),
            literal(batch_id),
        )
        .where(
            table.c.last_batch_id == batch_id,
            table.c.employer_id.is_not(None),
            table.c.employer_id.not_in(known),
        )
        .group_by(table.c.employer_id)
    )
    columns = ["employer_id", "name", "first_batch_id", "last_batch_id"]
    conn.execute(insert(employer_table).from_select(columns, new))


def unregistered_citations(conn: Connection, table: Table, batch_id: int) -> int:
    """Rows of `batch_id` citing a licence the recruiter registry does not hold (a finding)."""
    statement = select(func.count()).where(
        table.c.last_batch_id == batch_id,
        table.c.recruiter_licence.is_not(None),
        table.c.recruiter_licence.not_in(select(recruiter_table.c.licence_no)),
    )
    return conn.execute(statement).scalar_one()
