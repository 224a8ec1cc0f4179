"""An article rendered from its catalogs: a translated locale, or a reviewed Chinese variant.

`render_translation` writes a translated locale (ko-KP, ru ...) unit by
unit from its catalog; `review_override` turns a Chinese variant's review
catalog into the override `termloc.documents.render.render` takes, so that a
reviewer's sentence replaces termloc's conversion of it.
"""

from __future__ import annotations

from collections.abc import Mapping

from termloc.core.variants import Variant, VariantRegistry
from termloc.documents.document import Block, Document, ListItem
from termloc.documents.render import Override, Rendering, convert_infobox
from termloc.documents.segment import split_sentences
from termloc.glossary.selection import GlossarySelection
from termloc.translation.units import SOURCE_VARIANT, SourceKeys

__all__ = ["render_translation", "review_override"]


def render_translation(
    document: Document,
    variant: Variant,
    registry: VariantRegistry,
    translations: Mapping[str, str],
    selection: GlossarySelection,
) -> Rendering:
    """``document`` in a translated locale (ko-KP, ru ...) from its catalog.

    ``translations`` maps msgid to translation (confirmed ones only); a unit
    without one falls back to its zh-Hans source text.
    """
    keys = SourceKeys(document, registry, selection)
    out = Rendering(variant, document, "", [], [], source=SOURCE_VARIANT)
    joiner = "" if variant.is_chinese else " "

    def translate(text: str) -> str:
        key = keys(text)
        out.units += 1
        if key in translations:
            out.from_catalog += 1
            return translations[key]
        out.fallbacks += 1
        return key

    out.title = translate(document.title)
    out.infoboxes = [convert_infobox(box, translate) for box in document.infoboxes]
    for block in document.blocks:
        if block.kind == "code":
            out.blocks.append(block)
        elif block.kind == "list":
            items = tuple(ListItem(translate(i.text), i.number, i.line) for i in block.items)
            out.blocks.append(Block("list", items=items, ordered=block.ordered, line=block.line))
        elif block.kind == "paragraph":
            text = joiner.join(translate(s) for s in split_sentences(block.text) if s.strip())
            out.blocks.append(Block("paragraph", text, line=block.line))
        else:
            out.blocks.append(Block(block.kind, translate(block.text), block.level, line=block.line))
    return out


def review_override(
    document: Document,
    registry: VariantRegistry,
    reviewed: Mapping[str, str],
    selection: GlossarySelection,
) -> Override | None:
    """The override that shows each reviewed unit (msgid → text) as reviewed.

    None when nothing is reviewed, so that rendering takes its plain path.
    """
    if not reviewed:
        return None
    keys = SourceKeys(document, registry, selection)

    def override(text: str) -> str | None:
        return reviewed.get(keys(text))

    return override
