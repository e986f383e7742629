"""`python -m observatory users ...` as an operator runs it, the first admin of `python
app.py`, and the public mode's published subset for anonymous visitors."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from etl.bootstrap import create_first_admin
from observatory.accounts import Accounts, LoginOutcome, audit
from observatory.config import Settings
from observatory.db.engine import make_engine
from observatory.db.migrate import upgrade
from tests.access_helpers import PASSWORD as PASSWORD_OF_USERS
from tests.access_helpers import access_app, callback_for, csrf_token, dash_headers, sign_in

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "a long enough passphrase"


def users_cli(url: str, tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "OBSERVATORY_INSTANCE_DIR": str(tmp_path / "instance"),
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        [sys.executable, "-m", "observatory", "users", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )


@pytest.fixture
def database(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'o.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return url


def test_the_command_line_creates_resets_locks_and_lists_accounts(database, tmp_path):
    created = users_cli(
        database,
        tmp_path,
        "create",
        "--username",
        "Rosa",
        "--role",
        "steward",
        "--country",
        "mx",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert created.returncode == 0, created.stderr
    assert created.stdout.strip() == "created rosa: steward (MX)"
    assert PASSWORD not in created.stdout + created.stderr
    accounts = Accounts(make_engine(database))
    assert accounts.authenticate("rosa", PASSWORD)[0] is LoginOutcome.OK

    reset = users_cli(database, tmp_path, "reset-password", "--username", "rosa", "--generate")
    assert reset.returncode == 0, reset.stderr
    new_password = reset.stdout.split("(shown once): ")[1].strip()
    assert accounts.authenticate("rosa", new_password)[0] is LoginOutcome.OK
    assert accounts.authenticate("rosa", PASSWORD)[0] is LoginOutcome.WRONG

    assert users_cli(database, tmp_path, "lock", "--username", "rosa").returncode == 0
    assert accounts.authenticate("rosa", new_password)[0] is LoginOutcome.LOCKED
    listed = users_cli(database, tmp_path, "list").stdout
    assert listed.split("\t")[:4] == ["rosa", "steward", "MX", "locked"]
    assert users_cli(database, tmp_path, "unlock", "--username", "rosa").returncode == 0
    assert accounts.authenticate("rosa", new_password)[0] is LoginOutcome.OK
    actors = {e.actor for e in audit.entries(accounts.engine) if e.action != "login"}
    assert all(a.startswith("cli:") for a in actors if a)


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("create", "--username", "x1", "--role", "viewer", "--password-stdin"), "short\n", "12"),
        (("create", "--username", "x1", "--role", "steward", "--generate"), "", "one country"),
        (("create", "--username", "x1", "--role", "viewer"), "", "--password-stdin"),
        (("reset-password", "--username", "nobody", "--generate"), "", "no user"),
        (("token", "--username", "nobody"), "", "no user"),
    ],
)
def test_the_command_line_refuses_with_one_line(database, tmp_path, args, stdin, message):
    result = users_cli(database, tmp_path, *args, stdin=stdin)
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_first_run_creates_one_admin_and_prints_the_password_once(database, tmp_path, capsys):
    settings = Settings(database_url=database, instance_dir=tmp_path, auth="on")
    engine = make_engine(database)
    password = create_first_admin(engine, settings)
    printed = capsys.readouterr().out
    assert password and password in printed and "admin" in printed
    accounts = Accounts(engine)
    assert accounts.authenticate("admin", password)[0] is LoginOutcome.OK
    assert create_first_admin(engine, settings) is None  # never again
    assert password not in capsys.readouterr().out
    assert create_first_admin(engine, settings.with_(auth="off")) is None


@pytest.fixture
def public_app(sqlite_engine, tmp_path):
    return access_app(
        sqlite_engine,
        tmp_path,
        auth="public",
        public_pages=("/",),
        public_indicators=("registrations",),
    )


def test_public_mode_serves_the_published_subset_to_anonymous_visitors(public_app):
    client = public_app.server.test_client()
    assert client.get("/").status_code == 200
    assert client.get("/_dash-layout").status_code == 200
    assert client.get("/flujos").status_code == 302  # not published: sign in
    headers = dash_headers(client)
    assert headers  # anonymous visitors get the CSRF cookie the renderer sends back
    _, overview_body = callback_for(public_app, "overview-kpis")
    _, flows_body = callback_for(public_app, "flows-map")
    answer = client.post("/_dash-update-component", json=overview_body, headers=headers)
    assert answer.status_code == 200 and b'"response"' in answer.data
    refused = client.post("/_dash-update-component", json=flows_body, headers=headers)
    assert refused.status_code == 401 and b'"response"' not in refused.data
    assert client.get("/api/v1/indicators/registrations").status_code == 200
    assert client.get("/api/v1/indicators/flows").status_code == 401
    assert client.get("/api/v1/indicators").status_code == 401
    uploads = client.get("/cuenta/cargas")
    assert uploads.status_code == 302 and "/cuenta/entrar" in uploads.location


def test_public_mode_renders_only_published_page_layouts(public_app):
    client = public_app.server.test_client()
    client.get("/")
    key = next(k for k in public_app.callback_map if "_pages_content.children" in k)
    spec = public_app.callback_map[key]

    def body(pathname: str) -> dict:
        inputs = [
            {**d, "value": pathname if d["property"] == "pathname" else None}
            for d in spec["inputs"]
        ]
        return {
            "output": key,
            "outputs": [
                {"id": o.component_id, "property": o.component_property} for o in spec["output"]
            ]
            if isinstance(spec["output"], list)
            else {"id": spec["output"].component_id, "property": spec["output"].component_property},
            "inputs": inputs,
            "state": [{**d, "value": None} for d in spec.get("state", [])],
            "changedPropIds": [],
        }

    headers = dash_headers(client)
    assert (
        client.post("/_dash-update-component", json=body("/"), headers=headers).status_code == 200
    )
    refused = client.post("/_dash-update-component", json=body("/flujos"), headers=headers)
    assert refused.status_code == 401


def test_sign_in_attempts_are_limited_per_address(sqlite_engine, tmp_path):
    app = access_app(sqlite_engine, tmp_path, load=False)
    client = app.server.test_client()
    statuses = [sign_in(client, f"ghost{i}", "whatever it is").status_code for i in range(31)]
    assert statuses == [401] * 30 + [429]
    # Another address is not held back by this one.
    other = app.server.test_client()
    response = other.post(
        "/cuenta/entrar",
        data={"csrf_token": csrf_token(other), "username": "vera", "password": "x" * 12},
        environ_base={"REMOTE_ADDR": "10.0.0.2"},
    )
    assert response.status_code == 401


def test_no_password_or_token_reaches_the_logs(sqlite_engine, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    app = access_app(sqlite_engine, tmp_path, load=False)
    client = app.server.test_client()
    sign_in(client, "ana", "a wrong but long password")
    sign_in(client, "ana")
    token = app.server.extensions["observatory_access"].accounts.issue_token("ana")
    client.get("/api/v1/indicators", headers={"Authorization": f"Bearer {token}"})
    client.get("/api/v1/indicators", headers={"Authorization": "Bearer obs_not-a-real-one"})
    logged = caplog.text
    for secret in (PASSWORD_OF_USERS, "a wrong but long password", token, "obs_not-a-real-one"):
        assert secret not in logged
