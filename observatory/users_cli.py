"""`python -m observatory users ...`: accounts from the command line (create, reset, lock).

Passwords are never arguments: they are typed at a hidden prompt (twice), read from one
line of standard input (`--password-stdin`, for scripts), or generated and printed once
(`--generate`). Every change is in the audit log as done by `cli:<system user>`.
"""

from __future__ import annotations

import argparse
import getpass
import secrets
import sys

from observatory.accounts import ROLES, AccountError, Accounts
from observatory.config import Settings
from observatory.corridor import load_corridor
from observatory.db.engine import make_engine

EXIT_OK, EXIT_REFUSED = 0, 2


def add_parser(commands: argparse._SubParsersAction) -> None:
    """The `users` command and its sub-commands."""
    users = commands.add_parser("users", help="create and manage accounts")
    sub = users.add_subparsers(dest="users_command", required=True)

    def with_password(parser: argparse.ArgumentParser) -> None:
        source = parser.add_mutually_exclusive_group()
        source.add_argument(
            "--password-stdin", action="store_true", help="read the password from stdin"
        )
        source.add_argument(
            "--generate", action="store_true", help="generate a password and print it once"
        )

    create = sub.add_parser("create", help="a new account")
    create.add_argument("--username", required=True)
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument("--country", help="ISO-2 country of a steward (GT or MX)")
    with_password(create)
    reset = sub.add_parser("reset-password", help="a new password; ends the user's sessions")
    reset.add_argument("--username", required=True)
    with_password(reset)
    sub.add_parser("list", help="every account, its role, country and state")
    lock = sub.add_parser("lock", help="lock an account (until unlocked, or --minutes)")
    lock.add_argument("--username", required=True)
    lock.add_argument("--minutes", type=int)
    for name, text in (
        ("unlock", "lift a lock (also a lock-out after wrong passwords)"),
        ("activate", "let a deactivated account sign in again"),
        ("deactivate", "stop an account from signing in; ends its sessions"),
        ("token", "a new API token (printed once; revokes the previous one)"),
        ("revoke-tokens", "revoke the account's API tokens"),
    ):
        sub.add_parser(name, help=text).add_argument("--username", required=True)
    role = sub.add_parser("set-role", help="change an account's role (and country)")
    role.add_argument("--username", required=True)
    role.add_argument("--role", required=True, choices=ROLES)
    role.add_argument("--country")


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run one `users` sub-command; 0 done, 2 refused (one line on stderr)."""
    corridor = load_corridor(settings.corridor)
    engine = make_engine(settings.database_url)
    accounts = Accounts(
        engine,
        countries=tuple(c.iso2 for c in corridor.countries()),
        lockout_attempts=settings.lockout_attempts,
        lockout_minutes=settings.lockout_minutes,
    )
    actor = f"cli:{getpass.getuser()}"[:64]
    try:
        return _COMMANDS[args.users_command](args, accounts, actor)
    except AccountError as error:
        return _refuse(str(error))
    finally:
        engine.dispose()


def _password(args: argparse.Namespace) -> str | None:
    if args.generate:
        return secrets.token_urlsafe(15)
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise AccountError(
            "no terminal to ask for the password: use --password-stdin or --generate"
        )
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise AccountError("the two passwords differ")
    return first


def _create(args: argparse.Namespace, accounts: Accounts, actor: str) -> int:
    password = _password(args)
    account = accounts.create(args.username, password, args.role, args.country, actor=actor)
    country = f" ({account.country})" if account.country else ""
    print(f"created {account.username}: {account.role}{country}")
    if args.generate:
        print(f"password (shown once): {password}")
    return EXIT_OK


def _reset(args: argparse.Namespace, accounts: Accounts, actor: str) -> int:
    password = _password(args)
    account = accounts.reset_password(args.username, password, actor=actor)
    print(f"new password for {account.username}; earlier sessions ended")
    if args.generate:
        print(f"password (shown once): {password}")
    return EXIT_OK


def _list(args: argparse.Namespace, accounts: Accounts, actor: str) -> int:
    for account in accounts.all():
        state = "inactive" if not account.active else "locked" if account.is_locked() else "active"
        last = account.last_login_at.isoformat(" ", "minutes") if account.last_login_at else "-"
        print(f"{account.username}\t{account.role}\t{account.country or '-'}\t{state}\t{last}")
    return EXIT_OK


def _lock(args: argparse.Namespace, accounts: Accounts, actor: str) -> int:
    account = accounts.lock(args.username, minutes=args.minutes, actor=actor)
    print(f"{account.username} locked until {account.locked_until:%Y-%m-%d %H:%M} UTC")
    return EXIT_OK


def _simple(method: str, done: str):
    def command(args: argparse.Namespace, accounts: Accounts, actor: str) -> int:
        getattr(accounts, method)(args.username, actor=actor)
        print(f"{args.username.strip().lower()} {done}")
        return EXIT_OK

    return command


def _activate(active: bool):
    def command(args: argparse.Namespace, accounts: Accounts, actor: str) -> int:
        accounts.set_active(args.username, active, actor=actor)
        print(f"{args.username.strip().lower()} {'activated' if active else 'deactivated'}")
        return EXIT_OK

    return command


def _set_role(args: argparse.Namespace, accounts: Accounts, actor: str) -> int:
    account = accounts.set_role(args.username, args.role, args.country, actor=actor)
    print(f"{account.username}: {account.role} {account.country or ''}".rstrip())
    return EXIT_OK


def _token(args: argparse.Namespace, accounts: Accounts, actor: str) -> int:
    token = accounts.issue_token(args.username, actor=actor)
    print(f"API token for {args.username.strip().lower()} (shown once): {token}")
    return EXIT_OK


def _refuse(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_REFUSED


_COMMANDS = {
    "create": _create,
    "reset-password": _reset,
    "list": _list,
    "lock": _lock,
    "unlock": _simple("unlock", "unlocked"),
    "activate": _activate(True),
    "deactivate": _activate(False),
    "set-role": _set_role,
    "token": _token,
    "revoke-tokens": _simple("revoke_tokens", "tokens revoked"),
}
