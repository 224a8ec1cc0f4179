"""An input of any size as chunks of whole lines, read a block at a time.

A chunk ends at a line break (byte 0x0A, which UTF-8 never uses inside a
character), so no conversion key can straddle two chunks: OpenCC's keys,
glossary forms and markup rules never hold a line break. A chunk stays
bytes until a worker decodes it, so the reader only counts lines.

    >>> import io
    >>> [(c.line, c.data) for c in chunks(io.BytesIO(b"a\\nb\\nc"), "x.txt", size=2)]
    [(1, b'a\\n'), (2, b'b\\n'), (3, b'c')]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from termloc.core.errors import InputError

__all__ = ["CHUNK", "LONGEST_LINE", "Chunk", "chunks", "decoded"]

#: Bytes read at a time and the size a chunk aims at: big enough that handing it to a worker
#: costs little against converting it, small enough that a few in flight per worker stay small.
CHUNK = 1 << 20

#: A line longer than this is cut after its last sentence end (。！？) so that memory stays
#: bounded; with no sentence end in it, the input is refused.
LONGEST_LINE = 16 << 20

_SENTENCE_ENDS = ("。".encode(), "！".encode(), "？".encode())
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Chunk:
    """Whole lines of one input: their bytes, the number of the first line, and the chunk's place."""

    data: bytes
    line: int
    index: int


def chunks(stream: BinaryIO, name: str, size: int = CHUNK, head: bytes = b"") -> Iterator[Chunk]:
    """``stream``'s bytes (after ``head``, bytes already read from it) as chunks of about ``size`` bytes
    cut after a line break; a leading byte-order mark is dropped. `InputError` names ``name``."""
    buffer = head
    line, index, first = 1, 0, True
    while True:
        block = stream.read(size)
        buffer += block
        if (first and len(buffer) >= len(_BOM)) or not block:
            if first and buffer.startswith(_BOM):
                buffer = buffer[len(_BOM) :]
            first = False
        while len(buffer) >= size or (not block and buffer):
            cut = _cut(buffer, size, name, line, final=not block)
            if cut == 0:
                break
            yield Chunk(buffer[:cut], line, index)
            line += buffer.count(b"\n", 0, cut)
            index += 1
            buffer = buffer[cut:]
        if not block:
            return


def _cut(buffer: bytes, size: int, name: str, line: int, *, final: bool) -> int:
    """Where the chunk at the start of ``buffer`` ends (0: read more first)."""
    if final and len(buffer) <= size:
        return len(buffer)  # the rest fits: one chunk, though its last line has no line break
    newline = buffer.rfind(b"\n", 0, max(size, 1) + 1)
    if newline < 0:
        newline = buffer.find(b"\n")
    if newline >= 0:
        return newline + 1
    if final:
        return len(buffer)
    if len(buffer) <= LONGEST_LINE:
        return 0
    end = max(buffer.rfind(mark) + len(mark) if buffer.rfind(mark) >= 0 else 0 for mark in _SENTENCE_ENDS)
    if end == 0:
        raise InputError(name, f"a line longer than {LONGEST_LINE >> 20} MiB with no sentence end in it", line)
    return end


def decoded(chunk: Chunk, name: str) -> str:
    """The chunk's text; `InputError` at the line of the first byte that is not UTF-8."""
    try:
        return chunk.data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = chunk.line + chunk.data.count(b"\n", 0, err.start)
        column = err.start - (chunk.data.rfind(b"\n", 0, err.start) + 1) + 1
        problem = f"not UTF-8 text (byte {chunk.data[err.start]:#04x} at column {column})"
        raise InputError(name, problem, line) from None
