"""Reading YAML text: the one place termloc parses YAML.

Glossary files, locale declarations and the front matter of documents all
come through `parse_yaml` (a tree of `Node` s with line numbers) or
`load_yaml` (plain Python values). Both read only what termloc's own files
use, so that hostile input cannot cost minutes and gigabytes or end in a
traceback; anything else is a `YAMLInputError` with its line:

- aliases (``*name``) are refused: expanding them is how a few hundred
  bytes become gigabytes ("billion laughs"), an anchor that refers to
  itself never ends, and no file of termloc's uses them;
- explicit tags (``!!binary``, ``!!python/...``, ``!!int abc``) are refused:
  a value is a string, number, boolean, null or date as YAML reads it;
- a mapping key is given once; a second one would silently win;
- a scalar that YAML's own rules cannot turn into a value (``2024-02-30``,
  an integer of more digits than Python reads) names its line instead;
- the text is at most `MAX_CHARS` characters and `MAX_DEPTH` levels deep.

Keys are the text as written (``no:`` is the key ``'no'``, not False).
"""

from __future__ import annotations

import sys
from typing import Any

import yaml

__all__ = ["MAX_CHARS", "MAX_DEPTH", "Node", "YAMLInputError", "load_yaml", "parse_yaml"]

#: The longest YAML text read, in characters: eight times the largest glossary
#: file an import of all of Chinese Wikipedia's conversion groups writes (2 MB).
MAX_CHARS = 16 * 1024 * 1024
#: The deepest nesting of lists and mappings read (termloc's files use seven).
MAX_DEPTH = 64

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE = "tag:yaml.org,2002:"
_STR = _CORE + "str"
_BOOL = _CORE + "bool"
#: The scalar types read, as YAML resolves plain scalars (no binary, no merge keys).
_SCALARS = {_CORE + name: name for name in ("null", "bool", "int", "float", "str", "timestamp")}
_WHAT = {"int": "an integer", "float": "a number", "timestamp": "a date", "bool": "a boolean", "null": "null"}


class YAMLInputError(ValueError):
    """YAML that termloc does not read, with the line (1-based) the problem is on.

    ``syntax`` is true for what the YAML parser itself rejects; ``hint``
    says how to fix it.
    """

    def __init__(self, line: int, problem: str, hint: str, *, syntax: bool = False) -> None:
        self.line = line
        self.problem = problem
        self.hint = hint
        self.syntax = syntax
        super().__init__(f"line {line}: {problem}")


class Node:
    """A YAML value with the line (1-based) it starts on, and the line of its key in a mapping."""

    __slots__ = ("key_line", "line", "value")

    def __init__(self, value: Any, line: int, key_line: int | None = None) -> None:
        self.value = value
        self.line = line
        self.key_line = line if key_line is None else key_line

    def plain(self) -> Any:
        """The value with every nested `Node` unwrapped."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


def parse_yaml(text: str, first_line: int = 1) -> Node | None:
    """Parse one YAML document, keeping line numbers (None for an empty one).

    ``first_line`` is the number of the text's first line (2 for front matter
    below its ``---``). Raises `YAMLInputError` for anything the module
    docstring lists.
    """
    if len(text) > MAX_CHARS:
        raise YAMLInputError(
            first_line,
            f"the YAML text is {len(text):,} characters long; termloc reads at most {MAX_CHARS:,}",
            "split it into several files",
        )
    loader = _Loader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.YAMLError as err:
            raise _syntax_error(err, first_line) from None
        return None if root is None else _Reader(loader, text, first_line).node(root, 1)
    finally:
        loader.dispose()


def load_yaml(text: str, first_line: int = 1) -> Any:
    """The plain value of one YAML document (None for an empty one); as `parse_yaml`."""
    root = parse_yaml(text, first_line)
    return None if root is None else root.plain()


def _syntax_error(err: yaml.YAMLError, first_line: int) -> YAMLInputError:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    line = mark.line + first_line if mark is not None else first_line
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    return YAMLInputError(line, problem, "fix the indentation or quoting at that line", syntax=True)


class _Reader:
    """Turns composed YAML nodes into `Node` s, refusing what termloc does not read."""

    def __init__(self, loader: Any, text: str, first_line: int) -> None:
        self.loader = loader
        self.text = text
        self.first = first_line
        self.seen: set[int] = set()

    def line(self, node: yaml.Node | yaml.Event) -> int:
        return node.start_mark.line + self.first if node.start_mark is not None else self.first

    def node(self, node: yaml.Node, depth: int, key_line: int | None = None) -> Node:
        line = self.line(node)
        if id(node) in self.seen:
            raise self.alias()
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise YAMLInputError(
                line, f"lists and mappings nested deeper than {MAX_DEPTH} levels", "flatten the structure"
            )
        if isinstance(node, yaml.ScalarNode):
            return Node(self.scalar(node), line, key_line)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _CORE + "seq":
                raise _tag_error(node, line)
            return Node([self.node(item, depth + 1) for item in node.value], line, key_line)
        if node.tag != _CORE + "map":
            raise _tag_error(node, line)
        mapping: dict[str, Node] = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self.key(key_node)
            key_line = self.line(key_node)
            if key in key_lines:
                raise YAMLInputError(
                    key_line,
                    f"duplicate key {key!r} (first at line {key_lines[key]})",
                    "give each key once; the second would silently replace the first",
                )
            key_lines[key] = key_line
            mapping[key] = self.node(value_node, depth + 1, key_line)
        return Node(mapping, line, key_line)

    def key(self, node: yaml.Node) -> str:
        """A mapping key: a scalar, as written."""
        if id(node) in self.seen:
            raise self.alias()
        self.seen.add(id(node))
        if not isinstance(node, yaml.ScalarNode):
            raise YAMLInputError(
                self.line(node),
                "a list or mapping as a mapping key",
                "a key is a plain word such as 'zh-Hans' or 'id'",
            )
        self.scalar(node)  # the same checks as a value: no explicit tag
        return str(node.value)

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag == _BOOL and not node.style and node.value.lower() not in ("true", "false"):
            return node.value  # YAML 1.2's booleans only: yes, no, on, off (Norway's code) stay words
        kind = _SCALARS.get(tag)
        # A plain scalar resolves to its tag by YAML's rules; any other tag was written explicitly.
        if kind is None or node.style or self.loader.resolve(yaml.ScalarNode, node.value, (True, False)) != tag:
            raise _tag_error(node, self.line(node))
        if kind == "int" and sum(c.isdigit() for c in node.value) > sys.get_int_max_str_digits():
            raise YAMLInputError(
                self.line(node),
                f"an integer of {sum(c.isdigit() for c in node.value):,} digits; "
                f"termloc reads at most {sys.get_int_max_str_digits():,}",
                "quote it to keep it as text",
            )
        try:
            return self.loader.yaml_constructors[tag](self.loader, node)
        except (ValueError, OverflowError) as err:
            raise YAMLInputError(
                self.line(node),
                f"{_excerpt(node.value)} is not {_WHAT[kind]} ({err})",
                "quote it to keep it as text",
            ) from None

    def alias(self) -> YAMLInputError:
        """The error for the first alias of the text (found again: the tree does not keep where it was)."""
        for event in yaml.parse(self.text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                return YAMLInputError(
                    self.line(event),
                    f"an alias (*{event.anchor}): termloc's files use no anchors and aliases",
                    "write the value out in full",
                )
        return YAMLInputError(
            self.first, "an alias: termloc's files use no anchors and aliases", "write the values out in full"
        )


def _tag_error(node: yaml.Node, line: int) -> YAMLInputError:
    tag = str(node.tag)
    if tag == _CORE + "merge":
        return YAMLInputError(line, "a merge key ('<<')", "write the keys out in full")
    shown = "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag
    return YAMLInputError(
        line,
        f"the explicit tag {shown!r}: termloc reads untagged strings, numbers, booleans, dates, lists and mappings",
        "remove the tag; quote the value to keep it as text",
    )


def _excerpt(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")
