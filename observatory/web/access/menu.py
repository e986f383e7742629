"""The account menu above the dashboard: who is signed in, their pages, and signing out.

The shell's layout (observatory/web/layout.py) knows nothing of accounts; with accounts on,
the app's layout becomes this menu followed by the shell. The layout is then a function, so
each visitor's menu is built for them, on the server, per page load.
"""

from __future__ import annotations

import dash
from dash import Input, Output, dcc, html
from flask import has_request_context
from flask_wtf.csrf import generate_csrf

from observatory.i18n import DEFAULT_LANGUAGE, normalise_language, t
from observatory.web import ids
from observatory.web.access import access, current_account

MENU = "account-menu"
MENU_OUTPUT = f"{MENU}.children"


def menu_children(lang: str) -> list:
    """The menu's content for the current visitor, in `lang` (empty outside a request: Dash
    calls the layout once when it is set, to check it)."""
    if not has_request_context():
        return []
    account = current_account()
    prefix = access().routes_prefix
    query = f"?lang={lang}"
    if account is None:
        return [html.A(t("access.login.title", lang), href=f"{prefix}cuenta/entrar{query}")]
    links = [
        html.Span(
            f"{account.username} · {t('access.role.' + account.role, lang)}"
            + (f" ({account.country})" if account.country else ""),
            className="text-muted",
        ),
        html.A(t("access.nav.account", lang), href=f"{prefix}cuenta{query}"),
    ]
    if account.role in ("steward", "admin"):
        links.append(html.A(t("access.nav.uploads", lang), href=f"{prefix}cuenta/cargas{query}"))
    if account.role == "admin":
        links.append(html.A(t("access.nav.users", lang), href=f"{prefix}cuenta/usuarios{query}"))
        links.append(html.A(t("access.nav.audit", lang), href=f"{prefix}cuenta/auditoria{query}"))
    links.append(
        html.Form(
            [
                dcc.Input(type="hidden", name="csrf_token", value=generate_csrf()),
                dcc.Input(type="hidden", name="lang", value=lang),
                html.Button(
                    t("access.logout", lang),
                    type="submit",
                    className="btn btn-link btn-sm p-0 align-baseline",
                ),
            ],
            method="POST",
            action=f"{prefix}cuenta/salir",
            className="d-inline",
        )
    )
    return links


def wrap_layout(app: dash.Dash) -> None:
    """Put the account menu above the app's (static) shell layout."""
    shell = app.layout

    def layout() -> html.Div:
        menu = html.Nav(
            menu_children(DEFAULT_LANGUAGE),
            id=MENU,
            className="obs-account d-flex flex-wrap justify-content-end gap-3 px-3 py-1 small",
            **{"aria-label": "Cuenta / Account"},
        )
        return html.Div([menu, shell])

    app.layout = layout
    app.callback(Output(MENU, "children"), Input(ids.VIEW, "data"))(_translate)


def _translate(view: object) -> list:
    lang = normalise_language(view.get("lang") if isinstance(view, dict) else None)
    return menu_children(lang)
