"""A new article's names, fast: what every source says about them, and a draft glossary.

`suggest` finds in a text every key of the reference termbase (all its
groups, not only those ``auto`` would choose: the terminologist decides) and
every name-like string (the audit's detector: runs of transliteration
characters), and says for each the form each region gets and where it comes
from: termloc's glossary (entry id), a reference group (page and rule), or
OpenCC alone, with the groups that disagree. `draft_group` turns the names the
glossary does not cover yet (`is_draftable`) into a group of draft entries, every form with
its source, marked for review, that the glossary loader reads and validates.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from termloc.core.han import CharTables
from termloc.core.variants import Variant
from termloc.glossary.audit import TRANSLITERATION, name_like
from termloc.glossary.mapping import Claim, variant_mapping
from termloc.glossary.model import Entry, Glossary, Group, Row
from termloc.glossary.reference import Reference
from termloc.glossary.topics import TopicIndex

__all__ = ["DRAFT_NOTE", "Suggestion", "draft_group", "is_draftable", "suggest"]

Origin = Literal["glossary", "reference", "opencc"]

#: The note every draft entry carries until a terminologist reviews it.
DRAFT_NOTE = "DRAFT from termloc glossary suggest: review every form and its source, then remove this note."


@dataclass
class Suggestion:
    """One string of the article, and what each region would get for it."""

    text: str
    count: int
    origin: Origin
    #: Variant → the form it gets.
    forms: dict[str, str]
    #: Where the forms come from: a glossary entry id, ``Module:CGroup/People, rule 673``, or OpenCC.
    sources: list[str]
    #: Variant → the other forms other groups give (a conflict between groups).
    conflicts: dict[str, list[str]] = field(default_factory=dict)
    #: The reference entry the forms come from (for the draft).
    entry: Entry | None = None


def _variant_forms(entry: Entry, key: str, variants: Sequence[Variant], tables: CharTables) -> dict[str, str]:
    """The forms ``entry``'s row that accepts ``key`` gives each variant (none where it has none)."""
    for row in entry.rows:
        if any(form.text == key for form in row.chinese_inputs()):
            forms = {}
            for variant in variants:
                form = row.chinese_form(variant, tables, name=entry.is_name)
                if form is not None and form.text:
                    forms[variant.tag] = form.text
            return forms
    return {}


def _maximal(keys: Counter[str]) -> Counter[str]:
    """``keys`` without those inside a longer key found."""
    ordered = sorted(keys, key=len, reverse=True)
    kept: Counter[str] = Counter()
    for key in ordered:
        if not any(key in longer for longer in kept):
            kept[key] = keys[key]
    return kept


def _reference_hits(text: str, index: TopicIndex) -> dict[str, list[str]]:
    """Key → the groups holding it, for the keys found in ``text`` (maximal ones only)."""
    by_key: dict[str, list[str]] = {}
    for group, keys in index.hits(text).items():
        for key in keys:
            by_key.setdefault(key, []).append(group)
    counts = _maximal(Counter({key: text.count(key) for key in by_key}))
    return {key: by_key[key] for key in counts}


def _from_reference(
    key: str,
    groups: list[str],
    ref: Reference,
    variants: Sequence[Variant],
    tables: CharTables,
    general: frozenset[str],
) -> Suggestion | None:
    """What the groups holding ``key`` say; the general groups first, then the form most groups give."""
    said: list[tuple[str, Entry, dict[str, str]]] = []
    for name in sorted(groups, key=lambda g: (g not in general, g)):
        for entry in ref.load([name]).groups[0].entries:
            forms = _variant_forms(entry, key, variants, tables)
            if forms:
                said.append((name, entry, forms))
                break
    if not said:
        return None
    votes = Counter(tuple(sorted(forms.items())) for _, _, forms in said)
    first_general = said[0][0] in general
    best = said[0] if first_general else max(said, key=lambda s: votes[tuple(sorted(s[2].items()))])
    _, entry, forms = best
    agreeing = [e.sources[0] for _, e, f in said if f == forms and e.sources]
    conflicts: dict[str, list[str]] = {}
    for _, _, other in said:
        for tag, form in other.items():
            if forms.get(tag, form) != form and form not in conflicts.setdefault(tag, []):
                conflicts[tag].append(form)
    conflicts = {tag: found for tag, found in conflicts.items() if found}
    return Suggestion(key, 0, "reference", dict(forms), agreeing, conflicts, entry)


def suggest(
    text: str,
    glossary: Glossary,
    variants: Sequence[Variant],
    tables: CharTables,
    index: TopicIndex,
    convert: dict[str, object],
) -> list[Suggestion]:
    """Every reference hit and name-like string in ``text``, in order of first use.

    ``convert`` maps each variant's tag to a plain OpenCC converter (an
    object with ``convert(text)``), for the names no source covers.
    """
    covered = {variant.tag: variant_mapping(glossary, variant, tables).claims for variant in variants}
    inside = _glossary_spans(text, covered)
    found: dict[str, Suggestion] = {}
    for key, groups in _reference_hits(text, index).items():
        if key not in covered[variants[0].tag] and _always_inside(text, key, inside):
            continue  # only ever part of a glossary term (罗斯 in 俄罗斯)
        glossary_claim = next((claims[key] for claims in covered.values() if key in claims), None)
        if glossary_claim is not None:
            forms = {tag: claims[key].output for tag, claims in covered.items() if key in claims}
            found[key] = Suggestion(key, 0, "glossary", forms, [f"glossary: {glossary_claim.entry.id}"])
            continue
        made = _from_reference(key, groups, index.ref, variants, tables, index.general)
        if made is not None:
            found[key] = made
    simplified = tables.to_simplified(text)
    dotted = [m.group() for m in _DOTTED.finditer(simplified)]
    for name in [*dotted, *name_like(simplified, [(0, len(simplified))])]:
        start = simplified.find(name)
        original = text[start : start + len(name)] if len(simplified) == len(text) else name
        parts_known = "·" in original and original not in found  # its parts may be hits: the whole is news
        if not parts_known and any(original in key or key in original for key in found):
            continue
        claims = [claims[original] for claims in covered.values() if original in claims]
        if claims:
            forms = {tag: c[original].output for tag, c in covered.items() if original in c}
            found[original] = Suggestion(original, 0, "glossary", forms, [f"glossary: {claims[0].entry.id}"])
            continue
        forms = {tag: str(convert[tag].convert(original)) for tag in convert}  # type: ignore[attr-defined]
        found[original] = Suggestion(original, 0, "opencc", forms, ["OpenCC alone: no source covers this name"])
    for suggestion in found.values():
        suggestion.count = text.count(suggestion.text)
    return sorted(found.values(), key=lambda s: (text.find(s.text), s.text))


#: A foreign full name written with the interpunct, in transliteration characters: 阿列克谢·扎哈罗维奇·斯米尔诺夫.
_LETTERS = "".join(sorted(TRANSLITERATION))
_DOTTED = re.compile(f"[{_LETTERS}]{{2,}}(?:·[{_LETTERS}]{{2,}})+")


def _glossary_spans(text: str, covered: dict[str, dict[str, Claim]]) -> list[tuple[int, int]]:
    """Where the glossary's keys occur in ``text`` (leftmost-longest)."""
    keys = sorted({key for claims in covered.values() for key in claims if len(key) > 1}, key=len, reverse=True)
    if not keys:
        return []
    pattern = re.compile("|".join(map(re.escape, keys)))
    return [match.span() for match in pattern.finditer(text)]


def _always_inside(text: str, key: str, spans: list[tuple[int, int]]) -> bool:
    """True if every occurrence of ``key`` in ``text`` lies inside one of ``spans``."""
    start = text.find(key)
    while start != -1:
        if not any(a <= start and start + len(key) <= b for a, b in spans):
            return False
        start = text.find(key, start + 1)
    return True


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48]


def is_draftable(suggestion: Suggestion) -> bool:
    """True for a name the glossary lacks: no source covers it, or a reference rule whose original is a
    proper name (capitalised: Titanic, Cameron, James), not a topic group's common word (IT's 階層,
    'hierarchy'), which the list shows but the draft leaves out."""
    if suggestion.origin == "opencc":
        return True
    if suggestion.origin != "reference" or suggestion.entry is None:
        return False
    original = (
        suggestion.entry.note.removeprefix("original: ") if suggestion.entry.note.startswith("original: ") else ""
    )
    return original[:1].isupper() or "·" in suggestion.text


def draft_group(suggestions: Sequence[Suggestion], name: str, article: str, tables: CharTables) -> Group:
    """The suggestions the glossary does not cover, as draft entries (``DRAFT_NOTE``, sources kept)."""
    entries: list[Entry] = []
    taken: set[str] = set()
    for number, suggestion in enumerate(s for s in suggestions if is_draftable(s)):
        original = suggestion.entry.note.removeprefix("original: ") if suggestion.entry else ""
        base = _slug(original) or f"name-{number + 1}"
        entry_id = base if base not in taken else f"{base}-{number + 1}"
        taken.add(entry_id)
        forms = dict(suggestion.forms)
        simplified = forms.get("zh-CN") or forms.get("zh-Hans") or suggestion.text
        forms = {"zh-Hans": simplified, **{tag: form for tag, form in forms.items() if tag != "zh-Hans"}}
        if original and original.isascii():
            forms["en"] = original
        sources = [*suggestion.sources, f"found in {article} by termloc glossary suggest"]
        conflicts = "; ".join(f"{tag}: also {', '.join(other)}" for tag, other in suggestion.conflicts.items())
        note = DRAFT_NOTE + (f" Groups disagree: {conflicts}." if conflicts else "")
        kind = "person" if "·" in suggestion.text else "term"
        admitted: dict[str, tuple[str, ...]] = {}
        if suggestion.text not in forms.values():  # the article's spelling, so that the entry matches it
            admitted["zh-Hans" if tables.to_simplified(suggestion.text) == suggestion.text else "zh-Hant"] = (
                suggestion.text,
            )
        row = Row(forms=forms, admitted=admitted)
        entries.append(Entry(entry_id, kind, (row,), tuple(sources), note, None, name))
    return Group(name, {}, f"Draft entries for {article} (termloc glossary suggest)", "", tuple(entries))
