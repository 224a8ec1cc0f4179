"""The JSON API against its own OpenAPI schema: schemathesis through the ASGI app (no network).

Every operation gets generated requests, valid and invalid (bounded: 50 examples an operation);
no answer may be a server error, and every answer must be one the schema describes.
"""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("schemathesis", reason="the API's schema tests need schemathesis (the dev extra)")

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup, ServerError
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from termloc.serve.app import make_app

#: The test client's own Host name (testserver) is not loopback's: this app answers any.
APP = make_app(hosts="any")
SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", APP)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@SCHEMA.parametrize()
@settings(max_examples=50, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_schema(case: Any) -> None:
    case.call_and_validate(checks=CHECKS)


def test_the_schema_names_every_operation() -> None:
    """The run above covers the four operations."""
    assert set(SCHEMA.raw_schema["paths"]) == {"/api/lookup", "/api/convert", "/api/explain", "/api/entries/{id}"}


async def _broken(scope: Any, receive: Any, send: Any) -> None:
    """The app, with a planted server error in the lookup."""
    if scope["type"] == "http" and scope["path"] == "/api/lookup":
        await send({"type": "http.response.start", "status": 500, "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": b'{"error": "planted"}'})
        return
    await APP(scope, receive, send)


def test_a_planted_server_error_is_found() -> None:
    """The checks' positive control."""
    lookup = schemathesis.openapi.from_asgi("/openapi.json", _broken)["/api/lookup"]["GET"]
    with pytest.raises(FailureGroup) as found:
        lookup.Case(query={"q": "普丁"}).call_and_validate(checks=CHECKS)
    assert any(isinstance(failure, ServerError) for failure in found.value.exceptions)
    SCHEMA["/api/lookup"]["GET"].Case(query={"q": "普丁"}).call_and_validate(checks=CHECKS)
