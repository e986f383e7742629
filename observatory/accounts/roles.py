"""The four roles, each with everything the ones below it may do."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """viewer: aggregated pages; analyst: + exports and the API; steward: + loads and
    quarantine of its own country's sources; admin: + accounts and the audit log."""

    VIEWER = "viewer"
    ANALYST = "analyst"
    STEWARD = "steward"
    ADMIN = "admin"


ROLES: tuple[str, ...] = tuple(role.value for role in Role)


def role_rank(role: str | None) -> int:
    """0 for viewer up to 3 for admin; -1 for no role (anonymous) or an unknown one."""
    return ROLES.index(role) if role in ROLES else -1


def role_allows(role: str | None, required: str) -> bool:
    """True when `role` may do what `required` may (roles are ordered, each includes the
    ones below)."""
    return role_rank(role) >= role_rank(required) >= 0
