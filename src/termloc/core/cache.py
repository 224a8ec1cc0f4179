"""termloc's cache: a folder that works, and entries that are trusted only when whole.

The cache holds what termloc can always make again (OpenCC's dictionaries
dumped as text, compiled glossary configs, lookup indexes, file digests), so
nothing in it is ever trusted blindly:

- `folder` is ``$TERMLOC_CACHE``, else the user cache folder; one that cannot
  be used (a file, read-only, forbidden) gives way to a folder of termloc's
  own under the system's temporary folder, with one `CacheWarning`;
- `seal` writes a folder's manifest last, naming each file with its size
  and CRC-32; `intact` trusts a folder only when its manifest is there and
  every file it names is as it was written (a disk that filled up
  mid-build, or a copy cut short, leaves a folder that is rebuilt, never
  read). The tools that write
  the files are not trusted either: termloc writes every byte itself (see
  `termloc.core.opencc_files`), so a full disk is an error, not a short file.

Paths inside a cache entry are relative to the entry, so the cache can move.
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from termloc.core.errors import TermlocError, TermlocWarning
from termloc.core.files import write_atomic

__all__ = ["MANIFEST", "CacheWarning", "folder", "intact", "seal", "writing"]

#: The file `seal` writes last into a cache entry.
MANIFEST = "manifest.json"


class CacheWarning(TermlocWarning):
    """Something in the cache could not be used; termloc carried on without it."""


def _usable(path: Path) -> bool:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return path.is_dir() and os.access(path, os.W_OK | os.X_OK)


#: The unusable folders warned about in this process, and the folder used instead.
_fallbacks: dict[Path, Path] = {}


def folder() -> Path:
    """The cache folder to use: ``$TERMLOC_CACHE`` or the user cache folder, else a temporary one."""
    override = os.environ.get("TERMLOC_CACHE")
    if override:
        chosen = Path(override)
    else:
        from platformdirs import user_cache_dir

        chosen = Path(user_cache_dir("termloc", appauthor=False))
    if chosen in _fallbacks:
        return _fallbacks[chosen]
    if _usable(chosen):
        return chosen
    _fallbacks[chosen] = fallback = _temporary()
    warnings.warn(
        f"the cache folder {str(chosen)!r} cannot be written; using {str(fallback)!r} "
        "(set TERMLOC_CACHE to a folder you can write)",
        CacheWarning,
        stacklevel=2,
    )
    return fallback


def _temporary() -> Path:
    """termloc's folder under the system's temporary folder: this user's own, else a new one."""
    uid = os.getuid() if hasattr(os, "getuid") else -1
    shared = Path(tempfile.gettempdir()) / f"termloc-cache-{uid}"
    if _usable(shared) and not shared.is_symlink() and shared.stat().st_uid == max(uid, 0):
        return shared
    return Path(tempfile.mkdtemp(prefix="termloc-cache-"))


@contextmanager
def writing(entry: Path) -> Iterator[None]:
    """Turn a failure to write ``entry`` (a full disk, no permission) into one `TermlocError`."""
    try:
        yield
    except OSError as err:
        problem = err.strerror or str(err)
        raise TermlocError(
            f"cannot write termloc's cache at {str(entry)!r}: {problem} "
            "(free some space, or set TERMLOC_CACHE to another folder)"
        ) from None


def _checksum(path: Path) -> list[int]:
    data = path.read_bytes()
    return [len(data), zlib.crc32(data)]


def seal(entry: Path) -> None:
    """Write ``entry``'s manifest, every file in it (but the manifest) with its size and CRC-32; call it last."""
    files = {
        str(path.relative_to(entry)): _checksum(path)
        for path in sorted(entry.rglob("*"))
        if path.is_file() and path.name != MANIFEST
    }
    write_atomic(entry / MANIFEST, json.dumps({"files": files}, ensure_ascii=False, indent=1))


def intact(entry: Path) -> bool:
    """Whether ``entry`` was sealed and every file its manifest names is there as it was written.

    A CRC-32 (3 ms for the 6 MB of a compiled Traditional variant) finds damage that keeps the size.
    """
    try:
        manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
        files = manifest["files"]
        return isinstance(files, dict) and all(_checksum(entry / name) == checksum for name, checksum in files.items())
    except (OSError, ValueError, KeyError, TypeError):
        return False
