"""The article's units as XLIFF 2.1, for CAT tools (Trados, memoQ, OmegaT, Phrase).

One ``<unit>`` per message of the PO template (`termloc.translation.catalogs.extract`:
the same units, the same zh-Hans source text), in the template's order:

- ``<notes>``: where the unit stands (``category="location"``, the
  article and line) and what it is (``category="unit"``: sentence, heading
  ...; the original text where it differs from the zh-Hans source);
- ``<gls:glossary>`` (XLIFF's Glossary module): one ``<gls:glossEntry>``
  per glossary term of the unit, its ``<gls:term>`` as the source writes it
  and ``<gls:translation>`` the target locale's form, as ``po check`` will
  ask for it, then the admitted ones (`termloc.glossary.model.Row.forms_for`);
- one ``<segment>``: the source, and the locale's translation from its
  catalog when there is one: ``state="translated"``, or ``initial`` for a
  fuzzy one.

`termloc.translation.xliff_merge` reads such a file back into the catalog.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from babel.messages.catalog import Catalog, Message
from lxml import etree

from termloc.core.errors import InputError
from termloc.core.han import char_tables
from termloc.core.variants import Variant, VariantRegistry
from termloc.glossary.model import Glossary
from termloc.translation.units import SOURCE_VARIANT, term_hints

__all__ = ["GLOSSARY_NAMESPACE", "NAMESPACE", "VERSION", "unit_id", "xliff_document"]

NAMESPACE = "urn:oasis:names:tc:xliff:document:2.0"
GLOSSARY_NAMESPACE = "urn:oasis:names:tc:xliff:glossary:2.0"
VERSION = "2.1"
_XML = "http://www.w3.org/XML/1998/namespace"


def unit_id(number: int) -> str:
    """The id of the ``number``-th unit (from 1): ``u1``, ``u2`` ... (merging goes by source text, not id)."""
    return f"u{number}"


def _element(parent: Any, name: str, text: str | None = None, namespace: str = NAMESPACE, **attributes: str) -> Any:
    node = etree.SubElement(parent, f"{{{namespace}}}{name}", attributes)
    if text is not None:
        node.text = text
    return node


def _glossary(unit: Any, msgid: str, variant: Variant, glossary: Glossary, registry: VariantRegistry) -> None:
    tables = char_tables()
    entries = []
    for term, entry, row in term_hints(msgid, glossary, registry):
        forms = row.forms_for(variant, tables, name=entry.is_name)
        translations = [forms.preferred.text] if forms.preferred else []
        entries.append((term, entry.id, translations + [a for a in forms.admitted if a not in translations]))
    if not entries:
        return
    node = _element(unit, "glossary", namespace=GLOSSARY_NAMESPACE)
    for term, entry_id, translations in entries:
        gloss = _element(node, "glossEntry", namespace=GLOSSARY_NAMESPACE)
        _element(gloss, "term", term, namespace=GLOSSARY_NAMESPACE, source=f"termloc glossary: {entry_id}")
        for text in translations:
            _element(gloss, "translation", text, namespace=GLOSSARY_NAMESPACE)


def _unit(
    parent: Any, number: int, message: Message, existing: Message | None, variant: Variant, context: dict[str, Any]
) -> None:
    msgid = str(message.id)
    unit = _element(parent, "unit", id=unit_id(number))
    unit.set(f"{{{_XML}}}space", "preserve")
    _glossary(unit, msgid, variant, context["glossary"], context["registry"])
    notes = _element(unit, "notes")
    for file, line in message.locations:
        _element(notes, "note", f"{file}:{line}", category="location")
    if message.auto_comments:  # the unit's kind, and its original where it differs: as the template writes them
        _element(notes, "note", message.auto_comments[0], category="unit")
    segment = _element(unit, "segment")
    _element(segment, "source", msgid)
    string = existing.string if existing is not None else None
    if isinstance(string, str) and string:
        segment.set("state", "initial" if existing is not None and existing.fuzzy else "translated")
        _element(segment, "target", string)


def xliff_document(
    template: Catalog,
    translations: Mapping[str, Message],
    variant: Variant,
    glossary: Glossary,
    registry: VariantRegistry,
    original: str,
) -> bytes:
    """XLIFF 2.1 of the units of ``template`` for ``variant``, with the translations of its catalog
    (msgid → message) and the glossary's hints; ``original`` names the article."""
    root = etree.Element(f"{{{NAMESPACE}}}xliff", nsmap={None: NAMESPACE, "gls": GLOSSARY_NAMESPACE})
    root.set("version", VERSION)
    root.set("srcLang", registry[SOURCE_VARIANT].bcp47)
    root.set("trgLang", variant.bcp47)
    file = _element(root, "file", id="f1", original=original)
    context = {"glossary": glossary, "registry": registry}
    messages = [m for m in template if m.id]
    for number, message in enumerate(messages, 1):
        _unit(file, number, message, translations.get(str(message.id)), variant, context)
    try:
        data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    except ValueError as err:  # a catalog's translation holding characters XML cannot hold
        raise InputError(original, f"cannot be written as XML: {err}") from None
    return data
