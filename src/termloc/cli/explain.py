"""``termloc explain``: why each span of a conversion reads as it does.

The command converts as ``termloc convert`` does (the same options, read by
`termloc.cli.options.converter`) and prints the conversion's spans
(`termloc.engine.explain.Span`): by default a table for people, one line
per span that something changed or decided; ``--json`` gives JSON Lines,
one object per span (`Span.as_json`), every span by default, so that the
``output`` fields concatenated are ``termloc convert``'s output byte for
byte.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from termloc.cli.options import add_conversion_options, converter, inputs, say_topics

if TYPE_CHECKING:
    from termloc.engine.explain import Span

__all__ = ["COLOURS", "add_commands", "cmd_explain", "columns", "table", "wants_colour"]

#: The ANSI colour of each kind in the table (SGR parameters).
COLOURS = {
    "glossary": "32",  # green
    "reference": "36",  # cyan
    "document-rule": "35",  # magenta
    "markup": "95",  # bright magenta
    "opencc-phrase": "33",  # yellow
    "opencc-character": "34",  # blue
    "punctuation": "96",  # bright cyan
    "unchanged": "2",  # dim
}
_BOLD, _RED, _RESET = "1", "31", "\x1b[0m"

#: How many terminal columns a source or output cell takes at most; longer text is cut with '…'
#: (an unchanged run of ``--all`` may be a whole paragraph; ``--json`` gives it whole).
MAX_CELL = 30

_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def cmd_explain(args: argparse.Namespace) -> int:
    """``termloc explain``: a conversion's spans with their reasons, as a table or JSON Lines."""
    from termloc.core.files import read_text, write_atomic

    chosen = converter(args)
    text = read_text(args.file)
    if args.explain_topics:
        say_topics(chosen, text)
    if args.json and (args.no_markup or "-{" not in text):
        _stream_json(args, chosen.explain_stream(text))  # a piece at a time: bounded memory on long texts
        return 0
    spans = chosen.explain(text) if args.no_markup else chosen.resolve(text, explain=True).spans
    assert spans is not None  # resolve(explain=True) always gives them
    if args.json:
        shown = [span for span in spans if span.decided] if args.decided else spans
        result = "".join(json.dumps(span.as_json(), ensure_ascii=False) + "\n" for span in shown)
    else:
        colour = wants_colour(args.color, None if args.output else sys.stdout)
        result = table(text, spans, every=args.all, colour=colour)
    if args.output:
        write_atomic(args.output, result, inputs=inputs(args, args.file))
    else:
        sys.stdout.write(result)
    return 0


def _stream_json(args: argparse.Namespace, spans: Iterator[Span]) -> None:
    """Write the spans as JSON Lines as they come: to standard output, or to ``-o`` through a
    temporary file renamed at the end (`termloc.core.files.replacing`: never half a file)."""
    from pathlib import Path

    from termloc.core.files import refuse_inputs, replacing

    shown = (span for span in spans if span.decided or not args.decided)
    lines = (json.dumps(span.as_json(), ensure_ascii=False) + "\n" for span in shown)
    if not args.output:
        for line in lines:
            sys.stdout.write(line)
        return
    target = Path(args.output)
    refuse_inputs(target, inputs(args, args.file))
    with replacing(target) as temporary, temporary.open("w", encoding="utf-8", newline="") as stream:
        for line in lines:
            stream.write(line)


def wants_colour(choice: str, stream: TextIO | None) -> bool:
    """Whether the table is coloured: ``always``, ``never``, or with ``auto`` when ``stream`` is a
    terminal and NO_COLOR is unset or empty (https://no-color.org; a file is never a terminal)."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR") or stream is None:
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def columns(text: str) -> int:
    """How many terminal columns ``text`` takes: wide and fullwidth characters two, combining marks
    and format characters none, others one."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def _visible(text: str) -> str:
    """``text`` for a source or output cell: `_escaped`, cut to `MAX_CELL`."""
    if not text:
        return "(empty)"
    shown = _escaped(text)
    if columns(shown) <= MAX_CELL:
        return shown
    cut = ""
    for char in shown:
        if columns(cut + char) > MAX_CELL - 1:
            break
        cut += char
    return cut + "…"


def _escaped(text: str) -> str:
    """``text`` with its control characters and line breaks as escapes (``\\n``), so that each span is one line."""
    if text.isprintable():
        return text
    return "".join(_ESCAPES.get(char, f"\\u{ord(char):04x}") if _hidden(char) else char for char in text)


def _hidden(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Zl", "Zp")


def _pad(text: str, width: int, *, right: bool = False) -> str:
    fill = " " * max(0, width - columns(text))
    return fill + text if right else text + fill


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}{_RESET}" if colour and code else text


def table(text: str, spans: Sequence[Span], *, every: bool = False, colour: bool = False) -> str:
    """The spans of ``text``'s conversion as a table: offsets (in characters of ``text``), line,
    source → output, kind and reason, one span a line (only the decided ones unless ``every``),
    columns aligned by display width, then a line that counts them by kind."""
    shown = [span for span in spans if every or span.decided]
    breaks = [found.start() for found in re.finditer("\n", text)]
    rows = [
        (
            (
                f"{span.start}-{span.end}",
                str(bisect.bisect_left(breaks, span.start) + 1),
                _visible(span.source),
                _visible(span.output),
                span.kind,
                _escaped(span.reason()),
            ),
            span,
        )
        for span in shown
    ]
    header = ("start-end", "line", "source", "output", "kind", "reason")
    widths = [max([columns(header[i]), *(columns(cells[i]) for cells, _ in rows)]) for i in range(5)]
    lines = [_paint(_line(header, widths), _BOLD, colour)]
    lines += [_line(cells, widths, span, colour) for cells, span in rows]
    lines.append(_summary(spans, shown, every))
    return "".join(line.rstrip() + "\n" for line in lines)


def _line(cells: Sequence[str], widths: Sequence[int], span: Span | None = None, colour: bool = False) -> str:
    where, line, source, output, kind, reason = cells
    arrow = "→" if span is not None else " "
    code = COLOURS.get(kind, "") if span is not None else ""
    if span is not None and span.unexplained:
        reason += "; " + _paint("unexplained: the replay differed from OpenCC here", _RED, colour)
    return "  ".join(
        (
            _pad(where, widths[0], right=True),
            _pad(line, widths[1], right=True),
            f"{_pad(source, widths[2])} {arrow} {_paint(_pad(output, widths[3]), code, colour)}",
            _paint(_pad(kind, widths[4]), code, colour),
            reason,
        )
    )


def _summary(spans: Sequence[Span], shown: Sequence[Span], every: bool) -> str:
    """``812 of 1,773 spans changed or decided: glossary 97, ...`` (``--all``: ``1,773 spans: ...``)."""
    from termloc.engine.explain import KINDS

    counts = Counter(span.kind for span in shown)
    by_kind = ", ".join(f"{kind} {counts[kind]:,}" for kind in KINDS if counts[kind])
    head = f"{len(spans):,} spans" if every else f"{len(shown):,} of {len(spans):,} spans changed or decided"
    return f"{head}: {by_kind}" if by_kind else head


def add_commands(commands: Any) -> None:
    """Add ``explain`` to the top-level subcommands."""
    explain = commands.add_parser("explain", help="convert as 'convert' does and say why each span reads as it does")
    explain.add_argument("file", nargs="?", help="input file (default: standard input)")
    explain.add_argument("--to", required=True, metavar="VARIANT", help="target variant: zh-TW, zh-Hans, zh-hk ...")
    explain.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of standard output")
    add_conversion_options(explain)
    explain.add_argument(
        "--json",
        action="store_true",
        help="JSON Lines, one object per span, every span (their outputs concatenate to the conversion)",
    )
    shown = explain.add_mutually_exclusive_group()
    shown.add_argument("--all", action="store_true", help="every span in the table, unchanged ones too")
    shown.add_argument("--decided", action="store_true", help="with --json: only the spans changed or decided")
    explain.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the table by kind: auto (default: on a terminal, unless NO_COLOR is set), always, never",
    )
    explain.set_defaults(run=cmd_explain)
