"""A document in several variants side by side, unit by unit, span by span.

`compare_document` (an article) and `compare_text` (plain text) convert each
unit into each variant with its reasons (`termloc.engine.explain`). An
article's units are those of translation (`termloc.documents.segment.walk`:
the title, the infobox lines, headings, list items and each sentence of a
paragraph); a plain text's are the sentences of each line. Conversion is
render's (`termloc.documents.render`): one converter per variant, its
reference groups chosen from the whole text, and one markup resolver per
variant across the units, so document rules and ``-{H|...}-`` rules carry
through; the variant's quotation marks are written unit by unit.

How two variants are compared. Their spans may cut the source differently
(zh-TW's 软件 is one span, 軟體, where zh-CN leaves 软件 in a longer unchanged
run), and a span's output does not divide: 軟體 is not 軟 for 软 and 體 for 件.
So a unit is cut only where every variant's spans have a boundary (the
intersection of their boundary offsets). Between two such cuts each variant's
spans cover exactly the same source range, their joined outputs can be
compared, and every span lies in one piece: a piece is the smallest range of
the source that every variant answers for as a whole. Each variant's output
of a piece is compared with every other variant's:

- ``same``: it equals every other variant's output;
- ``script``: it differs from some, but only character for character between
  spellings of one character (俄羅斯 / 俄罗斯, 裡 / 裏, 「 / “): the same words;
- ``word``: it differs from another in more than that (普丁 / 普京, 軟體 /
  软件): other words, the difference a reader notices.

Two characters are spellings of one where OpenCC's character tables (Simplified,
Traditional, Taiwan and Hong Kong variants) lead from one to the other, and two
quotation marks where they hold the same place in the variants' ``quotes``. A
span carries its piece's difference. A `Row` is ``same`` when every variant's
output of the unit is the same text, else the strongest difference among its
pieces.

Inherited decisions. A glossary or reference decision of a variant is
*inherited* where its row gives no form for that variant, so that it reads
as another variant only through the fallback chain (``fallbacks`` in
``locales/<tag>.yaml``); `Span.form` names the variant the row gives the form
for. A form given for a script-only variant (zh-Hans, zh-Hant: the glossary
writes the mainland form as zh-Hans) stands for the regional variant that
variant falls back to first in its own locale file (zh-CN, zh-TW): zh-CN's
zh-Hans forms are its own, while zh-SG's and zh-MY's are inherited from zh-CN,
and zh-MO's zh-HK forms from zh-HK. A form derived from the other script (no
form of the variant's script in the row) is counted apart, as derived.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

from termloc.core.han import CharTables, char_tables
from termloc.core.variants import Variant, VariantRegistry
from termloc.documents.document import Document
from termloc.documents.segment import split_sentences, walk
from termloc.engine.converter import AUTO, Converter, Punctuation, ReferenceChoice
from termloc.engine.explain import Span, join, numbered, plain, quote_spans
from termloc.engine.explain import cut as cut_spans
from termloc.glossary.selection import GlossarySelection

__all__ = [
    "Comparison",
    "Difference",
    "Inherited",
    "Piece",
    "Row",
    "compare_document",
    "compare_text",
    "compare_units",
    "inherited_from",
    "text_units",
]

#: How a variant's output of a piece differs from the others' (see the module's note).
Difference = Literal["same", "script", "word"]
_STRENGTH: dict[Difference, int] = {"same": 0, "script": 1, "word": 2}

#: A unit to compare: (kind, text as written, line).
Unit = tuple[str, str, int]


@dataclass(frozen=True)
class Piece:
    """A range of a unit's source that every variant's spans cover whole."""

    start: int
    end: int
    #: Each variant's output of the range, by tag.
    outputs: Mapping[str, str]
    #: How each variant's output differs from the others'.
    differences: Mapping[str, Difference]

    def elsewhere(self, tag: str) -> list[tuple[str, list[str]]]:
        """The other outputs of the piece, each with the variants that write it."""
        found: dict[str, list[str]] = {}
        for other, output in self.outputs.items():
            if other != tag and output != self.outputs[tag]:
                found.setdefault(output, []).append(other)
        return list(found.items())


@dataclass(frozen=True)
class Row:
    """One unit in every variant compared."""

    #: The unit's number in the document, from 1.
    number: int
    kind: str
    line: int
    source: str
    #: Each variant's spans of the unit, by tag (they cover ``source`` in order).
    cells: Mapping[str, tuple[Span, ...]]
    pieces: tuple[Piece, ...]

    def text(self, tag: str) -> str:
        """The unit in the variant ``tag``."""
        return join(self.cells[tag])

    @property
    def difference(self) -> Difference:
        """``same`` when every variant writes the unit alike, else the strongest piece difference."""
        if len({self.text(tag) for tag in self.cells}) <= 1:
            return "same"
        strongest = max((d for piece in self.pieces for d in piece.differences.values()), key=_STRENGTH.__getitem__)
        return strongest if strongest != "same" else "script"

    def marked(self, tag: str) -> Iterator[tuple[Span, Piece]]:
        """Each span of the variant ``tag`` with the piece it lies in."""
        index = 0
        for span in self.cells[tag]:
            while index < len(self.pieces) - 1 and span.start >= self.pieces[index].end:
                index += 1
            yield span, self.pieces[index]


@dataclass(frozen=True)
class Inherited:
    """A decision that reads as another variant's only through the fallback chain."""

    entry: str
    #: ``glossary`` or ``reference``.
    kind: str
    source: str
    output: str
    #: The variant the row gives the form for (`Span.form`: zh-Hans, zh-HK ...).
    given_for: str
    #: The regional variant that form stands for (zh-CN for zh-Hans).
    inherited_from: str
    #: How many times it occurs, and the first row it occurs in.
    count: int
    first: int


@dataclass(frozen=True)
class Comparison:
    """A document's units in several variants, with what each variant inherits."""

    title: str
    path: str
    variants: tuple[Variant, ...]
    rows: tuple[Row, ...]
    #: The reference groups each variant's conversion used, by tag.
    reference: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Each variant's inherited decisions, by tag (every variant compared has an entry).
    inherited: Mapping[str, tuple[Inherited, ...]] = field(default_factory=dict)
    #: How many decisions of each variant took a form derived from the other script.
    derived: Mapping[str, int] = field(default_factory=dict)
    #: The article compared (None for plain text).
    document: Document | None = None

    @property
    def tags(self) -> tuple[str, ...]:
        """The tags of the variants compared, in order."""
        return tuple(v.tag for v in self.variants)

    def counts(self) -> Counter[Difference]:
        """How many rows are the same, differ in script only, or in words."""
        return Counter(row.difference for row in self.rows)


def compare_document(
    document: Document,
    variants: Sequence[Variant],
    registry: VariantRegistry,
    *,
    selection: GlossarySelection | None,
    reference: ReferenceChoice = AUTO,
    punctuation: Punctuation = "auto",
) -> Comparison:
    """``document``'s units in each of ``variants`` (glossary ``selection``, None: plain OpenCC)."""
    units = list(walk(document))
    return compare_units(
        units,
        variants,
        registry,
        selection=selection,
        reference=reference,
        punctuation=punctuation,
        rules=document.rules,
        evidence=document.text,
        title=document.title,
        path=document.path,
        document=document,
    )


def text_units(text: str) -> list[Unit]:
    """The units of a plain text: the sentences of each line, blank ones left out."""
    return [
        ("text", sentence, number)
        for number, line in enumerate(text.split("\n"), 1)
        for sentence in split_sentences(line.removesuffix("\r"))
        if sentence.strip()
    ]


def compare_text(
    text: str,
    path: str,
    variants: Sequence[Variant],
    registry: VariantRegistry,
    *,
    selection: GlossarySelection | None,
    reference: ReferenceChoice = AUTO,
    punctuation: Punctuation = "auto",
) -> Comparison:
    """A plain ``text``'s units (`text_units`) in each of ``variants``; ``path`` names it."""
    return compare_units(
        text_units(text),
        variants,
        registry,
        selection=selection,
        reference=reference,
        punctuation=punctuation,
        evidence=text,
        title=path,
        path=path,
    )


def compare_units(
    units: Sequence[Unit],
    variants: Sequence[Variant],
    registry: VariantRegistry,
    *,
    selection: GlossarySelection | None,
    reference: ReferenceChoice = AUTO,
    punctuation: Punctuation = "auto",
    rules: Sequence[str] = (),
    evidence: str = "",
    title: str = "",
    path: str = "",
    document: Document | None = None,
) -> Comparison:
    """``units``, in order, in each of ``variants``.

    ``rules`` are document rules; ``evidence`` is the text the reference
    groups are chosen from with ``auto`` (the whole document, as render does).
    """
    cells: dict[str, list[tuple[Span, ...]]] = {}
    groups: dict[str, tuple[str, ...]] = {}
    for variant in variants:
        converter = Converter(
            variant.tag, glossary=selection, reference=reference, punctuation="keep", registry=registry
        ).for_text(evidence)
        cells[variant.tag] = _convert(units, converter, rules, variant.quotes if punctuation == "auto" else None)
        groups[variant.tag] = converter.reference
    spelling = _Spelling(char_tables(), registry.chinese)
    rows = []
    for number, (kind, text, line) in enumerate(units, 1):
        row_cells, pieces = _aligned(len(text), {tag: spans[number - 1] for tag, spans in cells.items()}, spelling)
        rows.append(Row(number, kind, line, text, row_cells, pieces))
    inherited = {variant.tag: _inherited(rows, variant, registry) for variant in variants}
    derived = {
        variant.tag: sum(1 for row in rows for span in row.cells[variant.tag] if _term(span) and span.form == "derived")
        for variant in variants
    }
    return Comparison(title, path, tuple(variants), tuple(rows), groups, inherited, derived, document)


def _convert(
    units: Sequence[Unit], converter: Converter, rules: Sequence[str], quotes: tuple[str, str, str, str] | None
) -> list[tuple[Span, ...]]:
    """Each unit's spans in the converter's variant, with one resolver across them all."""
    resolver = converter.markup(rules, explain=True)
    out = []
    for _, text, _ in units:
        spans = resolver.convert(text).spans or []
        out.append(tuple(quote_spans(spans, quotes) if quotes else numbered(spans)))
    return out


class _Spelling:
    """Whether two outputs are the same words spelled in other characters (see the module's note)."""

    def __init__(self, tables: CharTables, variants: Sequence[Variant]) -> None:
        self.tables = tables
        #: Each quotation mark → its places in the variants' ``quotes`` (opening primary: 0 ...).
        self.marks: dict[str, set[int]] = {}
        for variant in variants:
            for place, mark in enumerate(variant.quotes or ()):
                self.marks.setdefault(mark, set()).add(place)

    def alike(self, a: str, b: str) -> bool:
        """``a`` and ``b`` differ at most in the spelling of each character."""
        return len(a) == len(b) and all(x == y or self._alike(x, y) for x, y in zip(a, b, strict=True))

    def _alike(self, x: str, y: str) -> bool:
        if x in self.marks and y in self.marks:
            return bool(self.marks[x] & self.marks[y])
        # Every option of OpenCC's character tables, both ways: `CharTables.alternatives`
        # follows first options only, which leaves 系 apart from 係 (系 → 系 係 繫).
        tables = self.tables
        return (
            any(
                y in table.get(x, ()) or x in table.get(y, ())
                for table in (tables.st, tables.ts, tables.tw, tables.tw_rev, tables.hk, tables.hk_rev)
            )
            or y in tables.alternatives(x)
            or x in tables.alternatives(y)
        )


def _bounds(spans: Sequence[Span], length: int) -> set[int]:
    """Where a variant's spans let the source be cut: their ends, and inside a plain span anywhere."""
    bounds = {0, length}
    for span in spans:
        bounds.update(range(span.start + 1, span.end) if plain(span) else ())
        bounds.update((span.start, span.end))
    return bounds


def _aligned(
    length: int, cells: Mapping[str, Sequence[Span]], spelling: _Spelling
) -> tuple[dict[str, tuple[Span, ...]], tuple[Piece, ...]]:
    """The unit cut where every variant lets it be cut (the intersection of `_bounds`): each
    variant's spans cut there too, and the pieces with their outputs compared."""
    common: set[int] | None = None
    for spans in cells.values():
        bounds = _bounds(spans, length)
        common = bounds if common is None else common & bounds
    cuts = sorted(common or {0, length})
    ranges = list(pairwise(cuts)) or [(0, length)]
    cut = {tag: tuple(numbered(cut_spans(spans, cuts[1:-1]))) for tag, spans in cells.items()}
    outputs: list[dict[str, str]] = [dict.fromkeys(cells, "") for _ in ranges]
    for tag, spans in cut.items():
        index = 0
        for span in spans:
            while index < len(ranges) - 1 and span.start >= ranges[index][1]:
                index += 1
            outputs[index][tag] += span.output
    pieces = tuple(
        Piece(start, end, written, {tag: _difference(out, written, spelling) for tag, out in written.items()})
        for (start, end), written in zip(ranges, outputs, strict=True)
    )
    return cut, pieces


def _difference(output: str, outputs: Mapping[str, str], spelling: _Spelling) -> Difference:
    others = [other for other in outputs.values() if other != output]
    if not others:
        return "same"
    return "script" if all(spelling.alike(output, other) for other in others) else "word"


def _term(span: Span) -> bool:
    return span.kind in ("glossary", "reference") and span.entry is not None


def inherited_from(variant: Variant, form: str | None, registry: VariantRegistry) -> str | None:
    """The variant whose form ``variant`` inherits where a row gives the form for ``form``
    (`Span.form`), or None where the form is its own or derived (see the module's note).

    >>> from termloc import load_variants
    >>> registry = load_variants()
    >>> [inherited_from(registry[tag], form, registry) for tag, form in
    ...  [("zh-SG", "zh-Hans"), ("zh-CN", "zh-Hans"), ("zh-MO", "zh-HK"), ("zh-HK", "zh-HK"), ("zh-MO", "derived")]]
    ['zh-CN', None, 'zh-HK', None, None]
    """
    if form is None or form == variant.tag or form not in registry:
        return None
    given = registry[form]
    stands_for = given.fallbacks[0] if given.script_only and given.fallbacks else given.tag
    return None if stands_for == variant.tag else stands_for


def _inherited(rows: Sequence[Row], variant: Variant, registry: VariantRegistry) -> tuple[Inherited, ...]:
    """The variant's inherited decisions, once each (entry, source, output, form), in order of appearance."""
    found: dict[tuple[str, str, str, str], list[int]] = {}
    kinds: dict[tuple[str, str, str, str], tuple[str, str]] = {}
    for row in rows:
        for span in row.cells[variant.tag]:
            parent = inherited_from(variant, span.form, registry) if _term(span) else None
            if parent is None or span.form is None or span.entry is None:
                continue
            key = (span.entry, span.source, span.output, span.form)
            found.setdefault(key, []).append(row.number)
            kinds[key] = (span.kind, parent)
    out = []
    for key, numbers in found.items():
        entry, source, output, form = key
        kind, parent = kinds[key]
        out.append(Inherited(entry, kind, source, output, form, parent, len(numbers), numbers[0]))
    return tuple(out)
