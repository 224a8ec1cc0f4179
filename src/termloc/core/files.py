"""Reading input and writing output files safely.

Input must be UTF-8. Output is written in full to a temporary file (or
folder) beside the target and moved into place at the end, so a failed or
interrupted run never leaves half a file, and:

- an output that is one of the command's inputs (the same file, by device
  and inode, whatever the path says) is refused before anything is read;
- an output that exists and is no regular file (a folder, a device such as
  ``/dev/null``, a FIFO, a socket) is refused, never replaced by a file;
- a symbolic link is followed: the file it points to is replaced, the link
  stays; a file with other hard links is rewritten in place once the new
  text is complete, so every link keeps seeing it;
- a new file gets the mode the umask gives (0644 under umask 022), a
  replaced file keeps its own mode.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from termloc.core.errors import InputError, UsageError

__all__ = ["open_input", "read_text", "replacing", "write_atomic", "write_files", "write_folder"]

#: Paths an output may be compared with: the command's input files and folders.
Inputs = Iterable[str | Path | None]


def read_text(path: str | Path | None) -> str:
    """The UTF-8 text of ``path`` (standard input for None or '-')."""
    if path is None or str(path) == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        name = str(path)
        with open_input(path) as source:
            try:
                data = source.read()
            except OSError as err:
                raise InputError(name, f"cannot read: {err.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise InputError(name, f"not UTF-8 text (byte {data[err.start]:#04x} at offset {err.start})", line) from None
    return text[1:] if text.startswith("\ufeff") else text


def open_input(path: str | Path, folder_hint: str = "") -> BinaryIO:
    """``path`` opened to read bytes; `InputError` (one line) when it is missing, a folder or unreadable.
    ``folder_hint`` is added to the message for a folder (what to do instead)."""
    name = str(path)
    try:
        return Path(path).open("rb")
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, f"is a folder, not a file{folder_hint}") from None
    except OSError as err:
        raise InputError(name, f"cannot read: {err.strerror}") from None


def _umask_mode(base: int = 0o666) -> int:
    mask = os.umask(0)
    os.umask(mask)
    return base & ~mask


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def refuse_inputs(target: Path, inputs: Inputs) -> None:
    """Refuse (`UsageError`) an output ``target`` that is one of ``inputs``, or holds or lies in an input folder."""
    for source in inputs:
        if source is None or str(source) == "-":
            continue
        path = Path(source)
        if _same_file(target, path):
            raise UsageError(f"{target}: the output is the input {str(source)!r}; name another output")
        if path.is_dir() and (path.resolve() in target.resolve().parents or target.resolve() in path.resolve().parents):
            raise UsageError(f"{target}: the output would write into the input folder {str(source)!r}")


def _checked_target(path: Path) -> Path:
    """The regular file to replace for the output ``path`` (a symlink's target), refusing anything else."""
    target = path.resolve() if path.is_symlink() else path
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise InputError(str(path), f"cannot write: {err.strerror}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{path}: is a folder; name a file to write")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise UsageError(f"{path}: exists and is not a regular file (a device, FIFO or socket); name a file to write")
    folder = target.parent
    if not folder.is_dir():
        raise InputError(str(path), f"the folder {str(folder)!r} does not exist")
    return target


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``, moved over it when the block succeeds.

    Whatever goes wrong inside the block (an error, an interrupt), the
    temporary file is removed and ``target`` is left as it was: all or
    nothing. The one place termloc replaces a file (see the module's doc
    for symbolic links, hard links and modes).
    """
    target = _checked_target(target)
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:50]}.", suffix=".tmp")
    except OSError as err:
        raise InputError(str(target), f"cannot write into {str(target.parent)!r}: {err.strerror}") from None
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        _move(temporary, target)
    except OSError as err:
        raise InputError(str(target), f"cannot write: {err.strerror}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def _move(temporary: Path, target: Path) -> None:
    """Put ``temporary``'s bytes at ``target``: renamed over it, or copied into a file with several links."""
    try:
        info = target.stat()
    except FileNotFoundError:
        os.chmod(temporary, _umask_mode())
        os.replace(temporary, target)
        return
    if info.st_nlink > 1:
        with temporary.open("rb") as source, target.open("r+b") as destination:
            shutil.copyfileobj(source, destination)
            destination.truncate()
        return
    os.chmod(temporary, stat.S_IMODE(info.st_mode))
    os.replace(temporary, target)


def write_atomic(path: str | Path, data: str | bytes, *, inputs: Inputs = ()) -> None:
    """Write ``data`` (text as UTF-8, or bytes) to ``path``, all or nothing; never over one of ``inputs``."""
    target = Path(path)
    refuse_inputs(target, inputs)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with replacing(target) as temporary:
        temporary.write_bytes(payload)


def write_files(folder: Path, files: Mapping[str, str | bytes], *, inputs: Inputs = ()) -> None:
    """Write each ``name → data`` into ``folder`` (made if need be), the whole set or none of it.

    Every file is written into a temporary folder first; only then are they
    moved into ``folder``, one rename each.
    """
    targets = {name: _checked_target(folder / name) if folder.is_dir() else folder / name for name in files}
    for target in targets.values():
        refuse_inputs(target, inputs)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with _temporary_folder(folder, inside=True) as work:
            for name, data in files.items():
                (work / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
            for name, target in targets.items():
                _move(work / name, target)
    except OSError as err:
        raise InputError(str(folder), f"cannot write the folder: {err.strerror}") from None


def write_folder(folder: Path, files: Iterable[tuple[str, str]], *, force: bool = False, inputs: Inputs = ()) -> None:
    """Write ``(name, text)`` files as the folder ``folder``, all or nothing.

    Refuses (`UsageError`) to replace a folder that has files in it unless
    ``force``, a file of that name always, and a folder that is, holds or
    lies in one of ``inputs``; a folder that cannot be written (a name too
    long, no permission, a full disk) is an `InputError`, nothing left behind.
    """
    try:
        _write_folder(folder, files, force=force, inputs=inputs)
    except OSError as err:
        raise InputError(str(folder), f"cannot write the folder: {err.strerror}") from None


def _write_folder(folder: Path, files: Iterable[tuple[str, str]], *, force: bool, inputs: Inputs) -> None:
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: exists and is not a folder; name a folder for the files")
    refuse_inputs(folder, inputs)
    occupied = folder.is_dir() and any(folder.iterdir())
    if occupied and not force:
        raise UsageError(f"{folder}: the folder is not empty; choose a new folder, or pass --force to replace it")
    parent = folder.resolve().parent
    if not parent.is_dir():
        raise InputError(str(folder), f"the folder {str(parent)!r} does not exist")
    with _temporary_folder(folder) as work:
        for name, text in files:
            (work / name).write_text(text, encoding="utf-8", newline="\n")
        os.chmod(work, stat.S_IMODE(folder.stat().st_mode) if folder.is_dir() else _umask_mode(0o777))
        if folder.is_dir():
            old = Path(tempfile.mkdtemp(dir=parent, prefix=f".{folder.name[:50]}.", suffix=".old"))
            os.replace(folder, old / folder.name)
            os.replace(work, folder)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(work, folder)


@contextmanager
def _temporary_folder(beside: Path, *, inside: bool = False) -> Iterator[Path]:
    """A new folder next to ``beside`` (or in it), removed when the block ends (unless moved away)."""
    parent = beside.resolve() if inside else beside.resolve().parent
    work = Path(tempfile.mkdtemp(dir=parent, prefix=f".{beside.name[:50]}.", suffix=".tmp"))
    try:
        yield work
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
