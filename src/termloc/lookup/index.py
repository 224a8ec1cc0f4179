"""The lookup index: built from a glossary, cached by digest, loaded fast."""

from __future__ import annotations

import json
import marshal
import sys
import warnings
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from termloc.core.cache import CacheWarning
from termloc.core.errors import GlossaryError, TermlocError, UsageError
from termloc.core.files import write_atomic
from termloc.lookup.romanise import SCHEMES, is_korean, romanisations

if TYPE_CHECKING:  # the glossary package (and YAML) is not imported on the cached path
    from termloc.core.han import CharTables
    from termloc.core.variants import VariantRegistry
    from termloc.glossary.model import Entry, Glossary, Status
    from termloc.glossary.selection import GlossarySelection

from termloc.lookup.keys import grams, han_fold, normalise, script_of

#: Bumped whenever the cached index's layout or the keys' meaning change.
FORMAT = "termloc-lookup-2"

# A hit is one int: entry << 32 | surface << 16 | tag << 8 | via << 4 | flags, where
# flags = status (0 preferred, 1 admitted, 2 deprecated) | 4 if derived by character
# conversion | 8 if taken from another tag through the fallback chain.
_STATUS: tuple[Status, ...] = ("preferred", "admitted", "deprecated")
_DERIVED, _FALLBACK, _VIA, _VIA_SHIFT = 0x4, 0x8, 0xF0, 4


@dataclass(frozen=True)
class Bucket:
    """The keys of one script: sorted, with their hits and n-gram postings."""

    keys: list[str]
    starts: Sequence[int]  # hits of keys[i] are hits[starts[i]:starts[i + 1]]
    hits: Sequence[int]
    grams: dict[str, bytes]  # n-gram → packed array('I') of key positions

    def hits_of(self, position: int) -> Sequence[int]:
        """The hits of the key at ``position``."""
        return self.hits[self.starts[position] : self.starts[position + 1]]


@dataclass(frozen=True)
class Index:
    """Everything lookup needs, made of built-in types (see `to_plain`)."""

    tags: list[str]
    vias: list[str]
    ids: list[str]
    kinds: list[str]
    groups: list[str]
    known_kinds: list[str]
    #: Per entry, UTF-8 JSON [group, Korean name?, [[text, tag, flags, from tag] ...]],
    #: all in one blob (entry i is entries[starts[i]:starts[i + 1]]): loading is one copy.
    entries: bytes
    entry_starts: Sequence[int]
    fold: dict[int, int]
    buckets: dict[str, Bucket]

    def entry(self, number: int) -> Any:
        """The decoded record of entry ``number``."""
        return json.loads(self.entries[self.entry_starts[number] : self.entry_starts[number + 1]])

    def to_plain(self) -> dict[str, Any]:
        """The index as built-in types, for `marshal`."""
        buckets = {
            name: (b.keys, array("I", b.starts).tobytes(), array("Q", b.hits).tobytes(), b.grams)
            for name, b in self.buckets.items()
        }
        fields = ("tags", "vias", "groups", "known_kinds", "ids", "kinds", "entries", "fold")
        return {
            "format": FORMAT,
            **{name: getattr(self, name) for name in fields},
            "entry_starts": array("I", self.entry_starts).tobytes(),
            "buckets": buckets,
        }

    @classmethod
    def from_plain(cls, data: dict[str, Any]) -> Index:
        """The inverse of `to_plain`; arrays are used in place, not copied."""
        if data.get("format") != FORMAT:
            raise ValueError("not a lookup index of this format")
        buckets = {
            name: Bucket(keys, memoryview(starts).cast("I"), memoryview(hits).cast("Q"), ngrams)
            for name, (keys, starts, hits, ngrams) in data["buckets"].items()
        }
        fields = ("tags", "vias", "groups", "known_kinds", "ids", "kinds", "entries", "fold")
        starts = memoryview(data["entry_starts"]).cast("I")
        return cls(**{name: data[name] for name in fields}, entry_starts=starts, buckets=buckets)


def make_index(glossary: Glossary, registry: VariantRegistry | None = None) -> Index:
    """Build the lookup index of ``glossary`` (in memory; `load_index` caches it)."""
    from termloc.core.han import char_tables
    from termloc.core.variants import load_variants
    from termloc.glossary.model import KINDS

    registry = registry or load_variants()
    tables = char_tables()
    fold = han_fold(tables)
    tags = list(registry)
    groups = [group.name for group in glossary.groups]
    vias = ["", *SCHEMES]
    via_code = {code: i for i, code in enumerate(vias)}
    keyed: dict[str, dict[str, list[int]]] = {}
    entries: list[bytes] = []
    for number, entry in enumerate(glossary.entries):
        name = entry.kind == "person" and entry.origin is not None and is_korean(entry.origin)
        record: list[tuple[str, int, int, int]] = []
        surfaces = _surfaces(entry, registry, tables)
        if len(surfaces) > 0xFFFF:
            raise UsageError(f"entry {entry.id!r} has {len(surfaces):,} forms; lookup takes at most 65,535")
        for position, (tag, text, status, derived, source) in enumerate(surfaces):
            for new in (tag, source):
                if new not in tags:
                    tags.append(new)  # a one-way row's inputs: 'zh', Chinese of no particular variant
            flags = _STATUS.index(status) | (_DERIVED if derived else 0) | (_FALLBACK if source != tag else 0)
            record.append((text, tags.index(tag), flags, tags.index(source)))
            hit = number << 32 | position << 16 | tags.index(tag) << 8 | flags
            _put(keyed, normalise(text, fold), hit)
            if not derived:
                for code, latin in romanisations(text, tag, name=name):
                    _put(keyed, normalise(latin, fold), hit | via_code[code] << _VIA_SHIFT)
        head = (groups.index(entry.group), int(name), record)
        entries.append(json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode())
    return Index(
        tags=tags,
        vias=vias,
        groups=groups,
        known_kinds=list(KINDS),
        ids=[e.id for e in glossary.entries],
        kinds=[e.kind for e in glossary.entries],
        entries=b"".join(entries),
        entry_starts=list(accumulate((len(e) for e in entries), initial=0)),
        fold=fold,
        buckets={name: _bucket(table) for name, table in sorted(keyed.items())},
    )


Surface = tuple[str, str, str, bool, str]  # tag, text, status, derived, taken from tag


def _surfaces(entry: Entry, registry: VariantRegistry, tables: CharTables) -> list[Surface]:
    """Every form of ``entry`` (Chinese ones resolved per variant), by tag, each tag's in order."""
    surfaces = _drop_repeats(
        chain(_gather_preferred(entry, registry, tables), _gather_listed(entry), _gather_one_way(entry))
    )
    order = {tag: i for i, tag in enumerate([*registry, *sorted({s[0] for s in surfaces} - set(registry))])}
    return sorted(surfaces, key=lambda s: order[s[0]])  # stable: each tag's forms keep their order


def _gather_preferred(entry: Entry, registry: VariantRegistry, tables: CharTables) -> Iterator[Surface]:
    """Each row's preferred forms: one per Chinese variant, then its other languages'."""
    for row in entry.rows:
        for variant in registry.chinese:
            form = row.chinese_form(variant, tables, name=entry.is_name)
            if form is not None:
                yield variant.tag, form.text, "preferred", form.derived, form.source_tag or variant.tag
        for tag, text in row.forms.items():
            if not tag.startswith("zh-"):
                yield tag, text, "preferred", False, tag


def _gather_listed(entry: Entry) -> Iterator[Surface]:
    """The forms the rows list as admitted, then those they list as deprecated."""
    for status in ("admitted", "deprecated"):
        for row in entry.rows:
            for tag, texts in (row.admitted if status == "admitted" else row.deprecated).items():
                for text in texts:
                    yield tag, text, status, False, tag


def _gather_one_way(entry: Entry) -> Iterator[Surface]:
    """The inputs of one-way rules (MediaWiki's A=>zh-tw:B): Chinese of no particular variant."""
    for row in entry.rows:
        for text in getattr(row, "one_way", ()):
            yield "zh", text, "admitted", False, "zh"


def _drop_repeats(surfaces: Iterable[Surface]) -> list[Surface]:
    """The first of the surfaces with each tag, text and status, in their order."""
    kept: list[Surface] = []
    seen: set[tuple[str, str, str]] = set()
    for surface in surfaces:
        tag, text, status, _, _ = surface
        if (tag, text, status) not in seen:
            seen.add((tag, text, status))
            kept.append(surface)
    return kept


def _put(keyed: dict[str, dict[str, list[int]]], key: str, hit: int) -> None:
    if key:
        keyed.setdefault(script_of(key), {}).setdefault(key, []).append(hit)


def _bucket(table: dict[str, list[int]]) -> Bucket:
    keys = sorted(table)
    starts, hits = array("I", [0]), array("Q")
    postings: dict[str, list[int]] = {}
    for position, key in enumerate(keys):
        seen: set[int] = set()
        for hit in table[key]:
            same = hit & ~_VIA  # the same form through two schemes: keep the first
            if same not in seen:
                seen.add(same)
                hits.append(hit)
        starts.append(len(hits))
        for gram in grams(key):
            postings.setdefault(gram, []).append(position)
    packed = {gram: array("I", positions).tobytes() for gram, positions in postings.items()}
    return Bucket(keys, starts, hits, packed)


def _libraries() -> list[str]:
    """Which OpenCC, koroman and iuliia made the index: each package's path, size and time.

    Cheaper than `importlib.metadata` (30 ms), and any reinstall changes it.
    """
    from importlib.util import find_spec

    found = []
    for name in ("opencc", "koroman", "iuliia"):
        spec = find_spec(name)
        origin = Path(spec.origin) if spec is not None and spec.origin else None
        stat = origin.stat() if origin is not None else None
        found.append(f"{name}:{origin}:{stat.st_size}:{stat.st_mtime_ns}" if stat else f"{name}:-")
    return found


def _digest(files: Sequence[Path], groups: Sequence[str] | None) -> str:
    from termloc.core import resources
    from termloc.core.digests import contents_digest

    selected = "\0".join(sorted(groups)) if groups is not None else "*"
    head = "\0".join([FORMAT, sys.byteorder, *_libraries(), selected])
    return contents_digest(head, [*files, *sorted(resources.locales_dir().glob("*.yaml"))])


def load_index(selection: GlossarySelection) -> Index:
    """The index of the selected glossary: from the cache, or built and cached."""
    from termloc.core import cache

    files = selection.files()
    cached = cache.folder() / "lookup" / f"{_digest(files, selection.groups)}.marshal"
    try:
        # Built-in types only, in termloc's own cache folder: marshal, not pickle.
        return Index.from_plain(marshal.loads(cached.read_bytes()))  # noqa: S302
    except FileNotFoundError:
        pass  # not built yet
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        warnings.warn(f"the cached lookup index {str(cached)!r} was damaged; made it again", CacheWarning, stacklevel=2)
    index = make_index(_load(selection))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(cached, marshal.dumps(index.to_plain()))
    except (OSError, TermlocError):
        return index  # a cache folder we cannot write to: look up without caching
    _forget_old(cached.parent, keep=KEEP_INDEXES)
    return index


#: Cached indexes kept (the newest); a 75,000-row index takes ~85 MB.
KEEP_INDEXES = 4


def _forget_old(folder: Path, keep: int) -> None:
    """Delete all but the ``keep`` newest cached indexes (glossaries change)."""

    def modified(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return 0.0

    indexes = sorted(folder.glob("*.marshal"), key=modified, reverse=True)
    for old in indexes[keep:]:
        old.unlink(missing_ok=True)  # another process may have got there first


def _load(selection: GlossarySelection) -> Glossary:
    from termloc.glossary.validate import check_duplicate_ids, check_entry

    # Conversion's ambiguity check (G006) is not needed here, and costs most.
    glossary = selection.with_groups(None).load(check=False)
    problems = [problem for entry in glossary.entries for problem in check_entry(entry)]
    problems.extend(check_duplicate_ids(glossary))
    if problems:
        raise GlossaryError(problems)
    return selection.select(glossary)
