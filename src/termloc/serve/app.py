"""The ASGI app: routes, errors as JSON or pages, the Host check and the security headers.

`make_app` builds it over a `Workbench` (termloc's own glossary by default).
Two small ASGI layers wrap every response: a request whose ``Host`` header
names no allowed host gets 400 (a page on another site cannot reach the
workbench through a name that resolves to loopback: DNS rebinding), and every
response carries a strict Content-Security-Policy (own origin only, no inline
script or style; an article page allows its own stylesheet by hash) and the
headers that keep it out of frames and other sites' reach.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from termloc.core.errors import TermlocError
from termloc.glossary.selection import GlossarySelection
from termloc.serve import api, pages
from termloc.serve.bounds import Bounds, RequestError
from termloc.serve.runtime import Runtime
from termloc.serve.state import Workbench

__all__ = ["CSP", "LOOPBACK", "allowed_hosts", "make_app"]

#: The Content-Security-Policy of every page but an article's.
CSP = "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
#: The names of this machine's loopback addresses.
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def allowed_hosts(host: str) -> tuple[str, ...] | None:
    """The ``Host`` names a server listening on ``host`` answers: loopback's, and ``host`` itself;
    None (any) when it listens on every address."""
    if host in ("0.0.0.0", "::", ""):  # noqa: S104 (compared, not bound)
        return None
    return LOOPBACK if host in LOOPBACK else (*LOOPBACK, host.lower())


def _host_name(header: str) -> str:
    """The name in a ``Host`` header, without the port (``[::1]:8765`` → ``::1``)."""
    if header.startswith("["):
        return header[1:].partition("]")[0].lower()
    return header.rpartition(":")[0].lower() if header.count(":") == 1 else header.lower()


class Guard:
    """ASGI middleware: the Host check, then the security headers on every response."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str] | None) -> None:
        self.app = app
        self.hosts = None if hosts is None else frozenset(h.lower() for h in hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.hosts is not None:
            header = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
            if _host_name(header) not in self.hosts:
                refused = PlainTextResponse(f"termloc serve answers only {', '.join(sorted(self.hosts))}", 400)
                await self._secured(refused)(scope, receive, send)
                return
        await self.app(scope, receive, self._with_headers(send))

    def _secured(self, response: Response) -> Response:
        response.headers["content-security-policy"] = CSP
        for name, value in _HEADERS:
            response.headers[name.decode()] = value.decode()
        return response

    @staticmethod
    def _with_headers(send: Send) -> Send:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.encode()))
                headers += [(name, value) for name, value in _HEADERS if name not in names]
                message = {**message, "headers": headers}
            await send(message)

        return sending


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _answer(request: Request, status: int, message: str) -> Response:
    return api.error_json(status, message) if _is_api(request) else pages.error_page(request, status, message)


async def _request_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestError)
    return _answer(request, exc.status, exc.message)


async def _termloc_error(request: Request, exc: Exception) -> Response:
    # What the layers below raise for a value they do not know (a variant, a tag, a kind).
    return _answer(request, 422, str(exc))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    messages = {404: f"nothing at {request.url.path!r}", 405: f"{request.method} is not allowed here"}
    response = _answer(request, exc.status_code, messages.get(exc.status_code, str(exc.detail)))
    if exc.headers:
        response.headers.update(exc.headers)
    return response


def routes() -> list[Route]:
    """The workbench's routes: pages, static files, the API and its schema."""
    return [
        Route("/", pages.lookup, methods=["GET"]),
        Route("/preview", pages.preview_page, methods=["GET", "POST"]),
        Route("/articles", pages.articles, methods=["GET"]),
        Route("/articles/{version}", pages.article, methods=["GET"]),
        Route("/glossary", pages.glossary, methods=["GET"]),
        Route("/glossary/{id}", pages.entry, methods=["GET"]),
        Route("/static/{name}", pages.static, methods=["GET"]),
        Route("/favicon.ico", pages.no_icon, methods=["GET"]),
        Route("/api/lookup", api.api_lookup, methods=["GET"]),
        Route("/api/convert", api.api_convert, methods=["POST"]),
        Route("/api/explain", api.api_explain, methods=["POST"]),
        Route("/api/entries/{id}", api.api_entry, methods=["GET"]),
        Route("/openapi.json", api.api_schema, methods=["GET"]),
    ]


def make_app(
    glossary: GlossarySelection | Workbench | None = None,
    *,
    host: str = "127.0.0.1",
    hosts: Iterable[str] | Literal["any"] | None = None,
    bounds: Bounds | None = None,
) -> ASGIApp:
    """The workbench's ASGI app over ``glossary`` (a selection, a workbench already made, or None:
    termloc's own), answering the ``Host`` names of a server on ``host`` (`allowed_hosts`), or
    ``hosts`` when given (``"any"``: every name)."""
    workbench = glossary if isinstance(glossary, Workbench) else Workbench(glossary)
    app = Starlette(
        routes=routes(),
        exception_handlers={
            RequestError: _request_error,
            TermlocError: _termloc_error,
            HTTPException: _http_error,
        },
    )
    app.state.runtime = Runtime(workbench, bounds or Bounds())
    named = allowed_hosts(host) if hosts is None else None if hosts == "any" else tuple(hosts)
    return Guard(app, named)
