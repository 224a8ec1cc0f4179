"""The reference termbase: Chinese Wikipedia's conversion groups, shipped with termloc.

The data lives in ``reference/`` (``termloc/data/reference/`` in a wheel),
built from the groups' JSON by ``termloc reference build``: one JSON file of
entries per group under ``groups/``, and ``index.json`` with each group's
page, description and counts. Each group was imported alone (with the
importer's conflict rule inside the group): which groups apply together is
decided per text (`termloc.glossary.topics`), and there each chosen group is
a layer of its own, the first chosen highest, so that two groups' forms for
one key are a shadow, never a conflict.

    >>> from termloc.glossary.reference import reference
    >>> ref = reference()
    >>> "政治人物" in ref.names
    True
    >>> group = ref.load(["政治人物"], first_layer=3).groups[0]
    >>> group.layer, group.name
    (3, '政治人物')
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from termloc.core import resources
from termloc.core.errors import InputError, UsageError
from termloc.core.yamltext import YAMLInputError, load_yaml
from termloc.glossary.model import Entry, Glossary, Group, Row

__all__ = ["FORMAT", "TOPIC_ROLES", "Reference", "ReferenceGroup", "entry_data", "entry_from_data", "reference"]

#: The layout of ``index.json`` and the group files; bumped when it changes.
FORMAT = "termloc-reference-1"
#: The lists of ``topics.yaml``.
TOPIC_ROLES = ("general", "phrase_topics", "phrase_everywhere")


@dataclass(frozen=True)
class ReferenceGroup:
    """One conversion group of the reference, as the index describes it."""

    name: str
    page: str  # Module:CGroup/政治人物
    description: str
    file: str  # relative to the reference folder
    rules: int  # rules in the group as published
    entries: int  # entries imported


def entry_data(entry: Entry) -> dict[str, Any]:
    """``entry`` as plain JSON data (the group file's layout)."""
    data: dict[str, Any] = {"id": entry.id, "kind": entry.kind, "sources": list(entry.sources)}
    if entry.note:
        data["note"] = entry.note
    data["rows"] = [_row_data(row) for row in entry.rows]
    return data


def _row_data(row: Row) -> dict[str, Any]:
    data: dict[str, Any] = {"forms": dict(row.forms)}
    if row.admitted:
        data["admitted"] = {tag: list(texts) for tag, texts in row.admitted.items()}
    if row.deprecated:
        data["deprecated"] = {tag: list(texts) for tag, texts in row.deprecated.items()}
    if row.one_way:
        data["from"] = list(row.one_way)
    return data


def entry_from_data(data: Mapping[str, Any], group: str, file: str) -> Entry:
    """The `Entry` that `entry_data` wrote."""
    rows = tuple(
        Row(
            forms=dict(row["forms"]),
            admitted={tag: tuple(texts) for tag, texts in row.get("admitted", {}).items()},
            deprecated={tag: tuple(texts) for tag, texts in row.get("deprecated", {}).items()},
            one_way=tuple(row.get("from", ())),
        )
        for row in data["rows"]
    )
    return Entry(data["id"], data["kind"], rows, tuple(data["sources"]), data.get("note", ""), None, group, file)


class Reference:
    """The reference termbase in ``folder``: its groups, loaded on demand."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        index = folder / "index.json"
        try:
            data = json.loads(index.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError(index, "no reference termbase here (termloc reference build writes one)") from None
        except (OSError, ValueError) as err:
            raise InputError(index, f"unreadable reference index: {err}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise InputError(index, f"not a {FORMAT} index (rebuild it with termloc reference build)")
        self.groups: tuple[ReferenceGroup, ...] = tuple(ReferenceGroup(**group) for group in data["groups"])
        self.by_name = {group.name: group for group in self.groups}
        self.names = tuple(self.by_name)
        self._loaded: dict[str, Group] = {}

    @cached_property
    def topics(self) -> dict[str, tuple[str, ...]]:
        """``topics.yaml``: termloc's lists by role (the groups ``general`` and ``phrase_topics``, the
        phrases ``phrase_everywhere``), read once."""
        path = self.folder / "topics.yaml"
        try:
            data = load_yaml(path.read_text(encoding="utf-8"))
            return {role: tuple(str(item) for item in data[role]) for role in TOPIC_ROLES}
        except (OSError, KeyError, TypeError, YAMLInputError) as err:
            raise InputError(path, f"unreadable reference topics: {err}") from None

    def group(self, name: str) -> ReferenceGroup:
        """The group named ``name``; `UsageError` naming the nearest ones if there is none."""
        found = self.by_name.get(name)
        if found is None:
            import difflib

            near = difflib.get_close_matches(name, self.names, n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(near)}?" if near else " (termloc reference list shows them)"
            raise UsageError(f"unknown reference group {name!r}{hint}")
        return found

    def check(self, names: Sequence[str]) -> tuple[str, ...]:
        """``names`` as a tuple if every one is a group here (`UsageError` naming the nearest otherwise)."""
        for name in names:
            self.group(name)
        return tuple(names)

    def files(self, names: Iterable[str]) -> list[Path]:
        """The data files of the named groups (for digests), the index first."""
        return [self.folder / "index.json", *(self.folder / self.group(name).file for name in names)]

    def load(self, names: Sequence[str], first_layer: int = 0) -> Glossary:
        """The named groups as a glossary, one layer each, the first named highest."""
        return Glossary(tuple(replace(self._group(name), layer=first_layer + i) for i, name in enumerate(names)))

    def _group(self, name: str) -> Group:
        """The group named ``name``, read once."""
        found = self._loaded.get(name)
        if found is None:
            found = self._loaded[name] = _load_group(self.folder, self.group(name), 0)
        return found


def _load_group(folder: Path, group: ReferenceGroup, layer: int) -> Group:
    path = folder / group.file
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise InputError(path, f"unreadable reference group: {err}") from None
    entries = tuple(entry_from_data(entry, group.name, group.file) for entry in data["entries"])
    return Group(group.name, {}, group.description, str(path), entries, layer, reference=True)


def reference(folder: Path | None = None) -> Reference:
    """The reference termbase termloc ships (or the one in ``folder``), read once a process."""
    return _reference(folder or resources.reference_dir())


@cache
def _reference(folder: Path) -> Reference:
    return Reference(folder)
