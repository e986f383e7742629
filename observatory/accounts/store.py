"""Accounts in the database: argon2 password hashes, lock-out, session generations, tokens.

Every change is written together with its audit event, in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, Engine, func, insert, select, update
from sqlalchemy.engine import RowMapping

from observatory.accounts import audit
from observatory.accounts.audit import utcnow
from observatory.accounts.roles import ROLES, Role
from observatory.db.schema import api_token_table as tokens
from observatory.db.schema import user_account_table as users

MIN_PASSWORD_LENGTH = 12
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
TOKEN_PREFIX = "obs_"  # noqa: S105 (a prefix that marks tokens, not a secret)
# argon2-cffi's defaults follow RFC 9106's second recommended profile (argon2id, 64 MiB).
_HASHER = PasswordHasher()
# Verifying against this when the user does not exist takes as long as a real check, so
# response times do not tell which usernames exist.
_DUMMY_HASH = _HASHER.hash(secrets.token_hex(16))


class AccountError(ValueError):
    """A refused account operation; the message is for the person who asked."""


class LoginOutcome(StrEnum):
    OK = "ok"
    WRONG = "wrong"  # unknown user or wrong password: the same answer for both
    LOCKED = "locked"
    INACTIVE = "inactive"


@dataclass(frozen=True)
class Account:
    """A signed-in person as the app sees them (Flask-Login's user object)."""

    id: int
    username: str
    role: str
    country: str | None
    active: bool
    session_generation: int
    locked_until: dt.datetime | None = None
    failed_attempts: int = 0
    last_login_at: dt.datetime | None = None

    # Flask-Login's protocol, without importing Flask here.
    is_anonymous = False

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        """The session's user id: the account and its generation, so that a password change
        or a lock (which raise the generation) ends every earlier session."""
        return f"{self.id}:{self.session_generation}"

    def is_locked(self, now: dt.datetime | None = None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or utcnow())


def _account(row: RowMapping) -> Account:
    return Account(
        id=row["id"],
        username=row["username"],
        role=row["role"],
        country=row["country"],
        active=bool(row["active"]),
        session_generation=row["session_generation"],
        locked_until=row["locked_until"],
        failed_attempts=row["failed_attempts"],
        last_login_at=row["last_login_at"],
    )


def token_digest(token: str) -> str:
    """What is stored of an API token: its SHA-256 (a 256-bit random token needs no salt)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Accounts:
    """Account operations on one database; `countries` are the corridor's ISO-2 codes."""

    def __init__(
        self,
        engine: Engine,
        *,
        countries: tuple[str, ...] = ("GT", "MX"),
        lockout_attempts: int = 10,
        lockout_minutes: int = 15,
    ) -> None:
        self.engine = engine
        self.countries = countries
        self.lockout_attempts = lockout_attempts
        self.lockout_minutes = lockout_minutes

    # -- reading -------------------------------------------------------------------------

    def get(self, username: str) -> Account | None:
        with self.engine.connect() as conn:
            row = self._row(conn, username)
        return None if row is None else _account(row)

    def all(self) -> list[Account]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(users).order_by(users.c.username)).mappings().all()
        return [_account(row) for row in rows]

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(users)).scalar_one())

    def for_session(self, session_id: str) -> Account | None:
        """The account a session cookie names, if that session is still valid."""
        account_id, _, generation = session_id.partition(":")
        if not (account_id.isdigit() and generation.isdigit()):
            return None
        with self.engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.id == int(account_id))).mappings()
            row = row.first()
        if row is None or row["session_generation"] != int(generation) or not row["active"]:
            return None
        account = _account(row)
        return None if account.is_locked() else account

    # -- signing in ----------------------------------------------------------------------

    def authenticate(
        self, username: str, password: str, remote_addr: str | None = None
    ) -> tuple[LoginOutcome, Account | None]:
        """Check a password; count failures and lock the account after too many."""
        username = username.strip().lower()
        now = utcnow()
        with self.engine.begin() as conn:
            row = self._row(conn, username, for_update=True)
            if row is None:
                _verify(_DUMMY_HASH, password)
                audit.record(
                    conn,
                    "login_failed",
                    target=username[:64],
                    remote_addr=remote_addr,
                    details={"reason": "unknown user"},
                )
                return LoginOutcome.WRONG, None
            if row["locked_until"] is not None and row["locked_until"] > now:
                _verify(_DUMMY_HASH, password)
                audit.record(
                    conn,
                    "login_refused",
                    actor=None,
                    target=username,
                    remote_addr=remote_addr,
                    details={"reason": "locked", "locked_until": row["locked_until"]},
                )
                return LoginOutcome.LOCKED, None
            if not _verify(row["password_hash"], password):
                return self._failed(conn, row, now, remote_addr)
            if not row["active"]:
                audit.record(
                    conn,
                    "login_refused",
                    target=username,
                    remote_addr=remote_addr,
                    details={"reason": "inactive"},
                )
                return LoginOutcome.INACTIVE, None
            changes: dict[str, object] = {
                "failed_attempts": 0,
                "locked_until": None,
                "last_login_at": now,
            }
            if _HASHER.check_needs_rehash(row["password_hash"]):
                changes["password_hash"] = _HASHER.hash(password)
            conn.execute(update(users).where(users.c.id == row["id"]).values(**changes))
            audit.record(conn, "login", actor=username, target=username, remote_addr=remote_addr)
            row = self._row(conn, username)
        return LoginOutcome.OK, _account(row)

    def _failed(
        self, conn: Connection, row: RowMapping, now: dt.datetime, remote_addr: str | None
    ) -> tuple[LoginOutcome, None]:
        attempts = row["failed_attempts"] + 1
        username = row["username"]
        if attempts >= self.lockout_attempts:
            until = now + dt.timedelta(minutes=self.lockout_minutes)
            conn.execute(
                update(users)
                .where(users.c.id == row["id"])
                .values(
                    failed_attempts=0,
                    locked_until=until,
                    session_generation=users.c.session_generation + 1,
                )
            )
            audit.record(
                conn,
                "account_locked",
                target=username,
                remote_addr=remote_addr,
                details={"after_failed_attempts": attempts, "locked_until": until},
            )
            return LoginOutcome.LOCKED, None
        conn.execute(update(users).where(users.c.id == row["id"]).values(failed_attempts=attempts))
        audit.record(
            conn,
            "login_failed",
            target=username,
            remote_addr=remote_addr,
            details={"reason": "wrong password", "failed_attempts": attempts},
        )
        return LoginOutcome.WRONG, None

    # -- changing ------------------------------------------------------------------------

    def create(
        self,
        username: str,
        password: str,
        role: str,
        country: str | None = None,
        *,
        actor: str | None = None,
        remote_addr: str | None = None,
    ) -> Account:
        """A new account; refused with a clear message for a bad name, role, country or
        password."""
        username = username.strip().lower()
        if not USERNAME.match(username):
            raise AccountError(
                "a username is 2-64 characters: lower-case letters, digits, '.', '_' or '-'"
            )
        country = self._check_role_country(role, country)
        self.check_password(password, username)
        now = utcnow()
        with self.engine.begin() as conn:
            if self._row(conn, username) is not None:
                raise AccountError(f"the user {username!r} already exists")
            conn.execute(
                insert(users).values(
                    username=username,
                    password_hash=_HASHER.hash(password),
                    role=role,
                    country=country,
                    active=True,
                    failed_attempts=0,
                    session_generation=0,
                    created_at=now,
                    password_changed_at=now,
                )
            )
            audit.record(
                conn,
                "user_created",
                actor=actor,
                target=username,
                remote_addr=remote_addr,
                details={"role": role, "country": country},
            )
            row = self._row(conn, username)
        return _account(row)

    def reset_password(
        self,
        username: str,
        password: str,
        *,
        actor: str | None = None,
        remote_addr: str | None = None,
    ) -> Account:
        """A new password; every session of the account ends and a lock is lifted."""
        username = username.strip().lower()
        self.check_password(password, username)
        return self._change(
            username,
            "password_reset",
            {
                "password_hash": _HASHER.hash(password),
                "password_changed_at": utcnow(),
                "failed_attempts": 0,
                "locked_until": None,
                "session_generation": users.c.session_generation + 1,
            },
            actor=actor,
            remote_addr=remote_addr,
        )

    def lock(
        self,
        username: str,
        *,
        minutes: int | None = None,
        actor: str | None = None,
        remote_addr: str | None = None,
    ) -> Account:
        """Lock an account (for `minutes`, or until unlocked); its sessions end."""
        until = utcnow() + dt.timedelta(minutes=minutes) if minutes else dt.datetime(9999, 1, 1)
        return self._change(
            username,
            "user_locked",
            {"locked_until": until, "session_generation": users.c.session_generation + 1},
            details={"locked_until": until},
            actor=actor,
            remote_addr=remote_addr,
        )

    def unlock(
        self, username: str, *, actor: str | None = None, remote_addr: str | None = None
    ) -> Account:
        return self._change(
            username,
            "user_unlocked",
            {"locked_until": None, "failed_attempts": 0},
            actor=actor,
            remote_addr=remote_addr,
        )

    def set_active(
        self,
        username: str,
        active: bool,
        *,
        actor: str | None = None,
        remote_addr: str | None = None,
    ) -> Account:
        changes: dict[str, object] = {"active": active}
        if not active:
            changes["session_generation"] = users.c.session_generation + 1
        return self._change(
            username,
            "user_activated" if active else "user_deactivated",
            changes,
            actor=actor,
            remote_addr=remote_addr,
        )

    def set_role(
        self,
        username: str,
        role: str,
        country: str | None = None,
        *,
        actor: str | None = None,
        remote_addr: str | None = None,
    ) -> Account:
        """A new role (and country, for a steward); the account's sessions end."""
        country = self._check_role_country(role, country)
        return self._change(
            username,
            "user_role_changed",
            {
                "role": role,
                "country": country,
                "session_generation": users.c.session_generation + 1,
            },
            details={"role": role, "country": country},
            actor=actor,
            remote_addr=remote_addr,
        )

    # -- API tokens ----------------------------------------------------------------------

    def issue_token(
        self, username: str, *, actor: str | None = None, remote_addr: str | None = None
    ) -> str:
        """A new API token for an analyst or above, shown once; earlier tokens are revoked."""
        account = self.get(username)
        if account is None:
            raise AccountError(f"no user {username!r}")
        if account.role == Role.VIEWER:
            raise AccountError("a viewer has no API access: API tokens are for analysts and up")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        now = utcnow()
        with self.engine.begin() as conn:
            conn.execute(
                update(tokens)
                .where(tokens.c.user_id == account.id, tokens.c.revoked_at.is_(None))
                .values(revoked_at=now)
            )
            conn.execute(
                insert(tokens).values(
                    user_id=account.id, token_sha256=token_digest(token), created_at=now
                )
            )
            audit.record(
                conn, "token_issued", actor=actor, target=username, remote_addr=remote_addr
            )
        return token

    def revoke_tokens(
        self, username: str, *, actor: str | None = None, remote_addr: str | None = None
    ) -> int:
        account = self.get(username)
        if account is None:
            raise AccountError(f"no user {username!r}")
        with self.engine.begin() as conn:
            revoked = conn.execute(
                update(tokens)
                .where(tokens.c.user_id == account.id, tokens.c.revoked_at.is_(None))
                .values(revoked_at=utcnow())
            ).rowcount
            audit.record(
                conn,
                "token_revoked",
                actor=actor,
                target=username,
                remote_addr=remote_addr,
                details={"tokens": revoked},
            )
        return revoked

    def for_token(self, token: str) -> Account | None:
        """The active, unlocked account a bearer token belongs to, if the token is live."""
        if not token.startswith(TOKEN_PREFIX):
            return None
        with self.engine.begin() as conn:
            row = (
                conn.execute(
                    select(users, tokens.c.id.label("token_id"))
                    .join(tokens, tokens.c.user_id == users.c.id)
                    .where(
                        tokens.c.token_sha256 == token_digest(token),
                        tokens.c.revoked_at.is_(None),
                    )
                )
                .mappings()
                .first()
            )
            if row is None or not row["active"]:
                return None
            conn.execute(
                update(tokens).where(tokens.c.id == row["token_id"]).values(last_used_at=utcnow())
            )
        account = _account(row)
        return None if account.is_locked() else account

    # -- helpers -------------------------------------------------------------------------

    def check_password(self, password: str, username: str = "") -> None:
        """Refuse a password that is too short or is the username."""
        if len(password) < MIN_PASSWORD_LENGTH:
            raise AccountError(f"a password has at least {MIN_PASSWORD_LENGTH} characters")
        if username and username.lower() in password.lower():
            raise AccountError("a password must not contain the username")

    def _check_role_country(self, role: str, country: str | None) -> str | None:
        if role not in ROLES:
            raise AccountError(f"unknown role {role!r}; roles: {', '.join(ROLES)}")
        country = (country or "").strip().upper() or None
        if role == Role.STEWARD:
            if country not in self.countries:
                raise AccountError(
                    f"a steward belongs to one country: {' or '.join(self.countries)}"
                )
            return country
        if country is not None and country not in self.countries:
            raise AccountError(f"unknown country {country!r}; countries: {self.countries}")
        return country

    def _row(
        self, conn: Connection, username: str, *, for_update: bool = False
    ) -> RowMapping | None:
        query = select(users).where(users.c.username == username.strip().lower())
        if for_update and conn.dialect.name == "postgresql":
            query = query.with_for_update()  # two wrong passwords at once count twice
        return conn.execute(query).mappings().first()

    def _change(
        self,
        username: str,
        action: str,
        values: dict[str, object],
        *,
        details: dict[str, object] | None = None,
        actor: str | None,
        remote_addr: str | None,
    ) -> Account:
        username = username.strip().lower()
        with self.engine.begin() as conn:
            if self._row(conn, username, for_update=True) is None:
                raise AccountError(f"no user {username!r}")
            conn.execute(update(users).where(users.c.username == username).values(**values))
            audit.record(
                conn,
                action,
                actor=actor,
                target=username,
                remote_addr=remote_addr,
                details=details,
            )
            row = self._row(conn, username)
        return _account(row)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
