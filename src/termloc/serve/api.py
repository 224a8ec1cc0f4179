"""The JSON API: lookup, convert, explain and an entry (the schema is `termloc.serve.schema`).

- ``GET /api/lookup?q=&lang=&limit=``: the results as ``termloc lookup --json``
  gives them (`termloc.serve.cards.result_json`), best first;
- ``POST /api/convert`` ``{"text": ..., "to": "zh-TW"}``: ``{"text": ...}``, as
  ``termloc convert`` converts (markup resolved);
- ``POST /api/explain`` (the same body): the spans as ``termloc explain --json``
  gives them, whose outputs concatenate to the conversion;
- ``GET /api/entries/{id}``: the entry as ``termloc glossary show --json`` gives it.

Every answer that is not a result is ``{"error": "..."}`` with its status
(`termloc.serve.bounds.RequestError`).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from termloc.glossary.report import entry_json
from termloc.serve.bounds import MAX_LIMIT, MAX_QUERY, RequestError, json_body, text_of
from termloc.serve.cards import result_json
from termloc.serve.preview import spans_of
from termloc.serve.runtime import runtime
from termloc.serve.schema import openapi
from termloc.serve.state import Snapshot

__all__ = ["api_convert", "api_entry", "api_explain", "api_lookup", "api_schema", "limit_of", "lookup_results"]


class _Json(JSONResponse):
    """JSON in UTF-8 as it is (not \\u escapes): the forms are read by people too."""

    def render(self, content: Any) -> bytes:
        import json

        # backslashreplace: a lone surrogate quoted in an error stays a JSON escape (\ud800), not a failure.
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "backslashreplace")


def limit_of(value: str | None, default: int = 10) -> int:
    """A ``limit`` parameter: 1 to `MAX_LIMIT` (400 for no number, 422 out of range)."""
    if value is None or value == "":
        return default
    try:
        limit = int(value)
    except ValueError:
        raise RequestError(400, f"the limit must be a number, not {value!r}") from None
    if not 1 <= limit <= MAX_LIMIT:
        raise RequestError(422, f"the limit must be between 1 and {MAX_LIMIT}, not {limit}")
    return limit


def lookup_results(snapshot: Snapshot, query: str, lang: str | None, limit: int) -> list[dict[str, Any]]:
    """The API's results for ``query`` (`UsageError` for an unknown tag, a query of no letters)."""
    found = snapshot.lookup.find(query, lang=lang or None, limit=limit)
    return [result_json(result, snapshot.entries.get(result.id)) for result in found]


def query_of(value: str | None) -> str:
    """A lookup query: given, at most `MAX_QUERY` characters."""
    if value is None or not value.strip():
        raise RequestError(400, "give a query: /api/lookup?q=普丁")
    if len(value) > MAX_QUERY:
        raise RequestError(422, f"the query is {len(value):,} characters; at most {MAX_QUERY} are looked up")
    return value


async def api_lookup(request: Request) -> JSONResponse:
    """``GET /api/lookup``."""
    run = runtime(request)
    params = request.query_params
    query, limit = query_of(params.get("q")), limit_of(params.get("limit"))
    lang = params.get("lang")
    # In the event loop, not a worker thread: a lookup takes a tenth of a millisecond, and its prefix
    # and fuzzy searches are bounded (`termloc.lookup.search`); the thread hop would cost more.
    return _Json(lookup_results(run.workbench.snapshot(), query, lang, limit))


async def _conversion(request: Request) -> tuple[Snapshot, str, str]:
    """The body of convert and explain: the snapshot, the text and the variant's tag."""
    run = runtime(request)
    body = await json_body(request)
    text = text_of(body.get("text"), run.bounds)
    to = body.get("to")
    if not isinstance(to, str) or not to.strip():
        raise RequestError(400, '"to" must name a Chinese variant: {"text": "...", "to": "zh-TW"}')
    snapshot = run.workbench.snapshot()
    return snapshot, text, snapshot.chinese(to).tag


async def api_convert(request: Request) -> JSONResponse:
    """``POST /api/convert``."""
    snapshot, text, tag = await _conversion(request)

    def convert() -> str:
        with snapshot.converter(tag) as converter:
            return converter.convert_markup(text)

    return _Json({"text": await runtime(request).bounded(convert)})


async def api_explain(request: Request) -> JSONResponse:
    """``POST /api/explain``."""
    snapshot, text, tag = await _conversion(request)
    spans = await runtime(request).bounded(lambda: spans_of(snapshot, text, tag))
    return _Json([span.as_json() for span in spans])


async def api_entry(request: Request) -> JSONResponse:
    """``GET /api/entries/{id}``."""
    run = runtime(request)
    snapshot = run.workbench.snapshot()
    entry = snapshot.entries.get(request.path_params["id"])
    if entry is None:
        raise RequestError(404, f"no entry {request.path_params['id']!r}; /api/lookup?q=... finds one")
    return _Json(entry_json(entry, snapshot.registry))


async def api_schema(request: Request) -> JSONResponse:
    """``GET /openapi.json``."""
    return _Json(openapi())


def error_json(status: int, message: str) -> JSONResponse:
    """An error as the API answers it."""
    return _Json({"error": message}, status_code=status)
