"""Reading glossary files: YAML with line numbers, into the model.

Loading is lenient and never stops at the first problem: it builds what it
can and returns every `Problem` it met, so that validation can report them
all at once, each with file and line.
"""

from __future__ import annotations

from pathlib import Path

from termloc.core.errors import Problem
from termloc.core.resources import glossary_files
from termloc.core.yamltext import Node, YAMLInputError, parse_yaml
from termloc.glossary.model import Entry, Group, Row

__all__ = [
    "ENTRY_KEYS",
    "FILE_KEYS",
    "ROW_ONE_WAY_KEY",
    "ROW_STATUS_KEYS",
    "Node",
    "glossary_files",
    "parse_yaml",
    "read_group",
]

FILE_KEYS = frozenset({"group", "title", "description", "entries"})
ENTRY_KEYS = frozenset({"id", "kind", "origin", "note", "sources", "terms"})
ROW_STATUS_KEYS = frozenset({"admitted", "deprecated"})
#: The row key of a one-way row's input forms (MediaWiki's ``A=>zh-tw:B``).
ROW_ONE_WAY_KEY = "from"


def _strings(node: Node | None, key: str, where: str, problems: list[Problem]) -> tuple[str, ...]:
    """The strings of a list (or of one scalar); a G008 for each item that is a list or mapping."""
    if node is None:
        return ()
    if isinstance(node.value, dict):
        problems.append(
            Problem(where, node.line, "G008", f"{key!r} must be a list of strings", f"write '{key}: [...]'")
        )
        return ()
    items = node.value if isinstance(node.value, list) else [node]
    texts = []
    for item in items:
        if isinstance(item.value, (dict, list)):
            problems.append(
                Problem(
                    where,
                    item.line,
                    "G008",
                    f"an item of {key!r} must be a string",
                    "write one string on each '- ' line",
                )
            )
        elif item.value is not None:
            texts.append(str(item.value))
    return tuple(texts)


def _text(fields: dict[str, Node], key: str, where: str, problems: list[Problem], what: str = "") -> str | None:
    """The string of the scalar field ``key`` (None when absent or null); a G008 for a list or mapping."""
    node = fields.get(key)
    if node is None or node.value is None:
        return None
    if isinstance(node.value, (dict, list)):
        message = f"{what or repr(key)} must be one string, not a list or mapping"
        problems.append(Problem(where, node.line, "G008", message, f"write '{key}: ...'"))
        return None
    return str(node.value)


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
            one_way = _strings(value, key, where, problems) or ("",)
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
            status[key] = {
                tag: _strings(forms_node, f"{key}: {tag}", where, problems) for tag, forms_node in value.value.items()
            }
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
    """The entry at ``node``; None (with a G008) when it or one of its fields has the wrong type."""
    if not isinstance(node.value, dict):
        problems.append(Problem(where, node.line, "G008", "an entry must be a mapping", "start it with '- id: ...'"))
        return None
    fields = node.value
    # A field of the wrong type leaves the entry out, so that no other check reports the same mistake.
    wrong: list[Problem] = []
    texts = {key: _text(fields, key, where, wrong) for key in ("id", "kind", "note", "origin")}
    sources = _strings(fields.get("sources"), "sources", where, wrong)
    if wrong:
        problems.extend(wrong)
        return None
    terms = fields.get("terms")
    rows: list[Row] = []
    if terms is not None and isinstance(terms.value, list):
        for row_node in terms.value:
            row = _row(row_node, where, problems)
            if row is not None:
                rows.append(row)
    elif terms is not None:
        problems.append(Problem(where, terms.line, "G008", "'terms' must be a list of rows", "write '- zh-Hans: ...'"))
    return Entry(
        id=texts["id"] or "",
        kind=texts["kind"] or "",
        rows=tuple(rows),
        sources=sources,
        note=(texts["note"] or "").strip(),
        origin=texts["origin"],
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
    except YAMLInputError as err:
        message = f"YAML syntax error: {err.problem}" if err.syntax else err.problem
        problems.append(Problem(where, err.line, "G001", message, err.hint))
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
    name = _text(fields, "group", where, problems) or path.stem
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
    description = _text(fields, "description", where, problems) or ""
    return Group(name, _title(fields.get("title"), where, problems), description.strip(), where, tuple(entries)), root


def _title(node: Node | None, where: str, problems: list[Problem]) -> dict[str, str]:
    """The group's title in each language: a mapping of tag to string (G008 otherwise)."""
    if node is None or node.value is None:
        return {}
    if not isinstance(node.value, dict):
        problems.append(
            Problem(where, node.line, "G008", "'title' must map language tags to titles", "write 'title: {en: People}'")
        )
        return {}
    return {
        tag: text
        for tag in node.value
        if (text := _text(node.value, tag, where, problems, f"the title for {tag!r}")) is not None
    }
