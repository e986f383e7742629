"""Accounts on SQLite and PostgreSQL: hashes, lock-out, session generations, tokens, and an
audit log that the database itself keeps append-only."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from observatory.accounts import AccountError, Accounts, LoginOutcome, audit
from observatory.db.schema import user_account_table

PASSWORD = "a long enough passphrase"


@pytest.fixture
def accounts(engine) -> Accounts:
    return Accounts(engine, lockout_attempts=10, lockout_minutes=15)


def test_a_password_is_stored_as_an_argon2id_hash_only(accounts, engine):
    accounts.create("ana", PASSWORD, "analyst")
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT password_hash FROM user_account")).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert accounts.authenticate("ana", PASSWORD)[0] is LoginOutcome.OK
    assert accounts.authenticate("ANA ", PASSWORD)[0] is LoginOutcome.OK  # names fold case
    assert accounts.authenticate("ana", PASSWORD + "x")[0] is LoginOutcome.WRONG
    assert accounts.authenticate("nobody", PASSWORD)[0] is LoginOutcome.WRONG


@pytest.mark.parametrize(
    ("username", "password", "role", "country", "message"),
    [
        ("ana", "short", "viewer", None, "at least 12"),
        ("ana", "ana-is-my-password", "viewer", None, "username"),
        ("Ana Bad", PASSWORD, "viewer", None, "username is"),
        ("ana", PASSWORD, "superuser", None, "unknown role"),
        ("ana", PASSWORD, "steward", None, "one country"),
        ("ana", PASSWORD, "steward", "US", "one country"),
    ],
)
def test_bad_accounts_are_refused_with_a_reason(
    accounts, username, password, role, country, message
):
    with pytest.raises(AccountError, match=message):
        accounts.create(username, password, role, country)
    assert accounts.count() == 0


def test_ten_wrong_passwords_lock_the_account_for_a_while(accounts, engine):
    accounts.create("ana", PASSWORD, "viewer")
    for attempt in range(9):
        assert accounts.authenticate("ana", f"wrong {attempt}")[0] is LoginOutcome.WRONG
    assert accounts.authenticate("ana", "wrong again")[0] is LoginOutcome.LOCKED
    # Locked: even the right password is refused, until the lock runs out.
    assert accounts.authenticate("ana", PASSWORD)[0] is LoginOutcome.LOCKED
    locked = accounts.get("ana")
    assert locked.is_locked()
    assert (
        dt.timedelta(minutes=14) < locked.locked_until - audit.utcnow() <= dt.timedelta(minutes=15)
    )
    with engine.begin() as conn:  # time passes: the lock ends by itself
        conn.execute(
            user_account_table.update().values(
                locked_until=audit.utcnow() - dt.timedelta(seconds=1)
            )
        )
    assert accounts.authenticate("ana", PASSWORD)[0] is LoginOutcome.OK
    actions = [e.action for e in audit.entries(engine)]
    assert actions.count("login_failed") == 9
    assert "account_locked" in actions and "login_refused" in actions


def test_a_success_resets_the_count_of_failures(accounts):
    accounts.create("ana", PASSWORD, "viewer")
    for _ in range(9):
        accounts.authenticate("ana", "wrong")
    assert accounts.authenticate("ana", PASSWORD)[0] is LoginOutcome.OK
    for _ in range(9):
        assert accounts.authenticate("ana", "wrong")[0] is LoginOutcome.WRONG


def test_a_password_change_ends_earlier_sessions(accounts):
    account = accounts.create("ana", PASSWORD, "viewer")
    session_id = account.get_id()
    assert accounts.for_session(session_id) == account
    changed = accounts.reset_password("ana", "another long passphrase", actor="boss")
    assert accounts.for_session(session_id) is None
    assert accounts.for_session(changed.get_id()).username == "ana"
    assert accounts.authenticate("ana", PASSWORD)[0] is LoginOutcome.WRONG


@pytest.mark.parametrize("change", ["lock", "deactivate", "role"])
def test_locking_deactivating_or_a_new_role_end_sessions(accounts, change):
    session_id = accounts.create("ana", PASSWORD, "analyst").get_id()
    {
        "lock": lambda: accounts.lock("ana"),
        "deactivate": lambda: accounts.set_active("ana", False),
        "role": lambda: accounts.set_role("ana", "viewer"),
    }[change]()
    assert accounts.for_session(session_id) is None


def test_forged_session_ids_find_nobody(accounts):
    account = accounts.create("ana", PASSWORD, "viewer")
    for forged in ("", "1", f"{account.id}:7", f"{account.id}:x", "x:0", f"{account.id}:0:0"):
        assert accounts.for_session(forged) is None


def test_api_tokens_are_stored_as_digests_and_a_new_one_revokes_the_old(accounts, engine):
    accounts.create("ana", PASSWORD, "analyst")
    first = accounts.issue_token("ana")
    assert accounts.for_token(first).username == "ana"
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT token_sha256 FROM api_token")).scalars().all()
    assert first not in stored and len(stored) == 1
    second = accounts.issue_token("ana")
    assert accounts.for_token(first) is None
    assert accounts.for_token(second).username == "ana"
    accounts.revoke_tokens("ana")
    assert accounts.for_token(second) is None
    assert accounts.for_token("obs_made-up") is None and accounts.for_token("") is None


def test_viewers_get_no_api_token(accounts):
    accounts.create("vera", PASSWORD, "viewer")
    with pytest.raises(AccountError, match="viewer"):
        accounts.issue_token("vera")


def test_the_audit_log_records_account_changes_without_secrets(accounts, engine):
    accounts.create("ana", PASSWORD, "steward", "GT", actor="boss")
    accounts.reset_password("ana", "another long passphrase", actor="boss")
    token = accounts.issue_token("ana", actor="ana")
    audit.record(engine, "test", actor="x", details={"password": PASSWORD, "token": token, "n": 1})
    entries = audit.entries(engine)
    assert [e.action for e in entries][::-1] == [
        "user_created",
        "password_reset",
        "token_issued",
        "test",
    ]
    assert entries[-1].details == {"country": "GT", "role": "steward"}
    assert entries[0].details == {"n": 1}
    with engine.connect() as conn:
        everything = " ".join(
            str(v) for row in conn.execute(text("SELECT * FROM audit_event")) for v in row
        )
    assert PASSWORD not in everything and token not in everything
    assert "another long passphrase" not in everything


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_event SET actor = 'someone else'",
        "DELETE FROM audit_event",
    ],
)
def test_the_database_refuses_to_edit_the_audit_log(engine, statement):
    audit.record(engine, "login", actor="ana")
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text(statement))
    assert [(e.action, e.actor) for e in audit.entries(engine)] == [("login", "ana")]
