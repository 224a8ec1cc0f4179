"""Translation units: an article cut into sentences, each keyed by its zh-Hans rendering.

A sentence is the unit (headings, list items, infobox lines and the title are
units of their own); its ``msgid`` is the unit in zh-Hans, document rules
applied, so every translator reads one script. Glossary terms of a unit
travel as comments with their forms in every locale. The document is cut
into units by `termloc.documents.segment.walk` (named here too).
"""

from __future__ import annotations

from dataclasses import dataclass

from termloc.core.han import char_tables
from termloc.core.variants import VariantRegistry
from termloc.documents.document import Document
from termloc.documents.segment import UnitKind, segments, walk
from termloc.engine.converter import Converter
from termloc.glossary.finder import TermIndex
from termloc.glossary.model import Entry, Glossary, Row
from termloc.glossary.selection import GlossarySelection

__all__ = [
    "SOURCE_VARIANT",
    "SourceKeys",
    "Unit",
    "segments",
    "source_index",
    "term_comments",
    "term_hints",
    "units",
    "walk",
]

#: The variant every msgid is written in.
SOURCE_VARIANT = "zh-Hans"


@dataclass(frozen=True)
class Unit:
    """One translation unit of a document."""

    msgid: str
    original: str
    line: int
    kind: UnitKind


class SourceKeys:
    """The msgid of each unit: its zh-Hans rendering, document rules applied.

    Walk the document in order (title, infoboxes, blocks) with one instance,
    as extraction does, so inline rules carry the same way. ``selection``
    is the glossary the keys are converted with.
    """

    def __init__(self, document: Document, registry: VariantRegistry, selection: GlossarySelection) -> None:
        converter = Converter(SOURCE_VARIANT, glossary=selection, registry=registry)
        self._resolver = converter.markup(document.rules)

    def __call__(self, text: str) -> str:
        return self._resolver.convert(text).text.strip()


def units(document: Document, registry: VariantRegistry, selection: GlossarySelection) -> list[Unit]:
    """Every translation unit of ``document``, in order."""
    key = SourceKeys(document, registry, selection)
    found = [Unit(key(text), text.strip(), line, kind) for kind, text, line in walk(document)]
    return [unit for unit in found if unit.msgid]


def term_hints(msgid: str, glossary: Glossary, registry: VariantRegistry) -> list[tuple[str, Entry, Row]]:
    """(the term as ``msgid`` writes it, its entry, its row) for each glossary term of ``msgid``,
    once per spelling, in order: the terms a translator of the unit is shown."""
    hints: list[tuple[str, Entry, Row]] = []
    seen: set[str] = set()
    for match, entry, row in source_index(glossary, registry).find(msgid):
        if match.group() not in seen:
            seen.add(match.group())
            hints.append((match.group(), entry, row))
    return hints


def term_comments(msgid: str, glossary: Glossary, registry: VariantRegistry) -> list[str]:
    """``普京 [vladimir-putin]: ko 푸틴 · ko-KP 뿌찐 · ru Путин · ...`` for each term of ``msgid``.

    The forms of the hint locales (``hint: true``), translated locales first,
    then the Chinese variants the msgid's own script does not already show.
    """
    tables = char_tables()
    source = registry[SOURCE_VARIANT]
    shown = sorted((v for v in registry.hints if v.tag not in source.chain), key=lambda v: (v.is_chinese, v.order))
    comments: list[str] = []
    for term, entry, row in term_hints(msgid, glossary, registry):
        forms = []
        for variant in shown:
            form = row.forms_for(variant, tables, name=entry.is_name).preferred
            if form is not None and form.text:
                forms.append(f"{variant.tag} {form.text}")
        if forms:
            comments.append(f"{term} [{entry.id}]: {' · '.join(forms)}")
    return comments


_INDEXES: dict[int, tuple[Glossary, TermIndex]] = {}


def source_index(glossary: Glossary, registry: VariantRegistry) -> TermIndex:
    """The glossary's zh-Hans forms, to find terms in msgids (built once per glossary)."""
    known = _INDEXES.get(id(glossary))
    if known is None or known[0] is not glossary:
        known = (glossary, TermIndex(glossary, registry[SOURCE_VARIANT], char_tables()))
        _INDEXES[id(glossary)] = known
    return known[1]
