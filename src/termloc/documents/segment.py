"""Chinese sentence segmentation: the translation unit.

A sentence ends at 。！？ (or ! ? ；is not an end), followed by any closing
quotation marks or brackets and any reference markers ([12]), and never
inside quotation marks, brackets, book titles 《》 or ``-{...}-`` markup.
Numbers (45.5%) never end a sentence; neither does an ASCII full stop.
Joining the segments gives the text back exactly.

    >>> split_sentences("他说：“走。”[1]我们走了。好！")
    ['他说：“走。”[1]', '我们走了。', '好！']

`walk` cuts a whole document into its units (title, infobox lines, headings,
list items, sentences), the same for translation (`termloc.translation.units`)
and for a comparison of variants (`termloc.documents.compare`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Literal

from termloc.documents.document import Block, Document

__all__ = ["UnitKind", "segments", "split_sentences", "walk"]

#: What a unit is in its document.
UnitKind = Literal["title", "infobox", "heading", "paragraph", "item"]

_ENDS = frozenset("。！？!?")
_OPENERS = {
    "“": "”",
    "‘": "’",
    "「": "」",
    "『": "』",
    "（": "）",
    "(": ")",
    "《": "》",
    "〈": "〉",
    "【": "】",
    "[": "]",
}
_CLOSERS = frozenset(_OPENERS.values())
_TRAILING = re.compile(r"(?:[”’」』）)》〉】]|\s*\[\d+\])*")
_MARKER = re.compile(r"\[\d+\]")


def split_sentences(text: str) -> list[str]:
    """``text`` cut into sentences; ``"".join(result) == text``."""
    sentences: list[str] = []
    start = 0
    stack: list[str] = []
    # How many of each closer the stack waits for: ``char in stack`` searched the whole stack
    # at each closer, the square of their number for unbalanced brackets.
    waiting: Counter[str] = Counter()
    markup = 0
    i = 0
    while i < len(text):
        if text.startswith("-{", i):
            markup += 1
            i += 2
            continue
        if markup and text.startswith("}-", i):
            markup -= 1
            i += 2
            continue
        char = text[i]
        if char in _OPENERS and not (char == "[" and _MARKER.match(text, i)):
            stack.append(_OPENERS[char])
            waiting[_OPENERS[char]] += 1
        elif char in _CLOSERS and stack:
            # Close the innermost matching opener; a stray closer is text.
            if waiting[char]:
                while (closer := stack.pop()) != char:
                    waiting[closer] -= 1
                waiting[char] -= 1
                # “……。” ends the sentence that holds the quotation.
                if not stack and not markup and i > 0 and text[i - 1] in _ENDS:
                    i = _end(text, i)
                    sentences.append(text[start:i])
                    start = i
                    continue
        elif char in _ENDS and not stack and not markup:
            i = _end(text, i)
            sentences.append(text[start:i])
            start = i
            continue
        i += 1
    if start < len(text):
        if text[start:].strip() or not sentences:
            sentences.append(text[start:])
        else:
            sentences[-1] += text[start:]
    return sentences


def _end(text: str, i: int) -> int:
    """Where a sentence ending at ``text[i]`` stops: after closers, markers, more ends."""
    stop = i + 1
    while True:
        trailing = _TRAILING.match(text, stop)
        moved = trailing.end() if trailing else stop
        while moved < len(text) and text[moved] in _ENDS:
            moved += 1
        if moved == stop:
            return stop
        stop = moved


def segments(block: Block) -> list[str]:
    """The units of a block as written: sentences of a paragraph, else the whole text."""
    if block.kind == "paragraph":
        return split_sentences(block.text)
    return [block.text]


def walk(document: Document) -> Iterator[tuple[UnitKind, str, int]]:
    """(kind, text, line) of every unit as written, in extraction order: the title, the
    infoboxes' lines, then each heading, list item and paragraph sentence (code left out)."""
    yield "title", document.title, 1
    for box in document.infoboxes:
        for text in box.texts():
            yield "infobox", text, 1
    for block in document.blocks:
        if block.kind == "list":
            for item in block.items:
                yield "item", item.text, item.line
        elif block.kind != "code":
            for text in segments(block):
                if text.strip():
                    yield block.kind, text, block.line
