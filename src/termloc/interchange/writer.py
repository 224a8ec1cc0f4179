"""Writing termloc glossary files as YAML text.

`group_yaml` turns a `Group` into the YAML the loader reads back into the
same model (a test checks this on real data); strings are written plain
where YAML would read them back as the same string, double-quoted
otherwise. A folder of them is written by `termloc.core.files.write_folder`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

import yaml

from termloc.glossary.load import ROW_ONE_WAY_KEY
from termloc.glossary.model import Entry, Group, Row

__all__ = ["file_name", "group_yaml", "scalar"]

#: Characters PyYAML refuses in a document, and those it reads as line breaks.
_UNSAFE = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: A plain scalar may not start with these: YAML's indicators, white space, and
#: a byte-order mark, which YAML readers drop at the start of a line.
_PLAIN_START = re.compile(r"[-?:,\[\]{}#&*!|>'\"%@`\s\ufeff]")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}
_resolver = yaml.resolver.Resolver()


def _escape(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def scalar(text: str) -> str:
    """``text`` as a YAML scalar that reads back as exactly ``text``."""
    plain = (
        text
        and not _PLAIN_START.match(text)
        and not text[-1].isspace()
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and not _UNSAFE.search(text)
        and _resolver.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"  # type: ignore[no-untyped-call]
    )
    if plain:
        return text
    return '"' + re.sub(r'[\\"]|' + _UNSAFE.pattern, lambda m: _escape(m.group()), text) + '"'


def _lists(key: str, forms: Mapping[str, tuple[str, ...]], indent: str) -> Iterator[str]:
    if not forms:
        return
    yield f"{indent}{key}:"
    for tag, texts in forms.items():
        yield f"{indent}  {tag}:"
        for text in texts:
            yield f"{indent}    - {scalar(text)}"


def _row(row: Row) -> Iterator[str]:
    lines: list[str] = []
    if row.one_way:
        lines.append(f"{ROW_ONE_WAY_KEY}:")
        lines.extend(f"  - {scalar(text)}" for text in row.one_way)
    lines.extend(f"{tag}: {scalar(text)}" for tag, text in row.forms.items())
    lines.extend(_lists("admitted", row.admitted, ""))
    lines.extend(_lists("deprecated", row.deprecated, ""))
    for number, line in enumerate(lines):
        yield ("      - " if number == 0 else "        ") + line


def _entry(entry: Entry) -> Iterator[str]:
    yield f"  - id: {scalar(entry.id)}"
    yield f"    kind: {scalar(entry.kind)}"
    if entry.origin is not None:
        yield f"    origin: {scalar(entry.origin)}"
    if entry.note:
        yield f"    note: {scalar(entry.note)}"
    yield "    sources:"
    for source in entry.sources:
        yield f"      - {scalar(source)}"
    yield "    terms:"
    for row in entry.rows:
        yield from _row(row)


def group_yaml(group: Group, comment: str = "") -> str:
    """The glossary file of ``group``, with ``comment`` lines on top."""
    # A comment line holds what YAML may hold: anything else is written as its escape (\\u001b).
    shown = [_UNSAFE.sub(lambda c: f"\\u{ord(c[0]):04x}", line) for line in comment.replace("\r\n", "\n").split("\n")]
    lines = [f"# {line}".rstrip() for line in shown] if comment else []
    lines.append(f"group: {scalar(group.name)}")
    if group.title:
        lines.append("title:")
        lines.extend(f"  {scalar(tag)}: {scalar(text)}" for tag, text in group.title.items())
    if group.description:
        lines.append(f"description: {scalar(group.description)}")
    lines.append("entries:" if group.entries else "entries: []")
    for entry in group.entries:
        lines.extend(_entry(entry))
    return "\n".join(lines) + "\n"


_BAD_FILE_CHARS = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
#: The most bytes of a group name kept in its file name: file systems allow 255
#: bytes a name, and the number that tells two names apart and ``.yaml`` follow.
STEM_BYTES = 200


def file_name(name: str, taken: set[str]) -> str:
    """A safe, unused ``*.yaml`` file name for group ``name`` (case-blind), short enough for any file system.

    The group's name itself is kept whole in the file (``group:``); only the file name is cut.
    """
    cut = _BAD_FILE_CHARS.sub("-", name).encode("utf-8")[:STEM_BYTES].decode("utf-8", "ignore")
    stem = cut.strip(" .") or "group"
    candidate, number = stem, 1
    while f"{candidate}.yaml".casefold() in taken:
        number += 1
        candidate = f"{stem}-{number}"
    taken.add(f"{candidate}.yaml".casefold())
    return f"{candidate}.yaml"
