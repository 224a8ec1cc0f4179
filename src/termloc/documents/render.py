"""An article rendered into one variant, with a report of what happened.

`render` converts a `Document` block by block with one markup resolver per
variant (so document rules and ``-{H|...}-`` rules carry through the whole
article), optionally annotates the first mention of each person and place
with its native form, and counts glossary terms, rules and any characters
left in the wrong script. Each unit is converted as spans with their reasons
(`termloc.engine.explain`): the text is theirs, the spans that decided
something are kept for the web page (`Rendering.reasons`), and the report
counts them. `termloc.documents.writers` writes the result as Markdown and
text, `termloc.documents.site` as HTML.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from termloc.core import opencc_files
from termloc.core.han import CharTables, char_tables
from termloc.core.variants import Variant, VariantRegistry
from termloc.documents.document import Block, Document, Infobox, InfoboxItem, ListItem
from termloc.documents.segment import split_sentences
from termloc.engine.converter import AUTO, Converter, ReferenceChoice
from termloc.engine.explain import KINDS, Span, join, numbered, quote_spans, shifted
from termloc.engine.markup import MarkupConverter
from termloc.glossary.finder import TermIndex
from termloc.glossary.model import Glossary
from termloc.glossary.selection import GlossarySelection

__all__ = ["Leftover", "Place", "Rendering", "convert_infobox", "render", "wrong_script"]

#: Given a unit's text as written, the text to show instead of termloc's
#: conversion (a reviewer's), or None. Called for every unit in document
#: order: title, infoboxes, then blocks, a paragraph sentence by sentence.
Override = Callable[[str], str | None]

#: Where a converted text sits in a rendering: ``("title",)``, ``("block", i)`` (a heading's or
#: paragraph's text), ``("block", i, j)`` (item j of list i), ``("infobox", k, text)`` (the field
#: of infobox k written ``text`` in the document).
Place = tuple[str | int, ...]

#: The kinds of span whose output a manual rule wrote (the report's rule replacements).
_RULE_KINDS = ("document-rule", "markup")


@dataclass(frozen=True)
class Leftover:
    """A character in the wrong script for the variant, outside markup."""

    char: str
    line: int
    context: str


@dataclass
class Rendering:
    """One variant of a document: converted text and the report."""

    variant: Variant
    document: Document
    title: str
    blocks: list[Block]
    infoboxes: list[Infobox]
    terms: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    markup: list[str] = field(default_factory=list)
    leftovers: list[Leftover] = field(default_factory=list)
    annotations: list[str] = field(default_factory=list)
    #: Native forms inserted by annotation → their language tag (for HTML).
    native: dict[str, str] = field(default_factory=dict)
    #: The glossary's forms in this variant (for marking terms in HTML).
    index: TermIndex | None = None
    #: Units taken from a catalog (reviewed or translated), and units of a
    #: translation that fell back to the source.
    from_catalog: int = 0
    fallbacks: int = 0
    units: int = 0
    #: The variant a translated unit falls back to (the msgids' variant).
    source: str = ""
    #: The reference groups the rendering used (chosen for the document with ``auto``).
    reference: tuple[str, ...] = ()
    #: The spans that decided something (`Span.decided`) in each converted text, by `Place`;
    #: their output offsets count in that text (annotations moved them; one they cut is two).
    reasons: dict[Place, list[Span]] = field(default_factory=dict)
    #: Decided spans of the body (the title aside, as for ``terms``) by kind.
    kinds: Counter[str] = field(default_factory=Counter)

    @property
    def tag(self) -> str:
        """The variant's tag (``zh-TW``), which names its output files."""
        return self.variant.tag

    def report(self) -> str:
        """The render report, a few lines for people."""
        if not self.variant.is_chinese:
            return (
                f"{self.tag}: {self.from_catalog} of {self.units} units translated, "
                f"{self.fallbacks} fell back to the source ({self.source})"
            )
        lines = [
            f"{self.tag}: {sum(self.terms.values())} glossary terms applied ({len(self.terms)} entries), "
            f"{sum(self.rules.values())} rule replacements, {len(self.markup)} markup blocks, "
            f"{len(self.annotations)} annotations, {len(self.leftovers)} wrong-script characters"
        ]
        lines.append(f"  reference groups: {', '.join(self.reference) or 'none'}")
        by_kind = [f"{kind} {self.kinds[kind]}" for kind in KINDS if self.kinds[kind]]
        lines.append(f"  decided spans by kind: {', '.join(by_kind) or 'none'}")
        if self.from_catalog:
            lines.append(f"  {self.from_catalog} units as reviewed in the {self.tag} catalog")
        lines += [f"  rule {rule} ×{count}" for rule, count in sorted(self.rules.items())]
        lines += [f"  markup {written}" for written in self.markup]
        lines += [
            f"  {self.document.path}:{left.line}: {left.char!r} is not {self.variant.script} script: …{left.context}…"
            for left in self.leftovers
        ]
        return "\n".join(lines)


def render(
    document: Document,
    variant: Variant,
    registry: VariantRegistry,
    glossary: Glossary,
    *,
    selection: GlossarySelection | None = None,
    reference: ReferenceChoice = AUTO,
    annotate: bool = False,
    override: Override | None = None,
) -> Rendering:
    """``document`` in ``variant``, with its report.

    ``glossary`` is the glossary loaded from ``selection`` (default:
    termloc's own), used for term marks and annotations. ``override`` gives a
    unit's text where someone decided it (a review catalog:
    `termloc.translation.render.review_override`): it replaces termloc's
    conversion of that unit, and paragraphs are then converted sentence by
    sentence. ``reference`` names the reference groups (`Converter`); with
    ``auto`` they are chosen once, from the whole document.
    """
    tables = char_tables()
    converter = Converter(
        variant.tag,
        glossary=selection or GlossarySelection.default(),
        reference=reference,
        punctuation="keep",
        registry=registry,
    ).for_text(document.text)
    index = TermIndex(glossary, variant, tables)
    out = Rendering(variant, document, "", [], [], index=index, reference=converter.reference)
    units = _Units(out, converter.markup(document.rules, explain=True), wrong_script(tables, variant), override)
    out.title = units.convert(document.title, 1, ("title",), body=False)
    out.infoboxes = [convert_infobox(box, units.infobox(k)) for k, box in enumerate(document.infoboxes)]
    out.blocks = [
        _convert_block(block, number, units, by_sentence=override is not None)
        for number, block in enumerate(document.blocks)
    ]
    if units.resolver.title:
        out.title = units.resolver.title
        out.reasons.pop(("title",), None)  # -{T|...}- wrote the title: its spans are of the text it replaced
    out.markup = units.resolver.fired[len(document.rules) :]
    if annotate:
        _annotate(out, index, glossary, registry, tables, converter)
    return out


class _Units:
    """Converts a document's units in order, counting terms, rules and wrong-script leftovers into
    ``out`` and keeping the spans that decided something in ``out.reasons``."""

    def __init__(
        self, out: Rendering, resolver: MarkupConverter, wrong: frozenset[str], override: Override | None
    ) -> None:
        self.out = out
        self.resolver = resolver
        self.wrong = wrong
        self.override = override
        self.quotes = out.variant.quotes
        #: How much text each place holds so far (a paragraph converted sentence by sentence).
        self.lengths: dict[Place, int] = {}

    def convert(self, text: str, line: int, place: Place, *, body: bool = True) -> str:
        """One unit (or a block's text) in the variant, appended at ``place``; ``body`` counts its terms."""
        resolved = self.resolver.convert(text)  # always: rules in the text carry to what follows
        offset = self.lengths.get(place, 0)
        if self.override is not None:
            decided = self.override(text)
            if decided is not None:
                self.out.from_catalog += 1
                shown = _keep_space(text, decided)
                self.lengths[place] = offset + len(shown)
                return shown  # a reviewer's text: no span of termloc's explains it
        # The variant's quotation marks pair within the unit, as `convert_quotes` pairs them.
        spans = quote_spans(resolved.spans or [], self.quotes) if self.quotes else numbered(resolved.spans or [])
        converted = join(spans)
        self._check_script(converted, resolved.literals, line)
        self._count(spans, body=body)
        reasons = [span for span in spans if span.decided]
        if reasons:
            self.out.reasons.setdefault(place, []).extend(shifted(reasons, 0, offset))
        self.lengths[place] = offset + len(converted)
        return converted

    def infobox(self, number: int) -> Callable[[str], str]:
        """The conversion of infobox ``number``'s fields (each field's place is its text as written)."""
        return lambda text: self.convert(text, 1, ("infobox", number, text))

    def _count(self, spans: list[Span], *, body: bool) -> None:
        """The report's counts: rule replacements everywhere; glossary terms and decided spans in the body."""
        for span in spans:
            if span.kind in _RULE_KINDS and span.key is not None:
                self.out.rules[f"{span.key} → {_before_quotes(span)}"] += 1
            if not body:
                continue
            if span.kind == "glossary" and span.entry is not None:
                self.out.terms[span.entry] += 1
            if span.decided:
                self.out.kinds[span.kind] += 1

    def _check_script(self, converted: str, literals: list[tuple[int, int]], line: int) -> None:
        """Note every character of the wrong script outside the markup's literals."""
        literal = [False] * len(converted)
        for start, end in literals:
            literal[start:end] = [True] * (end - start)
        for i, char in enumerate(converted):
            if char in self.wrong and not literal[i]:
                self.out.leftovers.append(Leftover(char, line, converted[max(0, i - 8) : i + 8]))


def _before_quotes(span: Span) -> str:
    """What a span wrote before the variant's quotation marks (`quote_spans` notes that as a step)."""
    return next((step.key for step in span.steps if step.stage == "punctuation"), span.output)


def _convert_block(block: Block, number: int, units: _Units, *, by_sentence: bool) -> Block:
    """``block`` (the document's block ``number``) with its text converted (a code block as it is)."""
    if block.kind == "code":
        return block
    place: Place = ("block", number)
    if block.kind == "list":
        items = tuple(
            ListItem(units.convert(item.text, item.line, (*place, j)), item.number, item.line)
            for j, item in enumerate(block.items)
        )
        return Block("list", items=items, ordered=block.ordered, line=block.line)
    if block.kind == "paragraph" and by_sentence:
        text = "".join(units.convert(s, block.line, place) for s in split_sentences(block.text))
        return Block("paragraph", text, line=block.line)
    return Block(block.kind, units.convert(block.text, block.line, place), block.level, line=block.line)


def _keep_space(original: str, text: str) -> str:
    """``text`` with the white space around ``original``."""
    stripped = original.strip()
    if not stripped:
        return original
    start = original.index(stripped)
    return original[:start] + text + original[start + len(stripped) :]


def convert_infobox(box: Infobox, convert: Callable[[str], str]) -> Infobox:
    missions = tuple(
        InfoboxItem(
            item.text if item.lang else convert(item.text), item.lang, convert(item.label) if item.label else None
        )
        for item in box.missions
    )
    return Infobox(
        section=box.section,
        title=convert(box.title),
        parties=tuple(convert(p) for p in box.parties),
        map=convert(box.map) if box.map else None,
        missions_label=convert(box.missions_label) if box.missions_label else None,
        missions=missions,
        images=tuple(convert(i) for i in box.images),
    )


def wrong_script(tables: CharTables, variant: Variant) -> frozenset[str]:
    """Characters that exist only in the other script (鲜 for Hant, 鮮 for Hans).

    A regional form the variant's OpenCC config writes on purpose (Taiwan's
    秘, Hong Kong's 温: ``regional_characters`` in its locale file) is not wrong.
    """
    if variant.script == "Hans":
        return frozenset(char for char, options in tables.ts.items() if char not in options)
    regional: set[str] = set()
    if variant.regional_characters:
        table = opencc_files.read_dictionary(opencc_files.stock_dictionary(variant.regional_characters))
        regional.update(char for values in table.values() for char in values.split(" "))
    return frozenset(char for char, options in tables.st.items() if char not in options and char not in regional)


# -- annotation ----------------------------------------------------------------


def _language_name(origin: str, glossary: Glossary, variant: Variant, tables: CharTables, convert: Converter) -> str:
    """The name of ``origin``'s language as ``variant`` writes it."""
    from babel import Locale

    locale = Locale(Locale.parse(origin, sep="-").language)
    for entry in glossary.entries:
        if entry.kind != "language":
            continue
        row = entry.rows[0]
        if row.forms.get("en") == locale.english_name and origin in row.forms:
            form = row.chinese_form(variant, tables, name=False)
            if form is not None:
                return form.text
    name = locale.get_language_name(Locale.parse(variant.babel_locale)) or origin
    return convert.convert(name)


def _annotate(
    out: Rendering,
    index: TermIndex,
    glossary: Glossary,
    registry: VariantRegistry,
    tables: CharTables,
    converter: Converter,
) -> None:
    """At the first mention of each person or place, add its native form (the block's spans move past it)."""
    seen: set[str] = set()

    def annotate(text: str, inserted: list[tuple[int, int]]) -> str:
        pieces: list[str] = []
        position = 0
        for match, entry, row in index.find(text):
            if entry.id in seen or not entry.is_name or not entry.origin:
                continue
            seen.add(entry.id)
            native = row.forms.get(entry.origin) or entry.rows[0].forms.get(entry.origin)
            if native is None or text.startswith("(", match.end()) or text.startswith("（", match.end()):
                continue
            language = _language_name(entry.origin, glossary, out.variant, tables, converter)
            pieces.append(text[position : match.end()])
            pieces.append(f"({language}:{native})")
            inserted.append((match.end(), len(pieces[-1])))
            out.annotations.append(f"{match.group()}({language}:{native})")
            out.native[native] = entry.origin
            position = match.end()
        pieces.append(text[position:])
        return "".join(pieces)

    for i, block in enumerate(out.blocks):
        if block.kind == "paragraph":
            inserted: list[tuple[int, int]] = []
            out.blocks[i] = Block("paragraph", annotate(block.text, inserted), line=block.line)
            if inserted and ("block", i) in out.reasons:
                out.reasons["block", i] = _moved(out.reasons["block", i], inserted)


def _moved(spans: list[Span], inserted: list[tuple[int, int]]) -> list[Span]:
    """``spans`` placed in their text after ``inserted`` (position, length: in the text before, in
    order) went into it; a span the insertion falls inside becomes two, one on each side."""
    out: list[Span] = []
    for span in spans:
        start, end = span.out_start, span.out_end
        before = sum(length for position, length in inserted if position <= start)
        cuts = [(position, length) for position, length in inserted if start < position < end]
        for position, length in cuts:
            out.append(replace(span, out_start=start + before, out_end=position + before))
            before += length
            start = position
        out.append(replace(span, out_start=start + before, out_end=end + before))
    return out
