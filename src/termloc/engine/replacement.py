"""The manual rules of one variant: from → to, matched longest first (MediaWiki's ReplacementArray).

Markup adds and removes rules between pieces of text, so the table changes
as often as it is used. A regular expression of every key is fast on long
text but costs as much as the table to build: rebuilt after each of 4,000
``-{H|...}-`` rules it took minutes. So a piece of text shorter than the table
is matched by dictionary look-ups instead, and the expression is built only
for a piece at least as long as the table, which pays for it.

    >>> table = ReplacementTable()
    >>> table.add("激光", "雷射")
    >>> table.add("激光器", "雷射器")
    >>> list(table.matches("激光与激光器"))
    [(0, '激光'), (3, '激光器')]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

__all__ = ["ReplacementTable"]


class ReplacementTable:
    """Keys and their replacements; `matches` finds them leftmost, longest first."""

    def __init__(self) -> None:
        self.entries: dict[str, str] = {}
        self._lengths: Counter[int] = Counter()  # key length → how many keys have it
        self._descending: list[int] | None = None  # the distinct key lengths, longest first
        self._pattern: re.Pattern[str] | None = None

    def __bool__(self) -> bool:
        return bool(self.entries)

    def __getitem__(self, key: str) -> str:
        return self.entries[key]

    def add(self, key: str, replacement: str) -> None:
        """Replace ``key`` with ``replacement`` from now on."""
        if key not in self.entries:
            self._lengths[len(key)] += 1
            self._descending = None
        self.entries[key] = replacement
        self._pattern = None

    def remove(self, key: str) -> None:
        """Stop replacing ``key`` (nothing if it is not there)."""
        if self.entries.pop(key, None) is None:
            return
        self._lengths[len(key)] -= 1
        if not self._lengths[len(key)]:
            del self._lengths[len(key)]
        self._descending = None
        self._pattern = None

    def matches(self, text: str) -> Iterator[tuple[int, str]]:
        """(start, key) of each key in ``text``: left to right, the longest at each place."""
        if not self.entries:
            return
        if self._pattern is None and len(text) >= len(self.entries):
            keys = sorted(self.entries, key=len, reverse=True)
            self._pattern = re.compile("|".join(map(re.escape, keys)))
        if self._pattern is not None:
            for match in self._pattern.finditer(text):
                yield match.start(), match.group()
            return
        yield from self._looked_up(text)

    def _looked_up(self, text: str) -> Iterator[tuple[int, str]]:
        """`matches` by one look-up per key length at each place: no expression to build."""
        if self._descending is None:
            self._descending = sorted(self._lengths, reverse=True)
        position = 0
        while position < len(text):
            for length in self._descending:
                key = text[position : position + length]
                if len(key) == length and key in self.entries:
                    yield position, key
                    position += length
                    break
            else:
                position += 1
