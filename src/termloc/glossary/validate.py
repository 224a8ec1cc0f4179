"""Validation: small checkers that each return the problems they find.

`validate` runs them all over every file and collects every problem instead
of stopping at the first, each with file:line, a stable code and a hint.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from termloc.core.errors import Problem
from termloc.core.han import CharTables, char_tables
from termloc.core.resources import glossary_files
from termloc.core.scripts import HAN
from termloc.core.variants import VariantRegistry, load_variants
from termloc.glossary.load import ENTRY_KEYS, FILE_KEYS, ROW_ONE_WAY_KEY, ROW_STATUS_KEYS, Node, read_group
from termloc.glossary.mapping import Conflict, variant_mapping
from termloc.glossary.model import KINDS, Entry, Form, Glossary, Group, Row

__all__ = ["CODES", "ENTRY_ID", "MAX_FORM_LENGTH", "load_glossary", "unfit_chinese", "validate"]

#: Every validation code, with what it means. The codes are stable.
CODES = {
    "G001": "file unreadable, not UTF-8, or not valid YAML",
    "G002": "unknown key",
    "G003": "duplicate entry id",
    "G004": "unknown language tag",
    "G005": "empty form",
    "G006": "ambiguous form: one input maps to two outputs in one variant",
    "G007": "required field missing",
    "G008": "value of the wrong type",
    "G009": "malformed entry id",
    "G010": "unknown kind",
    "G011": "Chinese form with Han characters contains white space or control characters",
    "G012": "duplicate group name",
    "G013": "form too long",
}

#: The most characters a form may have (G013): four times the longest Chinese name in the
#: reference (49), above its longest title (158 characters of Latin script). Matching
#: costs grow faster than a form's length (each of its script-mixed spellings is a key
#: that the redundancy proof scans and OpenCC's dictionary compiler stores, taking a
#: minute for one 1,000-character form), so a form is a name or a title, never a text.
MAX_FORM_LENGTH = 200

#: A valid entry id: lowercase words of letters and digits joined by hyphens.
ENTRY_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_BAD_CHINESE = re.compile(r"[\s\x00-\x1f\x7f]")
_HAN = re.compile(f"[{HAN}]")


def unfit_chinese(text: str) -> bool:
    """True for a Chinese form validation rejects (G011): Han characters with white space or controls."""
    return bool(_BAD_CHINESE.search(text) and _HAN.search(text))


def check_keys(root: Node, where: str, tags: set[str]) -> Iterator[Problem]:
    """Unknown keys at file, entry and row level (and unknown status tags)."""
    if not isinstance(root.value, dict):
        return
    yield from _unknown_keys(root, where, FILE_KEYS, "in the file header")
    entries = root.value.get("entries")
    if entries is None or not isinstance(entries.value, list):
        return
    for entry in entries.value:
        if not isinstance(entry.value, dict):
            continue
        yield from _unknown_keys(entry, where, ENTRY_KEYS, "in an entry")
        terms = entry.value.get("terms")
        if terms is not None and isinstance(terms.value, list):
            for row in terms.value:
                yield from _row_tags(row, where, tags)


def _unknown_keys(node: Node, where: str, known: frozenset[str], place: str) -> Iterator[Problem]:
    """G002 for each key of the mapping ``node`` that is not ``known``."""
    for key, value in node.value.items():
        if key not in known:
            yield Problem(
                where, value.line, "G002", f"unknown key {key!r} {place}", f"expected one of {', '.join(sorted(known))}"
            )


def _row_tags(row: Node, where: str, tags: set[str]) -> Iterator[Problem]:
    """G004 for each language tag of a term row (and of its status lists) that is not declared."""
    if not isinstance(row.value, dict):
        return
    for key, node in row.value.items():
        if key in ROW_STATUS_KEYS and isinstance(node.value, dict):
            for tag, tag_node in node.value.items():
                if tag not in tags:
                    yield _unknown_tag(where, tag_node.line, tag, tags)
        elif key not in ROW_STATUS_KEYS and key != ROW_ONE_WAY_KEY and key not in tags:
            yield _unknown_tag(where, node.line, key, tags)


def _unknown_tag(where: str, line: int, tag: str, tags: set[str]) -> Problem:
    return Problem(
        where,
        line,
        "G004",
        f"unknown language tag {tag!r}",
        f"use one of {', '.join(sorted(tags))}, or declare it in locales/",
    )


def check_entry(entry: Entry, kinds: Iterable[str] = KINDS) -> Iterator[Problem]:
    """Required fields, id syntax, kind, and empty or malformed forms."""
    where, line = entry.file, entry.line
    if not entry.id:
        yield Problem(where, line, "G007", "entry has no 'id'", "add 'id: some-name'")
    elif not ENTRY_ID.match(entry.id):
        yield Problem(
            where,
            line,
            "G009",
            f"entry id {entry.id!r} is malformed",
            "use lowercase ASCII letters, digits and single hyphens",
        )
    if not entry.kind:
        yield Problem(where, line, "G007", f"entry {entry.id!r} has no 'kind'", f"add 'kind:' ({', '.join(kinds)})")
    elif entry.kind not in kinds:
        yield Problem(
            where,
            line,
            "G010",
            f"entry {entry.id!r} has unknown kind {entry.kind!r}",
            f"expected one of {', '.join(kinds)}",
        )
    if not entry.sources:
        yield Problem(
            where,
            line,
            "G007",
            f"entry {entry.id!r} has no 'sources'",
            "add 'sources:' with at least one line saying where the forms come from",
        )
    if not entry.rows:
        yield Problem(where, line, "G007", f"entry {entry.id!r} has no term rows", "add 'terms:' with '- zh-Hans: ...'")
    for row in entry.rows:
        if row.one_way:
            yield from check_one_way(entry, row)
        for form in row.all_forms():
            yield from _check_form(entry, row, form)


def _check_form(entry: Entry, row: Row, form: Form) -> Iterator[Problem]:
    """An empty form (G005), a Chinese one with white space (G011), a form too long (G013)."""
    where, line = entry.file, row.line_of(form.tag)
    if not form.text.strip():
        yield Problem(
            where,
            line,
            "G005",
            f"entry {entry.id!r} has an empty {form.status} form for {form.tag!r}",
            "write the form or remove the line",
        )
    elif len(form.text) > MAX_FORM_LENGTH:
        # The form is not quoted whole: it may be a whole text.
        yield Problem(
            where,
            line,
            "G013",
            f"entry {entry.id!r} has a {form.status} form for {form.tag!r} of {len(form.text):,} characters "
            f"(it begins {form.text[:20]!r})",
            f"a form has at most {MAX_FORM_LENGTH} characters: write the name or title alone",
        )
    elif form.tag.startswith("zh") and unfit_chinese(form.text):
        yield Problem(
            where,
            line,
            "G011",
            f"entry {entry.id!r}: Chinese form {form.text!r} contains white space",
            "Chinese names are written without spaces; drop the space or the qualifier",
        )


def _fits(entry: Entry) -> bool:
    """True if no form of ``entry`` is too long (G013) to be matched."""
    return all(len(form.text) <= MAX_FORM_LENGTH for row in entry.rows for form in row.all_forms())


def check_one_way(entry: Entry, row: Row) -> Iterator[Problem]:
    """A one-way row names the variants it converts into and has no other inputs."""
    if not any(tag.startswith("zh-") for tag in row.forms):
        yield Problem(
            entry.file,
            row.line_of("zh"),
            "G007",
            f"entry {entry.id!r}: a one-way row ('from') gives no Chinese form to convert into",
            "add the target forms, e.g. 'zh-TW: 位元率'",
        )
    if row.admitted or row.deprecated:
        yield Problem(
            entry.file,
            row.line_of("zh"),
            "G008",
            f"entry {entry.id!r}: a one-way row ('from') takes no admitted or deprecated forms",
            "list every form that converts one way under 'from'",
        )


def check_duplicate_ids(glossary: Glossary) -> Iterator[Problem]:
    """Every id is used once across the files of a layer (a higher layer may redefine an entry)."""
    seen: dict[tuple[int, str], Entry] = {}
    for group in glossary.groups:
        for entry in group.entries:
            if not entry.id:
                continue
            first = seen.setdefault((group.layer, entry.id), entry)
            if first is entry:
                continue
            yield Problem(
                entry.file,
                entry.line,
                "G003",
                f"duplicate id {entry.id!r}",
                f"first used at {first.file}:{first.line}; rename one of them",
            )


def check_duplicate_groups(groups: list[Group]) -> Iterator[Problem]:
    """Every group name is used once."""
    seen: dict[str, Group] = {}
    for group in groups:
        first = seen.setdefault(group.name, group)
        if first is not group:
            yield Problem(
                group.file,
                1,
                "G012",
                f"duplicate group name {group.name!r}",
                f"also the name of {first.file}; give each file its own 'group:'",
            )


def check_ambiguity(glossary: Glossary, registry: VariantRegistry, tables: CharTables) -> Iterator[Problem]:
    """No input spelling maps to two different outputs in any variant, inside one layer."""
    found: dict[tuple[int, int], list[Conflict]] = {}
    for variant in registry.chinese:
        for conflict in variant_mapping(glossary, variant, tables).conflicts:
            found.setdefault((id(conflict.first.row), id(conflict.second.row)), []).append(conflict)
    for conflicts in found.values():
        c = conflicts[0]
        variants = sorted({x.variant for x in conflicts}, key=list(registry).index)
        first, second = c.first, c.second
        yield Problem(
            second.entry.file,
            second.row.line,
            "G006",
            f"{c.key!r} maps to {second.output!r} (entry {second.entry.id!r}) and to {first.output!r} "
            f"(entry {first.entry.id!r}, {first.entry.file}:{first.row.line}) in {', '.join(variants)}",
            "keep the form in one entry only, or add a longer compound that tells them apart",
        )


def load_glossary(
    paths: Iterable[Path], registry: VariantRegistry | None = None, *, check: bool = True
) -> tuple[Glossary, list[Problem]]:
    """Load the glossary files under ``paths`` and validate them.

    Each path named is a layer, the first the highest: its forms shadow
    those of the layers below, and ambiguity, duplicate ids and duplicate
    group names are problems only inside one layer. Returns the glossary
    (what could be read) and every problem found, sorted by file and line;
    an empty list means the glossary is valid.
    """
    registry = registry or load_variants()
    tags = set(registry)
    problems: list[Problem] = []
    groups: list[Group] = []
    for layer, named in enumerate(paths):
        for path in glossary_files([named]):
            group, root = read_group(path, problems)
            if group is not None:
                groups.append(replace(group, layer=layer))
            if root is not None:
                problems.extend(check_keys(root, str(path), tags))
    glossary = Glossary(tuple(groups))
    if check:
        problems.extend(validate(glossary, registry, groups))
    problems.sort(key=lambda p: (p.file, p.line, p.code))
    return glossary, problems


def validate(glossary: Glossary, registry: VariantRegistry, groups: list[Group] | None = None) -> list[Problem]:
    """Every problem of the glossary's content (the model-level checks)."""
    problems: list[Problem] = []
    for entry in glossary.entries:
        problems.extend(check_entry(entry))
        if entry.origin is not None and entry.origin not in registry and entry.origin != "zh":
            problems.append(_unknown_tag(entry.file, entry.line, entry.origin, set(registry)))
    problems.extend(check_duplicate_ids(glossary))
    for layer in glossary.layers:
        number = layer.groups[0].layer
        problems.extend(check_duplicate_groups([g for g in groups or glossary.groups if g.layer == number]))
    # An entry with a form too long (G013) is left out of the matching this check builds.
    fitting = Glossary(tuple(replace(g, entries=tuple(filter(_fits, g.entries))) for g in glossary.groups))
    problems.extend(check_ambiguity(fitting, registry, char_tables()))
    return problems
