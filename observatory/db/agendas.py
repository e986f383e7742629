"""Meeting agendas in the database: create, read, rename, reorder and delete (one table, `agenda`).

A slide is a page's chart under a filter, kept as the page slug, the chart key and the
filter's URL query string (without the language: an agenda is presented in the reader's).
The web layer checks slides again when it shows them (a page may drop a chart, a code may
leave the corridor): the database keeps what was saved, nothing more.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select, update

from observatory.db.engine import transaction
from observatory.db.schema import agenda_table

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

NAME_MAX = 120
SLIDES_MAX = 60  # a meeting, not a data dump


class AgendaError(ValueError):
    """A change the storage refuses: a blank or too long name, a missing agenda, too many slides."""


@dataclass(frozen=True)
class Slide:
    """One slide: the page (slug), its chart (key) and the filter as a query string."""

    page: str
    chart: str
    query: str = ""

    def to_json(self) -> dict[str, str]:
        return {"page": self.page, "chart": self.chart, "query": self.query}


@dataclass(frozen=True)
class Agenda:
    """An agenda as stored."""

    id: int
    name: str
    slides: tuple[Slide, ...]
    created_by: str | None
    updated_at: dt.datetime


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _clean_name(name: object) -> str:
    text = " ".join(str(name or "").split())
    if not text or len(text) > NAME_MAX:
        raise AgendaError(f"an agenda's name has 1 to {NAME_MAX} characters")
    return text


def _slides(raw: str | None) -> tuple[Slide, ...]:
    try:
        items = json.loads(raw or "[]")
    except ValueError:
        return ()
    return tuple(
        Slide(str(i.get("page", "")), str(i.get("chart", "")), str(i.get("query", "")))
        for i in items
        if isinstance(i, dict)
    )


def _agenda(row: object) -> Agenda:
    return Agenda(
        row.id,  # type: ignore[attr-defined]
        row.name,  # type: ignore[attr-defined]
        _slides(row.slides),  # type: ignore[attr-defined]
        row.created_by,  # type: ignore[attr-defined]
        row.updated_at,  # type: ignore[attr-defined]
    )


def list_agendas(conn: Connection) -> list[Agenda]:
    """Every agenda, most recently changed first."""
    rows = conn.execute(
        select(agenda_table).order_by(agenda_table.c.updated_at.desc(), agenda_table.c.id.desc())
    )
    return [_agenda(row) for row in rows]


def get_agenda(conn: Connection, agenda_id: int) -> Agenda | None:
    """The agenda `agenda_id`, None when there is none."""
    row = conn.execute(select(agenda_table).where(agenda_table.c.id == agenda_id)).first()
    return None if row is None else _agenda(row)


def create_agenda(engine: Engine, name: str, created_by: str | None = None) -> int:
    """A new, empty agenda; its id."""
    now = _now()
    with transaction(engine) as conn:
        result = conn.execute(
            insert(agenda_table).values(
                name=_clean_name(name),
                slides="[]",
                created_by=created_by,
                created_at=now,
                updated_at=now,
            )
        )
        return int(result.inserted_primary_key[0])


def _change(engine: Engine, agenda_id: int, change) -> Agenda:
    # Read and write in one transaction; on PostgreSQL the row is locked meanwhile, so two
    # people reordering at once do not lose each other's change.
    with transaction(engine) as conn:
        query = select(agenda_table).where(agenda_table.c.id == agenda_id)
        if conn.dialect.name == "postgresql":
            query = query.with_for_update()
        row = conn.execute(query).first()
        if row is None:
            raise AgendaError(f"there is no agenda {agenda_id}")
        agenda = _agenda(row)
        name, slides = change(agenda.name, list(agenda.slides))
        if len(slides) > SLIDES_MAX:
            raise AgendaError(f"an agenda holds at most {SLIDES_MAX} slides")
        conn.execute(
            update(agenda_table)
            .where(agenda_table.c.id == agenda_id)
            .values(
                name=name,
                slides=json.dumps([s.to_json() for s in slides], ensure_ascii=False),
                updated_at=_now(),
            )
        )
        return get_agenda(conn, agenda_id)  # type: ignore[return-value]


def rename_agenda(engine: Engine, agenda_id: int, name: str) -> Agenda:
    """Give the agenda a new name."""
    new_name = _clean_name(name)
    return _change(engine, agenda_id, lambda _, slides: (new_name, slides))


def add_slide(engine: Engine, agenda_id: int, slide: Slide) -> Agenda:
    """Put `slide` at the end of the agenda."""
    return _change(engine, agenda_id, lambda name, slides: (name, [*slides, slide]))


def move_slide(engine: Engine, agenda_id: int, index: int, offset: int) -> Agenda:
    """Move the slide at `index` (0-based) by `offset` places; at either end it stays."""

    def move(name: str, slides: list[Slide]) -> tuple[str, list[Slide]]:
        target = index + offset
        if 0 <= index < len(slides) and 0 <= target < len(slides):
            slides.insert(target, slides.pop(index))
        return name, slides

    return _change(engine, agenda_id, move)


def remove_slide(engine: Engine, agenda_id: int, index: int) -> Agenda:
    """Take the slide at `index` (0-based) out of the agenda."""

    def remove(name: str, slides: list[Slide]) -> tuple[str, list[Slide]]:
        if 0 <= index < len(slides):
            slides.pop(index)
        return name, slides

    return _change(engine, agenda_id, remove)


def delete_agenda(engine: Engine, agenda_id: int) -> bool:
    """Delete the agenda; False when there was none."""
    with transaction(engine) as conn:
        result = conn.execute(delete(agenda_table).where(agenda_table.c.id == agenda_id))
        return result.rowcount > 0
