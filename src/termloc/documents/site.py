"""A small static website: one HTML page per variant, and an index.

Each page declares its language (``<html lang="zh-Hant-TW">``), marks Korean
and Russian text with ``lang``, links the same article in every other variant
(named in its own script), and marks glossary terms so that hovering or
focusing one shows the term's forms in the other variants and languages. One
inline stylesheet, CJK fonts in the variant's order, no script and no
external request. Every piece of text is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from termloc.core.han import char_tables
from termloc.core.scripts import CYRILLIC, HAN, HANGUL
from termloc.core.variants import Variant, VariantRegistry
from termloc.documents.document import Block, Infobox, InfoboxItem
from termloc.documents.render import Rendering
from termloc.glossary.finder import TermIndex
from termloc.glossary.model import Entry, Glossary, Row

__all__ = ["LINK_SCHEMES", "font_family", "index_page", "page", "safe_href", "stylesheet"]

#: A reference marker: the number of an item of the article's last ordered list,
#: which CommonMark gives at most nine digits (a longer number is text).
_FOREIGN = (
    rf"(?P<ref>\[\d{{1,9}}\])"
    rf"|(?P<ko>[{HANGUL}]+(?:[ \-][{HANGUL}]+)*)"
    rf"|(?P<ru>[{CYRILLIC}]+(?:[ \-][{CYRILLIC}]+)*)"
)
#: In a Chinese page: references, Korean and Russian.
_INLINE = re.compile(_FOREIGN)
#: In a translated page: Chinese too (an untranslated unit, a quoted original).
_INLINE_TRANSLATED = re.compile(_FOREIGN + rf"|(?P<zh>[{HAN}][{HAN}\d，。、；：？！“”‘’《》（）·,.:;()%]*)")

_STYLE = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --accent: #0b62b8; --paper: #fff; --card: #f6f8fa; }
html { font-family: FONTS, sans-serif; color: var(--ink); background: var(--paper); line-height: 1.8; }
body { margin: 0; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
:lang(ko) { font-family: "Noto Sans CJK KR", "Source Han Sans K", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif; }
:lang(ru), :lang(en) { font-family: "Noto Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
nav.variants { border-bottom: 1px solid var(--line); background: var(--card); }
nav.variants ul { display: flex; flex-wrap: wrap; gap: .25rem .9rem; list-style: none; margin: 0 auto;
  padding: .5rem 1.25rem; max-width: 46rem; font-size: .9rem; }
nav.variants a { color: var(--accent); text-decoration: none; }
nav.variants a[aria-current="page"] { color: var(--ink); font-weight: 600; border-bottom: 2px solid var(--accent); }
h1 { font-size: 1.8rem; line-height: 1.3; margin: 1.5rem 0 1rem; }
h2 { font-size: 1.35rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; }
aside.infobox { float: right; clear: right; width: 15rem; margin: 0 0 1rem 1.25rem; padding: .6rem .8rem;
  font-size: .85rem; background: var(--card); border: 1px solid var(--line); border-radius: 6px; line-height: 1.6; }
aside.infobox h2 { font-size: 1rem; margin: 0 0 .4rem; border: 0; text-align: center; }
aside.infobox p { margin: .3rem 0; }
@media (max-width: 40rem) { aside.infobox { float: none; width: auto; margin: 0 0 1rem; } }
.term { border-bottom: 1px dotted var(--muted); position: relative; cursor: help; }
.term:focus { outline: 2px solid var(--accent); outline-offset: 1px; }
.term-card { display: none; position: absolute; left: 0; top: 1.6em; z-index: 10; min-width: 13rem; max-width: 20rem;
  padding: .5rem .7rem; background: var(--paper); border: 1px solid var(--line); border-radius: 6px;
  box-shadow: 0 4px 14px rgba(0,0,0,.12); font-size: .8rem; line-height: 1.5; white-space: normal; }
.term:hover .term-card, .term:focus .term-card, .term:focus-within .term-card {
  display: grid; grid-template-columns: auto 1fr; gap: .1rem .7rem; }
.term-name { color: var(--muted); }
sup.ref a { color: var(--accent); text-decoration: none; font-size: .75em; }
ol.references { font-size: .9rem; }
ol.references li:target { background: #fff8c5; }
footer { max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem 2rem; color: var(--muted); font-size: .8rem;
  border-top: 1px solid var(--line); }
"""


def font_family(variant: Variant | None) -> str:
    """The variant's fonts as a CSS font-family list (no generic family; empty for none)."""
    return ", ".join(f'"{f}"' if " " in f else f for f in (variant.fonts if variant else ()))


def stylesheet(variant: Variant | None) -> str:
    """The site's inline stylesheet, with the fonts of ``variant`` first (None: none)."""
    fonts = font_family(variant)
    return _STYLE.replace("FONTS, ", f"{fonts}, " if fonts else "")


class _Writer:
    """HTML for one rendering: blocks, inline text, term cards."""

    def __init__(self, rendering: Rendering, registry: VariantRegistry, index: TermIndex, spellings: dict[str, str]):
        self.rendering = rendering
        self.registry = registry
        self.index = index
        self.spellings = spellings
        self.references: set[int] = set()
        self.tables = char_tables()
        self.inline_pattern = _INLINE if rendering.variant.is_chinese else _INLINE_TRANSLATED

    def inline(self, markdown: str) -> str:
        """Inline Markdown as HTML, with terms, languages and references marked."""
        from markdown_it import MarkdownIt

        tokens = MarkdownIt("commonmark").parseInline(markdown)
        parts: list[str] = []
        for token in (tokens[0].children or []) if tokens else []:
            if token.type == "text":
                parts.append(self.text(token.content))
            elif token.type == "code_inline":
                parts.append(f"<code>{escape(token.content)}</code>")
            elif token.type in ("softbreak", "hardbreak"):
                parts.append("<br>" if token.type == "hardbreak" else "\n")
            elif token.type in ("em_open", "em_close", "strong_open", "strong_close"):
                tag = "em" if token.type.startswith("em") else "strong"
                parts.append(f"<{'/' if token.type.endswith('close') else ''}{tag}>")
            elif token.type == "link_open":
                href = safe_href(str(token.attrGet("href") or ""))
                parts.append(f'<a href="{escape(href)}">' if href is not None else "<a>")
            elif token.type == "link_close":
                parts.append("</a>")
            else:
                parts.append(escape(token.content))
        return "".join(parts)

    def text(self, text: str) -> str:
        """Plain text as HTML: terms carry cards; Korean and Russian carry lang."""
        out: list[str] = []
        position = 0
        terms = {m.start(): (m, entry, row) for m, entry, row in self.index.find(text)}
        i = 0
        while i < len(text):
            if i in terms:
                match, entry, row = terms[i]
                out.append(self.plain(text[position:i]))
                out.append(self.term(match.group(), entry, row))
                i = position = match.end()
                continue
            inline = self.inline_pattern.match(text, i)
            if inline is None:
                i += 1
                continue
            out.append(self.plain(text[position:i]))
            found = inline.group()
            if inline.lastgroup == "ref" and int(found[1:-1]) in self.references:
                number = found[1:-1]
                out.append(f'<sup class="ref"><a href="#ref-{number}">{escape(found)}</a></sup>')
            elif inline.lastgroup == "ko" and not self.rendering.tag.startswith("ko"):
                native = self.registry.get(self.rendering.native.get(found, ""))
                lang = native.bcp47 if native is not None else self.spelling(found, "ko")
                out.append(f'<span lang="{lang}">{escape(found)}</span>')
            elif inline.lastgroup == "ru" and not self.rendering.tag.startswith("ru"):
                out.append(f'<span lang="ru">{escape(found)}</span>')
            elif inline.lastgroup == "zh" and not self.rendering.variant.is_chinese:
                # Chinese in a translated page: an untranslated unit, or a quoted original.
                out.append(f'<span lang="zh">{escape(found)}</span>')
            else:
                out.append(escape(found))
            i = position = inline.end()
        out.append(self.plain(text[position:]))
        return "".join(out)

    def spelling(self, found: str, language: str) -> str:
        """The tag of the one locale whose own spelling ``found`` uses (로씨야: ko-KP), else ``language``."""
        tags = {self.spellings[word] for word in re.split(r"[ \-]", found) if word in self.spellings}
        return tags.pop() if len(tags) == 1 else language

    def plain(self, text: str) -> str:
        return escape(text, quote=False)

    def term(self, shown: str, entry: Entry, row: Row) -> str:
        rows = []
        for variant in self.registry.hints:
            if variant.tag == self.rendering.tag:
                continue
            if variant.is_chinese:
                form = row.chinese_form(variant, self.tables, name=entry.is_name)
                text = form.text if form else None
            else:
                text = row.forms.get(variant.tag)
            if text:
                lang = variant.bcp47
                rows.append(
                    f'<span class="term-name" lang="{lang}">{escape(variant.name)}</span>'
                    f'<span class="term-form" lang="{lang}">{escape(text)}</span>'
                )
        card = f'<span class="term-card" role="tooltip">{"".join(rows)}</span>' if rows else ""
        return f'<span class="term" data-entry="{escape(entry.id)}" tabindex="0">{self.text_only(shown)}{card}</span>'

    def text_only(self, text: str) -> str:
        return escape(text, quote=False)

    def infobox(self, box: Infobox) -> str:
        parts = [f'<aside class="infobox"><h2>{self.inline(box.title)}</h2>']
        if box.parties:
            parts.append(f"<p>{' / '.join(self.inline(p) for p in box.parties)}</p>")
        if box.map:
            parts.append(f'<p class="map">{self.inline(box.map)}</p>')
        if box.missions:
            items = "".join(f"<li>{self.mission(item)}</li>" for item in box.missions)
            parts.append(f"<p>{self.inline(box.missions_label or '')}</p><ul>{items}</ul>")
        parts += [f'<p class="caption">{self.inline(image)}</p>' for image in box.images]
        parts.append("</aside>")
        return "".join(parts)

    def mission(self, item: InfoboxItem) -> str:
        colon = "：" if self.rendering.variant.is_chinese else ": "
        label = f"{self.inline(item.label)}{colon}" if item.label else ""
        if item.lang:
            return f'{label}<span lang="{escape(item.lang)}">{escape(item.text)}</span>'
        return label + self.inline(item.text)

    def blocks(self) -> str:
        rendering = self.rendering
        boxes = {box.section: box for box in rendering.infoboxes}
        last_ordered = max((i for i, b in enumerate(rendering.blocks) if b.kind == "list" and b.ordered), default=-1)
        if last_ordered >= 0:
            self.references = {item.number or 0 for item in rendering.blocks[last_ordered].items}
        html: list[str] = []
        if "lead" in boxes:
            html.append(self.infobox(boxes["lead"]))
        for number, (source, block) in enumerate(zip(rendering.document.blocks, rendering.blocks, strict=True)):
            html.append(self.block(block, number == last_ordered))
            if block.kind == "heading" and source.text in boxes:
                html.append(self.infobox(boxes[source.text]))
        return "\n".join(html)

    @staticmethod
    def anchor(number: int | None) -> str:
        return f' id="ref-{number}"'

    def block(self, block: Block, references: bool) -> str:
        if block.kind == "heading":
            return f"<h{block.level}>{self.inline(block.text)}</h{block.level}>"
        if block.kind == "paragraph":
            return f"<p>{self.inline(block.text)}</p>"
        if block.kind == "code":
            return f"<pre><code>{escape(block.text)}</code></pre>"
        if not block.ordered:
            return "<ul>" + "".join(f"<li>{self.inline(i.text)}</li>" for i in block.items) + "</ul>"
        start = block.items[0].number if block.items else 1
        attrs = ' class="references"' if references else ""
        items = "".join(
            f'<li{self.anchor(i.number) if references else ""} value="{i.number}">{self.inline(i.text)}</li>'
            for i in block.items
        )
        return f'<ol{attrs} start="{start}">{items}</ol>'


def _state_spellings(index: TermIndex, registry: VariantRegistry) -> dict[str, str]:
    """Words only one of two contrasting locales writes (ko-KP 로씨야, ko 러시아) → its BCP 47 tag.

    The locales are those with ``contrasts_with`` in their locale files; a
    word both write, in any row, belongs to neither.
    """
    words: dict[str, set[str]] = {}
    for _, row in index.forms.values():
        for variant in registry.values():
            own, other = row.forms.get(variant.tag), row.forms.get(variant.contrasts_with or "")
            if variant.contrasts_with and own and other and own != other:
                shared = set(re.split(r"[ \-]", other))
                for word in set(re.split(r"[ \-]", own)) - shared:
                    words.setdefault(word, set()).add(variant.bcp47)
    return {word: tags.pop() for word, tags in words.items() if len(tags) == 1}


def _switcher(current: str | None, renderings: Sequence[Rendering], label: str) -> str:
    links = []
    for other in renderings:
        lang = other.variant.bcp47
        current_attr = ' aria-current="page"' if other.tag == current else ""
        links.append(
            f'<li><a href="{escape(other.tag)}.html" hreflang="{lang}" lang="{lang}"{current_attr}>'
            f"{escape(other.variant.name)}</a></li>"
        )
    return f'<nav class="variants" aria-label="{escape(label)}"><ul>{"".join(links)}</ul></nav>'


#: A URL's scheme, as browsers read it (after dropping tabs and line breaks, and leading blanks).
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
#: The schemes that become links; anything else (javascript:, data:, file: ...) stays text.
LINK_SCHEMES = ("http", "https", "mailto")


def safe_href(url: str) -> str | None:
    """``url`` if it may become a link: http, https, mailto, or relative (no scheme); else None.

    >>> safe_href("https://zh.wikipedia.org/wiki/朝俄关系"), safe_href("#ref-1"), safe_href("../a.html")
    ('https://zh.wikipedia.org/wiki/朝俄关系', '#ref-1', '../a.html')
    >>> safe_href("javascript:alert(1)"), safe_href(" Java\\tScript:alert(1)"), safe_href("data:text/html,x")
    (None, None, None)
    """
    seen = re.sub(r"[\t\n\r]", "", url).lstrip("\x00- ")
    scheme = _SCHEME.match(seen)
    if scheme is not None and scheme[1].lower() not in LINK_SCHEMES:
        return None
    return url


def _footer(rendering: Rendering) -> str:
    doc = rendering.document
    parts = []
    if doc.attribution:
        parts.append(escape(doc.attribution))
    if doc.source:
        href = safe_href(doc.source)
        parts.append(f'<a href="{escape(href)}">{escape(doc.source)}</a>' if href is not None else escape(doc.source))
    if doc.licence:
        parts.append(escape(doc.licence))
    parts.append(f"Converted to {escape(rendering.variant.english_name)} by termloc.")
    return "<footer>" + "<br>".join(parts) + "</footer>"


def page(rendering: Rendering, renderings: Sequence[Rendering], registry: VariantRegistry) -> str:
    """The HTML page of one rendering, linking the others."""
    lang = rendering.variant.bcp47
    index = rendering.index or TermIndex(Glossary(), rendering.variant, char_tables())
    writer = _Writer(rendering, registry, index, _state_spellings(index, registry))
    alternates = "".join(
        f'<link rel="alternate" hreflang="{r.variant.bcp47}" href="{escape(r.tag)}.html">' for r in renderings
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(rendering.title)}</title>\n{alternates}\n<style>{stylesheet(rendering.variant)}</style>\n</head>\n<body>\n"
        f"{_switcher(rendering.tag, renderings, rendering.variant.name)}\n"
        f"<main>\n<article>\n<h1>{writer.inline(rendering.title)}</h1>\n{writer.blocks()}\n</article>\n</main>\n"
        f"{_footer(rendering)}\n</body>\n</html>\n"
    )


def index_page(renderings: Sequence[Rendering]) -> str:
    """The site's index: the article's title in each variant, linked."""
    items = "".join(
        f'<li lang="{r.variant.bcp47}"><a href="{escape(r.tag)}.html" hreflang="{r.variant.bcp47}">'
        f"{escape(r.variant.name)}</a> — {escape(r.title)}</li>"
        for r in renderings
    )
    title = renderings[0].document.title if renderings else "termloc"
    lang = renderings[0].document.source_language if renderings else "zh"
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n'
        f'<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{stylesheet(None)}</style>\n</head>\n<body>\n"
        f"{_switcher(None, renderings, title)}\n"
        f"<main>\n<h1>{escape(title)}</h1>\n<ul>{items}</ul>\n</main>\n</body>\n</html>\n"
    )
