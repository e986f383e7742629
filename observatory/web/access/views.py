"""Sign-in, sign-out, one's own account (password, API token), accounts and audit (admins).

Server-rendered forms, each with a CSRF token (Flask-WTF); texts in Spanish and English.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlparse

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import login_user, logout_user
from werkzeug.exceptions import RequestEntityTooLarge

from observatory.accounts import ROLES, AccountError, LoginOutcome, audit
from observatory.i18n import normalise_language, t
from observatory.web.access import access, client_address, current_account

AUDIT_PAGE_SIZE = 200
_ADMIN_ACTIONS = ("reset", "lock", "unlock", "activate", "deactivate", "role", "revoke")


def lang() -> str:
    """This request's language: `lang` in the query string or the form (es by default)."""
    value = request.args.get("lang")
    if value is None:
        try:
            value = request.form.get("lang")
        except RequestEntityTooLarge:  # a body over the limit is never read
            value = None
    return normalise_language(value)


def tr(key: str, **params: object) -> str:
    """A text of this request's language (templates call it too)."""
    return t(key, lang(), **params)


def make_blueprint(routes_prefix: str) -> Blueprint:
    """The account pages under `<prefix>cuenta`."""
    bp = Blueprint(
        "observatory_accounts",
        __name__,
        url_prefix=routes_prefix.rstrip("/") + "/cuenta",
        template_folder="templates",
    )
    bp.app_context_processor(_template_context)
    bp.add_url_rule("/entrar", "login", login, methods=["GET", "POST"])
    bp.add_url_rule("/salir", "logout", logout, methods=["POST"])
    bp.add_url_rule("", "account", account_page)
    bp.add_url_rule("/clave", "change_password", change_password, methods=["POST"])
    bp.add_url_rule("/token", "issue_token", issue_token, methods=["POST"])
    bp.add_url_rule("/usuarios", "users", users_page, methods=["GET"])
    bp.add_url_rule("/usuarios", "create_user", create_user, methods=["POST"])
    bp.add_url_rule("/usuarios/<username>/<action>", "change_user", change_user, methods=["POST"])
    bp.add_url_rule("/auditoria", "audit_log", audit_page)
    return bp


def _template_context() -> dict:
    account = current_account()
    return {
        "tr": tr,
        "lang": lang(),
        "other_lang": "en" if lang() == "es" else "es",
        "account": account,
        "dashboard_url": access().routes_prefix + ("?lang=en" if lang() == "en" else ""),
        "assets_url": access().routes_prefix + "assets/",
        "refresh_seconds": None,
    }


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never an absolute URL (an open redirect)."""
    prefix = access().routes_prefix
    if not target:
        return prefix
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        return prefix
    return target


def login() -> Response | str:
    message = None
    status = 200
    if request.method == "POST" and not access().login_limiter.allow(client_address()):
        message, status = tr("access.login.too_many"), 429
    elif request.method == "POST":
        username = request.form.get("username", "")
        password = request.form.get("password", "")
        outcome, account = access().accounts.authenticate(username, password, client_address())
        if outcome is LoginOutcome.OK and account is not None:
            session.clear()  # nothing from before signing in survives it
            session.permanent = True
            login_user(account)
            return redirect(_safe_next(request.form.get("next")), code=303)
        message = tr(f"access.login.{outcome.value}", minutes=access().settings.lockout_minutes)
        status = 423 if outcome is LoginOutcome.LOCKED else 401
    page = render_template(
        "access/login.html", message=message, next=request.values.get("next", "")
    )
    return make_response(page, status)


def logout() -> Response:
    account = current_account()
    if account is not None:
        audit.record(
            access().accounts.engine,
            "logout",
            actor=account.username,
            target=account.username,
            remote_addr=client_address(),
        )
    logout_user()
    session.clear()
    return redirect(url_for("observatory_accounts.login", lang=lang()), code=303)


def account_page() -> str:
    account = current_account()
    kinds = access().stewardship.kinds_for(account.role, account.country)
    return render_template("access/account.html", upload_kinds=kinds)


def change_password() -> Response:
    account = current_account()
    accounts = access().accounts
    current = request.form.get("current_password", "")
    new = request.form.get("new_password", "")
    outcome, _ = accounts.authenticate(account.username, current, client_address())
    if outcome is not LoginOutcome.OK:
        flash(tr("access.password.wrong_current"), "danger")
        return redirect(url_for("observatory_accounts.account", lang=lang()), code=303)
    try:
        changed = accounts.reset_password(
            account.username, new, actor=account.username, remote_addr=client_address()
        )
    except AccountError as error:
        flash(str(error), "danger")
        return redirect(url_for("observatory_accounts.account", lang=lang()), code=303)
    # The generation rose: this session is re-issued, every other one ends.
    session.clear()
    session.permanent = True
    login_user(changed)
    flash(tr("access.password.changed"), "success")
    return redirect(url_for("observatory_accounts.account", lang=lang()), code=303)


def issue_token() -> Response | str:
    account = current_account()
    try:
        token = access().accounts.issue_token(
            account.username, actor=account.username, remote_addr=client_address()
        )
    except AccountError as error:
        flash(str(error), "danger")
        return redirect(url_for("observatory_accounts.account", lang=lang()), code=303)
    kinds = access().stewardship.kinds_for(account.role, account.country)
    response = make_response(
        render_template("access/account.html", new_token=token, upload_kinds=kinds)
    )
    response.headers["Cache-Control"] = "no-store"  # the token is shown once, never cached
    return response


def users_page(new_password: str | None = None, for_user: str | None = None) -> Response:
    response = make_response(
        render_template(
            "access/users.html",
            users=access().accounts.all(),
            roles=ROLES,
            countries=access().accounts.countries,
            new_password=new_password,
            for_user=for_user,
        )
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def create_user() -> Response:
    admin = current_account()
    form = request.form
    password = secrets.token_urlsafe(12)  # a first password, shown once to the admin
    try:
        created = access().accounts.create(
            form.get("username", ""),
            password,
            form.get("role", ""),
            form.get("country") or None,
            actor=admin.username,
            remote_addr=client_address(),
        )
    except AccountError as error:
        flash(str(error), "danger")
        return redirect(url_for("observatory_accounts.users", lang=lang()), code=303)
    return users_page(new_password=password, for_user=created.username)


def change_user(username: str, action: str) -> Response:
    if action not in _ADMIN_ACTIONS:
        abort(404)
    admin = current_account()
    accounts = access().accounts
    who = {"actor": admin.username, "remote_addr": client_address()}
    password = None
    try:
        if action == "reset":
            password = secrets.token_urlsafe(12)
            accounts.reset_password(username, password, **who)
        elif action == "lock":
            accounts.lock(username, **who)
        elif action == "unlock":
            accounts.unlock(username, **who)
        elif action in ("activate", "deactivate"):
            if username == admin.username:
                raise AccountError(tr("access.users.not_yourself"))
            accounts.set_active(username, action == "activate", **who)
        elif action == "role":
            if username == admin.username:
                raise AccountError(tr("access.users.not_yourself"))
            accounts.set_role(
                username, request.form.get("role", ""), request.form.get("country"), **who
            )
        elif action == "revoke":
            accounts.revoke_tokens(username, **who)
    except AccountError as error:
        flash(str(error), "danger")
        return redirect(url_for("observatory_accounts.users", lang=lang()), code=303)
    if password is not None:
        return users_page(new_password=password, for_user=username)
    flash(tr("access.users.done", action=action, username=username), "success")
    return redirect(url_for("observatory_accounts.users", lang=lang()), code=303)


def audit_page() -> str:
    before = request.args.get("before", type=int)
    action = request.args.get("action") or None
    actor = request.args.get("actor") or None
    entries = audit.entries(
        access().accounts.engine,
        limit=AUDIT_PAGE_SIZE,
        before_id=before,
        action=action,
        actor=actor,
    )
    return render_template(
        "access/audit.html",
        entries=entries,
        action=action or "",
        actor=actor or "",
        page_size=AUDIT_PAGE_SIZE,
    )


def forbidden_page(reason: str) -> Response:
    """A 403 page in the user's language (the guard's answer to a too-low role)."""
    response = make_response(render_template("access/forbidden.html", reason=reason), 403)
    return response
