"""Every entry point is guarded on the server: each route of the Flask server and each Dash
callback, for anonymous clients and each role (Flask test client, over HTTP)."""

from __future__ import annotations

import re

import pytest
from werkzeug.routing import Rule

from observatory.accounts import audit
from observatory.config import ConfigurationError, Settings
from observatory.web import create_app
from tests.access_helpers import (
    PASSWORD,
    ROLE_USER,
    access_app,
    callback_body,
    csrf_token,
    dash_headers,
    sign_in,
    signed_in,
)

ROLES = ("viewer", "analyst", "steward", "admin")
# Who may reach each route: written here independently of the guard's own table, so a new
# route without a decision fails this test.
EXPECTED: tuple[tuple[str, str], ...] = (
    (r"^/(assets|_dash-component-suites|static)/", "public"),
    (r"^/_favicon\.ico$", "public"),
    (r"^/cuenta/(entrar|salir)$", "public"),
    (r"^/cuenta(/clave|/token)?$", "viewer"),
    (r"^/cuenta/usuarios", "admin"),
    (r"^/cuenta/auditoria$", "admin"),
    (r"^/cuenta/cargas", "steward"),
    (r"^/api/", "analyst"),
    (r"^/export/", "analyst"),
    (r"^/(_dash-layout|_dash-dependencies|_dash-update-component|_reload-hash)$", "viewer"),
    (r"^/_observatory/", "viewer"),
    (r"^/(<path:path>)?$", "viewer"),
)
SAMPLE_ARGUMENTS = {
    "filename": "observatory.css",
    "package_name": "dash",
    "fingerprinted_path": "dash_renderer/dash_renderer.min.js",
    "name": "flows",
    "rest": "nothing",
    "path": "flujos",
    "job_id": "A" * 24,
    "username": "vera",
    "action": "unlock",
}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from observatory.db.engine import make_engine
    from observatory.db.migrate import upgrade

    folder = tmp_path_factory.mktemp("guard")
    engine = make_engine(f"sqlite:///{folder / 'observatory.db'}")
    upgrade(engine)
    app = access_app(engine, folder)
    app.server.test_client().get("/cuenta/entrar")  # Dash registers its own callbacks now
    return app


@pytest.fixture(scope="module")
def cookies(app) -> dict[str, dict[str, str]]:
    """Each role's signed-in cookies, to start fresh clients from (one sign-in per role)."""
    found = {}
    for role, username in ROLE_USER.items():
        client = signed_in(app, username)
        client.get("/cuenta")
        found[role] = {
            name: client.get_cookie(name).value for name in ("observatory_session", "_csrf_token")
        }
    return found


def client_for(app, cookies, role: str | None):
    client = app.server.test_client()
    if role is not None:
        for name, value in cookies[role].items():
            client.set_cookie(name, value)
    return client


def minimum_role(rule: str) -> str:
    matches = [role for pattern, role in EXPECTED if re.search(pattern, rule)]
    assert matches, f"no decision on who may reach {rule}: add it to EXPECTED and the guard"
    return matches[0]


def sample_url(rule: Rule) -> str:
    def sample(argument: str) -> object:
        if type(rule._converters[argument]).__name__ in ("IntegerConverter", "FloatConverter"):
            return 1
        return SAMPLE_ARGUMENTS.get(argument, "x")

    return rule.build({a: sample(a) for a in rule.arguments})[1]


def request_as(app, cookies, role, rule: Rule):
    client = client_for(app, cookies, role)
    url = sample_url(rule)
    if "GET" in rule.methods:
        return client.get(url)
    headers = dash_headers(client) if role else {}
    return client.post(url, data={"source_kind": "border_office"}, headers=headers)


def refused(response, role: str | None) -> bool:
    if role is None:
        to_login = response.status_code == 302 and "/cuenta/entrar" in response.location
        return response.status_code == 401 or to_login
    return response.status_code == 403


def test_every_route_refuses_anonymous_and_lower_roles_and_serves_the_right_ones(app, cookies):
    rules = list(app.server.url_map.iter_rules())
    assert len(rules) > 15
    wrong = []
    for rule in rules:
        needed = minimum_role(rule.rule)
        for role in (None, *ROLES):
            response = request_as(app, cookies, role, rule)
            allowed = needed == "public" or (
                role is not None and ROLES.index(role) >= ROLES.index(needed)
            )
            # A guarded route that lets the right role in must also work for them (static
            # files under made-up names are Dash's business, not the guard's).
            broken = needed != "public" and response.status_code >= 500
            if allowed == refused(response, role) or broken:
                wrong.append((rule.rule, role, response.status_code))
    assert wrong == []


def test_every_dash_callback_needs_a_signed_in_user(app, cookies):
    # Clientside callbacks run in the browser: the server has nothing to guard for them.
    keys = [k for k, spec in app.callback_map.items() if spec["inputs"] and "callback" in spec]
    assert len(keys) > 20
    served = 0
    for key in keys:
        body = callback_body(key, app.callback_map[key])
        anonymous = app.server.test_client().post("/_dash-update-component", json=body)
        assert anonymous.status_code == 401, key
        assert b'"response"' not in anonymous.data
        viewer = client_for(app, cookies, "viewer")
        answer = viewer.post("/_dash-update-component", json=body, headers=dash_headers(viewer))
        assert answer.status_code not in (401, 403), key
        served += answer.status_code == 200 and b'"response"' in answer.data
    # The pages' data callbacks answer a viewer with data (not only "no update").
    assert served >= len([k for k in keys if app.callback_map[k]["inputs"][0]["id"] == "view"])


def test_a_callback_without_the_csrf_header_is_refused(app, cookies):
    key = next(
        k
        for k, s in app.callback_map.items()
        if s["inputs"][:1] == [{"id": "view", "property": "data"}]
    )
    client = client_for(app, cookies, "viewer")
    response = client.post(
        "/_dash-update-component", json=callback_body(key, app.callback_map[key])
    )
    assert response.status_code == 400 and b"csrf" in response.data.lower()


def test_pages_redirect_anonymous_visitors_to_the_login_page_and_back(app):
    client = app.server.test_client()
    response = client.get("/flujos?sex=F")
    assert response.status_code == 302
    assert response.location.startswith("/cuenta/entrar?next=")
    after = sign_in(client, "vera", next_="/flujos?sex=F")
    assert (after.status_code, after.location) == (303, "/flujos?sex=F")
    assert client.get("/flujos?sex=F").status_code == 200


def test_the_login_page_never_redirects_elsewhere(app):
    for target in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        response = sign_in(app.server.test_client(), "vera", next_=target)
        assert response.location == "/", target


def test_a_viewer_cannot_export_but_an_analyst_can_and_it_is_audited(app, cookies):
    url = "/api/v1/indicators/flows?format=csv"
    assert client_for(app, cookies, "viewer").get(url).status_code == 403
    response = client_for(app, cookies, "analyst").get(url)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    engine = app.server.extensions["observatory_access"].accounts.engine
    exports = audit.entries(engine, action="export", actor="ana")
    assert exports and exports[0].target == "/api/v1/indicators/flows"
    assert exports[0].details["query"] == "format=csv"


def test_an_api_token_opens_the_api_only(app):
    accounts = app.server.extensions["observatory_access"].accounts
    token = accounts.issue_token("ana")
    client = app.server.test_client()
    bearer = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/indicators/flows", headers=bearer).status_code == 200
    assert client.get("/", headers=bearer).status_code == 302  # pages need a session
    wrong = client.get("/api/v1/indicators", headers={"Authorization": "Bearer obs_nope"})
    assert wrong.status_code == 401 and "Bearer" in wrong.headers["WWW-Authenticate"]
    accounts.revoke_tokens("ana")
    assert client.get("/api/v1/indicators/flows", headers=bearer).status_code == 401


def test_ten_wrong_passwords_lock_the_account_over_http(app):
    client = app.server.test_client()
    statuses = [sign_in(client, "mexi", f"wrong {i}").status_code for i in range(10)]
    assert statuses == [401] * 9 + [423]
    locked = sign_in(client, "mexi", PASSWORD)
    assert locked.status_code == 423
    assert "bloqueada" in locked.get_data(as_text=True)
    app.server.extensions["observatory_access"].accounts.unlock("mexi")
    assert sign_in(client, "mexi", PASSWORD).status_code == 303


def test_a_session_from_before_a_password_change_no_longer_works(app):
    old = signed_in(app, "ana")
    assert old.get("/").status_code == 200
    other = signed_in(app, "ana")
    response = other.post(
        "/cuenta/clave",
        data={
            "csrf_token": csrf_token(other),
            "current_password": PASSWORD,
            "new_password": "a brand new passphrase",
        },
    )
    assert response.status_code == 303
    assert other.get("/").status_code == 200  # the session that changed it goes on
    assert old.get("/").status_code == 302  # the earlier one is over
    assert old.get("/api/v1/indicators").status_code == 401
    accounts = app.server.extensions["observatory_access"].accounts
    accounts.reset_password("ana", PASSWORD)


def test_forms_without_a_csrf_token_are_refused(app):
    client = app.server.test_client()
    response = client.post("/cuenta/entrar", data={"username": "vera", "password": PASSWORD})
    assert response.status_code == 400


def test_session_cookies_are_http_only_and_same_site(app):
    client = app.server.test_client()
    sign_in(client, "vera")
    header = " ".join(client.get("/cuenta").headers.getlist("Set-Cookie"))
    response = sign_in(app.server.test_client(), "vera")
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if "observatory_session" in c)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "_csrf_token=" in header and "SameSite=Strict" in header


def test_admins_create_users_and_read_the_audit_log_which_offers_no_edit(app, cookies):
    admin = client_for(app, cookies, "admin")
    response = admin.post(
        "/cuenta/usuarios",
        data={"csrf_token": csrf_token(admin), "username": "nuevo", "role": "viewer"},
    )
    first_password = re.search(r'id="new-password">([^<]+)<', response.get_data(as_text=True))
    assert response.status_code == 200 and first_password
    assert sign_in(app.server.test_client(), "nuevo", first_password.group(1)).status_code == 303
    log = admin.get("/cuenta/auditoria").get_data(as_text=True)
    assert "user_created" in log and "nuevo" in log
    table = log.split('id="audit-table"', 1)[1].split("</table>", 1)[0]
    assert "<form" not in table and "<button" not in table  # nothing to edit or delete with
    # No route of the app changes or deletes an audit event.
    audit_routes = [r for r in app.server.url_map.iter_rules() if "auditoria" in r.rule]
    assert all(r.methods <= {"GET", "HEAD", "OPTIONS"} for r in audit_routes)


def test_logins_and_lockouts_are_in_the_audit_log(app):
    engine = app.server.extensions["observatory_access"].accounts.engine
    actions = {e.action for e in audit.entries(engine, limit=1000)}
    assert {"login", "login_failed"} <= actions


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"auth": "off"}, "OBSERVATORY_AUTH=off"),
        ({"secret_key": ""}, "SECRET_KEY"),
        ({"secret_key": "short"}, "SECRET_KEY"),
        ({"secret_key": "changeme"}, "SECRET_KEY"),
    ],
)
def test_production_refuses_to_start_without_auth_or_a_real_secret(tmp_path, changes, message):
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'o.db'}",
        cache_type="NullCache",
        instance_dir=tmp_path,
        environment="production",
        auth="on",
        secret_key="k" * 40,
    ).with_(**changes)
    with pytest.raises(ConfigurationError, match=message):
        create_app(settings)
    assert not (tmp_path / "secret.key").exists()  # production never makes up a secret


def test_a_production_configuration_with_accounts_and_a_secret_starts(tmp_path):
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'o.db'}",
        cache_type="NullCache",
        instance_dir=tmp_path,
        environment="production",
        auth="on",
        secret_key="k" * 40,
    )
    app = create_app(settings)
    assert app.server.config["SESSION_COOKIE_SECURE"] is True


def test_the_environment_turns_accounts_on_by_default():
    assert Settings.from_env({}).auth == "on"
    assert Settings.from_env({"OBSERVATORY_AUTH": "public"}).auth == "public"
    with pytest.raises(ConfigurationError):
        Settings.from_env({"OBSERVATORY_AUTH": "maybe"})
