"""The account menu above the dashboard: who is signed in, their pages, and signing out.

The shell's layout (observatory/web/layout.py) knows nothing of accounts; with accounts on,
the menu goes into the shell, after its skip link. The layout is then a function, so
each visitor's menu is built for them, on the server, per page load.
"""

from __future__ import annotations

import copy

import dash
from dash import Input, Output, dcc, html
from flask import has_request_context
from flask_wtf.csrf import generate_csrf

from observatory.i18n import DEFAULT_LANGUAGE, normalise_language, t
from observatory.web import ids
from observatory.web.access import access, current_account

MENU = "account-menu"
MENU_OUTPUT = f"{MENU}.children"
SKIP_CLASS = "obs-skip"  # the shell's skip link (observatory/web/layout.py)


def menu_children(lang: str) -> list:
    """The menu's content for the current visitor, in `lang` (empty outside a request: Dash
    calls the layout once when it is set, to check it)."""
    if not has_request_context():
        return []
    account = current_account()
    prefix = access().routes_prefix
    query = f"?lang={lang}"
    if account is None:
        return [_link(t("access.login.title", lang), f"{prefix}cuenta/entrar{query}")]
    links = [
        html.Span(
            f"{account.username} · {t('access.role.' + account.role, lang)}"
            + (f" ({account.country})" if account.country else ""),
            className="text-muted",
        ),
        _link(t("access.nav.account", lang), f"{prefix}cuenta{query}"),
    ]
    if account.role in ("steward", "admin"):
        links.append(_link(t("access.nav.uploads", lang), f"{prefix}cuenta/cargas{query}"))
    if account.role == "admin":
        links.append(_link(t("access.nav.users", lang), f"{prefix}cuenta/usuarios{query}"))
        links.append(_link(t("access.nav.audit", lang), f"{prefix}cuenta/auditoria{query}"))
    links.append(
        html.Form(
            [
                dcc.Input(type="hidden", name="csrf_token", value=generate_csrf()),
                dcc.Input(type="hidden", name="lang", value=lang),
                html.Button(
                    t("access.logout", lang),
                    type="submit",
                    className="btn btn-outline-dark btn-sm py-0 align-baseline",
                ),
            ],
            method="POST",
            action=f"{prefix}cuenta/salir",
            className="d-inline",
        )
    )
    return links


def _link(text: str, href: str) -> html.A:
    # The body's text colour, underlined: Bootstrap's blue on the shell's grey is 4.2:1.
    return html.A(text, href=href, className="link-body-emphasis")


def wrap_layout(app: dash.Dash) -> None:
    """Put the account menu into the app's (static) shell layout: right after its skip link,
    so the skip link stays the first Tab stop (else first of all)."""
    shell = app.layout

    def layout() -> html.Div:
        menu = html.Nav(
            menu_children(DEFAULT_LANGUAGE),
            id=MENU,
            className="obs-account d-flex flex-wrap justify-content-end gap-3 px-3 py-1 small",
            **{"aria-label": "Cuenta / Account"},
        )
        children = list(shell.children)
        at = next(
            (
                i + 1
                for i, c in enumerate(children)
                if SKIP_CLASS in str(getattr(c, "className", ""))
            ),
            0,
        )
        page = copy.copy(shell)
        page.children = [*children[:at], menu, *children[at:]]
        return page

    app.layout = layout
    app.callback(Output(MENU, "children"), Input(ids.VIEW, "data"))(_translate)


def _translate(view: object) -> list:
    lang = normalise_language(view.get("lang") if isinstance(view, dict) else None)
    return menu_children(lang)
