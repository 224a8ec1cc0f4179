"""TBX v2 (``martif``) out, as the Translate Toolkit, and so Weblate's glossary, reads it.

The Translate Toolkit's reader (``translate.storage.tbx``) and Weblate take
TBX v2 only: ``martif`` / ``termEntry`` / ``langSet`` / ``tig``, with the
language of each ``langSet`` as Weblate's code (``weblate:`` in
``locales/<tag>.yaml``: ``zh_Hans``, ``zh_Hant``, ``zh_Hant_HK``, ``ko``,
``ko_KP``). One ``langSet`` per Weblate language holds what a translator
into that locale writes, resolved as ``po check`` reads it
(`termloc.glossary.model.Row.forms_for`): a Chinese variant's form along its
fallback chain (or derived from the other script), the admitted and
deprecated forms along the chain. Weblate's zh_Hans and zh_Hant are
mainland China's and Taiwan's Chinese, so termloc's script-only zh-Hans and
zh-Hant, which Weblate has no language for, are not written.

==========================  ==================================================
termloc                     TBX v2
==========================  ==================================================
entry id                    ``termEntry/@id`` (``_`` before a leading digit)
kind                        ``descrip[@type='subjectField']``
note                        ``descrip[@type='definition']`` (Weblate's explanation)
group, sources              ``admin[@type='projectSubset']``, ``admin[@type='source']``
each row's forms            ``tig`` in row order: preferred, admitted, deprecated
status                      ``termNote[@type='administrativeStatus']``
==========================  ==================================================

TBX v3 (`termloc.interchange.tbx`) stays the default export, and reading
either version is `termloc.interchange.tbx.read_tbx`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lxml import etree

from termloc.core.errors import InputError
from termloc.core.han import CharTables
from termloc.core.variants import Variant, VariantRegistry
from termloc.glossary.model import Entry, Glossary
from termloc.interchange.tbx import STATUS_VALUES, concept_id

__all__ = ["DOCTYPE", "export_tbx_v2", "weblate_variants"]

#: The document type the Translate Toolkit writes and expects (it is not fetched: no DTD is loaded).
DOCTYPE = '<!DOCTYPE martif PUBLIC "ISO 12200:1999A//DTD MARTIF core (DXFcdV04)//EN" "TBXcdv04.dtd">'
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def weblate_variants(registry: VariantRegistry) -> list[Variant]:
    """The variants and locales Weblate has a language code for, in termloc's order."""
    return sorted((v for v in registry.values() if v.weblate), key=lambda v: v.order)


def _element(parent: Any, name: str, text: str | None = None, **attributes: str) -> Any:
    node = etree.SubElement(parent, name)
    for key, value in attributes.items():
        node.set(_XML_LANG if key == "lang" else key, value)
    if text is not None:
        node.text = text
    return node


def _terms(entry: Entry, variant: Variant, tables: CharTables) -> Iterator[tuple[str, str]]:
    """(form, status) of the entry in ``variant``, row by row, each pair once."""
    seen: set[tuple[str, str]] = set()
    for row in entry.rows:
        forms = row.forms_for(variant, tables, name=entry.is_name)
        found = [(forms.preferred.text, "preferred")] if forms.preferred else []
        found += [(text, "admitted") for text in forms.admitted]
        found += [(text, "deprecated") for text in forms.deprecated]
        for pair in found:
            if pair not in seen:
                seen.add(pair)
                yield pair


def _term_entry(body: Any, entry: Entry, languages: list[Variant], tables: CharTables) -> None:
    node = _element(body, "termEntry", id=concept_id(entry.id))
    _element(node, "descrip", entry.kind, type="subjectField")
    if entry.note:
        _element(node, "descrip", entry.note, type="definition")
    _element(node, "admin", entry.group, type="projectSubset")
    for source in entry.sources:
        _element(node, "admin", source, type="source")
    for variant in languages:
        terms = list(_terms(entry, variant, tables))
        if not terms:
            continue
        language = _element(node, "langSet", lang=str(variant.weblate))
        for text, status in terms:
            tig = _element(language, "tig")
            _element(tig, "term", text)
            _element(tig, "termNote", STATUS_VALUES[status], type="administrativeStatus")


def export_tbx_v2(glossary: Glossary, registry: VariantRegistry, tables: CharTables) -> bytes:
    """``glossary`` as a TBX v2 (``martif``) document in Weblate's language codes, UTF-8."""
    root = etree.Element("martif", type="TBX")
    root.set(_XML_LANG, "en")
    description = _element(_element(root, "martifHeader"), "fileDesc")
    _element(_element(description, "titleStmt"), "title", "termloc glossary")
    _element(_element(description, "sourceDesc"), "p", "Exported by termloc (termloc export tbx --dialect v2).")
    body = _element(_element(root, "text"), "body")
    languages = weblate_variants(registry)
    for entry in glossary.entries:
        _term_entry(body, entry, languages, tables)
    try:
        data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True, doctype=DOCTYPE)
    except ValueError as err:  # characters XML cannot hold
        raise InputError("<glossary>", f"cannot be written as XML: {err}") from None
    return data
