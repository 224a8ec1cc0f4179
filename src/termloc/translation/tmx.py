"""TMX 1.4 of the translated catalogs, for translators' memories.

One ``<tu>`` per unit of the article (the messages of the PO template, in
order) that some catalog translates: the zh-Hans source as the first
``<tuv>``, then one per locale whose catalog holds a confirmed translation
(fuzzy ones are drafts and stay out), each with the locale's BCP 47 tag.
The header names termloc as the creation tool, the source language and
``segtype="sentence"``; each ``<tu>`` carries the unit's location as a
``<prop type="x-location">``. No creation date is written, so the same
catalogs give the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from babel.messages.catalog import Catalog
from lxml import etree

from termloc.core.errors import InputError
from termloc.core.variants import Variant
from termloc.translation.catalogs import messages_by_id, translation_of

__all__ = ["VERSION", "tmx_document"]

VERSION = "1.4"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _tuv(parent: Any, language: str, text: str) -> None:
    tuv = etree.SubElement(parent, "tuv")
    tuv.set(_XML_LANG, language)
    etree.SubElement(tuv, "seg").text = text


def tmx_document(
    template: Catalog, catalogs: Sequence[tuple[Variant, Catalog]], source_language: str, tool_version: str
) -> tuple[bytes, int]:
    """(the TMX document, how many units it holds) of ``template``'s units translated in ``catalogs``."""
    root = etree.Element("tmx", version=VERSION)
    etree.SubElement(
        root,
        "header",
        {
            "creationtool": "termloc",
            "creationtoolversion": tool_version,
            "segtype": "sentence",
            "o-tmf": "PO",
            "adminlang": "en",
            "srclang": source_language,
            "datatype": "plaintext",
        },
    )
    body = etree.SubElement(root, "body")
    found = [(variant, messages_by_id(catalog)) for variant, catalog in catalogs]
    count = 0
    for number, message in enumerate((m for m in template if m.id), 1):
        msgid = str(message.id)
        translations = [(v.bcp47, translation_of(by_id.get(msgid))) for v, by_id in found]
        present = [(tag, text) for tag, text in translations if text]
        if not present:
            continue
        tu = etree.SubElement(body, "tu", tuid=str(number))
        for file, line in message.locations:
            etree.SubElement(tu, "prop", type="x-location").text = f"{file}:{line}"
        _tuv(tu, source_language, msgid)
        for tag, text in present:
            _tuv(tu, tag, str(text))
        count += 1
    try:
        data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    except ValueError as err:  # a translation holding characters XML cannot hold
        raise InputError("<catalogs>", f"cannot be written as XML: {err}") from None
    return data, count
