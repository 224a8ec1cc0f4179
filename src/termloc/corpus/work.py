"""What a worker does with one chunk: decode, convert, encode.

The same function runs in the command's own process (``--jobs 1``), in a
worker process and on a Dask worker, so the output cannot depend on where a
chunk went. A `Task` travels with every chunk; its converter pickles as a
recipe and is rebuilt once per process (`termloc.engine.converter.rebuilt`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from json.decoder import scanstring  # type: ignore[attr-defined]

from termloc.core.errors import InputError
from termloc.corpus.chunks import Chunk, decoded
from termloc.engine.converter import Converter

__all__ = ["Task", "convert_chunk", "convert_record", "plain_chunk"]


@dataclass(frozen=True)
class Task:
    """How to convert the chunks of one input: the converter (its groups already chosen for the input),
    whether ``-{...}-`` markup is resolved, the JSON Lines field to convert (None: the text itself),
    and the input's name for messages."""

    converter: Converter
    markup: bool = True
    field: str | None = None
    name: str = "<stdin>"


def plain_chunk(task: Task, chunk: Chunk) -> bool:
    """Whether the chunk can be converted on its own, anywhere: a JSON Lines chunk always (each record is
    a document of its own), a text chunk when it holds no markup (markup rules last to the input's end)."""
    return task.field is not None or not task.markup or b"-{" not in chunk.data


def convert_chunk(task: Task, chunk: Chunk) -> tuple[bytes, int]:
    """The converted bytes of a chunk that `plain_chunk` allows to convert on its own, and how many
    characters they hold."""
    text = decoded(chunk, task.name)
    if task.field is None:
        converted = task.converter.convert(text)
    else:
        records = text.split("\n")  # not splitlines: JSON strings may hold U+2028 and other line separators
        last = len(records) - 1
        converted = "".join(
            convert_record(task, record + "\n" * (i < last), chunk.line + i) for i, record in enumerate(records)
        )
    return converted.encode("utf-8"), len(converted)


def convert_record(task: Task, line: str, number: int) -> str:
    """One JSON Lines record with its ``task.field`` converted and every other byte as it was.

    >>> task = Task(Converter("zh-TW"), field="text")
    >>> convert_record(task, '{"id": 7, "text": "普京访问软件园"}\\n', 1)
    '{"id": 7, "text": "普丁訪問軟體園"}\\n'
    >>> convert_record(task, '{"text":"\\\\u666e\\\\u4eac","n":[1, 2]}\\n', 1)
    '{"text":"\\\\u666e\\\\u4e01","n":[1, 2]}\\n'
    """
    body = line.removesuffix("\n").removesuffix("\r")
    if not body.strip():
        return line
    span = _field_span(body, task.field or "", task.name, number)
    if span is None:
        return line
    start, end, value = span
    converted = task.converter.convert_markup(value) if task.markup else task.converter.convert(value)
    raw = body[start:end]
    written = json.dumps(converted, ensure_ascii=raw.isascii() and not value.isascii())
    return body[:start] + written + body[end:] + line[len(body) :]


_DECODER = json.JSONDecoder()


def _field_span(body: str, field: str, name: str, number: int) -> tuple[int, int, str] | None:
    """Where the top-level string value of ``field`` is in the record ``body`` (None: no such field)."""
    try:
        record, end = _DECODER.raw_decode(body)
    except json.JSONDecodeError as err:
        raise InputError(name, f"not a JSON Lines record: {err.msg} (column {err.colno})", number) from None
    if not isinstance(record, dict) or body[end:].strip():
        raise InputError(name, "not a JSON Lines record: one JSON object per line expected", number)
    if field not in record:
        return None
    if not isinstance(record[field], str):
        shown = json.dumps(record[field], ensure_ascii=False)
        raise InputError(name, f"the field {field!r} is not a string: {shown[:40]}", number)
    return _value_position(body, field, record[field])


def _value_position(body: str, field: str, value: str) -> tuple[int, int, str]:
    """Walk the object's members to the last one named ``field`` (JSON's last-wins duplicate rule)."""
    position = body.index("{") + 1
    found: tuple[int, int, str] | None = None
    while True:
        position = _skip(body, position)
        if body[position] == "}":
            break
        key, position = scanstring(body, position + 1)
        position = _skip(body, position) + 1  # past the colon
        start = _skip(body, position)
        member, position = _DECODER.raw_decode(body, start)
        if key == field:
            found = (start, position, member)
        position = _skip(body, position)
        if body[position] == ",":
            position += 1
    assert found is not None, "raw_decode found the field"
    return found


def _skip(body: str, position: int) -> int:
    """The first position at or after ``position`` that is not JSON whitespace."""
    while body[position] in " \t\r\n":
        position += 1
    return position
