"""MediaWiki's conversion-rule syntax: ``zh-hans:A; zh-tw:B;`` and ``A=>zh-tw:B;``.

`parse_rule` reads a rule the way MediaWiki's ``ConverterRule::parseRules``
does, so that termloc sees exactly what Chinese Wikipedia sees: pieces are
split at a ``;`` only where a variant code (``zh-tw:``) or a one-way rule
(``X=>zh-tw:``) follows, a piece's code is what stands before its first
colon, a later form for the same code replaces an earlier one, and one
unknown code makes MediaWiki ignore the whole rule. `format_rule` writes a
rule back so that `parse_rule` reads the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["CODES", "Rule", "RuleSyntaxError", "format_rule", "parse_rule"]

#: MediaWiki's variant codes for Chinese, in MediaWiki's order.
CODES = ("zh", "zh-hans", "zh-hant", "zh-cn", "zh-hk", "zh-mo", "zh-my", "zh-sg", "zh-tw")

_SEPARATOR = re.compile(r";\s*(?=" + "".join(rf"{code}\s*:|[^;]*?=>\s*{code}\s*:|" for code in CODES) + r"\s*$)")
_ENTITY = re.compile(r"(&[#a-zA-Z0-9]+);")
_ENTITY_END = re.compile(r"&[#a-zA-Z0-9]+$")
#: PHP's trim() strips these and nothing else.
_PHP_SPACE = " \t\n\r\0\x0b"


class RuleSyntaxError(ValueError):
    """A rule MediaWiki would ignore whole (an unknown variant code)."""


@dataclass(frozen=True)
class Rule:
    """A parsed rule: two-way forms by code, one-way pairs by code."""

    #: code → form, in the order written (``zh-cn`` → 斯大林).
    two_way: dict[str, str] = field(default_factory=dict)
    #: code → {from → to}, in the order written (``zh-tw`` → {码率: 位元率}).
    one_way: dict[str, dict[str, str]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.two_way or self.one_way)


def _variant(code: str) -> str | None:
    code = code.strip(_PHP_SPACE).lower()
    return code if code in CODES else None


def parse_rule(text: str) -> Rule:
    """``text`` as MediaWiki reads it; `RuleSyntaxError` where it would ignore it."""
    protected = _ENTITY.sub("\\1\x01", text)
    two_way: dict[str, str] = {}
    one_way: dict[str, dict[str, str]] = {}
    for piece in _SEPARATOR.split(protected):
        piece = piece.replace("\x01", ";")
        head, colon, to = piece.partition(":")
        if not colon:
            continue  # MediaWiki skips a piece with no colon
        to = to.strip(_PHP_SPACE)
        head = head.strip(_PHP_SPACE)
        source, arrow, target = head.partition("=>")
        if not arrow:
            code = _variant(head)
            if code is None:
                raise RuleSyntaxError(f"unknown variant code {head!r} in {piece.strip()!r}")
            if to:
                two_way[code] = to
            continue
        code = _variant(target)
        if code is None:
            raise RuleSyntaxError(f"unknown variant code {target.strip(_PHP_SPACE)!r} in {piece.strip()!r}")
        source = source.strip(_PHP_SPACE)
        if source:
            one_way.setdefault(code, {})[source] = to
    return Rule(two_way, one_way)


def format_rule(rule: Rule) -> str:
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
    if parse_rule(text) != rule:
        raise ValueError(f"the rule {text!r} would not read back as written")
    return text


def _checked(form: str, code: str) -> str:
    if form != form.strip(_PHP_SPACE) or not form:
        raise ValueError(f"the {code} form {form!r} is empty or starts or ends with white space")
    return form
