"""The JSON API's OpenAPI schema, kept in one place (served at ``/openapi.json``).

The bounds it states are `termloc.serve.bounds`' own.
"""

from __future__ import annotations

from typing import Any

from termloc.serve.bounds import MAX_LIMIT, MAX_QUERY, MAX_TEXT

__all__ = ["openapi"]

_ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "string", "description": "one line saying what is wrong"}},
}


def _errors(*codes: int) -> dict[str, Any]:
    why = {
        400: "the request is not what the API takes",
        404: "no such entry",
        413: f"the text is longer than {MAX_TEXT:,} characters",
        422: "a value the API does not know (a variant, a language tag) or out of range",
        503: "the work took too long or waited too long",
    }
    return {
        str(code): {
            "description": why[code],
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        for code in codes
    }


_CONVERSION = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["text", "to"],
                "properties": {
                    "text": {"type": "string", "maxLength": MAX_TEXT, "description": "Chinese text, markup allowed"},
                    "to": {
                        "type": "string",
                        "description": "a Chinese variant: zh-CN, zh-TW, zh-HK, zh-Hant ...",
                        "example": "zh-TW",
                    },
                },
            }
        }
    },
}

_SPAN = {
    "type": "object",
    "required": ["start", "end", "source", "output", "out_start", "out_end", "kind"],
    "properties": {
        "start": {"type": "integer"},
        "end": {"type": "integer"},
        "source": {"type": "string"},
        "output": {"type": "string"},
        "out_start": {"type": "integer"},
        "out_end": {"type": "integer"},
        "kind": {"type": "string"},
        "entry": {"type": "string"},
    },
    "description": "a span as termloc explain --json gives it; the outputs concatenate to the conversion",
}

_RESULT = {
    "type": "object",
    "required": ["id", "kind", "group", "score", "match", "matched", "matched_tag", "forms"],
    "properties": {
        "id": {"type": "string"},
        "kind": {"type": "string"},
        "group": {"type": "string"},
        "score": {"type": "number"},
        "match": {"type": "string", "enum": ["exact", "prefix", "fuzzy"]},
        "matched": {"type": "string"},
        "matched_tag": {"type": "string"},
        "forms": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        "deprecated": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        "note": {"type": "string"},
        "sources": {"type": "array", "items": {"type": "string"}},
    },
    "description": "a result as termloc lookup --json gives it, with the entry's note, sources and deprecated forms",
}


def openapi() -> dict[str, Any]:
    """The OpenAPI 3.0 document of the JSON API."""
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "termloc serve",
            "version": "1",
            "description": "Glossary lookup, conversion and its reasons.",
        },
        "paths": {
            "/api/lookup": {
                "get": {
                    "operationId": "lookup",
                    "summary": "glossary entries by any form, in any script (as termloc lookup)",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "required": True,
                            "schema": {"type": "string", "minLength": 1, "maxLength": MAX_QUERY},
                        },
                        {"name": "lang", "in": "query", "required": False, "schema": {"type": "string"}},
                        {
                            "name": "limit",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 10},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "the entries found, best first",
                            "content": {
                                "application/json": {
                                    "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Result"}}
                                }
                            },
                        },
                        **_errors(400, 413, 422, 503),
                    },
                }
            },
            "/api/convert": {
                "post": {
                    "operationId": "convert",
                    "summary": "text converted into a variant (as termloc convert)",
                    "requestBody": _CONVERSION,
                    "responses": {
                        "200": {
                            "description": "the conversion",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["text"],
                                        "properties": {"text": {"type": "string"}},
                                    }
                                }
                            },
                        },
                        **_errors(400, 413, 422, 503),
                    },
                }
            },
            "/api/explain": {
                "post": {
                    "operationId": "explain",
                    "summary": "the conversion as spans with their reasons (as termloc explain --json)",
                    "requestBody": _CONVERSION,
                    "responses": {
                        "200": {
                            "description": "the spans, in order",
                            "content": {
                                "application/json": {
                                    "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Span"}}
                                }
                            },
                        },
                        **_errors(400, 413, 422, 503),
                    },
                }
            },
            "/api/entries/{id}": {
                "get": {
                    "operationId": "entry",
                    "summary": "one glossary entry (as termloc glossary show --json)",
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {
                        "200": {
                            "description": "the entry",
                            "content": {
                                "application/json": {"schema": {"type": "object", "required": ["id", "kind", "rows"]}}
                            },
                        },
                        **_errors(404),
                    },
                }
            },
        },
        "components": {"schemas": {"Error": _ERROR, "Span": _SPAN, "Result": _RESULT}},
    }
