"""The /api/v1 endpoints: the indicator list, one indicator under a filter, the OpenAPI document.

Numbers come from `Observatory.indicator` (the dashboard's cache and suppression) through
the export core, so the API, the downloads and the command line cannot disagree.

Caching: the data are public aggregates, but a load changes them at any time. Responses
carry `Cache-Control: no-cache` (a client or proxy may keep them, but must ask again
each time) and an ETag of (indicator, filter, format, language, data version, threshold,
day); a repeated request with `If-None-Match` gets a 304 after a one-row read of the data
version, without computing anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping

from flask import Blueprint, Response, request

from observatory.api.errors import ApiError
from observatory.api.openapi import openapi_document
from observatory.exports.build import export_indicator
from observatory.exports.formats import FORMATS, html_safe_json
from observatory.filters import Filter, FilterError
from observatory.i18n import LANGUAGES
from observatory.indicators.registry import UnknownIndicator, lookup
from observatory.services import Observatory

# Query parameters of the API itself; every other one is a filter parameter (or ignored).
FORMAT_PARAM, LANG_PARAM = "format", "lang"


def make_blueprint(observatory: Observatory, prefix: str) -> Blueprint:
    """The API's routes, bound to one Observatory service."""
    api = Blueprint("observatory_api", __name__, url_prefix=prefix)

    @api.get("", strict_slashes=False)
    def index() -> Response:
        return _json({"indicators": f"{prefix}/indicators", "openapi": f"{prefix}/openapi.json"})

    @api.get("/indicators")
    def list_indicators() -> Response:
        body = {"indicators": [_describe(spec, prefix) for spec in observatory.specs()]}
        return _json(body)

    @api.get("/indicators/<name>")
    def indicator(name: str) -> Response:
        try:
            lookup(name)
        except UnknownIndicator:
            raise ApiError(
                404,
                "unknown_indicator",
                f"No indicator {name!r}; GET {prefix}/indicators lists them.",
                indicator=name,
            ) from None
        format_name = _choice(FORMAT_PARAM, tuple(FORMATS), "json")
        lang = _choice(LANG_PARAM, LANGUAGES, "es")
        flt = _filter(request.args.to_dict(flat=False), observatory)
        version = observatory.data_version()
        etag = _etag(name, flt, format_name, lang, version, observatory.min_cell)
        if request.if_none_match.contains_weak(etag):
            return _not_modified(etag)
        export = export_indicator(observatory, name, flt, format_name, lang)
        response = Response(export.content, content_type=export.format.media_type)
        if format_name != "json":
            response.headers["Content-Disposition"] = f'attachment; filename="{export.file_name}"'
        # the result's own version: a load may have committed since `version` was read
        response.set_etag(
            _etag(name, flt, format_name, lang, export.result.data_version, observatory.min_cell),
            weak=True,
        )
        response.headers["Cache-Control"] = "no-cache"
        response.headers["X-Data-Version"] = str(export.result.data_version)
        return response

    @api.get("/openapi.json")
    def openapi() -> Response:
        return _json(openapi_document(observatory, prefix))

    @api.get("/<path:rest>")
    def unknown_path(rest: str) -> Response:
        # Without this, Dash's catch-all route would answer with its HTML page.
        raise ApiError(404, "not_found", f"No API endpoint {prefix}/{rest}.")

    return api


def _describe(spec, prefix: str) -> dict[str, object]:
    return {
        "id": spec.id,
        "title": {"es": spec.title_es, "en": spec.title_en},
        "unit": spec.unit,
        "definition": {"es": spec.definition_es, "en": spec.definition_en},
        "source": spec.source,
        "url": f"{prefix}/indicators/{spec.id}",
    }


def _json(body: object) -> Response:
    response = Response(html_safe_json(body), mimetype="application/json")
    response.headers["Cache-Control"] = "no-cache"
    return response


def _choice(param: str, allowed: tuple[str, ...], default: str) -> str:
    values = request.args.getlist(param)
    if not values:
        return default
    if len(values) > 1 or values[0] not in allowed:
        raise ApiError(
            400,
            "bad_parameter",
            f"{param} must be one of {', '.join(allowed)}.",
            param=param,
            value=",".join(values),
        )
    return values[0]


def _filter(params: Mapping[str, list[str]], observatory: Observatory) -> Filter:
    try:
        return Filter.from_query(params, corridor=observatory.corridor)
    except FilterError as error:
        raise ApiError(
            400, "bad_filter", str(error), param=error.param, value=_text(error.value)
        ) from None


def _text(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _etag(name: str, flt: Filter, format_name: str, lang: str, version: int, min_cell: int) -> str:
    # The day is in the service's cache key too: a few indicators count days.
    key = "|".join(
        (name, flt.cache_key(), format_name, lang, str(version), str(min_cell), _today())
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _today() -> str:
    return dt.date.today().isoformat()


def _not_modified(etag: str) -> Response:
    response = Response(status=304)
    response.set_etag(etag, weak=True)
    response.headers["Cache-Control"] = "no-cache"
    return response
