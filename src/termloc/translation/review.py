"""Review catalogs: termloc's conversion of each unit, and which units need a reviewer and why.

A Chinese variant's catalog is a review catalog: `prefills` converts every
unit as `termloc.documents.render.render` does, explained
(`termloc.engine.explain`), and `Triage` names what in a unit's conversion a
reviewer should look at. `apply_prefills` writes them into a catalog: a unit
with a reason is fuzzy, each reason in a ``#. review: ...`` comment; the
others are pre-filled and confirmed. A unit needs review when its
conversion holds

- an **ambiguity**: the dictionary entry that wrote or kept a word offers
  several outputs, where the choice is a word's: a phrase entry
  (STPhrases's 搜集 → 蒐集 / 搜集) or a regional dictionary's entry
  (TWPhrases's 訪問 → 訪問 / 存取). A single character's several readings in
  the script conversion (STCharacters's 于 → 於 / 于, 后 → 後 / 后) count only
  with ``characters=True``: OpenCC takes the first where no phrase says
  otherwise, in half the article's sentences;
- a **regional decision**: a change by one of OpenCC's regional
  dictionaries of the variant's config (TWPhrases's 软件 → 軟體, HKVariantsPhrases)
  that no glossary entry, reference rule, document rule or markup made and
  that the variant's script conversion alone (``character_config``) would
  not make. The variant's own regional characters (``regional_characters``:
  TWVariants's 裏 → 裡) are its standard and not a decision;
- a **wrong-script character** (the render report's leftovers:
  `termloc.documents.render`), outside markup that writes it on purpose;
- a span the explanation marks **unexplained** (its replay differed from OpenCC);
- or a unit that recurs and **reads differently** in two places (a rule
  between them): one catalog message cannot confirm both.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from babel.messages.catalog import Catalog, Message

from termloc.core import opencc_files
from termloc.core.han import char_tables
from termloc.core.variants import Variant, VariantRegistry
from termloc.documents.document import Document

# The render report's own rule for wrong-script characters: triage and report must agree on what a leftover is.
from termloc.documents.render import wrong_script
from termloc.engine.converter import Converter
from termloc.engine.explain import Span, join, quote_spans
from termloc.glossary.selection import GlossarySelection
from termloc.translation.units import SourceKeys, walk

__all__ = [
    "REVIEW_PREFIX",
    "Prefill",
    "ReviewCounts",
    "Triage",
    "apply_prefills",
    "marked_for_review",
    "prefills",
]

#: How a review reason's extracted comment begins (``#. review: 訪問 ← 访问: ...``).
REVIEW_PREFIX = "review: "

#: The span kinds OpenCC wrote (or kept, for an ambiguous character): the only ones triage questions
#: besides the script check; a glossary, reference, document rule or markup span is someone's decision.
_OPENCC = ("opencc-phrase", "opencc-character", "unchanged")


@dataclass(frozen=True)
class Prefill:
    """termloc's conversion of one unit, and why a reviewer should look at it (none: confirmed)."""

    text: str
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReviewCounts:
    """What `apply_prefills` did: units filled, units now fuzzy for review, units it confirmed."""

    prefilled: int = 0
    review: int = 0
    confirmed: int = 0


def _arrow(span: Span) -> str:
    """``訪問 ← 访问``, or ``家 (kept)``."""
    return f"{span.output} ← {span.source}" if span.changed else f"{span.output} (kept)"


@cache
def _config_files(name: str) -> frozenset[str]:
    """The dictionary files (stems: ``STPhrases``) of OpenCC's config ``name``."""
    found: set[str] = set()

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("file"), str):
                found.add(node["file"].rsplit("/", 1)[-1].split(".", 1)[0])
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(json.loads(opencc_files.stock_config(name).read_text(encoding="utf-8")))
    return frozenset(found)


class Triage:
    """Why a unit's conversion into ``variant`` needs a reviewer (see the module's note).

    ``characters`` also counts a character's several readings in the
    script conversion (于 → 於 / 于) as an ambiguity.
    """

    def __init__(self, variant: Variant, *, characters: bool = False) -> None:
        self.variant = variant
        self.characters = characters
        script = _config_files(variant.character_config) if variant.character_config else frozenset()
        own = _config_files(variant.opencc_config) if variant.opencc_config else frozenset()
        #: OpenCC's dictionaries of the variant's config that choose words, not script.
        self.regional = own - script - {variant.regional_characters}
        self._script = opencc_files.converter(variant.character_config) if variant.character_config else None
        self._wrong = wrong_script(char_tables(), variant)

    def reasons(self, spans: Sequence[Span], literals: Sequence[tuple[int, int]] = ()) -> list[str]:
        """The reasons, in document order and each once, that the conversion ``spans`` needs review.

        ``literals`` are the output ranges markup wrote on purpose
        (`termloc.engine.markup.Resolved.literals`), exempt from the script check.
        """
        found: list[str] = []
        for span in spans:
            for reason in self._span(span, literals):
                if reason not in found:
                    found.append(reason)
        return found

    def _span(self, span: Span, literals: Sequence[tuple[int, int]]) -> Iterator[str]:
        if span.unexplained:
            yield f"{_arrow(span)}: termloc cannot explain this conversion (its replay of OpenCC differs); check it"
        if span.kind in _OPENCC:
            ambiguous = self._ambiguity(span)
            if ambiguous is not None:
                yield ambiguous
            regional = self._regional(span)
            if regional is not None:
                yield regional
        for offset, char in enumerate(span.output, span.out_start):
            if char in self._wrong and not any(start <= offset < end for start, end in literals):
                # The reason's first part names who wrote it; the candidates that lost do not matter here.
                yield f"{char} in {span.output} is not {self.variant.script} script ({span.reason().split('; ')[0]})"

    def _ambiguity(self, span: Span) -> str | None:
        """The reason for the last step of ``span`` whose entry offers several outputs, where that counts."""
        for step in reversed(span.steps):
            if not step.candidates:
                continue
            if len(step.key) > 1 or step.dictionary in self.regional or self.characters:
                where = "" if step.key in (span.source, span.output) else f" for {step.key}"
                return f"{_arrow(span)}: OpenCC {step.dictionary} offers {' / '.join(step.candidates)}{where}"
        return None

    def _regional(self, span: Span) -> str | None:
        """The reason for a change a regional dictionary made in ``span``, unless the script alone makes it."""
        changed = [step for step in span.steps if step.dictionary in self.regional and step.key != step.output]
        if not changed:
            return None
        # The output before the variant's quotation marks, which are no dictionary's (`quote_spans`).
        output = next((s.key for s in span.steps if s.stage == "punctuation"), span.output)
        if self._script is not None and opencc_files.convert(self._script, span.source) == output:
            return None
        return f"{_arrow(span)}: OpenCC {changed[-1].dictionary} (no glossary entry)"


def prefills(
    document: Document,
    variant: Variant,
    registry: VariantRegistry,
    selection: GlossarySelection,
    *,
    characters: bool = False,
) -> dict[str, Prefill]:
    """msgid → termloc's conversion of the unit into ``variant`` and its review reasons.

    The conversion is the render's: the same reference groups (chosen for
    the whole document), document rules and markup carried from unit to
    unit, the variant's quotation marks.
    """
    keys = SourceKeys(document, registry, selection)
    converter = Converter(variant.tag, glossary=selection, punctuation="keep", registry=registry)
    resolver = converter.for_text(document.text).markup(document.rules, explain=True)
    triage = Triage(variant, characters=characters)
    found: dict[str, Prefill] = {}
    for _, text, _ in walk(document):
        resolved = resolver.convert(text)
        spans = resolved.spans or []
        if variant.quotes:
            spans = quote_spans(spans, variant.quotes)
        key = keys(text)
        if not key:  # markup alone (-{H|...}-): no unit, but its rules carry on
            continue
        unit = Prefill(join(spans).strip(), tuple(triage.reasons(spans, resolved.literals)))
        known = found.get(key)
        if known is None:
            found[key] = unit
        elif known.text != unit.text:
            reason = f"reads {known.text} first and {unit.text} where it recurs (a rule between them)"
            if reason not in known.reasons:
                found[key] = Prefill(known.text, (*known.reasons, reason))
    return found


# -- the catalog -------------------------------------------------------------------


def _review_comments(message: Message) -> list[str]:
    return [c for c in message.auto_comments if c.startswith(REVIEW_PREFIX)]


def marked_for_review(message: Message) -> bool:
    """Whether ``message`` is fuzzy because triage marked it (it holds a ``#. review:`` comment)."""
    return message.fuzzy and bool(_review_comments(message))


def _untouched(message: Message, unit: Prefill) -> bool:
    """Whether ``message`` is fuzzy and holds termloc's conversion as termloc wrote it: no previous
    msgid (a changed source, matched by Babel) and no translator's comment."""
    return message.fuzzy and message.string == unit.text and not message.previous_id and not message.user_comments


def apply_prefills(catalog: Catalog, found: Mapping[str, Prefill]) -> ReviewCounts:
    """Pre-fill the review catalog ``catalog`` from ``found`` (msgid → `Prefill`).

    An empty message takes termloc's conversion: fuzzy with its reasons as
    ``#. review:`` comments when it has any, else confirmed. A fuzzy one
    that still holds termloc's conversion, without a previous msgid (a
    changed source Babel matched) or a translator's comment, is triaged
    again: confirmed when nothing is left to review. Every other message
    keeps its text and flags; the reasons are written afresh on each fuzzy
    one and on no confirmed one, so a second update changes nothing.
    """
    prefilled = review = confirmed = 0
    for message in catalog:
        unit = found.get(str(message.id)) if message.id else None
        message.auto_comments = [c for c in message.auto_comments if not c.startswith(REVIEW_PREFIX)]
        if unit is None:
            continue
        if not message.string:
            message.string = unit.text
            prefilled += 1
            if unit.reasons:
                message.flags.add("fuzzy")
        elif not unit.reasons and _untouched(message, unit):
            message.flags.discard("fuzzy")
            confirmed += 1
        if message.fuzzy:
            message.auto_comments += [REVIEW_PREFIX + reason for reason in unit.reasons]
            review += bool(unit.reasons)
    return ReviewCounts(prefilled, review, confirmed)
