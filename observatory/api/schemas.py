"""JSON Schemas of the API's bodies (components of the OpenAPI document)."""

from __future__ import annotations

VALUE = {"type": ["string", "number", "integer", "boolean", "null"]}
ERROR = {
    "type": "object",
    "required": ["error", "detail"],
    "properties": {
        "error": {"type": "string", "description": "A short code: bad_filter, unknown_indicator…"},
        "detail": {"type": "string", "description": "What is wrong, in words."},
        "param": {"type": "string", "description": "The query parameter at fault."},
        "value": {"type": "string", "description": "Its value."},
        "indicator": {"type": "string"},
    },
}
METADATA = {
    "type": "object",
    "required": ["indicator", "filters", "data_version", "extracted_at", "min_cell", "batches"],
    "properties": {
        "indicator": {"type": "string"},
        "title": {"type": "string"},
        "definition": {"type": "string"},
        "filters": {"type": "string", "description": "The filter in words."},
        "filters_query": {"type": "string", "description": "The filter as URL parameters."},
        "data_version": {"type": "integer"},
        "extracted_at": {"type": "string", "description": "UTC, ISO 8601."},
        "suppression_rule": {"type": "string"},
        "min_cell": {"type": "integer"},
        "suppressed_cells": {"type": "integer"},
        "corridor": {"type": "string"},
        "observatory_version": {"type": "string"},
        "batches": {"type": "array", "items": {"type": "object"}},
    },
}
INDICATOR_DATA = {
    "type": "object",
    "required": ["indicator", "filter", "data_version", "suppressed_cells", "columns", "rows"],
    "properties": {
        "indicator": {"type": "string"},
        "title": {"type": "string"},
        "unit": {"type": "string"},
        "filter": {"type": "object", "additionalProperties": {"type": "string"}},
        "data_version": {"type": "integer", "minimum": 0},
        "suppressed_cells": {"type": "integer", "minimum": 0},
        "columns": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "label", "type"],
                "properties": {
                    "name": {"type": "string"},
                    "label": {"type": "string"},
                    "type": {"enum": ["string", "integer", "number", "boolean"]},
                },
            },
        },
        "rows": {
            "type": "array",
            "description": "One object per row; a value hidden by disclosure control is null "
            "and its row has suppressed = true.",
            "items": {"type": "object", "additionalProperties": VALUE},
        },
        "metadata": {"$ref": "#/components/schemas/Metadata"},
    },
}
SPEC = {
    "type": "object",
    "required": ["id", "title", "unit", "definition", "source"],
    "properties": {
        "id": {"type": "string"},
        "title": {"$ref": "#/components/schemas/Texts"},
        "unit": {"type": "string"},
        "definition": {"$ref": "#/components/schemas/Texts"},
        "source": {"type": "string"},
        "url": {"type": "string"},
    },
}
