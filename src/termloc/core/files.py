"""Reading input and writing output files safely.

Input must be UTF-8; output is written to a temporary file beside the target
and renamed over it, so a failed run never leaves half a file.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from termloc.core.errors import InputError

__all__ = ["read_text", "replacing", "write_atomic"]


def read_text(path: str | Path | None) -> str:
    """The UTF-8 text of ``path`` (standard input for None or '-')."""
    if path is None or str(path) == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        name = str(path)
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            raise InputError(name, "no such file") from None
        except IsADirectoryError:
            raise InputError(name, "is a folder, not a file") from None
        except OSError as err:
            raise InputError(name, f"cannot read: {err.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise InputError(name, f"not UTF-8 text (byte {data[err.start]:#04x} at offset {err.start})", line) from None
    return text[1:] if text.startswith("\ufeff") else text


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``, renamed over it when the block succeeds.

    Whatever goes wrong inside the block (an error, an interrupt), the
    temporary file is removed and ``target`` is left as it was: all or
    nothing. The one place termloc replaces a file.
    """
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8, or bytes) to ``path``, all or nothing."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(str(target), f"the folder {str(folder)!r} does not exist")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with replacing(folder / target.name) as temporary:
        temporary.write_bytes(payload)
