"""A translated XLIFF 2 file back into a locale's PO catalog, through Babel, losing nothing.

`read_xliff` reads the units (any XLIFF 2.x core file: a CAT tool may
split a unit into several segments or add inline markup; the text of a
unit is its segments' text in order). `merge_units` puts their
translations into a catalog that `termloc.translation.catalogs.update` has
just merged with the article:

- a unit whose source is a msgid of the catalog gives that message its
  translation (fuzzy when the unit's state is ``initial``, XLIFF's default);
- a unit whose source is no longer in the article (the article changed
  since the extract) goes through Babel's own fuzzy matching
  (`Catalog.update`): its translation lands, fuzzy, on the closest new
  msgid still untranslated, with the unit's source as ``#| msgid``; one
  with no close msgid is kept as an obsolete entry (``#~``), as ``po update``
  keeps a removed unit;
- a unit without a target changes nothing.

A file that is not XLIFF 2, a unit without an id or a source, or an id
twice is an `InputError` naming the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from lxml import etree

from termloc.core.errors import InputError
from termloc.core.xmlfiles import parse_xml
from termloc.translation.xliff import NAMESPACE

__all__ = ["MergeResult", "XliffFile", "XliffUnit", "merge_units", "read_xliff"]

_SEGMENTS = (f"{{{NAMESPACE}}}segment", f"{{{NAMESPACE}}}ignorable")


@dataclass(frozen=True)
class XliffUnit:
    """One unit of an XLIFF file: its source text, its target (None if it has none), fuzzy or not."""

    id: str
    source: str
    target: str | None
    fuzzy: bool
    line: int


@dataclass(frozen=True)
class XliffFile:
    """What `read_xliff` found: the languages and the units."""

    path: Path
    source_language: str
    target_language: str
    target_line: int
    units: tuple[XliffUnit, ...]


def _text(node: Any) -> str:
    return "".join(node.itertext())


def _unit(path: Path, node: Any) -> XliffUnit:
    line = node.sourceline or 0
    unit_id = node.get("id")
    if not unit_id:
        raise InputError(path, "a <unit> without an id", line)
    sources: list[str] = []
    targets: list[str | None] = []
    fuzzy = False
    for segment in (child for child in node if child.tag in _SEGMENTS):
        source = segment.find(f"{{{NAMESPACE}}}source")
        if source is None:
            raise InputError(path, f"unit {unit_id!r}: a <{etree.QName(segment).localname}> without a <source>", line)
        target = segment.find(f"{{{NAMESPACE}}}target")
        sources.append(_text(source))
        targets.append(None if target is None else _text(target))
        # XLIFF's default state is "initial": a target not marked translated is a draft.
        is_segment = segment.tag == _SEGMENTS[0]
        fuzzy = fuzzy or (is_segment and target is not None and segment.get("state", "initial") == "initial")
    if not sources:
        raise InputError(path, f"unit {unit_id!r} has no <segment>", line)
    translated = all(t is not None for t in targets) and any(targets)
    target_text = "".join(t or "" for t in targets) if translated else None
    return XliffUnit(unit_id, "".join(sources).strip(), target_text, fuzzy, line)


def read_xliff(path: Path) -> XliffFile:
    """The units of the XLIFF 2 file ``path``; `InputError` (file:line) if it is not one."""
    if not path.is_file():
        raise InputError(path, "no such file")
    root = parse_xml(path)
    if root.tag != f"{{{NAMESPACE}}}xliff":
        problem = f"not XLIFF 2: the root element is <{root.tag}>, not <xliff> in {NAMESPACE}"
        raise InputError(path, problem, root.sourceline)
    if not str(root.get("version", "")).startswith("2."):
        raise InputError(path, f"XLIFF version {root.get('version')!r}; expected 2.0, 2.1 or 2.2", root.sourceline)
    if not root.get("trgLang"):
        raise InputError(
            path, "no trgLang: the file does not say which language it is translated into", root.sourceline
        )
    units: list[XliffUnit] = []
    for file in root.iter(f"{{{NAMESPACE}}}file"):
        seen: dict[str, int] = {}
        for node in file.iter(f"{{{NAMESPACE}}}unit"):
            unit = _unit(path, node)
            if unit.id in seen:
                raise InputError(path, f"unit id {unit.id!r} twice (first at line {seen[unit.id]})", unit.line)
            seen[unit.id] = unit.line
            units.append(unit)
    return XliffFile(path, root.get("srcLang", ""), str(root.get("trgLang")), root.sourceline or 1, tuple(units))


@dataclass(frozen=True)
class MergeResult:
    """What `merge_units` did: translations taken (``changed`` of them new or different),
    put fuzzy on a changed source, kept as obsolete, and units that had no target."""

    taken: int = 0
    changed: int = 0
    fuzzy: int = 0
    obsolete: int = 0
    untranslated: int = 0


def _set(message: Message, text: str, fuzzy: bool) -> bool:
    """Give ``message`` the translation; whether anything changed."""
    if message.string == text and message.fuzzy == fuzzy:
        return False
    message.string = text
    if fuzzy:
        message.flags.add("fuzzy")
    else:
        message.flags.discard("fuzzy")
        message.previous_id = []
    return True


def _match_changed(catalog: Catalog, leftover: list[XliffUnit]) -> tuple[int, int]:
    """Babel's fuzzy matching of units whose source left the article; (fuzzy, obsolete) counts."""
    locale = catalog.locale_identifier
    old = Catalog(locale=locale, fuzzy=False)
    for unit in leftover:
        old.add(unit.source, unit.target, flags=("fuzzy",) if unit.fuzzy else ())
    open_ids = Catalog(locale=locale, fuzzy=False)
    for message in catalog:
        if message.id and not message.string:
            open_ids.add(message.id)
    old.update(open_ids, no_fuzzy_matching=False)
    placed: set[str] = set()
    fuzzy = 0
    for message in old:
        live = catalog.get(message.id) if message.id else None
        if live is None or not message.string or live.string:
            continue
        live.string = message.string
        live.flags.add("fuzzy")
        live.previous_id = list(message.previous_id)
        placed.update(str(p) for p in message.previous_id)
        fuzzy += 1
    obsolete = 0
    for unit in leftover:
        if unit.source in placed:
            continue
        # Nowhere to go: kept as ``#~``, as po update keeps the translation of a removed unit.
        catalog.obsolete[unit.source] = Message(unit.source, unit.target, flags=("fuzzy",) if unit.fuzzy else ())
        obsolete += 1
    return fuzzy, obsolete


def merge_units(catalog: Catalog, units: tuple[XliffUnit, ...]) -> MergeResult:
    """Put the translations of ``units`` into ``catalog`` (already merged with the article)."""
    taken = changed = untranslated = 0
    leftover: list[XliffUnit] = []
    for unit in units:
        if unit.target is None:
            untranslated += 1
            continue
        message = catalog.get(unit.source)
        if message is None:
            leftover.append(unit)
            continue
        taken += 1
        changed += _set(message, unit.target, unit.fuzzy)
    fuzzy, obsolete = _match_changed(catalog, leftover) if leftover else (0, 0)
    return MergeResult(taken, changed, fuzzy, obsolete, untranslated)
