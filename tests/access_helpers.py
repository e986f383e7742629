"""Apps with accounts on, their users, and signing in over HTTP (for the access tests)."""

from __future__ import annotations

import re
from pathlib import Path

from flask.testing import FlaskClient
from sqlalchemy import Engine

from etl.intake import UploadLoader
from etl.load import load_file
from observatory.accounts import Accounts
from observatory.config import Settings
from observatory.corridor import load_corridor
from observatory.filters import Filter
from observatory.web import create_app
from observatory.web.state import View
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY

PASSWORD = "correct horse battery staple"
# username -> (role, country)
USERS: dict[str, tuple[str, str | None]] = {
    "vera": ("viewer", None),
    "ana": ("analyst", None),
    "guate": ("steward", "GT"),
    "mexi": ("steward", "MX"),
    "boss": ("admin", None),
}
ROLE_USER = {"viewer": "vera", "analyst": "ana", "steward": "guate", "admin": "boss"}
SMALL_CSV = FIXTURES / "web" / "border_office_small.csv"


def engine_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def access_app(engine: Engine, folder: Path, *, load: bool = True, **changes: object):
    """A Dash app with accounts on (a viewer, an analyst, two stewards, an admin) over
    `engine`'s database, holding the small border-office fixture."""
    corridor = load_corridor("gt_mx")
    if load:
        report = load_file(engine, SMALL_CSV, "border_office", corridor, TEST_PSEUDONYM_KEY)
        assert report.status == "loaded", report.message
    accounts = Accounts(engine)
    for username, (role, country) in USERS.items():
        accounts.create(username, PASSWORD, role, country)
    settings = Settings(
        database_url=engine_url(engine),
        cache_type="NullCache",
        instance_dir=folder,
        analytics="sql",
        auth="on",
        secret_key="s" * 40,
    ).with_(**changes)
    loader = UploadLoader(engine, corridor, TEST_PSEUDONYM_KEY)
    return create_app(settings, loader=loader)


def csrf_token(client: FlaskClient, lang: str = "es") -> str:
    """The CSRF token of the client's session, as the login form carries it."""
    page = client.get(f"/cuenta/entrar?lang={lang}").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def sign_in(client: FlaskClient, username: str, password: str = PASSWORD, next_: str = ""):
    """POST the login form as a browser does; returns the response."""
    return client.post(
        "/cuenta/entrar",
        data={
            "csrf_token": csrf_token(client),
            "username": username,
            "password": password,
            "next": next_,
        },
    )


def signed_in(app, username: str) -> FlaskClient:
    client = app.server.test_client()
    response = sign_in(client, username)
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return client


def dash_headers(client: FlaskClient) -> dict[str, str]:
    """What the Dash renderer sends with a callback: the CSRF cookie as X-CSRFToken."""
    cookie = client.get_cookie("_csrf_token")
    return {"X-CSRFToken": cookie.value} if cookie else {}


def _outputs(spec: dict) -> list:
    output = spec["output"]
    return output if isinstance(output, list) else [output]


def callback_body(key: str, spec: dict) -> dict:
    """A minimal valid callback request, as the renderer sends one."""
    view = View(Filter(), "es").store()

    def value(dependency: dict) -> object:
        return view if dependency["id"] == "view" else None

    def entry(dependency: dict) -> object:
        # A pattern-matching dependency (a dict id with wildcards) matching no component.
        if isinstance(dependency["id"], dict):
            return []
        return {**dependency, "value": value(dependency)}

    outputs = [
        []
        if isinstance(o.component_id, dict)
        else {"id": o.component_id, "property": o.component_property}
        for o in _outputs(spec)
    ]
    return {
        "output": key,
        "outputs": outputs if isinstance(spec["output"], list) else outputs[0],
        "inputs": [entry(d) for d in spec["inputs"]],
        "state": [entry(d) for d in spec.get("state", [])],
        "changedPropIds": [
            f"{d['id']}.{d['property']}" for d in spec["inputs"][:1] if isinstance(d["id"], str)
        ],
    }


def callback_for(app, output_id: str) -> tuple[str, dict]:
    """The key and a minimal request body of the server callback that fills `output_id`."""
    key = next(
        k
        for k, spec in app.callback_map.items()
        if "callback" in spec and (k.startswith(f"{output_id}.") or f"..{output_id}." in k)
    )
    return key, callback_body(key, app.callback_map[key])
