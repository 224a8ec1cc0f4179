"""Reading glossary files: YAML with line numbers, into the model.

Loading is lenient and never stops at the first problem: it builds what it
can and returns every `Problem` it met, so that validation can report them
all at once, each with file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from termloc.core.errors import Problem
from termloc.core.resources import glossary_files
from termloc.glossary.model import Entry, Group, Row

__all__ = ["ENTRY_KEYS", "FILE_KEYS", "ROW_ONE_WAY_KEY", "ROW_STATUS_KEYS", "Node", "glossary_files", "read_group"]

FILE_KEYS = frozenset({"group", "title", "description", "entries"})
ENTRY_KEYS = frozenset({"id", "kind", "origin", "note", "sources", "terms"})
ROW_STATUS_KEYS = frozenset({"admitted", "deprecated"})
#: The row key of a one-way row's input forms (MediaWiki's ``A=>zh-tw:B``).
ROW_ONE_WAY_KEY = "from"

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Node:
    """A YAML value with the line (1-based) it starts on."""

    __slots__ = ("line", "value")

    def __init__(self, value: Any, line: int) -> None:
        self.value = value
        self.line = line

    def plain(self) -> Any:
        """The value with every nested `Node` unwrapped."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


def _convert(node: yaml.Node, constructor: Any) -> Node:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        mapping: dict[Any, Node] = {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node, deep=True)
            mapping[key if isinstance(key, str) else str(key)] = _convert(value_node, constructor)
        return Node(mapping, line)
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(item, constructor) for item in node.value], line)
    return Node(constructor.construct_object(node, deep=True), line)


def parse_yaml(text: str) -> Node | None:
    """Parse one YAML document, keeping line numbers. Raises `yaml.YAMLError`."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        return None if root is None else _convert(root, loader)
    finally:
        loader.dispose()


def _strings(node: Node | None) -> tuple[str, ...]:
    if node is None:
        return ()
    if isinstance(node.value, list):
        return tuple(str(item.value) for item in node.value if item.value is not None)
    return (str(node.value),) if node.value is not None else ()


def _row(node: Node, where: str, problems: list[Problem]) -> Row | None:
    if not isinstance(node.value, dict):
        problems.append(
            Problem(
                where,
                node.line,
                "G008",
                "a term row must be a mapping of language tag to form",
                "write 'zh-Hans: 普京' lines under '- '",
            )
        )
        return None
    forms: dict[str, str] = {}
    lines: dict[str, int] = {}
    status: dict[str, dict[str, tuple[str, ...]]] = {"admitted": {}, "deprecated": {}}
    one_way: tuple[str, ...] = ()
    for key, value in node.value.items():
        if key == ROW_ONE_WAY_KEY:
            if isinstance(value.value, dict) or (
                isinstance(value.value, list) and any(isinstance(item.value, (dict, list)) for item in value.value)
            ):
                problems.append(
                    Problem(
                        where,
                        value.line,
                        "G008",
                        f"{key!r} must be a list of Chinese forms",
                        f"write '{key}: [码率]' with the forms that convert one way",
                    )
                )
                continue
            one_way = _strings(value) or ("",)
            lines["zh"] = value.line
        elif key in ROW_STATUS_KEYS:
            if not isinstance(value.value, dict):
                problems.append(
                    Problem(
                        where,
                        value.line,
                        "G008",
                        f"{key!r} must map language tags to lists of forms",
                        f"write '{key}: {{zh-TW: [普廷]}}'",
                    )
                )
                continue
            status[key] = {tag: _strings(forms_node) for tag, forms_node in value.value.items()}
            lines.update({tag: forms_node.line for tag, forms_node in value.value.items() if tag not in lines})
        elif isinstance(value.value, (dict, list)):
            problems.append(
                Problem(
                    where,
                    value.line,
                    "G008",
                    f"the form for {key!r} must be one string",
                    "put other forms under 'admitted'",
                )
            )
        else:
            forms[key] = "" if value.value is None else str(value.value)
            lines[key] = value.line
    return Row(forms, status["admitted"], status["deprecated"], node.line, lines, one_way)


def _entry(node: Node, group: str, where: str, problems: list[Problem]) -> Entry | None:
    if not isinstance(node.value, dict):
        problems.append(Problem(where, node.line, "G008", "an entry must be a mapping", "start it with '- id: ...'"))
        return None
    fields = node.value
    terms = fields.get("terms")
    rows: list[Row] = []
    if terms is not None and isinstance(terms.value, list):
        for row_node in terms.value:
            row = _row(row_node, where, problems)
            if row is not None:
                rows.append(row)
    elif terms is not None:
        problems.append(Problem(where, terms.line, "G008", "'terms' must be a list of rows", "write '- zh-Hans: ...'"))
    origin = fields.get("origin")
    note = fields.get("note")
    return Entry(
        id="" if "id" not in fields or fields["id"].value is None else str(fields["id"].value),
        kind="" if "kind" not in fields or fields["kind"].value is None else str(fields["kind"].value),
        rows=tuple(rows),
        sources=_strings(fields.get("sources")),
        note="" if note is None or note.value is None else str(note.value).strip(),
        origin=None if origin is None or origin.value is None else str(origin.value),
        group=group,
        file=where,
        line=node.line,
    )


def read_group(path: Path, problems: list[Problem], display: str | None = None) -> tuple[Group | None, Node | None]:
    """Read one glossary file; append every problem met to ``problems``.

    Returns the group (None when the file cannot be parsed at all) and the
    parsed YAML tree, which validation inspects for unknown keys.
    """
    where = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        problems.append(
            Problem(where, 1, "G001", f"not UTF-8 text ({err.reason} at byte {err.start})", "save the file as UTF-8")
        )
        return None, None
    except OSError as err:
        problems.append(Problem(where, 1, "G001", f"cannot read the file: {err.strerror}", "check the path"))
        return None, None
    try:
        root = parse_yaml(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        problems.append(
            Problem(where, line, "G001", f"YAML syntax error: {problem}", "fix the indentation or quoting at that line")
        )
        return None, None
    if root is None or not isinstance(root.value, dict):
        problems.append(
            Problem(
                where,
                1 if root is None else root.line,
                "G008",
                "a glossary file must be a mapping with 'group' and 'entries'",
                "see glossary/README.md for the format",
            )
        )
        return None, root
    fields = root.value
    name_node = fields.get("group")
    name = str(name_node.value) if name_node is not None and name_node.value else path.stem
    entries: list[Entry] = []
    entries_node = fields.get("entries")
    if entries_node is None or not isinstance(entries_node.value, list):
        problems.append(
            Problem(
                where,
                root.line if entries_node is None else entries_node.line,
                "G007",
                "the file has no 'entries' list",
                "add 'entries:' with '- id: ...' items",
            )
        )
    else:
        for node in entries_node.value:
            entry = _entry(node, name, where, problems)
            if entry is not None:
                entries.append(entry)
    title_node = fields.get("title")
    title = title_node.plain() if title_node is not None and isinstance(title_node.value, dict) else {}
    description_node = fields.get("description")
    description = str(description_node.value or "") if description_node is not None else ""
    return Group(name, {str(k): str(v) for k, v in title.items()}, description.strip(), where, tuple(entries)), root
