"""What the workbench holds: the glossary loaded once, reloaded when its files change.

A `Snapshot` is everything made from one state of the glossary files: the
glossary, its lookup, the converters (made on first use, one per variant) and
the article's pages (rendered on first use, one per version). The
`Workbench` hands out the current snapshot and, at most once a second, compares
the files' modification times and sizes with the snapshot's; when they
changed it loads a new one. A glossary that no longer loads (a file saved half
edited) keeps the old snapshot, and `Workbench.problem` says why.
Everything a request can name (a variant, an entry, a version) is looked up in
these in-memory tables: no request reaches the file system.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from termloc.core import resources
from termloc.core.errors import TermlocError, UsageError
from termloc.core.variants import Variant, VariantRegistry, load_variants
from termloc.documents.document import Document, load_document
from termloc.documents.render import Rendering
from termloc.engine.converter import Converter
from termloc.glossary.model import Entry, Glossary
from termloc.glossary.selection import GlossarySelection
from termloc.lookup import Lookup

__all__ = ["RELOAD_EVERY", "Snapshot", "Workbench"]

#: How often (seconds) a request may look at the glossary files' times.
RELOAD_EVERY = 1.0

#: The glossary files' state: each file's path, modification time and size.
Stamp = tuple[tuple[str, int, int], ...]


def stamp_of(selection: GlossarySelection) -> Stamp:
    """The state of ``selection``'s files now (a file gone or unreadable counts as changed)."""
    found = []
    for path in selection.files():
        try:
            info = path.stat()
        except OSError:
            found.append((str(path), -1, -1))
        else:
            found.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(found)


@dataclass
class Snapshot:
    """The glossary, its lookup and what is made from them, for one state of the files."""

    selection: GlossarySelection
    glossary: Glossary
    lookup: Lookup
    registry: VariantRegistry
    document: Document
    catalogs: Path
    stamp: Stamp
    entries: dict[str, Entry] = field(default_factory=dict)
    _converters: dict[str, tuple[Converter, threading.Lock]] = field(default_factory=dict)
    _made: dict[str, object] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _locks: dict[str, threading.Lock] = field(default_factory=dict)

    @classmethod
    def load(
        cls, selection: GlossarySelection, registry: VariantRegistry, document: Document, catalogs: Path
    ) -> Snapshot:
        """Load ``selection`` (`GlossaryError`, `UsageError`, `InputError` as the loaders raise them)."""
        stamp = stamp_of(selection)
        glossary = selection.load()
        found = cls(selection, glossary, Lookup(selection), registry, document, catalogs, stamp)
        found.entries = {entry.id: entry for entry in glossary.entries}
        return found

    def chinese(self, tag: str) -> Variant:
        """The Chinese variant ``tag`` names (any accepted spelling); `UsageError` for another."""
        try:
            variant = self.registry.get_variant(tag)
        except TermlocError:
            variant = None
        if variant is None or not variant.is_chinese:
            names = ", ".join(v.tag for v in self.registry.chinese)
            raise UsageError(f"unknown Chinese variant {tag!r}; expected one of {names}")
        return variant

    @contextmanager
    def converter(self, tag: str) -> Iterator[Converter]:
        """The converter into variant ``tag``, made on first use, held by one caller at a time
        (a converter keeps caches of its own: one conversion at a time is the safe use)."""
        variant = self.chinese(tag)
        with self._lock:
            found = self._converters.get(variant.tag)
            if found is None:
                found = (Converter(variant.tag, glossary=self.selection, registry=self.registry), threading.Lock())
                self._converters[variant.tag] = found
        converter, lock = found
        with lock:
            yield converter

    def made(self, key: str, make: Callable[[], object]) -> object:
        """What ``make`` gives, made once for this snapshot under ``key`` (a rendered page ...);
        two requests for the same key wait for one making."""
        with self._lock:
            if key in self._made:
                return self._made[key]
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            with self._lock:
                if key in self._made:
                    return self._made[key]
            value = make()
            with self._lock:
                self._made[key] = value
            return value

    def rendered(self, key: str) -> Rendering | None:
        """A rendering already made under ``key``, if any."""
        with self._lock:
            found = self._made.get(key)
        return found if isinstance(found, Rendering) else None


class Workbench:
    """The current `Snapshot` of the glossary ``selection`` (termloc's own by default)."""

    def __init__(
        self,
        selection: GlossarySelection | None = None,
        *,
        article: Path | None = None,
        catalogs: Path | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.selection = selection or GlossarySelection.default()
        self.registry = load_variants()
        self.document = load_document(article or resources.default_article())
        self.catalogs = catalogs or resources.locales_dir()
        self._clock = clock
        self._lock = threading.Lock()
        self._current = Snapshot.load(self.selection, self.registry, self.document, self.catalogs)
        self._checked = clock()
        #: Why the last reload failed (the glossary kept is the one before), or None.
        self.problem: str | None = None
        #: How many times the glossary was loaded again.
        self.reloads = 0

    def snapshot(self) -> Snapshot:
        """The current snapshot; at most once every `RELOAD_EVERY` seconds, a new one if the files changed."""
        now = self._clock()
        if now - self._checked < RELOAD_EVERY:
            return self._current
        with self._lock:
            if now - self._checked >= RELOAD_EVERY:
                self._checked = now
                self._reload_if_changed()
            return self._current

    def _reload_if_changed(self) -> None:
        try:
            if stamp_of(self.selection) == self._current.stamp:
                return
            self._current = Snapshot.load(self.selection, self.registry, self.document, self.catalogs)
        except TermlocError as err:
            self.problem = f"the glossary was not reloaded: {_first_line(err)}"
            return
        self.problem = None
        self.reloads += 1

    def warm(self, tags: tuple[str, ...] = ("zh-CN", "zh-TW", "zh-HK")) -> None:
        """Make the converters of ``tags`` now, so that the first requests do not wait for them."""
        snapshot = self.snapshot()
        for tag in tags:
            with snapshot.converter(tag) as converter:
                converter.convert("中文")


def _first_line(err: TermlocError) -> str:
    problems = getattr(err, "problems", None)
    if problems:
        return f"{len(problems)} problems, the first: {problems[0]}"
    return str(err).splitlines()[0] if str(err) else type(err).__name__
