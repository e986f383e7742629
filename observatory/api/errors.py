"""The API's errors: always JSON `{"error", "detail", ...}`, never an HTML page."""

from __future__ import annotations

import logging

from flask import Response, request
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException

from observatory.exports.formats import html_safe_json

log = logging.getLogger(__name__)


class ApiError(Exception):
    """A request the API refuses, with its HTTP status and what is wrong."""

    def __init__(self, status: int, error: str, detail: str, **extra: object) -> None:
        super().__init__(detail)
        self.status = status
        self.error = error
        self.detail = detail
        self.extra = extra


def json_error(status: int, error: str, detail: str, **extra: object) -> Response:
    """A JSON error response; `extra` adds fields such as the parameter and its value."""
    body = {"error": error, "detail": detail, **{k: v for k, v in extra.items() if v is not None}}
    # The detail may quote the request ("No indicator '<script>'"): markup escaped.
    response = Response(html_safe_json(body), status=status, mimetype="application/json")
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def api_error(error: ApiError) -> Response:
    """Render an ApiError raised by a view."""
    return json_error(error.status, error.error, error.detail, **error.extra)


def unexpected_error(error: Exception) -> Response:
    """A bug: logged with its traceback, answered as a JSON 500 without internals."""
    if isinstance(error, HTTPException):
        return http_error(error)
    if isinstance(error, SQLAlchemyError):
        # The database is down or being restarted: the client may retry.
        log.error("API request %s: database unavailable: %s", request.full_path, error)
        return json_error(503, "database_unavailable", "The database cannot be reached now.")
    log.exception("API request %s failed", request.full_path, exc_info=error)
    return json_error(500, "internal_error", "The server failed to answer; the error is logged.")


def http_error(error: HTTPException) -> Response:
    """Routing and protocol errors (404, 405, ...) as JSON."""
    return json_error(
        error.code or 500,
        (error.name or "error").lower().replace(" ", "_"),
        error.description or "",
    )


def handler_for_prefix(prefix: str):
    """An app-wide HTTPException handler: JSON under `prefix`, Flask's default elsewhere."""

    def handle(error: HTTPException) -> Response | HTTPException:
        if request.path == prefix or request.path.startswith(prefix + "/"):
            return http_error(error)
        return error

    return handle
