"""MediaWiki's conversion-rule syntax: ``zh-hans:A; zh-tw:B;`` and ``A=>zh-tw:B;``.

One parser for every rule termloc reads: the inside of ``-{...}-`` markup,
a document's rules, a conversion group's rules. `RuleSyntax.parse` reads a
rule the way MediaWiki's ``ConverterRule::parseRules`` does, so that termloc
sees exactly what Chinese Wikipedia sees:

- pieces are split at a ``;`` only where a variant code (``zh-tw:``) or a
  one-way rule (``X=>zh-tw:``) follows, the code written as MediaWiki's
  separator pattern knows it (lower case, or its BCP 47 spelling ``zh-TW``);
  a ``;`` that ends an HTML entity (``&amp;``) never splits;
- a piece's code is what stands before its first colon, in any case;
- spaces are trimmed as PHP's ``trim`` does (space, tab, line breaks, NUL,
  vertical tab), so an ideographic space (U+3000) stays in the form;
- a later form for the same code replaces an earlier one; an empty form, or
  a one-way rule from nothing, is left out;
- one unknown code makes MediaWiki ignore the whole rule (`RuleSyntaxError`).

`format_rule` writes a rule back so that `parse_rule` reads the same thing.

    >>> parse_rule("zh-cn:\\u3000激光; zh-tw:雷射;").two_way
    {'zh-cn': '\\u3000激光', 'zh-tw': '雷射'}
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from termloc.core.variants import VariantRegistry

__all__ = ["SOURCE_VIEW", "Rule", "RuleSyntax", "RuleSyntaxError", "format_rule", "parse_rule", "php_trim"]

#: MediaWiki's code for the unconverted view of a page (a variant of its own in rules).
SOURCE_VIEW = "zh"

_ENTITY = re.compile(r"(&[#a-zA-Z0-9]+);")
_ENTITY_END = re.compile(r"&[#a-zA-Z0-9]+$")
#: PHP's trim() strips these and nothing else.
_PHP_SPACE = " \t\n\r\0\x0b"
#: PCRE's \s without Unicode mode: ASCII white space only.
_PCRE_SPACE = r"[ \t\n\x0b\x0c\r]"


def php_trim(text: str) -> str:
    """``text`` trimmed as PHP's ``trim`` trims it (an ideographic space stays)."""
    return text.strip(_PHP_SPACE)


class RuleSyntaxError(ValueError):
    """A rule MediaWiki would ignore whole (an unknown variant code)."""


@dataclass(frozen=True)
class Rule:
    """A parsed rule: two-way forms by code, one-way pairs by code (MediaWiki's bidtable, unidtable)."""

    #: code → form, in the order written (``zh-cn`` → 斯大林).
    two_way: dict[str, str] = field(default_factory=dict)
    #: code → {from → to}, in the order written (``zh-tw`` → {码率: 位元率}).
    one_way: dict[str, dict[str, str]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.two_way or self.one_way)


class RuleSyntax:
    """The rule syntax for one set of variant codes.

    ``codes`` maps every accepted spelling of a variant, in lower case, to its
    MediaWiki code (``zh-hant-tw`` → ``zh-tw``); ``separators`` are the
    spellings, as written, that split a rule after a ``;``.
    """

    def __init__(self, codes: Mapping[str, str], separators: Iterable[str]) -> None:
        self.codes = dict(codes)
        spellings = sorted(set(separators), key=lambda s: (-len(s), s))
        alternation = "|".join(map(re.escape, spellings))
        # The spaces after a ';' are taken possessively (``*+``): a variant code never starts with
        # a space, and what the other two look-aheads accept after fewer spaces they accept after
        # all of them, so the split is MediaWiki's; giving spaces back one at a time, each time
        # scanning the rest of the piece, made a ';' and 100,000 spaces cost minutes.
        self._separator = re.compile(
            rf";{_PCRE_SPACE}*+(?=(?:{alternation}){_PCRE_SPACE}*:"
            rf"|[^;]*?=>{_PCRE_SPACE}*(?:{alternation}){_PCRE_SPACE}*:|{_PCRE_SPACE}*$)"
        )

    @classmethod
    def for_variants(cls, registry: VariantRegistry) -> RuleSyntax:
        """The syntax for the Chinese variants declared in ``locales/`` and the unconverted view."""
        codes = {SOURCE_VIEW: SOURCE_VIEW}
        separators = {SOURCE_VIEW}
        for variant in registry.chinese:
            code = variant.mediawiki_code
            spellings = (code, variant.tag, variant.bcp47, *variant.aliases)
            codes.update({spelling.lower(): code for spelling in spellings})
            separators.update(spellings)
        return cls(codes, separators)

    def code(self, written: str) -> str | None:
        """The MediaWiki code for ``written`` (``zh-Hant-TW`` → ``zh-tw``), or None (MediaWiki's validateVariant)."""
        return self.codes.get(php_trim(written).lower())

    def parse(self, text: str) -> Rule:
        """``text`` as MediaWiki reads it; `RuleSyntaxError` where it would ignore it."""
        # An entity's ';' is no separator: it is held as a character the text does not use.
        used = set(text)
        held = next(c for c in map(chr, range(1, 0x110000)) if c not in used)
        protected = _ENTITY.sub(lambda entity: entity[1] + held, text.replace("=&gt;", "=>"))
        two_way: dict[str, str] = {}
        one_way: dict[str, dict[str, str]] = {}
        for piece in self._separator.split(protected):
            piece = piece.replace(held, ";")
            head, colon, to = piece.partition(":")
            if not colon:
                continue  # MediaWiki skips a piece with no colon
            to = php_trim(to)
            head = php_trim(head)
            source, arrow, target = head.partition("=>")
            code = self.code(target if arrow else head)
            if code is None:
                written = php_trim(target if arrow else head)
                raise RuleSyntaxError(f"unknown variant code {written!r} in {piece.strip()!r}")
            if not arrow:
                if to:
                    two_way[code] = to
            elif php_trim(source):
                one_way.setdefault(code, {})[php_trim(source)] = to
        return Rule(two_way, one_way)

    def format(self, rule: Rule) -> str:
        """``rule`` in MediaWiki's syntax; `ValueError` for a form it cannot hold."""
        pieces: list[str] = []
        for code, form in rule.two_way.items():
            pieces.append(f"{code}:{_checked(form, code)}")
        for code, pairs in rule.one_way.items():
            for source, target in pairs.items():
                if ":" in source or "=>" in source:
                    raise ValueError(f"a one-way rule cannot convert from {source!r}: it contains ':' or '=>'")
                pieces.append(f"{_checked(source, code)}=>{code}:{_checked(target, code)}")
        # A piece ending like an HTML entity (茶&Tequila) would swallow its ';'.
        ends = [" ;" if _ENTITY_END.search(piece) else ";" for piece in pieces]
        text = " ".join(piece + end for piece, end in zip(pieces, ends, strict=True))
        if self.parse(text) != rule:
            raise ValueError(f"the rule {text!r} would not read back as written")
        return text


def _checked(form: str, code: str) -> str:
    if form != php_trim(form) or not form:
        raise ValueError(f"the {code} form {form!r} is empty or starts or ends with white space")
    return form


@cache
def _default() -> RuleSyntax:
    from termloc.core.variants import load_variants

    return RuleSyntax.for_variants(load_variants())


def parse_rule(text: str) -> Rule:
    """``text`` read with termloc's own variants (see `RuleSyntax.parse`)."""
    return _default().parse(text)


def format_rule(rule: Rule) -> str:
    """``rule`` written with termloc's own variants (see `RuleSyntax.format`)."""
    return _default().format(rule)
