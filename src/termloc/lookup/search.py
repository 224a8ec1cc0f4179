"""Searching the index: exact, prefix and fuzzy hits, ranked, as results."""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from termloc.core.errors import UsageError
from termloc.glossary.selection import GlossarySelection
from termloc.lookup.romanise import SCHEMES, romanisations

if TYPE_CHECKING:  # the glossary package (and YAML) is not imported on the cached path
    from termloc.glossary.model import Glossary, Status

from termloc.lookup.index import _DERIVED, _FALLBACK, _STATUS, _VIA, _VIA_SHIFT, Bucket, Index, load_index, make_index
from termloc.lookup.keys import _NOT_KEY, grams, normalise, script_of

How = Literal["exact", "prefix", "fuzzy"]
Fuzzy = Literal["auto", "always", "never"]

#: Prefix search looks at no more keys than this, in key order.
PREFIX_SCAN = 1000
#: Fuzzy search scores at most this many n-gram candidates ...
FUZZY_CANDIDATES = 2000
#: ... found through n-gram postings of at most this many keys in all (at least three n-grams).
GRAM_BUDGET = 20_000
#: Minimum ``fuzz.ratio`` of a fuzzy hit. Chinese names are short: one
#: character changed in three (67) still counts there.
FUZZY_CUTOFF = {"Hani": 60.0}
FUZZY_CUTOFF_DEFAULT = 75.0


class FoundForm(NamedTuple):
    """One form of an entry found, as `LookupResult.forms` lists them."""

    text: str
    tag: str
    status: Status
    #: True when derived from the other script by character conversion.
    derived: bool = False
    #: The tag the form comes from: another one when taken through the fallback chain.
    source_tag: str = ""


@dataclass(frozen=True)
class LookupResult:
    """One entry found, with the form that matched and all its forms."""

    id: str
    kind: str
    group: str
    score: float
    how: How
    #: The form that matched: a glossary form, or its romanisation (``via``).
    matched: str
    #: The language tag of the matched form (of the form romanised, with ``via``).
    tag: str
    status: Status
    #: True when the matched form was derived by character conversion.
    derived: bool = False
    #: The romanisation scheme that made ``matched`` from the glossary form ``source``.
    via: str | None = None
    source: str | None = None
    #: Every form per language tag, preferred first; `FoundForm.derived` marks derived ones.
    forms: Mapping[str, tuple[FoundForm, ...]] = field(default_factory=dict)

    @property
    def deprecated(self) -> bool:
        """True when the query matched a deprecated form."""
        return self.status == "deprecated"

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready view; ``forms`` maps each tag to its texts, preferred first."""
        return {
            "id": self.id,
            "kind": self.kind,
            "group": self.group,
            "score": self.score,
            "match": self.how,
            "matched": self.matched,
            "matched_tag": self.tag,
            "matched_status": self.status,
            "matched_derived": self.derived,
            "via": self.via,
            "source": self.source,
            "forms": {tag: [f.text for f in forms] for tag, forms in self.forms.items()},
            "derived": {
                tag: [f.text for f in forms if f.derived]
                for tag, forms in self.forms.items()
                if any(f.derived for f in forms)
            },
        }


class Lookup:
    """Finds glossary entries by any form (see the module's description).

    ``glossary`` is a list of glossary files or folders or a
    `GlossarySelection` (None: termloc's own glossary); ``groups`` keeps
    only the groups named. The index comes from the cache when the files
    are unchanged, else it is built and cached.
    """

    def __init__(
        self, glossary: Sequence[str | Path] | GlossarySelection | None = None, *, groups: Sequence[str] | None = None
    ) -> None:
        named = GlossarySelection.default(groups) if glossary is None else GlossarySelection.named(glossary, groups)
        self._index = load_index(named)

    @classmethod
    def from_glossary(cls, glossary: Glossary) -> Lookup:
        """A lookup over a glossary already loaded (built in memory, not cached)."""
        self = cls.__new__(cls)
        self._index = make_index(glossary)
        return self

    def __len__(self) -> int:
        return len(self._index.ids)

    def find(
        self, query: str, *, lang: str | None = None, kind: str | None = None, limit: int = 10, fuzzy: Fuzzy = "auto"
    ) -> list[LookupResult]:
        """The entries ``query`` names, best first, at most ``limit``.

        ``lang`` keeps forms of one tag (``zh-TW``) or language (``zh``,
        ``ko``); ``kind`` keeps one kind of entry; ``fuzzy="auto"`` searches
        fuzzily only when no form matches exactly. Raises `UsageError` for
        an empty query, an unknown tag or kind, or a limit below 1.
        """
        search = self._search(query, lang, kind, limit)
        exact = False
        for bucket in self._buckets(search.key):
            exact = search.scan(bucket) or exact
        if fuzzy == "always" or (fuzzy == "auto" and not exact):
            cutoff = FUZZY_CUTOFF.get(script_of(search.key), FUZZY_CUTOFF_DEFAULT)
            for bucket in self._buckets(search.key):
                search.fuzzy(bucket, cutoff, limit * 4)
        return [self._result(*found) for found in search.ranked(limit)]

    def nearest(
        self, query: str, *, lang: str | None = None, kind: str | None = None, n: int = 3
    ) -> list[LookupResult]:
        """The ``n`` entries closest to ``query``, however far: for "did you mean"."""
        search = self._search(query, lang, kind, n)
        buckets = self._buckets(search.key) or list(self._index.buckets.values())
        for bucket in buckets:
            search.fuzzy(bucket, 0.0, n * 4, everywhere=True)
        return [self._result(*found) for found in search.ranked(n)]

    def _buckets(self, key: str) -> list[Bucket]:
        """The key's script's keys; every script's for a key of no script (digits: 1718 → 1718号决议)."""
        script = script_of(key)
        if script == "Zyyy":
            return list(self._index.buckets.values())
        return [self._index.buckets[script]] if script in self._index.buckets else []

    def _search(self, query: str, lang: str | None, kind: str | None, limit: int) -> _Search:
        if limit < 1:
            raise UsageError(f"the limit must be at least 1, not {limit!r}")
        key = normalise(query, self._index.fold)
        if not key:
            raise UsageError(f"the query {query!r} has no letters or digits to look up")
        known = self._index.known_kinds
        if kind is not None and kind not in known:
            raise UsageError(f"unknown kind {kind!r}; expected one of {', '.join(known)}")
        return _Search(self._index, key, _literal(query), kind, self._tags(lang))

    def _tags(self, lang: str | None) -> set[int] | None:
        if lang is None:
            return None
        known = self._index.tags
        wanted = lang.strip().replace("_", "-").lower()
        found = {i for i, tag in enumerate(known) if tag.lower() == wanted or tag.lower().startswith(wanted + "-")}
        if not found:
            raise UsageError(f"unknown language tag {lang!r}; expected one of {', '.join(known)}, or zh or ko for all")
        return found

    def _result(self, entry: int, hit: int, score: float, how: How) -> LookupResult:
        index = self._index
        group, name, record = index.entry(entry)
        forms: dict[str, list[FoundForm]] = {}
        for text, tag, flags, source in record:
            form = FoundForm(text, index.tags[tag], _STATUS[flags & 3], bool(flags & _DERIVED), index.tags[source])
            forms.setdefault(form.tag, []).append(form)
        text, tag, flags, source = record[(hit >> 16) & 0xFFFF]
        form = next(f for f in forms[index.tags[tag]] if f.text == text and f.status == _STATUS[flags & 3])
        matched, scheme, source = form.text, None, None
        if hit & _VIA:
            code = index.vias[(hit & _VIA) >> _VIA_SHIFT]
            scheme, source = SCHEMES[code], form.text
            matched = dict(romanisations(form.text, form.tag, name=bool(name)))[code]
        return LookupResult(
            id=index.ids[entry],
            kind=index.kinds[entry],
            group=index.groups[group],
            score=score,
            how=how,
            matched=matched,
            tag=form.tag,
            status=form.status,
            derived=form.derived,
            via=scheme,
            source=source,
            forms={tag: tuple(tag_forms) for tag, tag_forms in forms.items()},
        )


def _literal(text: str) -> str:
    """``text`` compared as written: case and punctuation aside, no script folded."""
    return _NOT_KEY.sub("", unicodedata.normalize("NFKC", text).casefold())


class _Search:
    """One query: the best hit found so far for each entry."""

    def __init__(self, index: Index, key: str, literal: str, kind: str | None, tags: set[int] | None) -> None:
        self.index, self.key, self.literal, self.kind, self.tags = index, key, literal, kind, tags
        self.best: dict[int, tuple[float, int, How]] = {}  # entry → (score, hit, how)
        self._records: dict[int, Any] = {}

    def scan(self, bucket: Bucket) -> bool:
        """Exact and prefix hits; True if an exact hit was kept."""
        keys, key = bucket.keys, self.key
        start = bisect_left(keys, key)
        exact = False
        for position in range(start, min(start + PREFIX_SCAN, len(keys))):
            candidate = keys[position]
            if not candidate.startswith(key):
                break
            whole = len(candidate) == len(key)
            score = 100.0 if whole else round(90 + 9 * len(key) / len(candidate), 1)
            for hit in bucket.hits_of(position):
                if self.keep(hit, score, "exact" if whole else "prefix") and whole:
                    exact = True
        return exact

    def fuzzy(self, bucket: Bucket, cutoff: float, limit: int, *, everywhere: bool = False) -> None:
        """Keys sharing n-grams with the query, scored by ``fuzz.ratio`` (≥ ``cutoff``)."""
        from rapidfuzz import fuzz, process

        # The rarest n-grams first, as long as their postings fit the budget: a
        # common n-gram (ov, kim) says little and costs much.
        found = sorted((memoryview(p).cast("I") for g in grams(self.key) if (p := bucket.grams.get(g))), key=len)
        counts: Counter[int] = Counter()
        total = 0
        for used, postings in enumerate(found):
            total += len(postings)
            if used >= 3 and total > GRAM_BUDGET:
                break
            counts.update(postings)
        positions: Sequence[int]
        if len(counts) > FUZZY_CANDIDATES:
            positions = [position for position, _ in counts.most_common(FUZZY_CANDIDATES)]
        elif counts or not everywhere:
            positions = list(counts)
        else:
            positions = range(len(bucket.keys))  # nothing in common: look at everything
        choices = [bucket.keys[position] for position in positions]
        for _, ratio, i in process.extract(self.key, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit):
            for hit in bucket.hits_of(positions[i]):
                self.keep(hit, round(min(ratio, 99.9) * 0.89, 1), "fuzzy")

    def keep(self, hit: int, score: float, how: How) -> bool:
        """Keep ``hit`` if it passes the filters and is its entry's best; False if filtered out."""
        entry = hit >> 32
        if self.kind is not None and self.index.kinds[entry] != self.kind:
            return False
        if self.tags is not None and (hit >> 8) & 0xFF not in self.tags:
            return False
        current = self.best.get(entry)
        if current is None or score > current[0]:
            self.best[entry] = (score, hit, how)
        elif score == current[0] and hit != current[1]:
            # Exact ties: the form as the query wrote it (北韩, deprecated, over 北韓);
            # others by status alone (decoding every prefix hit would cost).
            better = self._rank(hit) < self._rank(current[1]) if how == "exact" else _order(hit) < _order(current[1])
            if better:
                self.best[entry] = (score, hit, how)
        return True

    def _rank(self, hit: int) -> tuple[int, int]:
        """Among an entry's hits: the form as the query wrote it, then `_order`."""
        if hit & _VIA:
            return 1, _order(hit)
        entry = hit >> 32
        if entry not in self._records:
            self._records[entry] = self.index.entry(entry)
        text = self._records[entry][2][(hit >> 16) & 0xFFFF][0]
        return (0 if _literal(text).startswith(self.literal) else 1), _order(hit)

    def ranked(self, limit: int) -> list[tuple[int, int, float, How]]:
        """The best ``limit`` entries: (entry, hit, score, how), best first."""
        order = sorted(self.best.items(), key=lambda item: (-item[1][0], _order(item[1][1]), item[0]))
        return [(entry, hit, score, how) for entry, (score, hit, how) in order[:limit]]


def _order(hit: int) -> int:
    """Preferred before admitted before deprecated; written, own tag, not romanised first."""
    return (hit & 0x3) * 8 + (4 if hit & _DERIVED else 0) + (2 if hit & _FALLBACK else 0) + (1 if hit & _VIA else 0)


_lookups: dict[tuple[tuple[str, ...] | None, tuple[str, ...] | None], Lookup] = {}


def lookup(
    query: str,
    *,
    glossary: Sequence[str | Path] | None = None,
    groups: Sequence[str] | None = None,
    lang: str | None = None,
    kind: str | None = None,
    limit: int = 10,
) -> list[LookupResult]:
    """`Lookup.find` on a glossary (termloc's own by default); the index is kept per process."""
    names = None if glossary is None else tuple(str(p) for p in glossary)
    cache_key = (names, tuple(groups) if groups is not None else None)
    if cache_key not in _lookups:
        _lookups[cache_key] = Lookup(glossary, groups=groups)
    return _lookups[cache_key].find(query, lang=lang, kind=kind, limit=limit)


def format_results(results: Sequence[LookupResult]) -> str:
    """Results for the terminal: what matched, then every form per tag (derived ones marked *)."""
    lines: list[str] = []
    derived = False
    for number, result in enumerate(results, 1):
        notes = [result.tag, *([f"{result.via} of {result.source}"] if result.via else [])]
        notes += [f"{result.status} form"] if result.status != "preferred" else []
        notes += ["derived"] if result.derived else []
        lines.append(
            f"{number}. {result.id} ({result.kind}): {result.how} match {result.matched} "
            f"[{', '.join(notes)}], score {result.score:g}"
        )
        width = max((len(tag) for tag in result.forms), default=0)
        for tag, forms in result.forms.items():
            texts = [
                f"{f.text}{'*' if f.derived else ''}{'' if f.status == 'preferred' else f' ({f.status})'}"
                for f in forms
            ]
            derived = derived or any(f.derived for f in forms)
            lines.append(f"   {tag:<{width}}  {'; '.join(texts)}")
    if derived:
        lines.append("* derived from the other script by character conversion")
    return "\n".join(lines)
