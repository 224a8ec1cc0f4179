"""Quotation marks as each region writes them.

Taiwan, Hong Kong and Macau write 「」 and 『』; the mainland writes “” and
‘’. Marks are converted in pairs: a closing ’ with no opening ‘ before it is
an apostrophe (Russia’s) and stays as it is.
"""

from __future__ import annotations

__all__ = ["convert_quotes"]

_ALL_MARKS = "“”‘’「」『』"
_OPEN = {"“": 0, "「": 0, "‘": 1, "『": 1}
_CLOSE = {"”": 0, "」": 0, "’": 1, "』": 1}


def _find_marks(text: str) -> list[tuple[int, str]]:
    """(position, mark) of every quotation mark, in order.

    One ``str.find`` pass per mark present is several times faster than a
    regular expression over long text (this runs on every conversion).
    """
    found: list[tuple[int, str]] = []
    for mark in _ALL_MARKS:
        position = text.find(mark)
        while position >= 0:
            found.append((position, mark))
            position = text.find(mark, position + 1)
    found.sort()
    return found


def convert_quotes(text: str, quotes: tuple[str, str, str, str]) -> str:
    """Rewrite paired quotation marks in ``text`` with ``quotes``.

    ``quotes`` is (primary open, primary close, secondary open, secondary
    close). A mark without its partner is left as it is.
    """
    marks = _find_marks(text)
    if not marks:
        return text
    replace: dict[int, str] = {}
    # The open marks, one list per level: a closing mark finds the innermost opening of its
    # level at once (a search down one stack made unpaired closing marks, “ × 50,000 then
    # ’ × 50,000, cost the square of their number). Positions rise with depth.
    opens: tuple[list[int], list[int]] = ([], [])
    for position, mark in marks:
        if mark in _OPEN:
            opens[_OPEN[mark]].append(position)
            continue
        level = _CLOSE[mark]
        if not opens[level]:
            continue
        opened = opens[level].pop()
        replace[opened] = quotes[2 * level]
        replace[position] = quotes[2 * level + 1]
        inner = opens[1 - level]
        while inner and inner[-1] > opened:  # the marks opened inside stay unpaired
            inner.pop()
    if not replace:
        return text
    pieces = []
    last = 0
    for position in sorted(replace):
        pieces.append(text[last:position])
        pieces.append(replace[position])
        last = position + 1
    pieces.append(text[last:])
    return "".join(pieces)
