"""Glossary keys OpenCC would get right anyway, proved redundant and left out.

Every key merged into a phrase dictionary costs OpenCC time at each position
of the text where its first characters occur, match or not. For a config of
one conversion stage and no segmenter (t2s: zh-Hans, zh-SG, zh-MY), a key can
be proved unnecessary: OpenCC scans left to right, taking at each position
the longest key of the first dictionary of the group that has one
(``short_circuit``). A key K only matters when the scan stands at K's start
with nothing longer matching there. If, without K, the scan of K alone gives
K's glossary output, and no key the scan meets inside K reaches past K's end
(so the text after K can change nothing), then the scan of any text that
reaches K goes through K exactly as before and leaves at K's end: the
output is the same in every context. Keys are tested one at a time against
the dictionary as it stands after the removals before, so each removal is
proved on its own. (For 朝鲜 → 朝鲜 in t2s, for instance: t2s keeps it as it
is, and no phrase starts inside it.)
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence

__all__ = ["redundant_keys"]


class _Keys:
    """A phrase dictionary that can drop keys: exact lookup and prefix queries."""

    def __init__(self, entries: Mapping[str, str]) -> None:
        self.entries = dict(entries)
        self.sorted = sorted(self.entries)

    def remove(self, key: str, stock: Mapping[str, str]) -> None:
        if key in stock:
            self.entries[key] = stock[key]
            return
        del self.entries[key]
        index = bisect.bisect_left(self.sorted, key)
        del self.sorted[index]

    def reaches_past(self, prefix: str) -> bool:
        """True if a key starts with ``prefix`` and is longer."""
        index = bisect.bisect_right(self.sorted, prefix)
        return index < len(self.sorted) and self.sorted[index].startswith(prefix)

    def longest_within(self, text: str, start: int) -> str | None:
        for end in range(len(text), start, -1):
            if text[start:end] in self.entries:
                return text[start:end]
        return None


def redundant_keys(
    table: Mapping[str, str], stock: Mapping[str, str], characters: Sequence[Mapping[str, str]]
) -> set[str]:
    """The keys of ``table`` that change no conversion.

    ``stock`` is the phrase dictionary the table is merged into (the table
    wins ties); ``characters`` are the group's later dictionaries, which must
    hold single characters only.
    """
    merged = _Keys({**stock, **table})
    redundant: set[str] = set()
    for key in sorted(table, key=lambda k: (len(k), k)):
        current = merged.entries.pop(key)
        if key in stock:
            merged.entries[key] = stock[key]
        # While testing, the key is still in the sorted list: reaches_past
        # may see it and refuse, which errs on the safe side.
        if _proved(key, table[key], merged, characters):
            redundant.add(key)
            merged.entries[key] = current
            merged.remove(key, stock)
        else:
            merged.entries[key] = current
    return redundant


def _proved(key: str, output: str, merged: _Keys, characters: Sequence[Mapping[str, str]]) -> bool:
    """True if the scan of ``key`` without it gives ``output`` and stays inside it."""
    pieces: list[str] = []
    i = 0
    while i < len(key):
        if i > 0 and merged.reaches_past(key[i:]):
            return False
        found = merged.longest_within(key, i)
        if found is not None:
            pieces.append(merged.entries[found].split(" ")[0])  # OpenCC writes the first candidate
            i += len(found)
            continue
        char = key[i]
        pieces.append(next((table[char].split(" ")[0] for table in characters if char in table), char))
        i += 1
    return "".join(pieces) == output
