"""Reaching the real PostgreSQL and Redis of this machine: skip locally, never in CI."""

from __future__ import annotations

import os
import socket

import pytest

POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def in_ci() -> bool:
    """CI sets CI=true; there a missing service is a failure, not a skip."""
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def require_service(name: str, host: str, port: int) -> None:
    """Skip (locally) or fail (in CI) when a service does not answer."""
    if _port_open(host, port):
        return
    message = f"{name} is not answering on {host}:{port}"
    if in_ci():
        pytest.fail(f"{message}; CI must run against it (see .ci/run)")
    pytest.skip(f"{message}; start it to run these tests")
