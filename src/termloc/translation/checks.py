"""Terminology checks on a translated catalog.

Each checker is a small function ``(msgid, msgstr, context) -> [Problem]``;
`check_catalog` runs them all over every translated message and reports
fuzzy messages without checking them.

- P001 a glossary term of the source is missing from the translation (in the
  locale's preferred form or an admitted one; Korean particles and Russian
  case endings are allowed: 푸틴은, Путина);
- P002 a deprecated or forbidden form is used;
- P003 the spelling of the contrasting locale is used (``contrasts_with`` in
  the locale file: 러시아 in ko-KP, 로씨야 in ko);
- P004 a number or year of the source is missing;
- P005 a reference marker ([12]) of the source is missing;
- P010 (information) a fuzzy message, not checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

from termloc.core.errors import Problem
from termloc.core.han import CharTables
from termloc.core.scripts import HANGUL
from termloc.core.variants import Variant, VariantRegistry
from termloc.glossary.finder import TermIndex
from termloc.glossary.model import Entry, Glossary, Row

__all__ = ["CHECKERS", "CheckContext", "check_catalog", "contrasting_pairs", "matches_form"]


@dataclass(frozen=True)
class CheckContext:
    """What the checkers need: the locale, the glossary's terms, where the message is."""

    variant: Variant
    index: TermIndex
    tables: CharTables
    file: str
    line: int
    #: (the contrasting locale's form, this locale's form) pairs that differ.
    contrasts: tuple[tuple[str, str], ...]
    #: Every row of the glossary, with its entry (for deprecated forms).
    rows: tuple[tuple[Entry, Row], ...]
    #: The contrasting locale (``contrasts_with``), if the locale has one.
    other: Variant | None = None


def _expected(entry: Entry, row: Row, ctx: CheckContext) -> list[str]:
    """The forms the locale accepts for a term: preferred first, then admitted."""
    tag = ctx.variant.tag
    if ctx.variant.is_chinese:
        form = row.chinese_form(ctx.variant, ctx.tables, name=entry.is_name)
        if form is None:
            return []  # a script-only variant the row names no form for: the text's script conversion
        return [form.text] + [a for t in ctx.variant.chain for a in row.admitted.get(t, ())]
    if tag not in row.forms:
        return []  # the glossary gives no form for this locale: nothing to check
    return [row.forms[tag], *row.admitted.get(tag, ())]


def _russian_pattern(form: str) -> re.Pattern[str]:
    """A Russian form with any case ending on each word (Путин → Путина, Путину)."""
    words = []
    for word in re.split(r"(\s+|-)", form):
        if not word or word.isspace() or word == "-":
            words.append(r"\s+" if word.isspace() else re.escape(word))
            continue
        stem = re.sub(r"(?i)[аяоеёийыуюь]{1,2}$", "", word) if len(word) > 3 else word
        words.append(re.escape(stem) + r"[а-яё]{0,4}")
    return re.compile(r"(?<![а-яё])" + "".join(words) + r"(?![а-яё])", re.IGNORECASE)


def matches_form(form: str, text: str, tag: str) -> bool:
    """True if ``text`` contains ``form`` as the locale inflects it."""
    language = tag.split("-")[0]
    if language == "ru" or language == "uk":
        return _russian_pattern(form.replace("ё", "е")).search(text.replace("ё", "е")) is not None
    if language == "ko":
        # Particles attach to the noun (푸틴은, 푸틴과); spacing varies.
        return re.sub(r"\s+", "", form) in re.sub(r"\s+", "", text)
    if language == "zh":
        return form in text
    return re.search(rf"(?<!\w){re.escape(form)}", text, re.IGNORECASE) is not None


def check_terms(msgid: str, msgstr: str, ctx: CheckContext) -> list[Problem]:
    """P001: every glossary term of the source appears in an accepted form."""
    findings = []
    seen: set[str] = set()
    for match, entry, row in ctx.index.find(msgid):
        if entry.id in seen:
            continue
        seen.add(entry.id)
        expected = _expected(entry, row, ctx)
        if expected and not any(matches_form(form, msgstr, ctx.variant.tag) for form in expected):
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


def check_contrasting_spelling(msgid: str, msgstr: str, ctx: CheckContext) -> list[Problem]:
    """P003: the locale's own spellings, not its contrasting locale's (ko-KP 로씨야, not ko 러시아)."""
    if ctx.other is None:
        return []
    # Korean text quoted from the source (the lead cites the South's name of
    # the article) is the source's, not the translator's spelling.
    for quoted in _HANGUL_RUN.findall(msgid):
        msgstr = msgstr.replace(quoted, "")
    findings = []
    for wrong, right in ctx.contrasts:
        if wrong in msgstr.replace(right, "") and wrong not in right:
            standard = ctx.other.standard or ctx.other.tag
            findings.append(
                Problem(
                    ctx.file,
                    ctx.line,
                    "P003",
                    f"{wrong!r} is the {standard} spelling; {ctx.variant.tag} writes {right!r}",
                )
            )
    return findings


_MARKER = re.compile(r"\[\d+\]")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _normalise_numbers(text: str) -> str:
    text = re.sub(r"(?<=\d)[\u00a0\u202f\u2009 ](?=\d{3}(?!\d))", "", text)
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)
    return re.sub(r"(?<=\d),(?=\d)", ".", text)


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
    """P004: every number and year of the source appears in the translation.

    A month of a date (7月) may be written as the month's name (июля, July).
    """
    source = _normalise_numbers(_MARKER.sub("", msgid))  # as the target: 10,000 is one number on both sides
    target = _normalise_numbers(_MARKER.sub("", msgstr))
    present = set(_NUMBER.findall(target))
    months = {m.group(1) for m in re.finditer(r"(?<![\d.])(\d{1,2})月", source) if 1 <= int(m.group(1)) <= 12}
    missing = []
    for number in dict.fromkeys(_NUMBER.findall(source)):
        if number in present:
            continue
        if number in months and _has_month(msgstr, int(number), ctx.variant):
            continue
        missing.append(number)
    return [Problem(ctx.file, ctx.line, "P004", f"the number {n} of the source is missing") for n in missing]


def check_markers(msgid: str, msgstr: str, ctx: CheckContext) -> list[Problem]:
    """P005: every reference marker of the source appears in the translation."""
    return [
        Problem(ctx.file, ctx.line, "P005", f"the reference marker {marker} is missing")
        for marker in dict.fromkeys(_MARKER.findall(msgid))
        if marker not in msgstr
    ]


Checker = Callable[[str, str, CheckContext], list[Problem]]
CHECKERS: tuple[Checker, ...] = (
    check_terms,
    check_deprecated,
    check_contrasting_spelling,
    check_numbers,
    check_markers,
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
    pairs = contrasting_pairs(glossary, variant)
    other = registry[variant.contrasts_with] if variant.contrasts_with else None
    findings: list[Problem] = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        line = message.lineno or 0
        ctx = CheckContext(variant, index, tables, str(path), line, pairs, rows, other)
        if message.fuzzy:
            findings.append(
                Problem(str(path), line, "P010", "fuzzy: not checked until a translator confirms it", severity="info")
            )
            continue
        for checker in CHECKERS:
            findings += checker(str(message.id), str(message.string), ctx)
    return findings
