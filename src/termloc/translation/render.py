"""An article rendered from its catalogs: a translated locale, or a reviewed Chinese variant.

`render_translation` writes a translated locale (ko-KP, ru ...) unit by
unit from its catalog; `review_override` turns a Chinese variant's review
catalog into the override `termloc.documents.render.render` takes, so that a
reviewer's sentence replaces termloc's conversion of it. `every_version` and
`render_version` are what ``termloc render`` (and ``termloc serve``'s article
pages) make of a document and a catalog folder.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from termloc.core.errors import UsageError
from termloc.core.variants import Variant, VariantRegistry
from termloc.documents.document import Block, Document, ListItem
from termloc.documents.render import Override, Rendering, convert_infobox, render
from termloc.documents.segment import split_sentences
from termloc.engine.converter import ReferenceChoice
from termloc.glossary.model import Glossary
from termloc.glossary.selection import GlossarySelection
from termloc.translation.catalogs import catalog_path, confirmed_translations
from termloc.translation.units import SOURCE_VARIANT, SourceKeys

__all__ = ["every_version", "render_translation", "render_version", "review_override"]


def every_version(document: Document, registry: VariantRegistry, catalogs: Path) -> list[str]:
    """The tags of every Chinese variant, and of every other locale with a catalog for ``document``
    in the folder ``catalogs`` (``termloc render --all``), in the registry's order."""
    return [
        variant.tag
        for variant in registry.values()
        if variant.is_chinese or catalog_path(catalogs, variant, document.name).is_file()
    ]


def render_version(
    document: Document,
    variant: Variant,
    registry: VariantRegistry,
    glossary: Glossary,
    selection: GlossarySelection,
    catalogs: Path,
    *,
    reference: ReferenceChoice,
    annotate: bool = False,
) -> Rendering:
    """``document`` in ``variant``: a Chinese variant converted (its reviewed units as reviewed, from its
    catalog in ``catalogs`` if it has one), a translated locale from its catalog (`UsageError` without one).

    ``glossary`` is the one loaded from ``selection``.
    """
    path = catalog_path(catalogs, variant, document.name)
    catalog = confirmed_translations(path, variant) if path.is_file() else None
    if variant.is_chinese:
        override = review_override(document, registry, catalog or {}, selection)
        return render(
            document,
            variant,
            registry,
            glossary,
            selection=selection,
            reference=reference,
            annotate=annotate,
            override=override,
        )
    if catalog is None:
        raise UsageError(
            f"{variant.tag!r} is not a Chinese variant and has no catalog for {document.name}; "
            f"run 'termloc po update --locale {variant.tag}' and translate it"
        )
    return render_translation(document, variant, registry, catalog, selection)


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
