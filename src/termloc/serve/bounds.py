"""The workbench's bounds: how much a request may send, ask for and take, and the errors past them.

Every limit is here, with the one error type (`RequestError`) that the app
answers as JSON ``{"error": "..."}`` (the API) or as a page (the pages), with
its status: 400 for a request that is not what the API takes, 404 for
something that is not there, 413 for too much text, 422 for a value the
API does not know (a variant, a language tag), 503 for a conversion that
took too long or waits behind too many others.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import parse_qs

import anyio
import anyio.to_thread
from starlette.requests import Request

from termloc.core.errors import TermlocError

__all__ = [
    "MAX_BODY",
    "MAX_LIMIT",
    "MAX_QUERY",
    "MAX_TEXT",
    "Bounds",
    "RequestError",
    "form_body",
    "json_body",
    "text_of",
]

#: The longest text a request may convert or explain, in characters.
MAX_TEXT = 100_000
#: The largest request body, in bytes, read before anything is parsed (a JSON string may
#: escape a character as six bytes, ``\\u4e2d``, and a surrogate pair as twelve).
MAX_BODY = 12 * MAX_TEXT + 4096
#: The most results a lookup gives.
MAX_LIMIT = 100
#: The longest lookup query, in characters.
MAX_QUERY = 200

_T = TypeVar("_T")


class RequestError(TermlocError, ValueError):
    """A request the workbench does not answer: its HTTP status and one line saying why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Bounds:
    """How work runs: at most ``workers`` conversions at once, each at most ``timeout`` seconds
    (a render of the article at most ``render_timeout``); ``max_text`` characters per text."""

    workers: int = 4
    timeout: float = 10.0
    render_timeout: float = 120.0
    max_text: int = MAX_TEXT

    def limiter(self) -> anyio.CapacityLimiter:
        """The limiter of the worker threads (one per app, made inside its event loop)."""
        return anyio.CapacityLimiter(self.workers)


async def run_bounded(work: Callable[[], _T], limiter: anyio.CapacityLimiter, timeout: float) -> _T:
    """``work()`` in a worker thread of ``limiter``; past ``timeout`` seconds (waiting included) a
    503 `RequestError` (the thread is left to finish; its result is dropped)."""
    try:
        with anyio.fail_after(timeout):
            return await anyio.to_thread.run_sync(work, limiter=limiter, abandon_on_cancel=True)
    except TimeoutError:
        raise RequestError(503, f"the work took longer than {timeout:g} seconds; try a shorter text") from None


async def _body(request: Request) -> bytes:
    """The request body, at most `MAX_BODY` bytes (413 past them, before any is parsed)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise RequestError(400, f"the Content-Length header {declared!r} is not a number")
        if int(declared) > MAX_BODY:
            raise RequestError(413, f"the request body is {int(declared):,} bytes; at most {MAX_BODY:,} are read")
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > MAX_BODY:
            raise RequestError(413, f"the request body is over {MAX_BODY:,} bytes; at most {MAX_BODY:,} are read")
    return bytes(data)


async def json_body(request: Request) -> dict[str, Any]:
    """The request's JSON object (400 for anything else)."""
    data = await _body(request)
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise RequestError(400, f"the request body is not JSON in UTF-8: {err}") from None
    if not isinstance(value, dict):
        raise RequestError(400, 'the request body must be a JSON object: {"text": "...", "to": "zh-TW"}')
    try:  # JSON can escape half a surrogate pair (\ud800), which is no text
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as err:
        raise RequestError(
            400, f"the request body holds a lone surrogate ({err.object[err.start]!a}): not text"
        ) from None
    return value


async def form_body(request: Request) -> dict[str, list[str]]:
    """A form's fields (``application/x-www-form-urlencoded``), each with its values in order."""
    data = await _body(request)
    try:
        return parse_qs(data.decode("utf-8"), keep_blank_values=True, strict_parsing=False, max_num_fields=100)
    except (UnicodeDecodeError, ValueError) as err:
        raise RequestError(400, f"the form is not in UTF-8 or has too many fields: {err}") from None


def text_of(value: object, bounds: Bounds, name: str = "text") -> str:
    """``value`` as a text to convert: a string of at most ``bounds.max_text`` characters
    (400 for another type, 413 for a longer one)."""
    if not isinstance(value, str):
        raise RequestError(400, f"{name!r} must be a string, not {type(value).__name__}")
    if len(value) > bounds.max_text:
        raise RequestError(413, f"the text is {len(value):,} characters; at most {bounds.max_text:,} are converted")
    return value
