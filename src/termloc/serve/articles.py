"""The article's pages: each version rendered in memory by ``termloc render``'s code, once per glossary.

A version is rendered on first request (`termloc.translation.render.render_version`,
the article's own reference choice, catalogs from termloc's locales) and its
page written by `termloc.documents.site.page`, with the switcher to every other
version; both are kept with the snapshot. The page's inline stylesheet is
allowed by its hash in the page's own Content-Security-Policy, and a bar that
leads back to the workbench is added to it. Versions are looked up by tag in
the snapshot's list: a request never names a file.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass

from termloc.core.errors import TermlocError
from termloc.documents.render import Rendering
from termloc.documents.site import page
from termloc.engine.converter import ReferenceChoice
from termloc.serve.layout import NAVIGATION, escape
from termloc.serve.state import Snapshot
from termloc.translation.render import every_version, render_version

__all__ = ["ArticlePage", "article_page", "rendering", "version_of", "versions"]

#: The workbench's bar on an article page (the page has a stylesheet of its own).
_BAR_STYLE = (
    "\n.workbench { display: flex; gap: 1rem; padding: .4rem 1.25rem; font: .85rem sans-serif; background: #1f2328; }"
    "\n.workbench a { color: #fff; text-decoration: none; }\n"
)
_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


@dataclass(frozen=True)
class ArticlePage:
    """One version's page and the hash of its inline stylesheet (for its CSP)."""

    html: str
    style_hash: str


def versions(snapshot: Snapshot) -> list[str]:
    """The article's versions: every Chinese variant and every locale with a catalog (``render --all``)."""
    found = snapshot.made("versions", lambda: every_version(snapshot.document, snapshot.registry, snapshot.catalogs))
    assert isinstance(found, list)
    return found


def version_of(snapshot: Snapshot, name: str) -> str | None:
    """The version ``name`` asks for (``zh-TW``, ``zh-tw``, ``zh-TW.html``), or None."""
    name = name.removesuffix(".html")
    try:
        tag = snapshot.registry.normalise(name)
    except TermlocError:
        return None
    return tag if tag in versions(snapshot) else None


def _reference(snapshot: Snapshot) -> ReferenceChoice:
    """The reference groups the article's front matter names (``auto`` by default), as ``render`` takes them."""
    chosen = snapshot.document.reference
    if chosen is None or chosen == "auto":
        return chosen
    from termloc.glossary.reference import reference

    return reference().check(list(chosen))


def rendering(snapshot: Snapshot, tag: str) -> Rendering:
    """Version ``tag`` of the article, rendered once per snapshot."""

    def make() -> Rendering:
        variant = snapshot.registry[tag]
        return render_version(
            snapshot.document,
            variant,
            snapshot.registry,
            snapshot.glossary,
            snapshot.selection,
            snapshot.catalogs,
            reference=_reference(snapshot),
        )

    found = snapshot.made(f"rendering:{tag}", make)
    assert isinstance(found, Rendering)
    return found


def _shell(snapshot: Snapshot, tag: str) -> Rendering:
    """A version for the switcher: the rendering when made, else its variant alone (the switcher
    and the alternate links read the tag and the variant only)."""
    made = snapshot.rendered(f"rendering:{tag}")
    return made or Rendering(snapshot.registry[tag], snapshot.document, "", [], [])


def article_page(snapshot: Snapshot, tag: str) -> ArticlePage:
    """Version ``tag``'s page, written once per snapshot."""

    def make() -> ArticlePage:
        shown = rendering(snapshot, tag)
        others = [shown if other == tag else _shell(snapshot, other) for other in versions(snapshot)]
        html = page(shown, others, snapshot.registry, glossary=snapshot.glossary)
        links = "".join(f'<a href="{path}">{escape(name)}</a>' for path, name in NAVIGATION)
        bar = f'<nav class="workbench" lang="en" aria-label="workbench"><a href="/">termloc</a>{links}</nav>\n'
        html = html.replace("<body>\n", "<body>\n" + bar, 1)
        found = _STYLE.search(html)
        style = ""
        if found is not None:
            style = found[1] + _BAR_STYLE
            html = html[: found.start(1)] + style + html[found.end(1) :]
        digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
        return ArticlePage(html, f"'sha256-{digest}'")

    found = snapshot.made(f"page:{tag}", make)
    assert isinstance(found, ArticlePage)
    return found


def articles_body(snapshot: Snapshot) -> str:
    """The articles page: the article's versions, each named in its own language."""
    items = "".join(
        f'<li><a href="/articles/{escape(tag)}" hreflang="{escape(variant.bcp47)}">'
        f'<span lang="{escape(variant.bcp47)}">{escape(variant.autonym)}</span></a> '
        f'<span class="muted">{escape(tag)} · {escape(variant.english_name)}</span></li>'
        for tag in versions(snapshot)
        for variant in (snapshot.registry[tag],)
    )
    document = snapshot.document
    return (
        f'<h1>Articles</h1><p><span lang="zh">{escape(document.title)}</span> '
        f'<span class="muted">({escape(document.name)})</span>, rendered as <code>termloc render</code> renders it, '
        f'in every version:</p><ul class="versions">{items}</ul>'
    )
