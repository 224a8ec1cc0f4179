"""A small static website: one HTML page per variant, and an index.

Each page declares its language (``<html lang="zh-Hant-TW">``), marks Korean
and Russian text with ``lang``, links the same article in every other variant
(named in its own script), and marks glossary terms so that hovering or
focusing one shows the term's forms in the other variants and languages.
Every span of a Chinese page that the conversion decided (`Rendering.reasons`)
is an element with its reason in ``title`` (hover) and, on focus, in a
tooltip the stylesheet draws (in a term's card, for a term); a checkbox
above the article colours them by kind, with a legend. A translated page
(ko-KP, ru ...) marks the Chinese left in it (an untranslated unit, a quoted
original) with its script's tag. One inline stylesheet, each language's
fonts (``fonts:`` in the locale files) for the text in it, no script and no
external request. Every piece of text is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from html import escape
from typing import TYPE_CHECKING, TypeVar

from termloc.core.han import ScriptRuns, char_tables
from termloc.core.scripts import CYRILLIC, HAN, HANGUL
from termloc.core.variants import Variant, VariantRegistry
from termloc.documents.document import Block, InfoboxItem
from termloc.documents.render import Place, Rendering
from termloc.engine.explain import Span
from termloc.glossary.finder import TermIndex
from termloc.glossary.model import Entry, Glossary, Row

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

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
#: A run of Chinese in other text, with the digits before it (1968年) and ASCII punctuation and
#: dashes only where more Chinese follows (朝苏(俄)关系, 朝鲜—俄罗斯, not the ")." that closes an
#: English sentence about it).
_CHINESE_RUN = rf"\d*[{HAN}](?:[{HAN}\d，。、；：？！“”‘’《》（）·%]|[,.:;()—]+(?=[\d{HAN}]))*"
_CHINESE = re.compile(_CHINESE_RUN)
#: In a translated page: Chinese too (an untranslated unit, a quoted original).
_INLINE_TRANSLATED = re.compile(_FOREIGN + rf"|(?P<zh>{_CHINESE_RUN})")

_T = TypeVar("_T")

#: A piece of a decided span in a text: (start, end) in that text, and the span.
_Mark = tuple[int, int, Span]

#: The kinds the highlighting colours, with their names in the legend (the rest, quotation
#: marks and kept ambiguous characters, carry their reasons uncoloured).
HIGHLIGHTED = {
    "glossary": "glossary",
    "reference": "reference",
    "document-rule": "document rule",
    "markup": "markup",
    "opencc-phrase": "OpenCC phrase",
    "opencc-character": "OpenCC character",
}

_STYLE = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --accent: #0b62b8; --paper: #fff; --card: #f6f8fa; }
html { font-family: FONTS, sans-serif; color: var(--ink); background: var(--paper); line-height: 1.8; }
body { margin: 0; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
LANGUAGES
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
.term-why { grid-column: 1 / -1; border-top: 1px solid var(--line); margin-top: .2rem; padding-top: .2rem; }
.x { position: relative; }
.x[tabindex]:not(.term):focus { outline: 2px solid var(--accent); outline-offset: 1px; }
.x[tabindex]:not(.term):focus::after { content: attr(title); position: absolute; left: 0; top: 1.6em; z-index: 10;
  width: max-content; max-width: 20rem; padding: .4rem .6rem; background: var(--paper); color: var(--ink);
  border: 1px solid var(--line); border-radius: 6px; box-shadow: 0 4px 14px rgba(0,0,0,.12);
  font-size: .8rem; font-weight: normal; line-height: 1.5; white-space: normal; }
.changes { display: flex; flex-wrap: wrap; align-items: center; gap: .3rem 1rem; max-width: 46rem; margin: 0 auto;
  padding: .5rem 1.25rem 0; font-size: .8rem; color: var(--muted); }
.changes label { color: var(--ink); cursor: pointer; }
.changes ul { display: flex; flex-wrap: wrap; gap: .2rem .8rem; list-style: none; margin: 0; padding: 0; }
.swatch { display: inline-block; width: .9em; height: .9em; margin-right: .3em; vertical-align: -.1em;
  border: 1px solid var(--line); border-radius: 2px; }
.swatch-glossary, body:has(#highlight:checked) .x-glossary { background: #c6efc6; }
.swatch-reference, body:has(#highlight:checked) .x-reference { background: #c4e0ff; }
.swatch-document-rule, body:has(#highlight:checked) .x-document-rule { background: #e2cfff; }
.swatch-markup, body:has(#highlight:checked) .x-markup { background: #ffcce6; }
.swatch-opencc-phrase, body:has(#highlight:checked) .x-opencc-phrase { background: #ffd49a; }
.swatch-opencc-character, body:has(#highlight:checked) .x-opencc-character { background: #fff2a0; }
sup.ref a { color: var(--accent); text-decoration: none; font-size: .75em; }
ol.references { font-size: .9rem; }
ol.references li:target { background: #fff8c5; }
footer { max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem 2rem; color: var(--muted); font-size: .8rem;
  border-top: 1px solid var(--line); }
"""


def font_family(variant: Variant | None) -> str:
    """The variant's fonts as a CSS font-family list (no generic family; empty for none)."""
    return ", ".join(f'"{f}"' if " " in f else f for f in (variant.fonts if variant else ()))


def stylesheet(variant: Variant | None, registry: VariantRegistry | None = None) -> str:
    """The site's inline stylesheet, with the fonts of ``variant`` first (None: none), and each
    language's fonts for the text marked with it (the locales of ``registry``, default: termloc's)."""
    from termloc.core.variants import load_variants

    fonts = font_family(variant)
    languages = _language_fonts(registry if registry is not None else load_variants())
    return _STYLE.replace("FONTS, ", f"{fonts}, " if fonts else "").replace("LANGUAGES\n", languages)


def _language_fonts(registry: VariantRegistry) -> str:
    """One rule per language tag of a locale with fonts: ``:lang(ko-KP) { font-family: ... }``.

    The tags are each locale's BCP 47 tag, and its own tag where that is shorter (``ko`` of
    ``ko-KR``: the plain ``lang="ko"`` of Korean both states spell alike). ``:lang(ko)``
    also matches ``ko-KP``, so a shorter tag comes first and the longer one wins where both
    match (ko-KP's fonts in a ``lang="ko-KP"`` span, zh-Hant-TW's, not zh-Hant's, on the
    Taiwan page); between tags of one length, the locales' order.
    """
    rules: dict[str, tuple[int, int, str]] = {}
    for variant in registry.values():
        fonts = font_family(variant)
        broader = (variant.tag,) if variant.bcp47.startswith(f"{variant.tag}-") else ()
        for tag in (*broader, variant.bcp47) if fonts else ():
            rules.setdefault(tag, (tag.count("-"), variant.order, fonts))
    ordered = sorted(rules.items(), key=lambda rule: rule[1][:2])
    return "".join(f":lang({tag}) {{ font-family: {fonts}, sans-serif; }}\n" for tag, (_, _, fonts) in ordered)


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
        self._markdown: MarkdownIt | None = None
        self._scripts: tuple[frozenset[str], frozenset[str], dict[str, str]] | None = None

    def parser(self) -> MarkdownIt:
        """CommonMark's inline parser without text_join: escapes and entities stay tokens of their own,
        so that each text token is the source as written (`tokens` joins the text as text_join would)."""
        if self._markdown is None:
            from markdown_it import MarkdownIt

            self._markdown = MarkdownIt("commonmark").disable("text_join")
        return self._markdown

    def tokens(self, markdown: str, place: Place | None) -> Iterator[tuple[Token, list[_Mark]]]:
        """The inline tokens of ``markdown``, each run of text one token (as markdown-it's text_join
        makes it) with the pieces of the decided spans of ``place`` that fall in it."""
        from markdown_it.token import Token

        spans = self.rendering.reasons.get(place, []) if place is not None else []
        parsed = self.parser().parseInline(markdown)
        run: list[str] = []
        marks: list[_Mark] = []
        cursor = 0  # where in ``markdown`` the tokens so far end (text tokens are found in order)
        autolink = False  # an autolink's text is its address normalised, not the source
        for token in (parsed[0].children or []) if parsed else []:
            if token.type not in ("text", "text_special"):
                if run:
                    yield Token("text", "", 0, content="".join(run)), marks
                    run, marks = [], []
                autolink = token.markup == "autolink" if token.type == "link_open" else autolink
                yield token, []
                continue
            written = token.content if token.type == "text" else token.markup
            found = markdown.find(written, cursor) if spans and written and not autolink else -1
            if found >= 0:
                cursor = found + len(written)
                if token.type == "text":
                    marks += _marks(spans, found, cursor, sum(map(len, run)))
            run.append(token.content)
        if run:
            yield Token("text", "", 0, content="".join(run)), marks

    def inline(self, markdown: str, place: Place | None = None) -> str:
        """Inline Markdown as HTML, with terms, languages, references and the reasons of ``place`` marked."""
        parts: list[str] = []
        for token, marks in self.tokens(markdown, place):
            if token.type == "text":
                parts.append(self.text(token.content, marks))
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

    def text(self, text: str, marks: Sequence[_Mark] = ()) -> str:
        """Plain text as HTML: terms carry cards; Korean and Russian carry lang; ``marks`` their reasons."""
        out: list[str] = []
        position = 0
        terms = {m.start(): (m, entry, row) for m, entry, row in self.index.find(text)}
        i = 0
        while i < len(text):
            if i in terms:
                match, entry, row = terms[i]
                out.append(self.marked(text, position, i, marks))
                out.append(self.term(text, match.start(), match.end(), entry, row, marks))
                i = position = match.end()
                continue
            inline = self.inline_pattern.match(text, i)
            if inline is None:
                i += 1
                continue
            out.append(self.marked(text, position, i, marks))
            found = inline.group()
            shown = self.marked(text, i, inline.end(), marks, quote=True)
            if inline.lastgroup == "ref" and int(found[1:-1]) in self.references:
                number = found[1:-1]
                out.append(f'<sup class="ref"><a href="#ref-{number}">{escape(found)}</a></sup>')
            else:
                lang = self.language(inline.lastgroup or "", found)
                within = _within(lang, self.rendering.variant.bcp47)
                out.append(shown if within else f'<span lang="{lang}">{shown}</span>')
            i = position = inline.end()
        out.append(self.marked(text, position, len(text), marks))
        return "".join(out)

    def marked(
        self, text: str, start: int, end: int, marks: Sequence[_Mark], *, quote: bool = False, focus: bool = True
    ) -> str:
        """``text[start:end]`` as HTML, each piece of a decided span in it an element with its reason."""
        out: list[str] = []
        position = start
        for mark_start, mark_end, span in _clipped(marks, start, end):
            out.append(escape(text[position:mark_start], quote=quote))
            out.append(self.reason(text[mark_start:mark_end], span, focus=focus))
            position = mark_end
        out.append(escape(text[position:end], quote=quote))
        return "".join(out)

    @staticmethod
    def reason(shown: str, span: Span, *, focus: bool = True) -> str:
        """``shown`` (a span, or the piece of one) as an element that gives the span's reason.

        ``focus`` makes it a stop of the keyboard; inside a term, whose card gives the
        reasons on focus, it is not one.
        """
        entry = f' data-entry="{escape(span.entry)}"' if span.entry else ""
        stop = ' tabindex="0"' if focus else ""
        return (
            f'<span class="x x-{span.kind}" data-kind="{span.kind}"{entry} title="{escape(span.describe())}"{stop}>'
            f"{escape(shown, quote=False)}</span>"
        )

    def language(self, group: str, found: str) -> str:
        """The tag of ``found``, a run of the pattern's ``group`` (ko, ru, zh; a reference: none)."""
        if group == "ko":
            native = self.registry.get(self.rendering.native.get(found, ""))
            return native.bcp47 if native is not None else self.spelling(found, "ko")
        if group == "zh":  # only a translated page looks for it: an untranslated unit, a quoted original
            return self.chinese(found)
        return group if group == "ru" else ""

    def chinese(self, found: str) -> str:
        """The tag of Chinese text ``found``: its script's (zh-Hans, zh-Hant: the script-only
        variants') where it holds letters of one script only, else the document's language."""
        if self._scripts is None:
            runs = ScriptRuns.of(self.tables)
            tags = {v.script: v.bcp47 for v in self.registry.chinese if v.script_only}
            self._scripts = frozenset(runs.traditional), frozenset(runs.simplified), tags
        traditional, simplified, tags = self._scripts
        letters = set(found)
        scripts = {script for script, only in (("Hant", traditional), ("Hans", simplified)) if letters & only}
        language = self.rendering.document.source_language or "zh"
        return tags.get(scripts.pop(), language) if len(scripts) == 1 else language

    def chinese_marked(self, text: str) -> str:
        """``text`` (not Chinese: the English attribution) as HTML, each run of Chinese in it
        a span with its tag."""
        out: list[str] = []
        position = 0
        for run in _CHINESE.finditer(text):
            out.append(escape(text[position : run.start()], quote=False))
            out.append(f'<span lang="{self.chinese(run.group())}">{escape(run.group(), quote=False)}</span>')
            position = run.end()
        out.append(escape(text[position:], quote=False))
        return "".join(out)

    def spelling(self, found: str, language: str) -> str:
        """The tag of the one locale whose own spelling ``found`` uses (로씨야: ko-KP), else ``language``."""
        tags = {self.spellings[word] for word in re.split(r"[ \-]", found) if word in self.spellings}
        return tags.pop() if len(tags) == 1 else language

    def term(self, text: str, start: int, end: int, entry: Entry, row: Row, marks: Sequence[_Mark]) -> str:
        """The term ``text[start:end]`` with its card; a decided span that is the whole term makes it
        its element (one element, the term's, with the span's reason), others are elements in it."""
        inside = _clipped(marks, start, end)
        whole = inside[0][2] if len(inside) == 1 and inside[0][:2] == (start, end) else None
        rows = self.forms(entry, row)
        rows += [f'<span class="term-why">{escape(span.describe(), quote=False)}</span>' for span in _distinct(inside)]
        card = f'<span class="term-card" role="tooltip">{"".join(rows)}</span>' if rows else ""
        attributes = f'class="term" data-entry="{escape(entry.id)}"'
        if whole is not None:
            kind = whole.kind
            attributes = (
                f'class="term x x-{kind}" data-entry="{escape(entry.id)}" data-kind="{kind}" '
                f'title="{escape(whole.describe())}"'
            )
            shown = self.text_only(text[start:end])
        else:
            shown = self.marked(text, start, end, inside, focus=False)
        return f'<span {attributes} tabindex="0">{shown}{card}</span>'

    def forms(self, entry: Entry, row: Row) -> list[str]:
        """The card's rows: the term in every other variant and language that has a form for it."""
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
        return rows

    def text_only(self, text: str) -> str:
        return escape(text, quote=False)

    def infobox(self, number: int) -> str:
        """Infobox ``number`` of the rendering (each field's reasons found by its text in the document's)."""
        box = self.rendering.infoboxes[number]
        boxes = self.rendering.document.infoboxes
        source = boxes[number] if number < len(boxes) else None

        def field(text: str, written: str | None) -> str:
            return self.inline(text, ("infobox", number, written) if written is not None else None)

        parts = [f'<aside class="infobox"><h2>{field(box.title, source.title if source else None)}</h2>']
        if box.parties:
            written = source.parties if source else ()
            parts.append(f"<p>{' / '.join(field(p, _nth(written, i)) for i, p in enumerate(box.parties))}</p>")
        if box.map:
            parts.append(f'<p class="map">{field(box.map, source.map if source else None)}</p>')
        if box.missions:
            missions = source.missions if source else ()
            items = "".join(
                f"<li>{self.mission(item, _nth(missions, i), number)}</li>" for i, item in enumerate(box.missions)
            )
            label = field(box.missions_label or "", source.missions_label if source else None)
            parts.append(f"<p>{label}</p><ul>{items}</ul>")
        images = source.images if source else ()
        parts += [f'<p class="caption">{field(image, _nth(images, i))}</p>' for i, image in enumerate(box.images)]
        parts.append("</aside>")
        return "".join(parts)

    def mission(self, item: InfoboxItem, source: InfoboxItem | None, number: int) -> str:
        colon = "：" if self.rendering.variant.is_chinese else ": "
        place: Place | None = ("infobox", number, source.label) if source and source.label else None
        label = f"{self.inline(item.label, place)}{colon}" if item.label else ""
        if item.lang:
            return f'{label}<span lang="{escape(item.lang)}">{escape(item.text)}</span>'
        return label + self.inline(item.text, ("infobox", number, source.text) if source else None)

    def blocks(self) -> str:
        rendering = self.rendering
        boxes = {box.section: number for number, box in enumerate(rendering.infoboxes)}
        last_ordered = max((i for i, b in enumerate(rendering.blocks) if b.kind == "list" and b.ordered), default=-1)
        if last_ordered >= 0:
            self.references = {item.number or 0 for item in rendering.blocks[last_ordered].items}
        html: list[str] = []
        if "lead" in boxes:
            html.append(self.infobox(boxes["lead"]))
        for number, (source, block) in enumerate(zip(rendering.document.blocks, rendering.blocks, strict=True)):
            html.append(self.block(block, number, number == last_ordered))
            if block.kind == "heading" and source.text in boxes:
                html.append(self.infobox(boxes[source.text]))
        return "\n".join(html)

    @staticmethod
    def anchor(number: int | None) -> str:
        return f' id="ref-{number}"'

    def block(self, block: Block, number: int, references: bool) -> str:
        """Block ``number`` of the rendering as HTML."""
        place: Place = ("block", number)
        if block.kind == "heading":
            return f"<h{block.level}>{self.inline(block.text, place)}</h{block.level}>"
        if block.kind == "paragraph":
            return f"<p>{self.inline(block.text, place)}</p>"
        if block.kind == "code":
            return f"<pre><code>{escape(block.text)}</code></pre>"
        if not block.ordered:
            items = "".join(f"<li>{self.inline(i.text, (*place, j))}</li>" for j, i in enumerate(block.items))
            return f"<ul>{items}</ul>"
        start = block.items[0].number if block.items else 1
        attrs = ' class="references"' if references else ""
        items = "".join(
            f'<li{self.anchor(i.number) if references else ""} value="{i.number}">'
            f"{self.inline(i.text, (*place, j))}</li>"
            for j, i in enumerate(block.items)
        )
        return f'<ol{attrs} start="{start}">{items}</ol>'


def _within(lang: str, page: str) -> bool:
    """True if text in ``lang`` needs no tag of its own in a page in ``page``: no tag, the page's,
    or the page's bare language (plain ``ko``, Korean both states spell alike, on the ko-KP page)."""
    return not lang or lang == page or page.startswith(f"{lang}-")


def _nth(values: Sequence[_T], i: int) -> _T | None:
    """``values[i]``, or None past the end (a rendering made by hand, whose document has fewer fields)."""
    return values[i] if i < len(values) else None


def _marks(spans: Sequence[Span], start: int, end: int, at: int) -> list[_Mark]:
    """The pieces of ``spans`` (offsets in their text) inside ``start:end`` of it, placed at ``at``."""
    return [
        (max(span.out_start, start) - start + at, min(span.out_end, end) - start + at, span)
        for span in spans
        if span.out_start < end and span.out_end > start and span.out_start < span.out_end
    ]


def _clipped(marks: Sequence[_Mark], start: int, end: int) -> list[_Mark]:
    """The pieces of ``marks`` inside ``start:end``, in order."""
    return [(max(a, start), min(b, end), span) for a, b, span in marks if max(a, start) < min(b, end)]


def _distinct(marks: Sequence[_Mark]) -> list[Span]:
    """The spans of ``marks``, each once (a span an annotation cut is two pieces), in order."""
    seen: list[Span] = []
    for _, _, span in marks:
        if not any(span is other for other in seen):
            seen.append(span)
    return seen


def _changes(rendering: Rendering) -> str:
    """The highlighting's checkbox and its legend (the kinds the page has), or nothing to highlight."""
    kinds = {span.kind for spans in rendering.reasons.values() for span in spans}
    legend = "".join(
        f'<li><span class="swatch swatch-{kind}"></span>{escape(name)}</li>'
        for kind, name in HIGHLIGHTED.items()
        if kind in kinds
    )
    if not legend:
        return ""
    return (
        '<div class="changes" lang="en"><label><input type="checkbox" id="highlight"> Highlight changes</label>'
        f'<ul aria-label="Colours of the changes">{legend}</ul>'
        "<span>Hover over or focus a word for the reason it reads so.</span></div>\n"
    )


def _state_spellings(rows: Iterable[Row], registry: VariantRegistry) -> dict[str, str]:
    """Words only one of two contrasting locales writes (ko-KP 로씨야, ko 러시아) → its BCP 47 tag.

    The locales are those with ``contrasts_with`` in their locale files; a
    word both write, in any of ``rows``, belongs to neither.
    """
    words: dict[str, set[str]] = {}
    for row in rows:
        for variant in registry.values():
            own, other = row.forms.get(variant.tag), row.forms.get(variant.contrasts_with or "")
            if variant.contrasts_with and own and other and own != other:
                shared = set(re.split(r"[ \-]", other))
                for word in set(re.split(r"[ \-]", own)) - shared:
                    words.setdefault(word, set()).add(variant.bcp47)
    return {word: tags.pop() for word, tags in words.items() if len(tags) == 1}


def _switcher(current: str | None, renderings: Sequence[Rendering], label: str) -> str:
    """The links to every version, each named in its own language (``autonym``) with its ``lang``."""
    links = []
    for other in renderings:
        lang = other.variant.bcp47
        current_attr = ' aria-current="page"' if other.tag == current else ""
        links.append(
            f'<li><a href="{escape(other.tag)}.html" hreflang="{lang}" lang="{lang}"{current_attr}>'
            f"{escape(other.variant.autonym)}</a></li>"
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


def _footer(rendering: Rendering, writer: _Writer) -> str:
    """The source, its licence and how the page was made, in English (the Chinese in it marked)."""
    doc = rendering.document
    parts = []
    if doc.attribution:
        parts.append(writer.chinese_marked(doc.attribution))
    if doc.source:
        href = safe_href(doc.source)
        parts.append(f'<a href="{escape(href)}">{escape(doc.source)}</a>' if href is not None else escape(doc.source))
    if doc.licence:
        parts.append(escape(doc.licence))
    variant = rendering.variant
    if variant.is_chinese:
        parts.append(f"Converted to {escape(variant.english_name)} by termloc.")
    else:
        parts.append(
            f"Translated into {escape(variant.english_name)}: {rendering.from_catalog} of {rendering.units} units "
            f"from its catalog, the others in the source ({escape(rendering.source)}); rendered by termloc."
        )
    return '<footer lang="en">' + "<br>".join(parts) + "</footer>"


def page(
    rendering: Rendering,
    renderings: Sequence[Rendering],
    registry: VariantRegistry,
    *,
    glossary: Glossary | None = None,
) -> str:
    """The HTML page of one rendering, linking the others.

    ``glossary`` tells the North's Korean spellings from the South's (로씨야: ``lang="ko-KP"``)
    in a translated page, which has no terms of its own; a Chinese page uses its terms'.
    """
    lang = rendering.variant.bcp47
    index = rendering.index or TermIndex(Glossary(), rendering.variant, char_tables())
    rows: Iterable[Row] = (row for _, row in index.forms.values())
    if rendering.index is None and glossary is not None:
        rows = (row for entry in glossary.entries for row in entry.rows)
    writer = _Writer(rendering, registry, index, _state_spellings(rows, registry))
    alternates = "".join(
        f'<link rel="alternate" hreflang="{r.variant.bcp47}" href="{escape(r.tag)}.html">' for r in renderings
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(rendering.title)}</title>\n{alternates}\n"
        f"<style>{stylesheet(rendering.variant, registry)}</style>\n</head>\n<body>\n"
        f"{_switcher(rendering.tag, renderings, rendering.variant.autonym)}\n{_changes(rendering)}"
        f"<main>\n<article>\n<h1>{writer.inline(rendering.title, ('title',))}</h1>\n"
        f"{writer.blocks()}\n</article>\n</main>\n"
        f"{_footer(rendering, writer)}\n</body>\n</html>\n"
    )


def index_page(renderings: Sequence[Rendering], registry: VariantRegistry | None = None) -> str:
    """The site's index: each version named in its own language (``autonym``), linked, with
    the article's title in it; each name and title carries its version's ``lang``."""
    items = "".join(
        f'<li><a href="{escape(r.tag)}.html" hreflang="{r.variant.bcp47}" lang="{r.variant.bcp47}">'
        f'{escape(r.variant.autonym)}</a> — <span lang="{r.variant.bcp47}">{escape(r.title)}</span></li>'
        for r in renderings
    )
    title = renderings[0].document.title if renderings else "termloc"
    lang = renderings[0].document.source_language if renderings else "zh"
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n'
        f'<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{stylesheet(None, registry)}</style>\n</head>\n<body>\n"
        f"{_switcher(None, renderings, title)}\n"
        f"<main>\n<h1>{escape(title)}</h1>\n<ul>{items}</ul>\n</main>\n</body>\n</html>\n"
    )
