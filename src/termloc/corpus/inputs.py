"""The inputs of a corpus run: which files, where each one's output goes, and the text its reference
groups are chosen from.

With ``--reference auto`` each input is a document of its own, as each page
is on Chinese Wikipedia: its groups are chosen from its own text. An input
of up to `WHOLE` bytes is read whole for that (the same choice as
`Converter.convert` makes for it); a longer file from `SAMPLES` slices spread
through it, and standard input from its first `WHOLE` bytes.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from termloc.core.errors import InputError, UsageError
from termloc.glossary.topics import SAMPLE, SAMPLES

__all__ = ["WHOLE", "Planned", "plan", "sample_bytes", "sample_text"]

#: An input up to this size is read whole to choose its reference groups.
WHOLE = 4 << 20

#: Bytes per sample slice: `SAMPLE` characters in `SAMPLES` slices, at up to three bytes a character.
_SLICE = 3 * SAMPLE // SAMPLES


@dataclass(frozen=True)
class Planned:
    """One input file and the output file it becomes."""

    source: Path
    target: Path


def plan(paths: Iterable[str], out_dir: Path) -> list[Planned]:
    """Each input file of ``paths`` (files, folders walked in name order, globs) with its place under
    ``out_dir``: a folder's files keep their path below it, a file or a glob's match its name (a glob's
    match its path below the glob's fixed part). Hidden files and ``out_dir`` itself are skipped."""
    planned: dict[Path, Planned] = {}
    for name in paths:
        for source, relative in _expanded(name, out_dir):
            target = out_dir / relative
            other = planned.get(target)
            if other is not None and other.source != source:
                raise UsageError(f"{str(other.source)!r} and {str(source)!r} would both be written to {str(target)!r}")
            planned[target] = Planned(source, target)
    return list(planned.values())


def _expanded(name: str, out_dir: Path) -> Iterator[tuple[Path, Path]]:
    path = Path(name)
    if glob.has_magic(name):
        base = Path(*[part for part in path.parts if not glob.has_magic(part)][: _fixed(path)])
        matches = sorted(Path(m) for m in glob.glob(name, recursive=True))
        files = [m for m in matches if m.is_file()]
        if not files:
            raise InputError(name, "no file matches this pattern")
        yield from ((m, m.relative_to(base)) for m in files)
    elif path.is_dir():
        yield from ((f, f.relative_to(path)) for f in _walk(path, out_dir))
    elif path.exists():
        yield path, Path(path.name)
    else:
        raise InputError(name, "no such file or folder")


def _fixed(path: Path) -> int:
    """How many leading parts of a glob hold no wildcard."""
    for i, part in enumerate(path.parts):
        if glob.has_magic(part):
            return i
    return len(path.parts)


def _walk(folder: Path, out_dir: Path) -> Iterator[Path]:
    skip = out_dir.resolve()
    for root, folders, files in os.walk(folder):
        here = Path(root)
        folders[:] = sorted(f for f in folders if not f.startswith(".") and (here / f).resolve() != skip)
        yield from (here / f for f in sorted(files) if not f.startswith("."))


def sample_bytes(stream: BinaryIO, size: int | None) -> tuple[bytes, bytes]:
    """(the bytes to choose the groups from, the bytes already read from ``stream``, to convert first).

    ``size`` is the file's size, or None for a stream that cannot seek (standard input)."""
    if size is None or size <= WHOLE:
        head = stream.read(WHOLE + 1 if size is None else size)
        return head, head
    slices = []
    step = size // SAMPLES
    for i in range(SAMPLES):
        stream.seek(i * step)
        piece = stream.read(_SLICE)
        newline = piece.find(b"\n", 0, _SLICE // 2)
        slices.append(piece[newline + 1 if newline != -1 else 0 :])
    stream.seek(0)
    return b"\n".join(slices), b""


def sample_text(data: bytes, field: str | None) -> str:
    """The text of sampled bytes that topics are chosen from: the text, or the ``field`` values of the
    whole JSON Lines records among them (a bad byte or record is the conversion's to report)."""
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    if field is None:
        return text
    values = []
    for line in text.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and isinstance(record.get(field), str):
            values.append(record[field])
    return "\n".join(values)
