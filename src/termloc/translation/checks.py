"""Terminology checks on a translated catalog.

Each checker is a small function ``(msgid, msgstr, context) -> [Problem]``;
`check_catalog` runs them all over every translated message and reports
fuzzy messages without checking them.

- P001 a glossary term of the source is missing from the translation (in the
  locale's preferred form or an admitted one, as the locale inflects it:
  Korean particles, Russian paradigms; see `termloc.translation.inflection`);
- P002 a deprecated or forbidden form is used;
- P003 a spelling of the contrasting locale is used (``contrasts_with`` in
  the locale file): the other's form of a glossary row (러시아 in ko-KP,
  로씨야 in ko) or a word of the locale's ``avoid`` lists (노동 in ko-KP,
  력사 at a word's start in ko). The locale's own glossary forms are
  masked first (ko's 조선노동당 holds ko-KP's 조선), and so is Korean text the
  source itself quotes;
- P004 a number or year of the source is missing, compared by value: 1万 is
  10 тыс., 10,000 or 1만 (`termloc.translation.numbers`);
- P005 a reference marker ([12]) of the source is missing;
- P006 Chinese characters left in a translation into a locale that declares
  ``han: quoted`` or ``quoted-or-gloss``, outside a quoted original or a
  hanja gloss (`termloc.translation.quotations`);
- P010 (information) a fuzzy message, not checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from termloc.core.errors import Problem
from termloc.core.han import CharTables
from termloc.core.scripts import HANGUL, script_of
from termloc.core.variants import Avoided, Variant, VariantRegistry
from termloc.glossary.finder import TermIndex
from termloc.glossary.model import Entry, Glossary, Row
from termloc.translation.inflection import matches_form
from termloc.translation.numbers import compact_words, merged_words, numbers
from termloc.translation.quotations import unquoted

__all__ = [
    "CHECKERS",
    "CheckContext",
    "check_catalog",
    "contrasting_pairs",
    "contrasts",
    "matches_form",
    "originals",
]


@dataclass(frozen=True)
class CheckContext:
    """What the checkers need: the locale, the glossary's terms, where the message is."""

    variant: Variant
    index: TermIndex
    tables: CharTables
    file: str
    line: int
    #: The contrasting locale's forms this one must not use, longest first (`contrasts`).
    contrasts: tuple[Avoided, ...]
    #: Every row of the glossary, with its entry (for deprecated forms).
    rows: tuple[tuple[Entry, Row], ...]
    #: The contrasting locale (``contrasts_with``), if the locale has one.
    other: Variant | None = None
    #: The locale's own forms that hold a contrasting form (ko's 조선노동당 holds 조선), longest first.
    shields: tuple[str, ...] = ()
    #: The unit's original text(s), where they differ from the msgid (the catalog's ``original:`` comments).
    originals: tuple[str, ...] = ()
    #: The compact-number words the source is read with (万 亿 萬 億), and their multipliers.
    source_words: Mapping[str, Decimal] | None = None
    #: The compact-number words the translation is read with (the locale's: 만 억, тыс. млн, thousand).
    words: Mapping[str, Decimal] | None = None


def _expected(entry: Entry, row: Row, ctx: CheckContext) -> list[str]:
    """The forms the locale accepts for a term: preferred first, then admitted."""
    forms = row.forms_for(ctx.variant, ctx.tables, name=entry.is_name)
    if forms.preferred is None:
        # No form for this locale (or a script-only variant the row does not name: the text's
        # script conversion): nothing to check.
        return []
    return [forms.preferred.text, *forms.admitted]


def check_terms(msgid: str, msgstr: str, ctx: CheckContext) -> list[Problem]:
    """P001: every glossary term of the source appears in an accepted form."""
    findings = []
    seen: set[str] = set()
    for match, entry, row in ctx.index.find(msgid):
        if entry.id in seen:
            continue
        seen.add(entry.id)
        expected = _expected(entry, row, ctx)
        place = entry.kind in ("place", "state")  # a Russian relational adjective names it too: Курская область
        if expected and not any(matches_form(form, msgstr, ctx.variant.tag, place=place) for form in expected):
            wanted = " or ".join(repr(f) for f in expected)
            findings.append(
                Problem(
                    ctx.file,
                    ctx.line,
                    "P001",
                    f"{match.group()!r} ({entry.id}) should read {wanted} in {ctx.variant.tag}",
                )
            )
    return findings


def check_deprecated(msgid: str, msgstr: str, ctx: CheckContext) -> list[Problem]:
    """P002: no deprecated or forbidden form of any glossary entry."""
    del msgid
    findings = []
    tags = ctx.variant.chain if ctx.variant.is_chinese else (ctx.variant.tag,)
    for entry, row in ctx.rows:
        for tag in tags:
            for form in row.deprecated.get(tag, ()):
                if form in msgstr:
                    preferred = _expected(entry, row, ctx)
                    hint = f"; write {preferred[0]!r}" if preferred else ""
                    findings.append(
                        Problem(ctx.file, ctx.line, "P002", f"{form!r} is deprecated for {entry.id} in {tag}{hint}")
                    )
    return findings


_HANGUL_RUN = re.compile(f"[{HANGUL}]+(?:[ \\-][{HANGUL}]+)*")
_MASK = "\0"


def _spans(pattern: str, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in spans)


def check_contrasting_spelling(msgid: str, msgstr: str, ctx: CheckContext) -> list[Problem]:
    """P003: the locale's own spellings, not its contrasting locale's (ko-KP 로씨야, not ko 러시아).

    A contrasting form inside one of the locale's own glossary forms is the
    locale's (조선 in ko's 조선노동당), and one inside a longer contrasting
    form already reported is not reported again (노동 in 조선노동당 in ko-KP).
    """
    if ctx.other is None:
        return []
    # Korean text quoted from the source (the lead cites the South's name of
    # the article) is the source's, not the translator's spelling.
    for quoted in sorted(set(_HANGUL_RUN.findall(msgid)), key=len, reverse=True):
        msgstr = msgstr.replace(quoted, _MASK)
    own = [span for form in ctx.shields for span in _spans(re.escape(form), msgstr)]
    reported: list[tuple[int, int]] = []
    findings = []
    for avoided in ctx.contrasts:
        start = f"(?<![{HANGUL}])" if avoided.initial else ""
        found = [s for s in _spans(start + re.escape(avoided.word), msgstr) if not _inside(s, own + reported)]
        if not found:
            continue
        reported += found
        standard = ctx.other.standard or ctx.other.tag
        findings.append(
            Problem(
                ctx.file,
                ctx.line,
                "P003",
                f"{avoided.word!r} is the {standard} spelling; {ctx.variant.tag} writes {avoided.write!r}",
            )
        )
    return findings


_MARKER = re.compile(r"\[\d+\]")


def _month_names(locale: str, month: int) -> list[str]:
    """Every name of a month in a locale (июль, июля, Jul ...), from Babel's CLDR data."""
    from babel.dates import get_month_names

    return [
        get_month_names(width, context, locale)[month]
        for width in ("wide", "abbreviated")
        for context in ("format", "stand-alone")
    ]


def _has_month(text: str, month: int, variant: Variant) -> bool:
    """True if ``text`` names the month, in any case the locale inflects it (в июле, in July)."""
    names = _month_names(variant.babel_locale, month)
    if variant.tag.split("-")[0] in ("ru", "uk"):
        stems = {re.sub(r"[ьйаяо]$", "", name.lower().rstrip(".")) for name in names}
        return any(
            re.search(rf"(?<![а-яё]){re.escape(stem)}[аеёийоуюяьм]{{0,2}}(?![а-яё])", text.lower()) for stem in stems
        )
    return any(name.lower() in text.lower() for name in names)


def check_numbers(msgid: str, msgstr: str, ctx: CheckContext) -> list[Problem]:
    """P004: every number and year of the source appears in the translation, by its value.

    A number with a word of CLDR's compact formats is the digits times the
    word (1万 is 10000 in the source, 10 тыс., 10,000 and 1만 in a
    translation); one without passes with the same value or the same
    digits (第1条 → 제1조, where 조 is not a trillion). A month of a date
    (7月) may be written as the month's name (июля, July).
    """
    source = numbers(_MARKER.sub("", msgid), ctx.source_words or {})
    target = numbers(_MARKER.sub("", msgstr), ctx.words or {})
    values = {n.value for n in target}
    digits = {n.digits for n in target}
    months = {m.group(1) for m in re.finditer(r"(?<![\d.])(\d{1,2})月", msgid) if 1 <= int(m.group(1)) <= 12}
    missing = []
    for number in dict.fromkeys(source):
        if number.value in values or (not number.scaled and number.digits in digits):
            continue
        if not number.scaled and number.digits in months and _has_month(msgstr, int(number.digits), ctx.variant):
            continue
        missing.append(number.shown)
    return [
        Problem(ctx.file, ctx.line, "P004", f"the number {n} of the source is missing") for n in dict.fromkeys(missing)
    ]


def check_markers(msgid: str, msgstr: str, ctx: CheckContext) -> list[Problem]:
    """P005: every reference marker of the source appears in the translation."""
    return [
        Problem(ctx.file, ctx.line, "P005", f"the reference marker {marker} is missing")
        for marker in dict.fromkeys(_MARKER.findall(msgid))
        if marker not in msgstr
    ]


def check_chinese_text(msgid: str, msgstr: str, ctx: CheckContext) -> list[Problem]:
    """P006: no Chinese characters outside a quoted original (or a hanja gloss) in ko, ko-KP, ru, en."""
    if ctx.variant.han == "anywhere":
        return []
    gloss = ctx.variant.han == "quoted-or-gloss"
    left = unquoted(
        msgstr, (msgid, *ctx.originals), ctx.variant.original_labels, gloss=gloss, same=ctx.tables.to_simplified
    )
    how = "quote the source's text in brackets" + (" or gloss a Hangul word: 조선어(朝鮮語)" if gloss else "")
    return [
        Problem(ctx.file, ctx.line, "P006", f"Chinese text {run!r} left untranslated; translate it, or {how}")
        for run in left
    ]


Checker = Callable[[str, str, CheckContext], list[Problem]]
CHECKERS: tuple[Checker, ...] = (
    check_terms,
    check_deprecated,
    check_contrasting_spelling,
    check_numbers,
    check_markers,
    check_chinese_text,
)


def contrasting_pairs(glossary: Glossary, variant: Variant) -> tuple[tuple[str, str], ...]:
    """(the contrasting locale's form, ``variant``'s form) pairs that differ, longest first."""
    own, other = variant.tag, variant.contrasts_with
    if other is None:
        return ()
    pairs = {
        (row.forms[other], row.forms[own])
        for entry in glossary.entries
        for row in entry.rows
        if own in row.forms and other in row.forms and row.forms[own] != row.forms[other]
    }
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p)))


def contrasts(glossary: Glossary, variant: Variant) -> tuple[Avoided, ...]:
    """The contrasting locale's forms ``variant`` must not use: the glossary's pairs and the locale's
    ``avoid`` lists, longest first (a longer form is reported before one it holds)."""
    found = {(wrong, right, False): None for wrong, right in contrasting_pairs(glossary, variant)}
    found.update({(a.word, a.write, a.initial): None for a in variant.avoid})
    ordered = sorted(found, key=lambda a: (-len(a[0]), a))
    return tuple(Avoided(word, write, initial) for word, write, initial in ordered)


def _shields(glossary: Glossary, variant: Variant, avoided: tuple[Avoided, ...]) -> tuple[str, ...]:
    """The locale's own forms (preferred, admitted, and the ``avoid`` lists' own words) that hold a
    contrasting form: 조선노동당 and 조선민주주의인민공화국 hold ko-KP's 조선 in a ko text."""
    tag = variant.tag
    own = {a.write for a in avoided}
    for entry in glossary.entries:
        for row in entry.rows:
            own.update([row.forms[tag]] if tag in row.forms else [])
            own.update(row.admitted.get(tag, ()))
    held = [form for form in own if any(a.word in form and a.word != form for a in avoided)]
    return tuple(sorted(held, key=lambda f: (-len(f), f)))


def originals(message: Message) -> tuple[str, ...]:
    """The unit's original texts, from the catalog's ``<kind>; original: <text>`` comments."""
    found = (re.match(r"[\w-]+; original: (.+)$", comment) for comment in message.auto_comments)
    return tuple(dict.fromkeys(match.group(1) for match in found if match))


def check_catalog(
    catalog: Catalog,
    path: Path,
    variant: Variant,
    glossary: Glossary,
    registry: VariantRegistry,
    tables: CharTables,
) -> list[Problem]:
    """Every finding for every message of ``catalog`` (fuzzy ones noted, not checked)."""
    from termloc.translation.units import source_index

    index = source_index(glossary, registry)
    rows = tuple((entry, row) for entry in glossary.entries for row in entry.rows)
    avoided = contrasts(glossary, variant) if variant.contrasts_with else ()
    shields = _shields(glossary, variant, avoided)
    other = registry[variant.contrasts_with] if variant.contrasts_with else None
    # The source is Chinese in either script (1万, 1萬): its words in Han script (zh-HK's
    # CLDR data also lists English K, M, B, which read a URL's %8B as eight billion).
    chinese = merged_words(v.babel_locale for v in registry.chinese)
    source_words = {word: value for word, value in chinese.items() if all(script_of(c) == "Hani" for c in word)}
    # A Chinese translation reads as the source does (zh-HK's CLDR data has no 萬 of its own).
    words = source_words if variant.is_chinese else compact_words(variant.babel_locale)
    findings: list[Problem] = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        line = message.lineno or 0
        ctx = CheckContext(
            variant,
            index,
            tables,
            str(path),
            line,
            avoided,
            rows,
            other,
            shields=shields,
            originals=originals(message),
            source_words=source_words,
            words=words,
        )
        if message.fuzzy:
            findings.append(
                Problem(str(path), line, "P010", "fuzzy: not checked until a translator confirms it", severity="info")
            )
            continue
        for checker in CHECKERS:
            findings += checker(str(message.id), str(message.string), ctx)
    return findings
