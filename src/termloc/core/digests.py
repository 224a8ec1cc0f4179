"""Content digests of files, remembered by the files' stat signatures.

Finding a compiled glossary in the cache means knowing the digest of every
glossary file, and hashing them all on every run costs in proportion to the
glossary (9 ms for 2 MB of YAML, about 60 ms for all of Chinese Wikipedia's
conversion groups). A file whose size, modification time (in nanoseconds),
inode, device and mode are the ones recorded with its digest is taken to hold
the same bytes, as make and git's index assume (the mode, so that a file made
unreadable since is read again, and refused). A file modified in the last two
seconds is hashed every time and not recorded: a second write within one
tick of a coarse clock would leave its signature unchanged (git's "racy"
case).

The record is a small JSON file in the user cache; losing or failing to
write it only costs the hashing again.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable
from pathlib import Path

from termloc.core.errors import InputError, TermlocError
from termloc.core.files import write_atomic

__all__ = ["DigestMemo", "contents_digest"]

#: Files remembered; the earliest recorded are forgotten first.
LIMIT = 256
#: A file modified this recently (seconds) is not remembered.
RACY = 2.0


class DigestMemo:
    """SHA-256 digests of files, remembered in ``path`` across runs."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, list[int | str]] = {}
        self.changed = False
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(loaded, dict):
            self.entries = {key: value for key, value in loaded.items() if isinstance(value, list) and len(value) == 6}

    def digest(self, file: Path) -> str:
        """The SHA-256 of ``file``'s bytes, in hex; `InputError` for a file that cannot be read."""
        key = os.path.abspath(file)
        try:
            before = _signature(file)
            known = self.entries.get(key)
            if known is not None and known[:5] == before:
                return str(known[5])
            value = hashlib.sha256(file.read_bytes()).hexdigest()
            settled = time.time_ns() - int(before[1]) > RACY * 1e9
            if settled and _signature(file) == before:
                self.entries.pop(key, None)
                self.entries[key] = [*before, value]
                self.changed = True
        except OSError as err:
            raise InputError(file, f"cannot read: {err.strerror}") from None
        return value

    def save(self) -> None:
        """Write the record if it changed (best effort)."""
        if not self.changed:
            return
        while len(self.entries) > LIMIT:
            del self.entries[next(iter(self.entries))]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, json.dumps(self.entries, ensure_ascii=False))
        except (OSError, TermlocError):
            return  # a cache we cannot write to: only the hashing again next time
        self.changed = False


def _signature(file: Path) -> list[int | str]:
    status = file.stat()
    return [status.st_size, status.st_mtime_ns, status.st_ino, status.st_dev, status.st_mode]


def contents_digest(head: str, files: Iterable[Path]) -> str:
    """A digest of ``head`` and of each file's name and bytes, in order.

    The files' digests are remembered in termloc's user cache.
    """
    from termloc.core import cache

    memo = DigestMemo(cache.folder() / "digests.json")
    digest = hashlib.sha256(head.encode())
    for path in files:
        digest.update(f"\0{path.name}\0{memo.digest(path)}".encode())
    memo.save()
    return digest.hexdigest()[:32]
