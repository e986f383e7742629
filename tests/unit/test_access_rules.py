"""The guard's table of rules as pure cases: path and role in, decision out."""

from __future__ import annotations

import json

import pytest

from observatory.accounts import Account, role_allows
from observatory.web.access.guard import Guard, PublicSubset


def account(role: str) -> Account:
    return Account(1, "someone", role, None, True, 0)


@pytest.mark.parametrize(
    ("path", "prefix", "json_answer"),
    [
        ("_dash-layout", "_dash-", True),
        ("_dash-update-component", "_dash-", True),
        ("_dash-component-suites/dash/x.js", "_dash-component-suites/", False),
        ("api/v1/indicators/flows", "api/", True),
        ("cuenta", "cuenta", False),
        ("cuentas-falsas", "", False),
        ("cuenta/usuarios/vera/lock", "cuenta/usuarios", False),
        ("flujos", "", False),
        ("", "", False),
    ],
)
def test_the_longest_prefix_decides(path, prefix, json_answer):
    rule = Guard().rule_for(path)
    assert (rule.prefix, rule.json) == (prefix, json_answer)


@pytest.mark.parametrize(
    ("path", "role", "status"),
    [
        ("flujos", None, 401),
        ("flujos", "viewer", 200),
        ("api/v1/indicators/flows", "viewer", 403),
        ("api/v1/indicators/flows", "analyst", 200),
        ("export/table/flujos.csv", "viewer", 403),
        ("cuenta/cargas", "analyst", 403),
        ("cuenta/cargas", "steward", 200),
        ("cuenta/auditoria", "steward", 403),
        ("cuenta/auditoria", "admin", 200),
        ("cuenta/entrar", None, 200),
        ("assets/observatory.css", None, 200),
    ],
)
def test_decisions(path, role, status):
    decision = Guard().check(path, account(role) if role else None)
    assert decision.status == status and decision.allowed == (status == 200)


def test_roles_are_ordered_and_unknown_roles_get_nothing():
    assert role_allows("admin", "viewer") and role_allows("steward", "analyst")
    assert not role_allows("analyst", "steward") and not role_allows(None, "viewer")
    assert not role_allows("superuser", "viewer") and not role_allows("admin", "nobody")


def test_public_mode_opens_only_what_is_published():
    guard = Guard(
        public=PublicSubset(
            pages=frozenset({"/"}),
            callbacks=frozenset({"overview-kpis.children"}),
            indicators=frozenset({"registrations"}),
            enabled=True,
        )
    )

    def callback(output: str) -> bytes:
        return json.dumps({"output": output, "inputs": []}).encode()

    assert guard.check("", None).allowed
    assert not guard.check("flujos", None).allowed
    assert guard.check(
        "_dash-update-component", None, callback("overview-kpis.children"), "POST"
    ).allowed
    assert not guard.check(
        "_dash-update-component", None, callback("flows-map.figure"), "POST"
    ).allowed
    assert not guard.check("_dash-update-component", None, b"not json", "POST").allowed
    assert guard.check("api/v1/indicators/registrations", None).allowed
    assert not guard.check("api/v1/indicators/registrations/../flows", None).allowed
    assert not guard.check("api/v1/indicators", None).allowed
    assert not guard.check("export/table/x.csv", None).allowed
    assert not guard.check("cuenta/cargas", None).allowed
