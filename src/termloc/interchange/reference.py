"""Building the reference termbase (`termloc.glossary.reference`) from conversion groups.

Each group is imported alone by `termloc.interchange.cgroup.import_groups`
(its own conflicts settled by the importer's rule), so that any selection
of groups can apply together with each group as a layer of its own. The
output folder gets ``index.json``, one ``groups/NNN-slug.json`` per group,
``SOURCE.md`` (where the data comes from, its licence) and
``dropped.tsv`` (every form or conversion the import left out, and why).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from termloc.core.files import write_atomic
from termloc.core.han import CharTables
from termloc.core.variants import VariantRegistry
from termloc.glossary.model import Entry
from termloc.glossary.reference import FORMAT, ReferenceGroup, entry_data
from termloc.interchange.cgroup import Dropped, SourceGroup, import_groups
from termloc.interchange.cgroup_report import report_tsv

__all__ = ["Built", "build_reference", "entry_keys"]

#: Tags of forms that change the script only.
SCRIPT_ONLY = frozenset({"zh-Hans", "zh-Hant", "en", "ru", "ko", "ja", "uk"})


@dataclass(frozen=True)
class Built:
    """What a build wrote."""

    groups: int
    rules: int
    entries: int
    dropped: int


def _file_name(index: int, name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40]
    return f"groups/{index:03d}{'-' + slug if slug else ''}.json"


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"


def entry_keys(entry: Entry) -> set[str]:
    """The Chinese input forms of ``entry`` of two or more characters (the keys topic selection looks for).

    An entry that only changes the script (forms for zh-Hans and zh-Hant
    alone: 位于 / 位於) has none: it says nothing about a text's topic.
    """
    keys: set[str] = set()
    for row in entry.rows:
        if set(row.forms) <= SCRIPT_ONLY and not row.one_way:
            continue
        keys.update(form.text for form in row.chinese_inputs() if len(form.text) >= 2)
    return keys


def _keys(groups_of: dict[str, set[int]]) -> tuple[bytes, dict[str, list[int]]]:
    """``keys.tsv`` (key, tab, group numbers; sorted) and each first character's byte range in it."""
    lines: list[bytes] = []
    offsets: dict[str, list[int]] = {}
    position = 0
    for key in sorted(groups_of):
        line = f"{key}\t{','.join(map(str, sorted(groups_of[key])))}\n".encode()
        span = offsets.setdefault(key[0], [position, position])
        position += len(line)
        span[1] = position
        lines.append(line)
    return b"".join(lines), offsets


def build_reference(
    sources: Sequence[SourceGroup], folder: Path, registry: VariantRegistry, tables: CharTables, source_note: str
) -> Built:
    """Import every group of ``sources`` alone and write the reference into ``folder``.

    ``source_note`` is the text of ``SOURCE.md`` (provenance and licence).
    """
    described: list[ReferenceGroup] = []
    dropped: list[Dropped] = []
    entries = 0
    groups_of: dict[str, set[int]] = defaultdict(set)
    (folder / "groups").mkdir(parents=True, exist_ok=True)
    for index, source in enumerate(sorted(sources, key=lambda s: s.name)):
        result = import_groups([source], registry, tables)
        (group,) = result.groups
        file = _file_name(index, source.page.rsplit("/", 1)[-1] if source.page else source.name)
        write_atomic(folder / file, _json({"name": group.name, "entries": [entry_data(e) for e in group.entries]}))
        described.append(
            ReferenceGroup(group.name, source.page, source.description, file, len(source.items), len(group.entries))
        )
        for entry in group.entries:
            for key in entry_keys(entry):
                groups_of[key].add(index)
        dropped += result.dropped
        entries += len(group.entries)
    keys, offsets = _keys(groups_of)
    write_atomic(folder / "keys.tsv", keys)
    write_atomic(folder / "keys-offsets.json", json.dumps(offsets, ensure_ascii=False, sort_keys=True) + "\n")
    index_data = {"format": FORMAT, "groups": [asdict(group) for group in described]}
    write_atomic(folder / "dropped.tsv", report_tsv(dropped))
    write_atomic(folder / "SOURCE.md", source_note)
    write_atomic(folder / "index.json", json.dumps(index_data, ensure_ascii=False, indent=1) + "\n")
    return Built(len(described), sum(group.rules for group in described), entries, len(dropped))
