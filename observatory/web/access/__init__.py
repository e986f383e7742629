"""Access control on the Flask server: sessions, CSRF, the guard, login limits, the audit.

`register_access(app, ...)` is called by `create_app`; with OBSERVATORY_AUTH=off it adds
nothing (development only: production refuses that setting).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from flask import Flask, Response, g, jsonify, redirect, request, url_for
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf
from limits import parse as parse_limit
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import RequestEntityTooLarge

from observatory.accounts import Account, Accounts, audit
from observatory.accounts.stewardship import Stewardship, load_stewardship
from observatory.web.access.guard import Guard, PublicSubset, Rule

if TYPE_CHECKING:
    import dash

    from observatory.config import Settings
    from observatory.corridor import Corridor

log = logging.getLogger(__name__)

EXTENSION = "observatory_access"
CSRF_COOKIE = "_csrf_token"  # the cookie the Dash renderer copies into X-CSRFToken
SESSION_HOURS = 8
LOGIN_LIMIT = "30/minute"  # per client address, besides the per-account lock-out
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# Slack over the upload limit for the multipart envelope and the form's other fields.
_MULTIPART_SLACK_BYTES = 1024 * 1024


@dataclass
class Access:
    """What the access layer needs at request time (kept in `server.extensions`)."""

    settings: Settings
    accounts: Accounts
    guard: Guard
    stewardship: Stewardship
    routes_prefix: str
    loader: object | None = None  # etl.intake.UploadLoader, injected by app.py
    jobs_dir: Path | None = None
    login_limiter: LoginLimiter | None = None
    csrf: CSRFProtect | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class LoginLimiter:
    """At most LOGIN_LIMIT sign-in attempts per client address (a moving window)."""

    strategy: MovingWindowRateLimiter
    item: object

    def allow(self, address: str | None) -> bool:
        """Count one attempt from `address`; False when it is over the limit."""
        return self.strategy.hit(self.item, "observatory-login", address or "unknown")


def current_account() -> Account | None:
    """The signed-in account of this request (session or API token), None when anonymous."""
    account = g.get("observatory_account")
    if account is not None:
        return account
    user = current_user
    return user if isinstance(user, Account) else None


def access() -> Access:
    from flask import current_app

    return current_app.extensions[EXTENSION]


def client_address() -> str | None:
    return (request.remote_addr or "")[:64] or None


def register_access(
    app: dash.Dash,
    settings: Settings,
    engine: Engine,
    corridor: Corridor,
    *,
    callbacks_of: Mapping[str, Iterable[str]] | None = None,
    loader: object | None = None,
) -> Access | None:
    """Guard every route of `app` as `settings.auth` says; None when auth is off.

    `callbacks_of` maps each page path ("" for the shell) to its Dash callbacks' output
    keys: in public mode anonymous visitors may call those of the published pages only.
    """
    server: Flask = app.server
    if settings.auth == "off":
        return None
    server.secret_key = settings.resolved_secret_key()
    server.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.production,
        SESSION_COOKIE_NAME="observatory_session",
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=SESSION_HOURS),
        REMEMBER_COOKIE_DURATION=dt.timedelta(seconds=0),
        MAX_CONTENT_LENGTH=settings.upload_max_mb * 2**20 + _MULTIPART_SLACK_BYTES,
        WTF_CSRF_TIME_LIMIT=SESSION_HOURS * 3600,
        WTF_CSRF_SSL_STRICT=settings.production,
    )
    countries = tuple(c.iso2 for c in corridor.countries())
    accounts = Accounts(
        engine,
        countries=countries,
        lockout_attempts=settings.lockout_attempts,
        lockout_minutes=settings.lockout_minutes,
    )
    public = PublicSubset(
        pages=frozenset(p.rstrip("/") or "/" for p in settings.public_pages),
        callbacks=frozenset(
            key
            for path, keys in (callbacks_of or {}).items()
            if path == "" or path in settings.public_pages
            for key in keys
        ),
        indicators=frozenset(settings.public_indicators),
        enabled=settings.auth == "public",
    )
    routes_prefix = app.config.routes_pathname_prefix
    state = Access(
        settings=settings,
        accounts=accounts,
        guard=Guard(public=public),
        stewardship=load_stewardship(corridor.path),
        routes_prefix=routes_prefix,
        loader=loader,
        jobs_dir=settings.instance_dir / "uploads",
    )
    server.extensions[EXTENSION] = state

    login_manager = LoginManager()
    login_manager.session_protection = "basic"
    login_manager.user_loader(accounts.for_session)
    login_manager.init_app(server)

    # The guard checks the role first (an anonymous POST gets a 401, not a 400), then the
    # CSRF token of every unsafe request itself: Flask-WTF's own hook looks up each view's
    # __name__, which callable view objects (the boundaries endpoint) do not have.
    server.config["WTF_CSRF_CHECK_DEFAULT"] = False
    state.csrf = CSRFProtect(server)
    server.before_request(_guard)
    server.register_error_handler(CSRFError, _csrf_error)
    server.register_error_handler(RequestEntityTooLarge, _too_large)
    server.after_request(_after)

    # Sign-in attempts per client address (the lock-out counts per account): with the
    # `limits` library directly, in Redis when the cache is, so every worker shares it.
    storage = storage_from_string(
        settings.cache_redis_url if settings.cache_type == "RedisCache" else "memory://"
    )
    state.login_limiter = LoginLimiter(MovingWindowRateLimiter(storage), parse_limit(LOGIN_LIMIT))
    from observatory.web.access.uploads import make_uploads_blueprint
    from observatory.web.access.views import make_blueprint

    server.register_blueprint(make_blueprint(routes_prefix))
    server.register_blueprint(make_uploads_blueprint(routes_prefix))
    from observatory.web.access.menu import MENU_OUTPUT, wrap_layout

    wrap_layout(app)
    # The menu is on every page, published or not: it shows anonymous visitors a sign-in link.
    public.callbacks = public.callbacks | {MENU_OUTPUT}
    return state


def _relative_path() -> str:
    prefix = access().routes_prefix
    path = request.path
    return path[len(prefix) :] if path.startswith(prefix) else path.lstrip("/")


def _bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _guard() -> Response | None:
    state = access()
    path = _relative_path()
    rule = state.guard.rule_for(path)
    account = current_account()
    if account is None and rule.token and (token := _bearer_token()):
        account = state.accounts.for_token(token)
        if account is None:
            return _refuse(rule, 401, "invalid or revoked API token")
        g.observatory_account = account
    body = request.get_data(cache=True) if path == "_dash-update-component" else None
    decision = state.guard.check(path, account, body, request.method)
    if decision.allowed:
        if request.method not in _SAFE_METHODS:
            state.csrf.protect()  # raises CSRFError: a 400 by _csrf_error
        return None
    return _refuse(rule, decision.status, decision.reason)


def _refuse(rule: Rule, status: int, reason: str) -> Response:
    if status == 401 and not rule.json and request.method in ("GET", "HEAD"):
        target = request.full_path if request.query_string else request.path
        return redirect(url_for("observatory_accounts.login", next=target))
    if rule.json or status == 401:
        body = {"error": "unauthorized" if status == 401 else "forbidden", "detail": reason}
        response = jsonify(body)
        response.status_code = status
        if status == 401 and rule.token:
            response.headers["WWW-Authenticate"] = 'Bearer realm="observatory"'
        return response
    from observatory.web.access.views import forbidden_page

    return forbidden_page(reason)


def _too_large(error: RequestEntityTooLarge) -> Response:
    """A request over the upload limit: refused before it is read, with the limit named."""
    state = access()
    account = current_account()
    limit_mb = state.settings.upload_max_mb
    if _relative_path().startswith("cuenta/cargas") and account is not None:
        audit.record(
            state.accounts.engine,
            "upload_refused",
            actor=account.username,
            target=None,
            details={"reason": f"request over the {limit_mb} MB limit"},
            remote_addr=client_address(),
        )
        from observatory.web.access.uploads import refusal_page

        return refusal_page("access.uploads.too_large", 413, max_mb=limit_mb)
    response = jsonify({"error": "too_large", "detail": f"more than {limit_mb} MB"})
    response.status_code = 413
    return response


def _csrf_error(error: CSRFError) -> tuple[Response, int]:
    response = jsonify({"error": "csrf", "detail": error.description})
    return response, 400


def _after(response: Response) -> Response:
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    account = current_account()
    path = _relative_path()
    if not path.startswith(("api/", "export/")) and (
        isinstance(current_user, Account) or access().guard.public.enabled
    ):
        # The Dash renderer sends this cookie back as X-CSRFToken with every callback.
        response.set_cookie(
            CSRF_COOKIE,
            generate_csrf(),
            samesite="Strict",
            secure=access().settings.production,
            httponly=False,
        )
    if _is_export(path) and response.status_code == 200:
        return _audit_export(account, path, response)
    return response


def _is_export(path: str) -> bool:
    return path.startswith(("api/v1/indicators/", "export/"))


def _audit_export(account: Account | None, path: str, response: Response) -> Response:
    """Every table or file that leaves through the API or a download is in the audit log;
    when the log cannot be written, the data does not leave."""
    try:
        audit.record(
            access().accounts.engine,
            "export",
            actor=account.username if account else None,
            target=("/" + path)[:300],
            details={
                "query": request.query_string.decode("utf-8", "replace")[:500],
                "via": "token" if g.get("observatory_account") is not None else "session",
            },
            remote_addr=client_address(),
        )
    except SQLAlchemyError:
        log.exception("could not write the audit event of an export of %s", path)
        failed = jsonify({"error": "unavailable", "detail": "the audit log cannot be written"})
        failed.status_code = 503
        return failed
    return response
