"""The open REST API under /api/v1: indicators as JSON, CSV or XLSX, and its OpenAPI document."""

from __future__ import annotations

import gzip
from typing import TYPE_CHECKING

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from observatory.api.errors import ApiError, api_error, handler_for_prefix, unexpected_error
from observatory.api.views import make_blueprint

if TYPE_CHECKING:
    from observatory.services import Observatory

API_PREFIX = "/api/v1"
# Flask-Compress (Dash's compress=True) leaves text/csv alone; JSON it compresses itself.
_CSV_MIN_BYTES = 500

__all__ = ["API_PREFIX", "register_api"]


def register_api(server: Flask, observatory: Observatory, prefix: str = API_PREFIX) -> None:
    """Add the API's routes and JSON error handlers to the Flask `server`."""
    api = make_blueprint(observatory, prefix)
    api.register_error_handler(ApiError, api_error)
    api.register_error_handler(Exception, unexpected_error)
    api.after_request(_gzip_csv)
    api.after_request(_nosniff)
    server.register_blueprint(api)
    # Routing errors (an unknown method, a malformed URL) happen outside the blueprint.
    server.register_error_handler(HTTPException, handler_for_prefix(prefix))


def _nosniff(response: Response) -> Response:
    # Browsers must not guess HTML in a JSON or CSV answer that quotes a hostile name.
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _gzip_csv(response: Response) -> Response:
    if (
        response.mimetype != "text/csv"
        or response.status_code != 200
        or "gzip" not in request.headers.get("Accept-Encoding", "")
        or "Content-Encoding" in response.headers
        or len(response.get_data()) < _CSV_MIN_BYTES
    ):
        return response
    response.set_data(gzip.compress(response.get_data(), compresslevel=6))
    response.headers["Content-Encoding"] = "gzip"
    response.headers.add("Vary", "Accept-Encoding")
    return response
