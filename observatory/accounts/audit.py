"""The append-only audit log: who did what, when. Nothing here updates or deletes."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, func, insert, select

from observatory.db.schema import audit_event_table as audit

# Keys that must never reach the log, whatever a caller passes (defence in depth: callers
# pass none of them).
_SECRET_KEYS = frozenset({"password", "token", "secret", "password_hash", "authorization"})


@dataclass(frozen=True)
class AuditEntry:
    """One line of the log, as the admin page and tests read it."""

    id: int
    at: dt.datetime
    actor: str | None
    action: str
    target: str | None
    details: dict
    remote_addr: str | None


def utcnow() -> dt.datetime:
    """Now in UTC, naive (the schema's DateTime columns hold UTC)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def record(
    bind: Engine | Connection,
    action: str,
    *,
    actor: str | None = None,
    target: str | None = None,
    details: Mapping[str, object] | None = None,
    remote_addr: str | None = None,
) -> None:
    """Append one event; in `bind`'s transaction when it is a connection."""
    clean = {k: v for k, v in (details or {}).items() if k.lower() not in _SECRET_KEYS}
    values = {
        "at": utcnow(),
        "actor": actor,
        "action": action,
        "target": (target or None) and target[:300],
        "details": json.dumps(clean, ensure_ascii=False, default=str, sort_keys=True),
        "remote_addr": remote_addr,
    }
    if isinstance(bind, Connection):
        bind.execute(insert(audit).values(**values))
    else:
        with bind.begin() as conn:
            conn.execute(insert(audit).values(**values))


def entries(
    engine: Engine,
    *,
    limit: int = 200,
    before_id: int | None = None,
    action: str | None = None,
    actor: str | None = None,
) -> list[AuditEntry]:
    """The newest events first (`before_id` pages back)."""
    query = select(audit).order_by(audit.c.id.desc()).limit(limit)
    if before_id is not None:
        query = query.where(audit.c.id < before_id)
    if action:
        query = query.where(audit.c.action == action)
    if actor:
        query = query.where(audit.c.actor == actor)
    with engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return [
        AuditEntry(
            id=row["id"],
            at=row["at"],
            actor=row["actor"],
            action=row["action"],
            target=row["target"],
            details=json.loads(row["details"] or "{}"),
            remote_addr=row["remote_addr"],
        )
        for row in rows
    ]


def count(engine: Engine) -> int:
    """How many events the log holds."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(audit)).scalar_one())
