"""Reading input and writing output files safely.

Input must be UTF-8; output is written to a temporary file beside the target
and renamed over it, so a failed run never leaves half a file.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from termloc.core.errors import InputError

__all__ = ["read_text", "write_atomic"]


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


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8, all or nothing."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(str(target), f"the folder {str(folder)!r} does not exist")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
