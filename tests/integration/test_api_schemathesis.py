"""Schemathesis against /api/v1/openapi.json, in-process (WSGI), on a loaded fixture: no
server error, and every response (status, content type, headers, body) as documented.

Bounded: at most 25 generated cases per operation and mode, so the whole file runs in seconds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from etl.load import load_file
from observatory.config import Settings
from observatory.services import Observatory
from observatory.web import create_app
from tests.conftest import FIXTURES, TEST_PSEUDONYM_KEY

# Registrations (with suppressed cells) and a register with hostile names.
LOADS = (
    (FIXTURES / "indicators" / "border_office_q1.csv", "border_office"),
    (FIXTURES / "exports" / "registro_nombres_peligrosos_2024-06-30.csv", "recruiter_registry"),
)
# A schema-valid value can still be refused with a documented 400 (2024-02-30, from after
# to), so "positive data acceptance" is not asked for; everything else is.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_schema(sqlite_engine, corridor, tmp_path: Path):
    for path, kind in LOADS:
        report = load_file(sqlite_engine, path, kind, corridor, TEST_PSEUDONYM_KEY)
        assert report.status == "loaded", report.message
    app_settings = Settings(cache_type="NullCache", instance_dir=tmp_path, analytics="sql")
    app = create_app(app_settings, observatory=Observatory(sqlite_engine, corridor))
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app.server)


# (path, generation mode): negative cases (values outside the schema) only where there
# are parameters to break.
OPERATIONS = [
    ("/api/v1", GenerationMode.POSITIVE),
    ("/api/v1/indicators", GenerationMode.POSITIVE),
    ("/api/v1/openapi.json", GenerationMode.POSITIVE),
    ("/api/v1/indicators/{name}", GenerationMode.POSITIVE),
    ("/api/v1/indicators/{name}", GenerationMode.NEGATIVE),
]


# schemathesis.pytest.from_fixture does not run under this pytest (its lazy loader reads a
# private pytest attribute), so each operation's strategy is driven by hypothesis directly.
@pytest.mark.parametrize(("path", "mode"), OPERATIONS)
def test_api_conforms_to_its_openapi_document(api_schema, path, mode):
    operation = api_schema[path]["GET"]

    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def conforms(case):
        # The WSGI test client does not decompress: ask for plain bodies.
        case.call_and_validate(headers={"Accept-Encoding": "identity"}, checks=CHECKS)

    conforms()
