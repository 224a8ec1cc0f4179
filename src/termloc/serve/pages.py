"""The workbench's pages: lookup, preview, articles, glossary, an entry, and the static files.

Each page works without its script: the lookup is a ``<form>`` (GET), the
preview a ``<form>`` (POST); the lookup page's script only answers as the
user types.
"""

from __future__ import annotations

from functools import partial

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from termloc.core.errors import TermlocError
from termloc.serve.api import limit_of, query_of
from termloc.serve.articles import article_page, articles_body, rendering, version_of
from termloc.serve.bounds import RequestError, form_body, text_of
from termloc.serve.cards import card
from termloc.serve.entries import USES_VERSION, Filters, entry_body, glossary_body, tags
from termloc.serve.layout import escape, page, static_file
from termloc.serve.preview import DEFAULT_VARIANTS, Preview, column, preview_body, topics_of
from termloc.serve.runtime import runtime
from termloc.serve.state import Snapshot

__all__ = ["article", "articles", "entry", "glossary", "lookup", "preview_page", "static"]


def _page(
    request: Request, title: str, body: str, current: str, *, status: int = 200, script: str | None = None
) -> HTMLResponse:
    problem = runtime(request).workbench.problem
    return HTMLResponse(page(title, body, current=current, script=script, problem=problem), status_code=status)


def _lookup_form(snapshot: Snapshot, query: str, lang: str) -> str:
    options = "".join(
        f'<option value="{escape(tag)}"{" selected" if tag == lang else ""}>{escape(tag)}</option>'
        for tag in ["zh", "ko", *tags(snapshot)]
    )
    return (
        '<h1>Lookup</h1><form id="lookup" method="get" action="/" role="search">'
        '<label for="q">A name or term in any script or spelling</label>'
        f'<input id="q" name="q" type="search" value="{escape(query)}" autocomplete="off" autofocus '
        'placeholder="普丁, 뿌찐, Путин, kim jong un">'
        f'<label>Forms of <select name="lang"><option value="">any language</option>{options}</select></label>'
        '<button type="submit">Look up</button></form>'
    )


async def lookup(request: Request) -> Response:
    """``/``: the search box, and the cards of what ``q`` finds (without the script too)."""
    run = runtime(request)
    snapshot = run.workbench.snapshot()
    params = request.query_params
    query, lang = params.get("q", ""), params.get("lang", "")
    status, shown = 200, ""
    if query.strip():
        try:
            limit = limit_of(params.get("limit"))
            query_of(query)
            found = snapshot.lookup.find(query, lang=lang or None, limit=limit)  # bounded: see api.api_lookup
        except (RequestError, TermlocError) as err:
            status = err.status if isinstance(err, RequestError) else 422
            shown = f'<p class="error" role="alert">{escape(err)}</p>'
        else:
            cards = "".join(card(result, snapshot.entries.get(result.id)) for result in found)
            shown = cards or f'<p class="none">No entry matches {escape(query)}.</p>'
    body = _lookup_form(snapshot, query, lang) + f'<div id="results" aria-live="polite">{shown}</div>'
    return _page(request, "Lookup", body, "/", status=status, script="lookup.js")


async def preview_page(request: Request) -> Response:
    """``/preview``: the form (GET), or the text in the variants chosen (POST, or GET with ``text``)."""
    run = runtime(request)
    snapshot = run.workbench.snapshot()
    if request.method == "POST":
        fields = await form_body(request)
    else:
        fields = {name: request.query_params.getlist(name) for name in ("text", "to")}
    text = (fields.get("text") or [""])[0]
    chosen = [tag for tag in fields.get("to", []) if tag] or list(DEFAULT_VARIANTS)
    result: Preview | None = None
    status, error = 200, ""
    if text.strip():
        try:
            text_of(text, run.bounds)
            variants = [snapshot.chinese(tag) for tag in chosen]
            # Each column is a conversion of its own, with its own time (three of a long text take three times one).
            columns = [await run.bounded(partial(column, snapshot, text, variant)) for variant in variants]
            topics = await run.bounded(partial(topics_of, snapshot, text, variants[0].tag))
            result = Preview(text, tuple(columns), topics)
        except RequestError as err:
            status, error = err.status, err.message
        except TermlocError as err:
            status, error = 422, str(err)
    body = preview_body(snapshot, text, chosen, result, error)
    return _page(request, "Preview", body, "/preview", status=status)


async def articles(request: Request) -> Response:
    """``/articles``: the article's versions."""
    return _page(request, "Articles", articles_body(runtime(request).workbench.snapshot()), "/articles")


async def article(request: Request) -> Response:
    """``/articles/{version}``: the article in one version, with the switcher."""
    run = runtime(request)
    snapshot = run.workbench.snapshot()
    tag = version_of(snapshot, request.path_params["version"])
    if tag is None:
        raise RequestError(404, f"the article has no version {request.path_params['version']!r}; /articles lists them")
    shown = await run.bounded(lambda: article_page(snapshot, tag), timeout=run.bounds.render_timeout)
    policy = f"default-src 'self'; style-src 'self' {shown.style_hash}; object-src 'none'; base-uri 'none'; "
    policy += "form-action 'self'; frame-ancestors 'none'"
    return HTMLResponse(shown.html, headers={"Content-Security-Policy": policy})


async def glossary(request: Request) -> Response:
    """``/glossary``: entries by group and kind; ``group``, ``kind``, ``lacking`` and ``drafts`` filter them."""
    snapshot = runtime(request).workbench.snapshot()
    params = request.query_params
    filters = Filters(
        params.get("group", ""), params.get("kind", ""), params.get("lacking", ""), params.get("drafts", "") == "1"
    )
    try:
        filters.check(snapshot)
    except TermlocError as err:
        body = f'<h1>Glossary</h1><p class="error" role="alert">{escape(err)}</p>'
        return _page(request, "Glossary", body, "/glossary", status=422)
    return _page(request, "Glossary", glossary_body(snapshot, filters), "/glossary")


async def entry(request: Request) -> Response:
    """``/glossary/{id}``: one entry, and where the article uses it."""
    run = runtime(request)
    snapshot = run.workbench.snapshot()
    found = snapshot.entries.get(request.path_params["id"])
    if found is None:
        raise RequestError(404, f"no entry {request.path_params['id']!r}; the lookup finds one")
    rendered = await run.bounded(lambda: rendering(snapshot, USES_VERSION), timeout=run.bounds.render_timeout)
    return _page(request, found.id, entry_body(snapshot, found, rendered), "/glossary")


async def static(request: Request) -> Response:
    """``/static/{name}``: the stylesheet and the script, from memory."""
    found = static_file(request.path_params["name"])
    if found is None:
        raise RequestError(404, f"no static file {request.path_params['name']!r}")
    media, data = found
    return Response(data, media_type=media, headers={"Cache-Control": "no-cache"})


async def no_icon(request: Request) -> Response:
    """``/favicon.ico``: none (an article page does not name the workbench's icon)."""
    return Response(status_code=204)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """An error as a page."""
    body = f'<h1>{status}</h1><p class="error" role="alert">{escape(message)}</p><p><a href="/">Lookup</a></p>'
    return _page(request, str(status), body, "", status=status)
