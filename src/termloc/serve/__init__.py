"""``termloc serve``: a local web workbench for translators and editors.

One ASGI app (Starlette, run by uvicorn; both in the optional extra
``termloc[serve]``) over the layers below: lookup (`termloc.lookup`), the
converters and their explanations (`termloc.engine`), the article's renderings
(`termloc.documents`, `termloc.translation`) and the glossary itself. Pages are
rendered on the server, every piece of text escaped; the JSON API is described
by an OpenAPI schema (`termloc.serve.schema`). The glossary and the converters
load once and reload when a glossary file changes (`termloc.serve.state`).
Read-only: nothing a request says reaches the file system.

Importing this package needs neither Starlette nor uvicorn; `make_app` does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from termloc.serve.app import make_app

__all__ = ["MISSING", "make_app", "missing_extra"]

#: What to say when the extra is not installed.
MISSING = "termloc serve needs Starlette and uvicorn: pip install 'termloc[serve]'"


def missing_extra() -> str | None:
    """`MISSING` when Starlette or uvicorn cannot be imported, else None."""
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        return MISSING
    return None


def __getattr__(name: str) -> Any:
    if name == "make_app":
        from termloc.serve.app import make_app

        return make_app
    raise AttributeError(name)
