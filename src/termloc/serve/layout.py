"""The workbench's page shell: one stylesheet, at most one small script, the navigation, escaping.

Every page is the same shell around its body; every piece of text that
reaches a page goes through `escape` (``html.escape`` with quotes), here or
in the module that builds the body. The stylesheet and the script are package
files read once into memory (`STATIC`): the server never maps a request path
to a file.
"""

from __future__ import annotations

from html import escape as _escape
from importlib import resources

__all__ = ["NAVIGATION", "STATIC", "escape", "page", "static_file"]

#: The pages in the navigation: path and name.
NAVIGATION = (("/", "Lookup"), ("/preview", "Preview"), ("/articles", "Articles"), ("/glossary", "Glossary"))

#: The static files: name → (media type, bytes).
STATIC: dict[str, tuple[str, bytes]] = {}

_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml"}


def static_file(name: str) -> tuple[str, bytes] | None:
    """The static file ``name`` (``workbench.css``, ``lookup.js``) and its media type, or None."""
    if not STATIC:
        folder = resources.files("termloc.serve") / "static"
        for item in folder.iterdir():
            suffix = "." + item.name.rpartition(".")[2]
            if suffix in _TYPES:
                STATIC[item.name] = (_TYPES[suffix], item.read_bytes())
    return STATIC.get(name)


def escape(text: object) -> str:
    """``text`` as HTML text or an attribute value (``<``, ``&``, quotes escaped)."""
    return _escape(str(text), quote=True)


def page(title: str, body: str, *, current: str, script: str | None = None, problem: str | None = None) -> str:
    """A whole page: ``title`` (escaped here), ``body`` (HTML, escaped by its maker), the navigation
    with ``current`` (a path of `NAVIGATION`) marked, ``script`` (a static file name) deferred,
    ``problem`` (a glossary that did not reload) as a banner."""
    marked = ' aria-current="page"'
    links = "".join(f'<a href="{path}"{marked if path == current else ""}>{name}</a>' for path, name in NAVIGATION)
    scripts = f'<script src="/static/{escape(script)}" defer></script>\n' if script else ""
    banner = f'<p class="problem" role="alert">{escape(problem)}</p>\n' if problem else ""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} · termloc</title>\n"
        '<link rel="stylesheet" href="/static/workbench.css">\n'
        '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">\n'
        f"{scripts}</head>\n<body>\n"
        f'<header class="bar"><a class="brand" href="/">termloc</a><nav aria-label="workbench">{links}</nav></header>\n'
        f"{banner}<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
