"""Accounts, roles, API tokens and the append-only audit log (no web code here)."""

from observatory.accounts.roles import ROLES, Role, role_allows
from observatory.accounts.store import (
    Account,
    AccountError,
    Accounts,
    LoginOutcome,
)

__all__ = [
    "ROLES",
    "Account",
    "AccountError",
    "Accounts",
    "LoginOutcome",
    "Role",
    "role_allows",
]
