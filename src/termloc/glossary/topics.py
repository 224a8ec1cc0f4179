"""Which reference groups a text gets: topic selection from evidence in the text.

MediaWiki never applies all its conversion groups at once: an article names
the few it wants (NoteTA). termloc does the same when told (``--reference
People,地名``, front matter ``reference: [...]``) and otherwise, with
``auto``, chooses from the text itself:

- a **general** group (names of people and places in general use, listed
  in ``reference/topics.yaml``) is chosen when one of its keys occurs in the
  text;
- a **topic** group (films, football clubs, IT ...) is chosen only on
  strong evidence: at least `TOPIC_EVIDENCE` distinct *specific* keys in the
  text — keys of three or more characters, written with Han characters, that
  belong to at most `MAX_SPREAD` groups and to no general group (a word every
  topic group has, or a name a general group already holds, says nothing
  about the topic), and that differ in more than script (委员会 and 委員會
  count once). At most `MAX_TOPICS` topic groups, the best evidenced first,
  each on keys of its own: keys a group chosen before it holds do not count
  again (a film's actors choose one group of entertainers, not every group
  that lists them).

So a topic group's rules for common words (an IT group's 访问 → 存取) reach
only text that is about its topic. The keys are the Chinese input forms of
every group's entries, indexed at build time in ``reference/keys.tsv``
(sorted by first character; ``keys-offsets.json`` says where each
character's keys are, so a short text reads a few kilobytes of it).

    >>> from termloc.glossary.topics import choose_topics
    >>> choice = choose_topics("美国总统唐纳德·特朗普访问悉尼")
    >>> [pick.group for pick in choice.picks]
    ['People', 'vital', '地名', '政治人物']
    >>> choose_topics("今天天气很好").groups
    ()
"""

from __future__ import annotations

import json
import operator
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from termloc.core.errors import InputError
from termloc.core.scripts import HAN
from termloc.glossary.reference import Reference, reference

__all__ = [
    "MAX_SPREAD",
    "MAX_TOPICS",
    "SAMPLE",
    "TOPIC_EVIDENCE",
    "Pick",
    "TopicChoice",
    "TopicIndex",
    "choose_topics",
    "sample",
]

#: Distinct specific keys a topic group needs in the text.
TOPIC_EVIDENCE = 3
#: A key in more groups than this is no evidence of a topic.
MAX_SPREAD = 3
#: At most this many topic groups for one text.
MAX_TOPICS = 6
#: Keys shorter than this are no evidence on their own.
LONG_KEY = 3
#: A longer text is judged by this many characters of it, in `SAMPLES` evenly spaced slices
#: (a corpus's topics show in a sample; scanning 20 MB for evidence would cost seconds).
SAMPLE = 100_000
SAMPLES = 40


@dataclass(frozen=True)
class Pick:
    """A group chosen for a text, and the keys that chose it."""

    group: str
    general: bool
    evidence: tuple[str, ...]

    def reason(self) -> str:
        """One line saying why: ``People (general): 特朗普, 悉尼``."""
        kind = "general" if self.general else "topic"
        return f"{self.group} ({kind}): {', '.join(self.evidence)}"


@dataclass(frozen=True)
class TopicChoice:
    """The groups chosen for a text, highest layer first."""

    picks: tuple[Pick, ...]

    @property
    def groups(self) -> tuple[str, ...]:
        """The chosen groups' names, in layer order."""
        return tuple(pick.group for pick in self.picks)


_HAN = re.compile(f"[{HAN}]")


def _has_han(text: str) -> bool:
    return _HAN.search(text) is not None


class TopicIndex:
    """The reference's keys, read one first character at a time."""

    def __init__(self, ref: Reference) -> None:
        self.ref = ref
        self.keys_file = ref.folder / "keys.tsv"
        offsets = ref.folder / "keys-offsets.json"
        try:
            self.offsets: dict[str, list[int]] = json.loads(offsets.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise InputError(offsets.parent, f"unreadable reference topic index: {err}") from None
        self.general = frozenset(ref.topics["general"])
        self._buckets: dict[str, dict[str, tuple[int, ...]]] = {}
        self._prefixes: dict[str, frozenset[str]] = {}
        self._pairs: set[str] = set()  # the first two characters of every key read so far

    def _load(self, chars: set[str]) -> None:
        """Read the keys of every character in ``chars`` not read yet, through one file handle."""
        missing = sorted((self.offsets[c][0], c) for c in chars - self._buckets.keys() if c in self.offsets)
        if not missing:
            return
        with self.keys_file.open("rb") as handle:
            for start, char in missing:
                handle.seek(start)
                chunk = handle.read(self.offsets[char][1] - start).decode("utf-8")
                bucket: dict[str, tuple[int, ...]] = {}
                for line in chunk.splitlines():
                    key, groups = line.split("\t")
                    bucket[key] = tuple(int(g) for g in groups.split(","))
                self._buckets[char] = bucket
                self._pairs.update(key[:2] for key in bucket)

    def _prefixes_of(self, char: str) -> frozenset[str]:
        """Every beginning of two or more characters of a key that starts with ``char`` (its bucket read)."""
        prefixes = self._prefixes.get(char)
        if prefixes is None:
            prefixes = frozenset(key[:n] for key in self._buckets[char] for n in range(2, len(key) + 1))
            self._prefixes[char] = prefixes
        return prefixes

    def _bucket(self, char: str) -> dict[str, tuple[int, ...]]:
        self._load({char})
        return self._buckets[char]

    def hits(self, text: str) -> dict[str, tuple[str, ...]]:
        """Group name → the distinct keys of the group found in ``text``, in order of first use."""
        self._load(set(text) & self.offsets.keys())
        # Every key has two or more characters: the text's distinct pairs of characters that begin a
        # key are found with set operations, and a key is walked only where one stands (in prose, a
        # fifth of the positions; walking every position in Python took twice as long).
        first: dict[str, int] = {}  # a key found → where it is first used
        for pair in set(map(operator.add, text, text[1:])) & self._pairs:
            bucket, prefixes = self._buckets[pair[0]], self._prefixes_of(pair[0])
            start = text.find(pair)
            while start != -1:
                end = start + 2
                piece = pair
                while True:
                    if piece in bucket and first.get(piece, start) >= start:
                        first[piece] = start
                    end += 1
                    piece = text[start:end]
                    if len(piece) < end - start or piece not in prefixes:
                        break
                start = text.find(pair, start + 1)
        found: dict[int, dict[str, int]] = defaultdict(dict)
        for piece, start in first.items():
            for group in self._buckets[piece[0]][piece]:  # a common name is in dozens of groups: once each
                found[group][piece] = start
        names = self.ref.groups
        return {
            names[group].name: tuple(sorted(keys, key=lambda k: (keys[k], k))) for group, keys in sorted(found.items())
        }

    def spread(self, key: str) -> int:
        """In how many groups ``key`` is a key."""
        return len(self._bucket(key[0]).get(key, ())) if key[:1] in self.offsets else 0

    def choose(self, text: str) -> TopicChoice:
        """The groups for ``text`` (see the module's doc); a long text by `sample`."""
        hits = self.hits(sample(text))
        general_keys = {key for name, keys in hits.items() if name in self.general for key in keys}
        picks: list[Pick] = []
        for name, keys in hits.items():
            if name in self.general:
                picks.append(Pick(name, True, keys))
        topics: list[Pick] = []
        for name, keys in hits.items():
            if name in self.general:
                continue
            specific = tuple(
                key
                for key in keys
                if len(key) >= LONG_KEY and _has_han(key) and key not in general_keys and self.spread(key) <= MAX_SPREAD
            )
            if len(specific) >= TOPIC_EVIDENCE:
                topics.append(Pick(name, False, specific))
        topics.sort(key=lambda pick: (-len(pick.evidence), pick.group))
        general = sorted(picks, key=lambda pick: pick.group)
        return TopicChoice((*general, *_fresh(topics)))


def _fresh(topics: list[Pick]) -> list[Pick]:
    """The best evidenced topic groups, each on evidence of its own: `TOPIC_EVIDENCE` keys, told apart
    by more than their script, that no group chosen before it holds (a film's actors choose one group
    of entertainers, not the three that list the same names), at most `MAX_TOPICS`."""
    chosen: list[Pick] = []
    seen: set[str] = set()
    for pick in topics:
        own = _unscripted(pick.evidence) - seen
        if len(own) >= TOPIC_EVIDENCE:
            chosen.append(pick)
            seen |= own
            if len(chosen) == MAX_TOPICS:
                break
    return chosen


def _unscripted(keys: tuple[str, ...]) -> set[str]:
    """``keys`` told apart by more than their script: 委员会 and 委員會 (one rule's two spellings,
    both in a mixed text) are one piece of evidence, not two."""
    from termloc.core.han import char_tables

    tables = char_tables()
    return {tables.to_simplified(key) for key in keys}


def sample(text: str) -> str:
    """``text``, or for a text longer than `SAMPLE`, `SAMPLES` evenly spaced slices of it, cut at line breaks
    where one is near, joined by line breaks."""
    if len(text) <= SAMPLE:
        return text
    size = SAMPLE // SAMPLES
    step = len(text) // SAMPLES
    slices = []
    for i in range(SAMPLES):
        start = i * step
        newline = text.find("\n", start, start + size // 2)
        start = newline + 1 if newline != -1 else start
        slices.append(text[start : start + size])
    return "\n".join(slices)


@cache
def topic_index(folder: Path | None = None) -> TopicIndex:
    """The index of the reference termloc ships (or the one in ``folder``), read once a process."""
    return TopicIndex(reference(folder))


def choose_topics(text: str, folder: Path | None = None) -> TopicChoice:
    """The reference groups ``auto`` chooses for ``text``."""
    return topic_index(folder).choose(text)
