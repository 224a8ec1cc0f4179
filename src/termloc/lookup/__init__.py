"""Glossary lookup: an entry by any of its forms, in any script.

    >>> from termloc.lookup import lookup
    >>> [(r.id, r.matched, r.tag) for r in lookup("普丁")]
    [('vladimir-putin', '普丁', 'zh-TW')]

Every form is reduced to a *key*: NFKC, case-folded, diacritics dropped
(Kim Jŏng-ŭn = kim jong un), ё read as е, spaces, hyphens, middle dots and
other punctuation removed; Chinese characters folded to one script with
OpenCC's character tables (朝鮮勞動黨 = 朝鲜劳动党); Hangul decomposed into
jamo with the initial-sound law folded in every syllable (리종옥 = 이종옥,
로동당 = 노동당). Korean and Russian forms also give keys for their
romanisations (`termloc.lookup.romanise`). A query is reduced the same way, then:

- exact key (score 100), and keys it is a prefix of (90–99);
- when nothing matches exactly, typo-tolerant fuzzy search (below 90):
  keys of the query's script that share character n-grams with it, ranked
  by rapidfuzz's ``fuzz.ratio``.

The index is built once per glossary and cached under a digest of the
glossary files, so that a 75,000-row glossary loads in a fraction of a
second: sorted key lists (bisect for exact and prefix), postings as packed
integers, n-gram postings as packed arrays, and each entry's forms as a
JSON record decoded only when shown; all stored with `marshal` (built-in
types only).
"""

from __future__ import annotations

from termloc.lookup.index import FORMAT, make_index
from termloc.lookup.keys import normalise, script_of
from termloc.lookup.search import FoundForm, Lookup, LookupResult, format_results, lookup

__all__ = [
    "FORMAT",
    "FoundForm",
    "Lookup",
    "LookupResult",
    "format_results",
    "lookup",
    "make_index",
    "normalise",
    "script_of",
]
