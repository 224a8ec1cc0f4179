"""Glossary keys OpenCC would get right anyway, proved redundant and left out.

Every key merged into a phrase dictionary costs OpenCC time at each position
of the text where its first characters occur, match or not, and a bigger
dictionary loads slower. termloc leaves out the keys it can prove change
nothing, for configs whose first stage is a short-circuit group of phrases
(one file, or a union of files, the glossary merged in and winning ties)
and single characters, and whose segmenter, if any, uses those same phrases
(t2s, s2t, s2tw, s2twp, s2hk).

The segmenter and the first stage scan left to right, taking at each
position the longest phrase there, else one character. A glossary key K
matters only when a scan stands at K's start with nothing longer matching.
K is redundant when, without K:

1. the scan of K alone gives K's glossary output V, and no phrase it meets
   inside K reaches past K's end, so the text after K can change nothing and
   the scan of any text that reaches K leaves it at K's end, having written V
   (characters no phrase covers join the segmenter's unmatched run, which
   the first stage converts character by character either way);
2. no later stage can touch V: no key of a later stage inside V changes it
   (so splitting V into several segments changes nothing either); and where
   the scan of K begins (or ends) with a character no phrase covers, which
   joins the run of text before (or after) K into one segment, no key of a
   later stage reaches into V from that side. Where it begins (or ends) with
   a phrase, the segment boundary there is the same as with K.

Keys are proved one at a time against the dictionary as it stands after the
removals before, so each removal is proved on its own.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

__all__ = ["Stage", "redundant_keys"]


@dataclass(frozen=True)
class Stage:
    """The dictionaries a proof looks at."""

    #: The phrase dictionaries of the first member (a union); the glossary is
    #: merged into the first and wins ties.
    phrases: Sequence[Mapping[str, str]]
    #: The group's other dictionaries: single characters only.
    characters: Sequence[Mapping[str, str]]
    #: Every dictionary of the later stages.
    later: Sequence[Mapping[str, str]] = ()


def _first(value: str) -> str:
    """The candidate OpenCC writes: the first of a space-separated list."""
    return value.split(" ")[0]


class _Phrases:
    """The union of phrase dictionaries, glossary merged, that keys can leave."""

    def __init__(self, stage: Stage, table: Mapping[str, str]) -> None:
        self.stock: dict[str, str] = {}
        self.ambiguous: set[str] = set()
        for entries in reversed(stage.phrases):
            for key, value in entries.items():
                if key in self.stock and _first(self.stock[key]) != _first(value):
                    self.ambiguous.add(key)
                self.stock[key] = value
        self.entries = {**self.stock, **table}
        self.sorted = sorted(self.entries)
        # Every proper beginning of a key, stock or table (a removed key's stay: the walk below
        # then tries a little further, never misses a key).
        self.starts = {key[:i] for key in self.entries for i in range(1, len(key))}

    def without(self, key: str) -> str:
        """Drop ``key`` (back to its stock value if it has one); return its value."""
        value = self.entries.pop(key)
        if key in self.stock:
            self.entries[key] = self.stock[key]
        return value

    def forget(self, key: str) -> None:
        """Make the removal of ``key`` permanent (its sorted entry too)."""
        if key not in self.stock:
            del self.sorted[bisect.bisect_left(self.sorted, key)]

    def reaches_past(self, prefix: str) -> bool:
        """True if a key starts with ``prefix`` and is longer."""
        index = bisect.bisect_right(self.sorted, prefix)
        return index < len(self.sorted) and self.sorted[index].startswith(prefix)

    def longest_within(self, text: str, start: int) -> str | None:
        """The longest key at ``start`` that ends within ``text``: longer pieces only while some key
        begins with them."""
        found = None
        for end in range(start + 1, len(text) + 1):
            piece = text[start:end]
            if piece in self.entries:
                found = piece
            if piece not in self.starts:
                break
        return found


class _Later:
    """What the later stages could do to a glossary output."""

    def __init__(self, dictionaries: Sequence[Mapping[str, str]]) -> None:
        self.changing = {key for entries in dictionaries for key, value in entries.items() if _first(value) != key}
        self.changing_starts = {key[:i] for key in self.changing for i in range(1, len(key))}
        keys = {key for entries in dictionaries for key in entries if len(key) > 1}
        self.suffixes = {key[i:] for key in keys for i in range(1, len(key))}
        self.prefixes = {key[:i] for key in keys for i in range(1, len(key))}
        self.sorted_suffixes = sorted(self.suffixes)
        self.sorted_prefixes_reversed = sorted(p[::-1] for p in self.prefixes)

    def change(self, text: str) -> bool:
        """True if a key of a later stage inside ``text`` changes it."""
        for i in range(len(text)):
            for j in range(i + 1, len(text) + 1):
                if text[i:j] in self.changing:
                    return True
                if text[i:j] not in self.changing_starts:  # no changing key begins with it
                    break
        return False

    def reach_start(self, text: str) -> bool:
        """True if a key of a later stage starts before ``text`` and ends inside or after it."""
        return any(text[:j] in self.suffixes for j in range(1, len(text) + 1)) or _extends(self.sorted_suffixes, text)

    def reach_end(self, text: str) -> bool:
        """True if a key of a later stage starts inside ``text`` and ends after it."""
        return any(text[j:] in self.prefixes for j in range(len(text))) or _extends(
            self.sorted_prefixes_reversed, text[::-1]
        )


def _extends(ordered: list[str], text: str) -> bool:
    """True if a string of ``ordered`` starts with ``text`` and is longer."""
    index = bisect.bisect_right(ordered, text)
    return index < len(ordered) and ordered[index].startswith(text)


def redundant_keys(table: Mapping[str, str], stage: Stage, candidates: Collection[str] | None = None) -> set[str]:
    """The keys of ``table`` that change no conversion of ``stage``'s config.

    With ``candidates``, only those keys are tried (every key of ``table`` stays in the
    dictionary the proofs see): a key left untried is kept, which is always safe.
    """
    phrases = _Phrases(stage, table)
    later = _Later(stage.later) if stage.later else None
    redundant: set[str] = set()
    tried = table if candidates is None else [key for key in candidates if key in table]
    for key in sorted(tried, key=lambda k: (len(k), k)):
        output = table[key]
        if later is not None and later.change(output):
            continue
        value = phrases.without(key)
        scan = _scan(key, phrases, stage.characters)
        phrases.entries[key] = value
        proved = scan is not None and scan[0] == output
        if proved and later is not None and scan is not None:
            proved = not (scan[1] and later.reach_start(output)) and not (scan[2] and later.reach_end(output))
        if proved:
            redundant.add(key)
            phrases.without(key)
            phrases.forget(key)
    return redundant


def _scan(key: str, phrases: _Phrases, characters: Sequence[Mapping[str, str]]) -> tuple[str, bool, bool] | None:
    """The scan of ``key`` as the dictionary stands: (output, begins with a
    bare character, ends with one), or None if a phrase met inside reaches
    past the key's end or the union's dictionaries disagree on one.

    While a key is tested it is still in the sorted list, so `reaches_past`
    may see it and refuse: that errs on the safe side.
    """
    pieces: list[str] = []
    bare: list[bool] = []
    i = 0
    while i < len(key):
        if i > 0 and phrases.reaches_past(key[i:]):
            return None
        found = phrases.longest_within(key, i)
        if found is not None:
            if found in phrases.ambiguous:
                return None
            pieces.append(_first(phrases.entries[found]))
            bare.append(False)
            i += len(found)
            continue
        char = key[i]
        pieces.append(next((_first(entries[char]) for entries in characters if char in entries), char))
        bare.append(True)
        i += 1
    return "".join(pieces), bare[0], bare[-1]
