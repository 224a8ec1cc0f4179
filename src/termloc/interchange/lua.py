"""Just enough Lua to read and write a ``Module:CGroup/...`` page.

A conversion-group module returns one table literal::

    return {
        name = '政治人物',
        description = '...',
        content = {
            { type = 'item', original = 'Stalin', rule = 'zh-cn:斯大林; zh-tw:史達林;' },
            Item('Khrushchev', 'zh-cn:赫鲁晓夫; zh-tw:赫魯雪夫;'),
        },
    }

`parse_module` reads the value of the module's final ``return`` without
running any Lua: strings (quoted, with escapes, or long brackets), numbers,
booleans, nil, tables, ``..`` between strings, and calls of the ``Item``
helper that many groups define (``Item(original, rule)``). Anything else is
a `LuaSyntaxError` with its line. `lua_string` writes a string literal.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["LuaSyntaxError", "LuaTable", "lua_string", "parse_module"]


class LuaSyntaxError(ValueError):
    """Lua that this reader cannot read, with the line it is on."""

    def __init__(self, line: int, problem: str) -> None:
        self.line = line
        self.problem = problem
        super().__init__(f"line {line}: {problem}")


@dataclass
class LuaTable:
    """A Lua table: its positional items and its named fields, with the line it starts on."""

    items: list[Any] = field(default_factory=list)
    fields: dict[Any, Any] = field(default_factory=dict)
    line: int = 0


TokenKind = Literal["name", "string", "number", "op", "eof"]


@dataclass(frozen=True)
class _Token:
    kind: TokenKind
    value: Any
    line: int


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(r"0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_LONG_OPEN = re.compile(r"\[(=*)\[")
_OPS = ("...", "..", "==", "~=", "<=", ">=", "//", "::", "<<", ">>")
#: The deepest nesting of tables and calls read (a conversion group nests three).
MAX_DEPTH = 100
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def _long_bracket(text: str, pos: int, line: int) -> tuple[str, int]:
    """The content of a long bracket starting at ``pos`` and the position after it."""
    opening = _LONG_OPEN.match(text, pos)
    assert opening is not None
    close = "]" + opening.group(1) + "]"
    end = text.find(close, opening.end())
    if end < 0:
        raise LuaSyntaxError(line, f"unfinished long string or comment (no {close!r})")
    content = text[opening.end() : end]
    if content.startswith("\r\n"):
        content = content[2:]
    elif content.startswith(("\n", "\r")):
        content = content[1:]
    return content, end + len(close)


def _quoted(text: str, pos: int, line: int) -> tuple[str, int, int]:
    """A quoted string at ``pos``: its value, the position after it, lines it spans.

    Lua strings are bytes: ``\\228\\184\\173`` and ``\\xE4\\xB8\\xAD`` spell 中 in UTF-8.
    """
    quote = text[pos]
    out = bytearray()
    i = pos + 1
    lines = 0
    while True:
        if i >= len(text) or text[i] == "\n":
            raise LuaSyntaxError(line, "unfinished string")
        char = text[i]
        if char == quote:
            try:
                return out.decode("utf-8"), i + 1, lines
            except UnicodeDecodeError:
                raise LuaSyntaxError(line, "a string whose escapes are not UTF-8") from None
        if char != "\\":
            out += char.encode("utf-8", "surrogatepass")
            i += 1
            continue
        value, i, spanned = _read_escape(text, i + 1, line)
        out += value
        lines += spanned


def _read_escape(text: str, i: int, line: int) -> tuple[bytes, int, int]:
    """The escape after a backslash, from ``i``: its bytes, the position after it, lines it spans."""
    escape = text[i : i + 1]
    if escape in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[escape].encode(), i + 1, 0
    if escape in ("\\", '"', "'", "\n"):
        return escape.encode(), i + 1, int(escape == "\n")
    if escape == "z":
        lines = 0
        i += 1
        while i < len(text) and text[i].isspace():
            lines += text[i] == "\n"
            i += 1
        return b"", i, lines
    if escape == "x" and re.fullmatch(r"[0-9a-fA-F]{2}", text[i + 1 : i + 3]):
        return bytes([int(text[i + 1 : i + 3], 16)]), i + 3, 0
    if (digits := re.match(r"\d{1,3}", text[i : i + 3])) is not None and int(digits.group()) < 256:
        return bytes([int(digits.group())]), i + len(digits.group()), 0
    if (code := re.match(r"u\{([0-9a-fA-F]{1,8})\}", text[i : i + 12])) is not None:
        if int(code.group(1), 16) > sys.maxunicode:
            raise LuaSyntaxError(line, f"the escape '\\{code.group()}' is beyond Unicode (at most '\\u{{10FFFF}}')")
        return chr(int(code.group(1), 16)).encode("utf-8", "surrogatepass"), i + len(code.group()), 0
    raise LuaSyntaxError(line, f"unknown escape '\\{escape}' in a string")


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos, line = 0, 1
    while pos < len(text):
        char = text[pos]
        if char == "\n":
            line += 1
            pos += 1
        elif char.isspace():
            pos += 1
        elif text.startswith("--", pos):
            if _LONG_OPEN.match(text, pos + 2):
                start = pos
                _, pos = _long_bracket(text, pos + 2, line)
                line += text.count("\n", start, pos)
            else:
                end = text.find("\n", pos)
                pos = len(text) if end < 0 else end
        elif char in "'\"":
            value, end, lines = _quoted(text, pos, line)
            tokens.append(_Token("string", value, line))
            line += lines
            pos = end
        elif char == "[" and _LONG_OPEN.match(text, pos):
            start = pos
            content, pos = _long_bracket(text, pos, line)
            tokens.append(_Token("string", content, line))
            line += text[start:pos].count("\n")
        elif (name := _NAME.match(text, pos)) is not None:
            tokens.append(_Token("name", name.group(), line))
            pos = name.end()
        elif (number := _NUMBER.match(text, pos)) is not None:
            literal = number.group()
            tokens.append(_Token("number", int(literal, 16) if literal[:2].lower() == "0x" else float(literal), line))
            pos = number.end()
        else:
            op = next((o for o in _OPS if text.startswith(o, pos)), char)
            tokens.append(_Token("op", op, line))
            pos += len(op)
    tokens.append(_Token("eof", None, line))
    return tokens


class _Parser:
    def __init__(self, tokens: list[_Token], start: int) -> None:
        self.tokens = tokens
        self.pos = start
        self.depth = 0

    @property
    def token(self) -> _Token:
        return self.tokens[self.pos]

    def take(self, kind: str, value: Any = None) -> _Token:
        token = self.token
        if token.kind != kind or (value is not None and token.value != value):
            wanted = repr(value) if value is not None else kind
            raise LuaSyntaxError(token.line, f"expected {wanted}, found {_describe(token)}")
        self.pos += 1
        return token

    def accept(self, kind: str, value: Any = None) -> bool:
        if self.token.kind == kind and (value is None or self.token.value == value):
            self.pos += 1
            return True
        return False

    def expression(self) -> Any:
        value = self.term()
        while self.accept("op", ".."):
            line = self.token.line
            right = self.term()
            if not isinstance(value, (str, float, int)) or not isinstance(right, (str, float, int)):
                raise LuaSyntaxError(line, "'..' joins strings and numbers only")
            value = _text(value) + _text(right)
        return value

    def term(self) -> Any:
        token = self.token
        if token.kind in ("string", "number"):
            self.pos += 1
            return token.value
        if token.kind == "op" and token.value == "{":
            return self.nested(self.table)
        if token.kind == "op" and token.value == "-" and self.tokens[self.pos + 1].kind == "number":
            self.pos += 2
            return -self.tokens[self.pos - 1].value
        if token.kind == "name":
            if token.value in ("true", "false", "nil"):
                self.pos += 1
                return {"true": True, "false": False, "nil": None}[token.value]
            return self.nested(self.call)
        raise LuaSyntaxError(token.line, f"expected a value, found {_describe(token)}")

    def nested(self, read: Callable[[], Any]) -> Any:
        """``read()`` one level deeper, refusing nesting deeper than `MAX_DEPTH` (Python's stack is not)."""
        if self.depth >= MAX_DEPTH:
            raise LuaSyntaxError(self.token.line, f"tables nested deeper than {MAX_DEPTH} levels")
        self.depth += 1
        try:
            return read()
        finally:
            self.depth -= 1

    def call(self) -> Any:
        name = self.take("name")
        if self.token.kind != "op" or self.token.value != "(":
            raise LuaSyntaxError(name.line, f"the variable {name.value!r} where a literal value is expected")
        if name.value != "Item":
            raise LuaSyntaxError(name.line, f"a call of {name.value!r}; only the Item(original, rule) helper is read")
        self.take("op", "(")
        args: list[Any] = []
        while not self.accept("op", ")"):
            args.append(self.expression())
            if not self.accept("op", ","):
                self.take("op", ")")
                break
        if not 1 <= len(args) <= 3:
            raise LuaSyntaxError(name.line, f"Item() takes (original, rule), not {len(args)} arguments")
        original, rule = (args[0], args[1]) if len(args) > 1 else ("", args[0])
        return LuaTable(fields={"type": "item", "original": original, "rule": rule}, line=name.line)

    def table(self) -> LuaTable:
        opening = self.take("op", "{")
        table = LuaTable(line=opening.line)
        while not self.accept("op", "}"):
            token = self.token
            if token.kind == "op" and token.value == "[":
                self.pos += 1
                key = self.expression()
                if not isinstance(key, (str, float, int)):  # bool is an int
                    raise LuaSyntaxError(
                        token.line, f"a table key must be a string, number or boolean, not {_kind(key)}"
                    )
                self.take("op", "]")
                self.take("op", "=")
                table.fields[key] = self.expression()
            elif (
                token.kind == "name"
                and self.tokens[self.pos + 1].value == "="
                and token.value not in ("true", "false", "nil")
            ):
                self.pos += 2
                table.fields[token.value] = self.expression()
            else:
                table.items.append(self.expression())
            if not (self.accept("op", ",") or self.accept("op", ";")):
                self.take("op", "}")
                break
        return table


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _kind(value: Any) -> str:
    return "nil" if value is None else "a table" if isinstance(value, LuaTable) else type(value).__name__


def _describe(token: _Token) -> str:
    if token.kind == "eof":
        return "the end of the file"
    return f"{token.value!r}" if token.kind != "string" else "a string"


def parse_module(text: str) -> Any:
    """The value the module returns (the last top-level ``return``)."""
    tokens = _tokens(text)
    starts = [i for i, t in enumerate(tokens) if t.kind == "name" and t.value == "return"]
    if not starts:
        raise LuaSyntaxError(1, "no 'return' statement: a conversion group module returns its table")
    first_error: LuaSyntaxError | None = None
    for start in reversed(starts):
        parser = _Parser(tokens, start + 1)
        try:
            value = parser.expression()
            parser.accept("op", ";")
            parser.take("eof")
        except LuaSyntaxError as err:
            first_error = first_error or err
            continue
        return value
    assert first_error is not None
    raise first_error


def lua_string(text: str) -> str:
    """``text`` as a single-quoted Lua string literal."""
    out = []
    for char in text:
        if char in "\\'":
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif ord(char) < 0x20 or char == "\x7f":
            out.append(f"\\{ord(char):03d}")
        else:
            out.append(char)
    return "'" + "".join(out) + "'"
