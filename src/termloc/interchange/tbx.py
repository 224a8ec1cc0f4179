"""TBX (ISO 30042): TBX-Basic v3 out, TBX v3 and v2 in.

Export writes TBX-Basic in TBX v3's DCA style (namespace
``urn:iso:std:iso:30042:ed-2``): one ``conceptEntry`` per entry, one
``langSec`` per language (BCP 47: zh-Hans-CN, zh-Hant-TW, ko-KR ...), one
``termSec`` per form, its status as ``administrativeStatus``. Only TBX-Basic
data categories are used, so that any TBX-Basic reader takes the file:

============================  ==============================================
termloc                       TBX-Basic
============================  ==============================================
entry id                      ``conceptEntry/@id`` (``_`` before a leading digit)
group                         ``admin[@type='projectSubset']``
kind                          ``descrip[@type='subjectField']``
sources                       ``admin[@type='source']``, one each
note                          ``note``
origin                        ``note`` reading ``origin: ru``
preferred/admitted/deprecated ``termNote[@type='administrativeStatus']``
a one-way row's ``from``      ``langSec[@xml:lang='zh']``, status superseded
the row a form belongs to     ``termSec/@id`` = ``<concept id>.r<row>.<n>``
group title and description   ``sourceDesc`` with ``p[@type]`` in the header
============================  ==============================================

Import reads both that and the older TBX v2 (``martif`` / ``termEntry`` /
``langSet`` / ``tig`` or ``ntig``) that the Translate Toolkit, and so
Weblate, write. Terms in a language termloc does not declare are skipped and
reported; so are Chinese terms with spaces, which termloc cannot convert.
Without termloc's row ids, the n-th preferred term of each language goes to
row n, and an admitted or deprecated term to the row of the preferred term
before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from termloc.core.errors import InputError, VariantError
from termloc.core.variants import VariantRegistry
from termloc.core.xmlfiles import parse_xml
from termloc.glossary.model import KINDS, Entry, Glossary, Group, Row
from termloc.glossary.validate import ENTRY_ID, unfit_chinese

__all__ = ["NAMESPACE", "STATUS_VALUES", "TbxImport", "concept_id", "export_tbx", "language_tag", "read_tbx"]

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS_VALUES = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
    "from": "supersededTerm-admn-sts",
}
_ORIGIN = re.compile(r"^origin: ([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)$")


def language_tag(tag: str, registry: VariantRegistry) -> str:
    """The BCP 47 tag a TBX file uses for termloc's ``tag``: the variant's ``bcp47``
    (zh-Hans-CN, zh-Hant-TW, ko-KR beside ko-KP, ru); a tag termloc does not
    declare (``zh``, a one-way row's inputs) as it is."""
    variant = registry.get(tag)
    return tag if variant is None else variant.bcp47


# --- export ----------------------------------------------------------------------------------


def _element(parent: Any, name: str, text: str | None = None, **attributes: str) -> Any:
    node = etree.SubElement(parent, f"{{{NAMESPACE}}}{name}")
    for key, value in attributes.items():
        node.set(_XML_LANG if key == "lang" else key, value)
    if text is not None:
        node.text = text
    return node


def concept_id(entry_id: str) -> str:
    # An XML id cannot start with a digit; termloc's ids can.
    return f"_{entry_id}" if entry_id[:1].isdigit() else entry_id


def _forms(row: Row) -> Iterator[tuple[str, str, str]]:
    """(tag, form, status) of every form of ``row``, in the row's order."""
    for tag, text in row.forms.items():
        yield tag, text, "preferred"
    for status, forms in (("admitted", row.admitted), ("deprecated", row.deprecated)):
        for tag, texts in forms.items():
            for text in texts:
                yield tag, text, status
    for text in row.one_way:
        yield "zh", text, "from"


def _concept(body: Any, entry: Entry, registry: VariantRegistry) -> None:
    xml_id = concept_id(entry.id)
    concept = _element(body, "conceptEntry", id=xml_id)
    _element(concept, "admin", entry.group, type="projectSubset")
    _element(concept, "descrip", entry.kind, type="subjectField")
    for source in entry.sources:
        _element(concept, "admin", source, type="source")
    if entry.note:
        _element(concept, "note", entry.note)
    if entry.origin is not None:
        _element(concept, "note", f"origin: {entry.origin}")
    by_tag: dict[str, list[tuple[int, str, str]]] = {}
    for number, row in enumerate(entry.rows, 1):
        for tag, text, status in _forms(row):
            by_tag.setdefault(tag, []).append((number, text, status))
    order = {tag: i for i, tag in enumerate(registry)}
    counter = 0
    for tag in sorted(by_tag, key=lambda t: order.get(t, len(order))):
        section = _element(concept, "langSec", lang=language_tag(tag, registry))
        for number, text, status in by_tag[tag]:
            counter += 1
            term_section = _element(section, "termSec", id=f"{xml_id}.r{number}.{counter}")
            _element(term_section, "term", text)
            _element(term_section, "termNote", STATUS_VALUES[status], type="administrativeStatus")


def export_tbx(glossary: Glossary, registry: VariantRegistry) -> bytes:
    """``glossary`` as a TBX-Basic (TBX v3, DCA) document, UTF-8."""
    root = etree.Element(f"{{{NAMESPACE}}}tbx", nsmap={None: NAMESPACE})
    root.set("type", "TBX-Basic")
    root.set("style", "dca")
    root.set(_XML_LANG, "en")
    file_description = _element(_element(root, "tbxHeader"), "fileDesc")
    title = _element(file_description, "titleStmt")
    _element(title, "title", "termloc glossary")
    _element(_element(file_description, "sourceDesc"), "p", "Exported by termloc (termloc export tbx).")
    for group in glossary.groups:
        description = _element(file_description, "sourceDesc")
        _element(description, "p", group.name, type="group")
        for tag, text in group.title.items():
            _element(description, "p", text, type="title", lang=tag)
        if group.description:
            _element(description, "p", group.description, type="description")
    body = _element(_element(root, "text"), "body")
    for entry in glossary.entries:
        _concept(body, entry, registry)
    try:
        data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    except ValueError as err:  # characters XML cannot hold
        raise InputError("<glossary>", f"cannot be written as XML: {err}") from None
    return data


# --- import ----------------------------------------------------------------------------------


@dataclass
class TbxImport:
    """What a TBX file gave: groups of entries, and what was skipped."""

    groups: list[Group]
    warnings: list[str] = field(default_factory=list)
    version: int = 3


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _local(node: Any) -> str:
    tag = node.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(node: Any, *names: str) -> list[Any]:
    return [child for child in node if _local(child) in names]


def _text(node: Any) -> str:
    if not isinstance(node.tag, str):
        return ""  # a comment, a processing instruction, an entity termloc does not expand
    return "".join(node.itertext()).strip()


def _status(term_section: Any) -> str:
    for note in term_section.iter():
        if _local(note) == "termNote" and note.get("type") in ("administrativeStatus", "normativeAuthorization"):
            value = _text(note)
            for status, name in STATUS_VALUES.items():
                if value == name:
                    return status
            return "preferred"  # standardized, legal, regulated ... terms: preferred
    return "preferred"


@dataclass
class _Term:
    tag: str
    text: str
    status: str
    row: int | None
    line: int


class _Reader:
    def __init__(self, path: Path, registry: VariantRegistry) -> None:
        self.path = path
        self.registry = registry
        self.warnings: list[str] = []
        self.ids: set[str] = set()
        self.unknown: dict[str, int] = {}

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(f"{self.path}:{line}: {message}")

    def tag(self, language: str, line: int) -> str | None:
        if language == "zh":
            return "zh"
        try:
            return self.registry.normalise(language)
        except VariantError:
            self.unknown[language] = self.unknown.get(language, 0) + 1
            return None

    def entry_id(self, raw: str, terms: list[_Term], number: int) -> str:
        candidate = raw[1:] if raw.startswith("_") else raw
        if not ENTRY_ID.match(candidate):
            english = next((t.text for t in terms if t.tag == "en"), "")
            candidate = _slug(candidate) or _slug(english) or f"{_slug(self.path.stem) or 'tbx'}-{number}"
        unique, suffix = candidate, 1
        while unique in self.ids:
            suffix += 1
            unique = f"{candidate}-{suffix}"
        self.ids.add(unique)
        return unique

    def terms(self, concept: Any, concept_id: str) -> list[_Term]:
        terms: list[_Term] = []
        row_id = re.compile(rf"^{re.escape(concept_id)}\.r(\d+)\.\d+$") if concept_id else None
        for section in _children(concept, "langSec", "langSet"):
            language = section.get(_XML_LANG) or section.get("lang") or ""
            tag = self.tag(language.strip(), section.sourceline or 0)
            if tag is None:
                continue
            for term_section in _children(section, "termSec", "tig", "ntig"):
                term = next((t for t in term_section.iter() if _local(t) == "term"), None)
                if term is None or not _text(term):
                    continue
                status = _status(term_section)
                if tag == "zh" and status != "from":
                    self.warn(
                        term.sourceline or 0, f"the term {_text(term)!r} says only 'zh': write zh-Hans or zh-Hant"
                    )
                    continue
                if status == "from" and tag != "zh":
                    status = "deprecated"  # a superseded term in a named variant
                text = _text(term)
                if tag.startswith("zh") and unfit_chinese(text):
                    self.warn(term.sourceline or 0, f"skipped the Chinese term {text!r}: it has a space")
                    continue
                match = row_id.match(term_section.get("id") or "") if row_id else None
                terms.append(_Term(tag, text, status, int(match.group(1)) if match else None, term.sourceline or 0))
        return terms

    def rows(self, terms: list[_Term]) -> list[Row]:
        numbered: list[_Term] = []
        if terms and all(t.row is not None for t in terms):
            numbered = terms
        else:  # no termloc row ids: align by position within each language
            count: dict[str, int] = {}
            for term in terms:
                if term.status == "preferred":
                    count[term.tag] = count.get(term.tag, 0) + 1
                numbered.append(_Term(term.tag, term.text, term.status, max(1, count.get(term.tag, 1)), term.line))
        built: dict[int, dict[str, Any]] = {}
        for term in numbered:
            row = built.setdefault(term.row or 1, {"forms": {}, "admitted": {}, "deprecated": {}, "from": []})
            if term.status == "preferred":
                if term.tag in row["forms"]:
                    self.warn(term.line, f"a second preferred {term.tag} term {term.text!r} in a row: kept as admitted")
                    row["admitted"].setdefault(term.tag, []).append(term.text)
                else:
                    row["forms"][term.tag] = term.text
            elif term.status == "from":
                row["from"].append(term.text)
            else:
                row[term.status].setdefault(term.tag, []).append(term.text)
        return [
            Row(
                row["forms"],
                {tag: tuple(texts) for tag, texts in row["admitted"].items()},
                {tag: tuple(texts) for tag, texts in row["deprecated"].items()},
                one_way=tuple(row["from"]),
            )
            for _, row in sorted(built.items())
        ]

    def entry(self, concept: Any, number: int, default_group: str) -> Entry | None:
        raw_id = concept.get("id") or ""
        terms = self.terms(concept, raw_id)
        if not terms:
            self.warn(concept.sourceline or 0, f"entry {raw_id or number!r} has no term termloc can use: skipped")
            return None
        group, kind, origin = default_group, "", None
        sources: list[str] = []
        notes: list[str] = []
        for node in concept:
            name, kind_of, text = _local(node), node.get("type"), _text(node)
            if not text:
                continue
            if name == "admin" and kind_of == "projectSubset":
                group = text
            elif name == "admin" and kind_of == "source":
                sources.append(text)
            elif name == "descrip" and kind_of == "subjectField":
                kind = text
            elif name == "note" and _ORIGIN.match(text):
                origin = text.removeprefix("origin: ")
            elif name == "note" or (name == "descrip" and kind_of in (None, "definition")):
                notes.append(text)
        if kind not in KINDS:
            if kind:
                notes.append(f"subject field: {kind}")
            kind = "term"
        return Entry(
            self.entry_id(raw_id, terms, number),
            kind,
            tuple(self.rows(terms)),
            tuple(sources) or (f"imported from {self.path.name}",),
            "\n".join(notes),
            origin,
            group,
            str(self.path),
            concept.sourceline or 0,
        )


def read_tbx(path: Path, registry: VariantRegistry) -> TbxImport:
    """The glossary groups in the TBX file ``path`` (v3 or v2); `InputError` if it is not TBX."""
    if not path.is_file():
        raise InputError(path, "no such file")
    root = parse_xml(path)
    version = {"tbx": 3, "martif": 2}.get(_local(root))
    if version is None:
        raise InputError(path, f"not TBX: the root element is <{_local(root)}>, not <tbx> or <martif>", root.sourceline)
    reader = _Reader(path, registry)
    default_group = re.sub(r"[^\w-]+", "-", path.stem).strip("-") or "tbx"
    titles: dict[str, dict[str, str]] = {}
    descriptions: dict[str, str] = {}
    for description in root.iter(f"{{{NAMESPACE}}}sourceDesc", "sourceDesc"):
        paragraphs = {p.get("type"): p for p in _children(description, "p")}
        if "group" in paragraphs:
            name = _text(paragraphs["group"])
            titles[name] = {
                p.get(_XML_LANG) or "en": _text(p) for p in _children(description, "p") if p.get("type") == "title"
            }
            if "description" in paragraphs:
                descriptions[name] = _text(paragraphs["description"])
    entries: list[Entry] = []
    concepts = [node for node in root.iter() if _local(node) in ("conceptEntry", "termEntry")]
    for number, concept in enumerate(concepts, 1):
        entry = reader.entry(concept, number, default_group)
        if entry is not None:
            entries.append(entry)
    for language, count in sorted(reader.unknown.items()):
        reader.warnings.append(
            f"{path}: skipped {count} term section(s) in {language!r}, a language termloc does not declare"
        )
    names = list(dict.fromkeys([*titles, *(e.group for e in entries)]))
    groups = [
        Group(name, titles.get(name, {}), descriptions.get(name, ""), "", tuple(e for e in entries if e.group == name))
        for name in names
    ]
    return TbxImport([g for g in groups if g.entries], reader.warnings, version)
