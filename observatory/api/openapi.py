"""The OpenAPI 3.1 document of /api/v1, built from the registry and the corridor's codes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from observatory import __version__
from observatory.api.schemas import ERROR, INDICATOR_DATA, METADATA, SPEC
from observatory.definitions import AGE_GROUP_CODES
from observatory.exports.formats import FORMATS
from observatory.filters import DIRECTIONS, SEXES
from observatory.i18n import LANGUAGES

if TYPE_CHECKING:
    from observatory.services import Observatory

# Real months and days (2024-02-30 still passes the pattern, and gets a 400).
_MONTH_OR_DAY = r"^(19|20)[0-9]{2}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$"
_LICENCE = r"^[A-Za-z0-9][A-Za-z0-9./_-]{0,63}$"


def _list_param(name: str, description: str, items: dict[str, Any]) -> dict[str, Any]:
    # Comma-separated, as in the dashboard's URL: sex=F,M
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "style": "form",
        "explode": False,
        "schema": {"type": "array", "items": items},
    }


def filter_parameters(observatory: Observatory) -> list[dict[str, Any]]:
    """The dashboard's URL parameters, with the corridor's codes as enums."""
    corridor = observatory.corridor
    origin = [u.code for u in corridor.units_of(corridor.origin.iso2)]
    destination = [u.code for u in corridor.units_of(corridor.destination.iso2)]
    day = {"type": "string", "pattern": _MONTH_OR_DAY}
    return [
        {"name": "from", "in": "query", "description": "First day (YYYY-MM-DD or YYYY-MM).",
         "schema": day},
        {"name": "to", "in": "query", "description": "Last day (YYYY-MM-DD or YYYY-MM: its end).",
         "schema": day},
        _list_param("sex", "Sex recorded on the registration.", {"enum": list(SEXES)}),
        _list_param("age", "Age groups.", {"enum": list(AGE_GROUP_CODES)}),
        _list_param("sector", "Sector codes.", {"enum": [s.code for s in corridor.sectors]}),
        _list_param("origin", "Origin admin-1 units (ISO 3166-2).", {"enum": origin}),
        _list_param("destination", "Destination admin-1 units (ISO 3166-2).",
                    {"enum": destination}),
        _list_param("border", "Border points.", {"enum": [b.code for b in corridor.border_points]}),
        _list_param("direction", "Exit or return.", {"enum": list(DIRECTIONS)}),
        _list_param("recruiter", "Recruiter licence numbers.",
                    {"type": "string", "pattern": _LICENCE}),
    ]  # fmt: skip


def _json_content(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": _json_content(_ref("Error"))}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def openapi_document(observatory: Observatory, prefix: str) -> dict[str, Any]:
    """The OpenAPI 3.1 description of every /api/v1 endpoint."""
    ids = [spec.id for spec in observatory.specs()]
    etag = {"ETag": {"description": "Of (indicator, filter, format, lang, data version).",
                     "schema": {"type": "string"}}}  # fmt: skip
    indicator_params = [
        {"name": "name", "in": "path", "required": True, "description": "Indicator id.",
         "schema": {"type": "string", "enum": ids}},
        {"name": "format", "in": "query", "description": "json (default), csv or xlsx.",
         "schema": {"type": "string", "enum": list(FORMATS)}},
        {"name": "lang", "in": "query", "description": "Language of titles and headers.",
         "schema": {"type": "string", "enum": list(LANGUAGES)}},
        *filter_parameters(observatory),
    ]  # fmt: skip
    binary = {"schema": {"type": "string", "contentEncoding": "binary"}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"Labour-migration observatory {observatory.corridor.code} API",
            "version": __version__,
            "description": "Corridor indicators, the same numbers as the dashboard, with "
            "small-cell suppression: a hidden value is null (empty in CSV), never 0.",
        },
        "paths": {
            prefix: {
                "get": {
                    "operationId": "apiIndex",
                    "summary": "Where the indicator list and this document are.",
                    "responses": {
                        "200": {
                            "description": "Links.",
                            "content": _json_content(
                                {
                                    "type": "object",
                                    "properties": {
                                        "indicators": {"type": "string"},
                                        "openapi": {"type": "string"},
                                    },
                                }
                            ),
                        }
                    },
                }
            },
            f"{prefix}/indicators": {
                "get": {
                    "operationId": "listIndicators",
                    "summary": "Every indicator with its titles, unit, definitions and source.",
                    "responses": {
                        "200": {
                            "description": "The indicators.",
                            "content": _json_content(_ref("IndicatorList")),
                        }
                    },
                }
            },
            f"{prefix}/indicators/{{name}}": {
                "get": {
                    "operationId": "getIndicator",
                    "summary": "One indicator under a filter (the dashboard's URL parameters).",
                    "parameters": indicator_params,
                    "responses": {
                        "200": {
                            "description": "The protected table and its metadata.",
                            "headers": etag,
                            "content": {
                                **_json_content(_ref("IndicatorData")),
                                "text/csv": {"schema": {"type": "string"}},
                                FORMATS["xlsx"].media_type: binary,
                            },
                        },
                        "304": {"description": "Not modified since the ETag sent."},
                        "400": _error("A bad filter value, format or language."),
                        "404": _error("No such indicator."),
                        "503": _error("The database cannot be reached now."),
                    },
                }
            },
            f"{prefix}/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document.",
                    "responses": {
                        "200": {
                            "description": "OpenAPI 3.1.",
                            "content": _json_content({"type": "object"}),
                        }
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Error": ERROR,
                "Metadata": METADATA,
                "IndicatorData": INDICATOR_DATA,
                "Indicator": SPEC,
                "IndicatorList": {
                    "type": "object",
                    "required": ["indicators"],
                    "properties": {"indicators": {"type": "array", "items": _ref("Indicator")}},
                },
                "Texts": {
                    "type": "object",
                    "required": ["es", "en"],
                    "properties": {"es": {"type": "string"}, "en": {"type": "string"}},
                },
            }
        },
    }
