"""PO files read and written through Babel without losing what they hold.

Babel's reader and writer do the work; this module guards them where they
would lose data or accept a broken file silently:

- Reading decodes the whole file in the charset its header declares (Babel
  decodes the lines before the header as UTF-8 and fails on a Latin-1 or
  GB18030 header comment) and checks the syntax line by line first, so a
  malformed catalog is refused with its file and line instead of being read
  as something else (Babel takes ``msgid "a" junk``, a ``msgstr`` without a
  ``msgid`` or an octal escape without a word) and a duplicated msgid is
  refused instead of losing its second translation.
- Writing always writes UTF-8 and puts back, line for line, what Babel's
  writer would rewrite: a header comment holding U+2028, U+0085, VT, FF or a
  lone CR (Babel splits it there and writes a line that is no comment, so
  the file can no longer be read), comments holding tabs or control
  characters (Babel turns them into spaces), empty ``#`` lines and ``#|``
  lines it does not know (dropped or changed), and the flags and previous
  msgid of obsolete entries (Babel drops them: a fuzzy translation would
  come back confirmed).
"""

from __future__ import annotations

import codecs
import copy
import re
import secrets
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, generate_po, normalize, read_po, unescape

from termloc.core.errors import InputError
from termloc.core.files import write_atomic

__all__ = ["catalog_text", "parse_catalog", "read_catalog", "write_catalog"]

#: The one string on a line, with the escapes Babel understands (it keeps any other backslash as text).
_STRING = re.compile(r'"(?:[^"\\]|\\[\\abfnrtv"])*"')
_ESCAPE = re.compile(r"\\(?:[0-7]{1,3}|x[0-9A-Fa-f]+|.)")
_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:+-]+)", re.IGNORECASE)
_ENTRY_START = re.compile(rb"^(?:#~\s*)?msgid\s", re.MULTILINE)

#: What may follow each part of an entry (``msgstr[]`` is any ``msgstr[N]``).
_NEXT = {
    "start": ("msgctxt", "msgid"),
    "msgctxt": ("msgid",),
    "msgid": ("msgid_plural", "msgstr"),
    "msgid_plural": ("msgstr[]",),
    "msgstr": ("msgctxt", "msgid"),
    "msgstr[]": ("msgstr[]", "msgctxt", "msgid"),
}
_COMPLETE = ("start", "msgstr", "msgstr[]")


# -- reading -------------------------------------------------------------------


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    """A PO or POT file in its declared charset; `InputError` with the line for a broken one."""
    if not path.is_file():
        raise InputError(path, "no such catalog")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(path, f"cannot read: {err.strerror}") from None
    return parse_catalog(data, str(path), locale)


def parse_catalog(data: bytes, name: str, locale: str | None = None) -> Catalog:
    """The catalog in ``data`` (the bytes of the file ``name``), checked before Babel reads it."""
    text = _decode(data, name)
    lines = text.split("\n")
    header_line = _Scanner(name).scan(lines)
    # gettext writes the previous msgid of an obsolete entry as '#~|', which Babel cannot read; '#|' means the same.
    lines = ["#|" + line.lstrip()[3:] if line.lstrip().startswith("#~|") else line for line in lines]
    try:
        catalog = read_po(lines, locale=locale, abort_invalid=True)
    except PoFileError as err:
        # Babel counts lines from 0 and appends ' on N' to its message.
        problem = str(err).removesuffix(f" on {err.lineno}")
        raise InputError(name, f"not a valid PO file: {problem}", err.lineno + 1) from None
    except ValueError as err:  # a header field Babel cannot parse (Plural-Forms, a date)
        raise InputError(name, f"the header cannot be read: {err}", header_line) from None
    for message in [*catalog, *catalog.obsolete.values()]:
        _restore_previous(message)
    return catalog


def _decode(data: bytes, name: str) -> str:
    """``data`` decoded in the charset the header declares (UTF-8 when it declares none)."""
    charset, line = _declared_charset(data)
    try:
        codec = codecs.lookup(charset)
    except LookupError:
        raise InputError(name, f"unknown charset {charset!r} in the header's Content-Type", line) from None
    try:
        text = data.decode(codec.name)
    except UnicodeDecodeError as err:
        at = data.count(b"\n", 0, err.start) + 1
        problem = f"not {charset} text (byte {data[err.start]:#04x}), although the header declares charset={charset}"
        raise InputError(name, problem, at) from None
    return text[1:] if text.startswith("\ufeff") else text


def _declared_charset(data: bytes) -> tuple[str, int]:
    """The header's charset and its line; UTF-8 for none or gettext's placeholder ``CHARSET``."""
    second = [m.start() for m in _ENTRY_START.finditer(data)][1:2]
    header = data[: second[0]] if second else data
    found = _CHARSET.search(header)
    if found is None or found.group(1).upper() == b"CHARSET":
        return "utf-8", 1
    return found.group(1).decode("ascii"), header.count(b"\n", 0, found.start()) + 1


class _Scanner:
    """Checks a PO file's lines before Babel reads them: structure, strings, duplicates."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.state = "start"
        self.obsolete = False
        self.in_string = False
        self.plural_index = 0
        self.entry_line = 0
        self.parts: dict[str, list[str]] = {}
        self.field = ""
        self.seen: dict[tuple[bool, str | None, str], int] = {}
        self.header_line = 1

    def fail(self, line: int, problem: str) -> InputError:
        """The error for ``line``."""
        return InputError(self.name, f"not a valid PO file: {problem}", line)

    def scan(self, lines: list[str]) -> int:
        """Raise `InputError` at the first problem; the header's line when there is none."""
        number = 0
        for number, raw in enumerate(lines, 1):
            line = raw.strip()
            if not line:
                continue
            if line.startswith("#~") and not line.startswith("#~|"):
                if line[2:].strip():  # Babel skips a bare '#~'
                    self.message_line(number, line[2:].lstrip(), obsolete=True)
            elif line.startswith("#"):
                self.comment(number, line)
            else:
                self.message_line(number, line, obsolete=False)
        self.end_entry(number)
        return self.header_line

    def comment(self, number: int, line: str) -> None:
        """A comment ends the entry before it; ``#|`` lines must hold PO strings."""
        if self.state not in _COMPLETE:
            raise self.fail(number, f"expected {_expected(self.state)}, got a comment")
        self.end_entry(number)
        if line.startswith(("#|", "#~|")):
            previous = line[3:] if line.startswith("#~|") else line[2:]
            keyword, _, rest = previous.strip().partition(" ")
            string = previous.strip() if keyword.startswith('"') else rest.strip()
            if keyword not in ("msgctxt", "msgid", "msgid_plural") and not keyword.startswith('"'):
                raise self.fail(number, f"{keyword!r} in a '#|' line (expected msgctxt, msgid or msgid_plural)")
            self.check_string(number, string)

    def message_line(self, number: int, line: str, *, obsolete: bool) -> None:
        """A keyword line or a string continuing the last one."""
        if line.startswith('"'):
            if not self.in_string:
                raise self.fail(number, "a string outside msgctxt, msgid or msgstr")
            self.check_string(number, line)
            self.parts[self.field].append(line)
            return
        keyword, _, arg = line.partition(" ")
        kind = self.kind(number, keyword)
        if kind not in _NEXT[self.state]:
            raise self.fail(number, f"expected {_expected(self.state)}, got {keyword}")
        if kind in ("msgctxt", "msgid") and self.state != "msgctxt":
            self.end_entry(number)
            self.obsolete, self.entry_line = obsolete, number
        elif obsolete != self.obsolete:
            raise self.fail(number, "an entry that is obsolete (#~) only in part")
        self.check_string(number, arg.strip())
        self.state, self.field, self.in_string = kind, keyword, True
        self.parts[keyword] = [arg.strip()]

    def kind(self, number: int, keyword: str) -> str:
        """``keyword``'s part of an entry; ``msgstr[N]`` must count up from 0."""
        if keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
            return keyword
        index = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
        if index is None:
            known = "msgctxt, msgid, msgid_plural, msgstr or msgstr[N]"
            raise self.fail(number, f"{keyword[:40]!r} is not a PO keyword (expected {known})")
        expected = self.plural_index + 1 if self.state == "msgstr[]" else 0
        if int(index.group(1)) != expected:
            raise self.fail(number, f"{keyword} out of order (expected msgstr[{expected}])")
        self.plural_index = expected
        return "msgstr[]"

    def check_string(self, number: int, text: str) -> None:
        """``text`` must be one quoted string with escapes Babel reads."""
        if _STRING.fullmatch(text):
            return
        escape = next((m.group() for m in _ESCAPE.finditer(text) if not _STRING.fullmatch(f'"{m.group()}"')), None)
        if text.startswith('"') and escape is not None:
            raise self.fail(number, f"the escape {escape!r} is not supported (write the character itself)")
        raise self.fail(number, f"expected one quoted string, got {text[:60]!r}")

    def end_entry(self, number: int) -> None:
        """Check the entry just finished: complete, and its msgid not seen before."""
        if self.state not in _COMPLETE:
            missing = _expected(self.state).split(" or ")[-1]
            raise self.fail(self.entry_line, f"the entry has no {missing}")
        if "msgid" in self.parts:
            context = "".join(map(unescape, self.parts["msgctxt"])) if "msgctxt" in self.parts else None
            msgid = "".join(map(unescape, self.parts["msgid"]))
            self.duplicate(self.entry_line, (self.obsolete, context, msgid))
            if not msgid and context is None and not self.obsolete:
                self.header_line = self.entry_line
        self.state, self.parts, self.in_string, self.plural_index = "start", {}, False, 0

    def duplicate(self, number: int, key: tuple[bool, str | None, str]) -> None:
        """Babel keeps one message per msgid: a second one would lose its translation."""
        first = self.seen.setdefault(key, number)
        if first != number:
            obsolete, context, msgid = key
            what = f"{'obsolete ' if obsolete else ''}msgid {msgid[:60]!r}"
            what += f" (msgctxt {context!r})" if context is not None else ""
            raise self.fail(number, f"{what} is defined twice (first at line {first}); keep one of the two entries")


def _expected(state: str) -> str:
    """What may follow ``state``, for a message."""
    return " or ".join(_NEXT[state]).replace("msgstr[]", "msgstr[N]")


def _restore_previous(message: Message) -> None:
    """Babel reads ``#| msgid "..."`` as a translator comment: make it the previous msgid again.

    A ``#|`` block that is not msgid [msgid_plural] (a ``#| msgctxt``, which
    Babel cannot hold) stays as comments, and `catalog_text` writes it back as it was.
    """
    block = [c[1:].strip() for c in message.user_comments if c.startswith("|")]
    if not block or not block[0].startswith("msgid "):
        return
    fields: list[list[str]] = []
    for part in block:
        keyword, _, rest = part.partition(" ")
        if keyword in ("msgid", "msgid_plural") and len(fields) < 2:
            fields.append([rest.strip()])
        elif part.startswith('"') and fields:
            fields[-1].append(part)
        else:
            return
    # Not Babel's denormalize: it splits at str.splitlines, which breaks a string at U+2028 or FF.
    message.previous_id = ["".join(map(unescape, lines)) for lines in fields]
    message.user_comments = [c for c in message.user_comments if not c.startswith("|")]


# -- writing -------------------------------------------------------------------

#: Characters Babel's comment writer turns into spaces (and, in the header comment, a line break).
_REWRITTEN = re.compile("[\t\x0b\x0c\r\x1c-\x1e\x85\u2028\u2029]")


class _Verbatim:
    """Lines Babel would rewrite: tokens while it writes, put back in its output."""

    def __init__(self) -> None:
        self.nonce = secrets.token_hex(8)
        self.lines: list[str] = []

    def token(self, text: str) -> str:
        """A placeholder Babel writes unchanged, standing for ``text`` (whole lines)."""
        self.lines.append(text)
        return f"termloc-verbatim-{self.nonce}-{len(self.lines) - 1}"

    def restore(self, text: str) -> str:
        """``text`` with each placeholder's line replaced by what it stands for."""
        token = rf"termloc-verbatim-{self.nonce}-(\d+)"
        pattern = re.compile(rf'^(?:(?:#\.? )?{token}|#\| msgid "{token}")$', re.MULTILINE)
        return pattern.sub(lambda m: self.lines[int(m.group(1) or m.group(2))], text)


def write_catalog(path: Path, catalog: Catalog) -> None:
    """Write ``catalog`` atomically as UTF-8, with previous msgids and obsolete entries."""
    text = catalog_text(catalog)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text)


def catalog_text(catalog: Catalog) -> str:
    """The PO text of ``catalog`` (its charset becomes UTF-8), as Babel writes it less its losses."""
    catalog.charset = "utf-8"
    verbatim = _Verbatim()
    shown = copy.copy(catalog)  # the header comment below is replaced on this copy only
    shown.header_comment = verbatim.token("\n".join(_header_lines(catalog.header_comment)))
    messages = [m for m in catalog if m.id]
    saved = [(m, m.user_comments, m.auto_comments, m.previous_id) for m in [*messages, *catalog.obsolete.values()]]
    try:
        for message in messages:
            _tokenize(message, verbatim)
            if any(_REWRITTEN.search(p) or "\n" in p for p in message.previous_id):
                message.previous_id = [verbatim.token("\n".join(_previous_lines(message)))]
        for message in catalog.obsolete.values():
            _tokenize(message, verbatim)
            message.user_comments = [*message.user_comments, *_obsolete_lines(message, verbatim)]
        # No wrapping: a glossary hint stays on one comment line (Babel wraps comments at 76 otherwise).
        text = "".join(generate_po(shown, width=1_000_000, include_previous=True))
    finally:
        for message, user, auto, previous in saved:
            message.user_comments, message.auto_comments, message.previous_id = user, auto, previous
    return verbatim.restore(text)


def _header_lines(comment: str) -> Iterator[str]:
    """The header comment's lines, each a comment (Babel writes them as given)."""
    for line in comment.split("\n"):
        yield line if not line or line.startswith("#") else f"# {line}"


def _tokenize(message: Message, verbatim: _Verbatim) -> None:
    """Tokens for the comments of ``message`` that Babel would change."""
    message.user_comments = [_comment(c, "", verbatim) for c in message.user_comments]
    message.auto_comments = [_comment(c, ".", verbatim) for c in message.auto_comments]


def _comment(text: str, prefix: str, verbatim: _Verbatim) -> str:
    """``text`` as Babel may write it, or a token for the line it would change."""
    if text.startswith("|"):
        return verbatim.token(f"#{text}")
    if text and not _REWRITTEN.search(text):
        return text
    return verbatim.token(f"#{prefix} {text}".rstrip(" "))


def _previous_lines(message: Message) -> Iterator[str]:
    """``#| msgid`` (and ``#| msgid_plural``) lines of the previous msgid."""
    for keyword, previous in zip(("msgid", "msgid_plural"), message.previous_id, strict=False):
        yield f"#| {keyword} {normalize(previous, prefix='#| ', width=0)}"


def _obsolete_lines(message: Message, verbatim: _Verbatim) -> list[str]:
    """Tokens for an obsolete entry's flags and previous msgid, which Babel does not write."""
    lines = [verbatim.token("#, " + ", ".join(sorted(message.flags)))] if message.flags else []
    if message.previous_id:
        lines.append(verbatim.token("\n".join(_previous_lines(message))))
    return lines
