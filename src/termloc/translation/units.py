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
from termloc.glossary.model import Glossary
from termloc.glossary.selection import GlossarySelection

__all__ = [
    "SOURCE_VARIANT",
    "SourceKeys",
    "Unit",
    "segments",
    "source_index",
    "term_comments",
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


def term_comments(msgid: str, glossary: Glossary, registry: VariantRegistry) -> list[str]:
    """``普京 [vladimir-putin]: ko 푸틴 · ko-KP 뿌찐 · ru Путин · ...`` for each term of ``msgid``.

    The forms of the hint locales (``hint: true``), translated locales first,
    then the Chinese variants the msgid's own script does not already show.
    """
    tables = char_tables()
    source = registry[SOURCE_VARIANT]
    shown = sorted((v for v in registry.hints if v.tag not in source.chain), key=lambda v: (v.is_chinese, v.order))
    index = source_index(glossary, registry)
    comments: list[str] = []
    seen: set[str] = set()
    for match, entry, row in index.find(msgid):
        if match.group() in seen:
            continue
        seen.add(match.group())
        forms = []
        for variant in shown:
            tag = variant.tag
            if variant.is_chinese:
                form = row.chinese_form(variant, tables, name=entry.is_name)
                text = form.text if form else None
            else:
                text = row.forms.get(tag)
            if text:
                forms.append(f"{tag} {text}")
        if forms:
            comments.append(f"{match.group()} [{entry.id}]: {' · '.join(forms)}")
    return comments


_INDEXES: dict[int, tuple[Glossary, TermIndex]] = {}


def source_index(glossary: Glossary, registry: VariantRegistry) -> TermIndex:
    """The glossary's zh-Hans forms, to find terms in msgids (built once per glossary)."""
    known = _INDEXES.get(id(glossary))
    if known is None or known[0] is not glossary:
        known = (glossary, TermIndex(glossary, registry[SOURCE_VARIANT], char_tables()))
        _INDEXES[id(glossary)] = known
    return known[1]
