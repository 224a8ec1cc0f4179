"""MediaWiki's conversion markup, ``-{ ... }-``, resolved for one variant.

The semantics are those of MediaWiki's LanguageConverter and ConverterRule
(Help:高级字词转换语法 on Chinese Wikipedia):

- ``-{text}-``, ``-{R|text}-``: the text as written, never converted;
- ``-{zh-hans:A;zh-hant:B;zh-tw:C}-``: the form for the variant, else the
  first along its fallback chain (MediaWiki codes or BCP 47 tags);
- ``-{A|...}-`` shows the form and adds a rule for the rest of the text,
  ``-{H|...}-`` adds it silently, ``-{-|...}-`` removes it;
- ``-{D|...}-`` describes the rule, ``-{N|zh-tw}-`` names a variant,
  ``-{T|...}-`` sets the title;
- ``-{zh-hans;zh-tw|text}-`` converts ``text`` only for the variants named;
- one-way rules ``A=>zh-tw:B``; nesting; ``;`` inside HTML entities;
- malformed markup (an unclosed ``-{``, a stray ``}-``, an unknown variant
  code) stays as text: never an error.

Rules added by ``A`` and ``H`` (and document rules) apply to the text that
follows them. As in MediaWiki, the script-only variants (zh-Hans, zh-Hant)
take only one-way rules into running text (``manual_rules`` in their locale
file), and MediaWiki's unconverted view ``zh`` takes none.

Text outside markup goes through ``convert(text, code)``: termloc's
glossary-driven OpenCC conversion for the variant with that MediaWiki code.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from termloc.core.variants import Variant, VariantRegistry
from termloc.engine.replacement import ReplacementTable
from termloc.engine.rules import SOURCE_VIEW, RuleSyntax, RuleSyntaxError, php_trim

if TYPE_CHECKING:
    from termloc.engine.explain import Span

__all__ = ["SOURCE_VIEW", "ConverterRule", "MarkupConverter", "Resolved"]

#: MediaWiki's fallbacks for the unconverted view (LanguageZh).
_SOURCE_FALLBACKS = ("zh-hans", "zh-hant", "zh-cn", "zh-tw", "zh-hk", "zh-sg", "zh-mo", "zh-my")

#: MediaWiki's own codes that are not BCP 47, for -{N|...}-.
_MEDIAWIKI_CODES = {"sr-ec": "sr-Cyrl", "sr-el": "sr-Latn", "zh-classical": "lzh", "zh-yue": "yue"}

#: The flags ConverterRule knows.
_FLAGS = frozenset("ATRDHN-")

#: MediaWiki stops nesting here and shows the rest as text.
MAX_DEPTH = 10

_MARK = re.compile(r"-\{|\}-")

Convert = Callable[[str, str], str]
#: Plain text into the variant with a MediaWiki code, as spans (`termloc.engine.explain`).
Explain = Callable[[str, str], "list[Span]"]


@dataclass
class Resolved:
    """Text with its markup resolved and converted."""

    text: str
    #: (start, end) spans of ``text`` written by markup (explicit forms and
    #: literals): the author's choice, exempt from script checks.
    literals: list[tuple[int, int]] = field(default_factory=list)
    #: The conversion as spans of the input with their reasons, when asked for
    #: (`Converter.resolve` with ``explain=True``).
    spans: list[Span] | None = None


@dataclass
class ConverterRule:
    """One ``-{...}-`` block, parsed (MediaWiki's ConverterRule)."""

    flags: dict[str, bool]
    variant_flags: frozenset[str]
    rules: str
    bidtable: dict[str, str] = field(default_factory=dict)
    unidtable: dict[str, dict[str, str]] = field(default_factory=dict)


class MarkupConverter:
    """Resolves markup and converts text into one variant, keeping rule state.

    ``target`` is a Chinese variant's tag (any accepted spelling) or
    `SOURCE_VIEW`. ``convert(text, code)`` converts plain text into the
    variant with MediaWiki code ``code``. ``rules`` are document rules in
    MediaWiki's syntax (``zh-hans:A;zh-hant:B;``), applied as ``-{H|...}-``
    before the text. One converter keeps the rules added by earlier text,
    so convert a document's blocks in order with one instance. With
    ``explain`` (plain text as spans), `convert` also gives the spans.
    """

    def __init__(
        self,
        target: str,
        convert: Convert,
        registry: VariantRegistry,
        rules: Iterable[str] = (),
        explain: Explain | None = None,
    ) -> None:
        self._convert = convert
        self._explain = explain
        #: Where each manual rule came from: code → from → (the rule as written, a document rule?).
        self.origins: dict[str, dict[str, tuple[str, bool]]] = {}
        self._document = True
        chinese = registry.chinese
        self.codes: tuple[str, ...] = (SOURCE_VIEW, *_mediawiki_order(chinese))
        self.syntax = RuleSyntax.for_variants(registry)
        self.fallbacks: dict[str, tuple[str, ...]] = {SOURCE_VIEW: _SOURCE_FALLBACKS}
        self.names: dict[str, str] = {SOURCE_VIEW: "原文"}
        self.levels: dict[str, str] = {SOURCE_VIEW: "disable"}
        for variant in chinese:
            code = variant.mediawiki_code
            self.fallbacks[code] = tuple(registry[f].mediawiki_code for f in variant.fallbacks)
            self.names[code] = variant.mediawiki_name or variant.name
            self.levels[code] = "bidirectional" if variant.manual_rules == "two-way" else "unidirectional"
        target_code = self.validate_variant(target)
        if target_code is None:
            raise ValueError(f"{target!r} is not a Chinese variant")
        self.target = target_code
        self.tables: dict[str, ReplacementTable] = {c: ReplacementTable() for c in self.codes}
        self.title: str | None = None
        #: Every rule met, as written, in order (for the render report).
        self.fired: list[str] = []
        #: How often each manual rule replaced text: "from → to" → count.
        self.hits: Counter[str] = Counter()
        for rule in rules:
            self._apply(self.parse(rule, flags_text="H"), f"-{{H|{rule}}}-", origin=rule)
        self._document = False

    # -- variants ----------------------------------------------------------

    def validate_variant(self, code: str) -> str | None:
        """The MediaWiki code for ``code`` (``zh-Hant-TW`` → ``zh-tw``), or None."""
        return self.syntax.code(code)

    # -- conversion --------------------------------------------------------

    def convert(self, text: str) -> Resolved:
        """``text`` with its markup resolved, converted into the target variant."""
        from termloc.engine.explain import Span, numbered

        out = Resolved("", spans=[] if self._explain is not None else None)
        pieces: list[str] = []
        length = 0
        position = 0
        while True:
            start = text.find("-{", position)
            stop = len(text) if start < 0 else start
            pieces.append(self._auto(text[position:stop], self.target, position, out.spans))
            if start < 0:
                break
            length += len(pieces[-1])
            display, position, literal = self._rule_at(text, start, 1)
            pieces.append(display)
            if out.spans is not None:
                rule = None if literal else "unclosed -{"
                out.spans.append(Span(start, position, text[start:position], display, "markup", rule=rule))
            if literal and display:
                out.literals.append((length, length + len(display)))
            length += len(display)
        out.text = "".join(pieces)
        if out.spans is not None:
            out.spans = numbered([span for span in out.spans if span.source or span.output])
        return out

    def auto_convert(self, text: str, code: str) -> str:
        """Plain ``text`` into ``code``: manual rules first, then the converter."""
        return self._auto(text, code, 0, None)

    def _auto(self, text: str, code: str, offset: int, spans: list[Span] | None) -> str:
        """`auto_convert`, adding the spans of ``text`` (placed at ``offset``) to ``spans`` if given."""
        if not text or code == SOURCE_VIEW:
            if spans is not None and text:
                from termloc.engine.explain import Span

                spans.append(Span(offset, offset + len(text), text, text, "unchanged"))
            return text
        pieces: list[str] = []
        for start, end, key in self._pieces(text, code):
            if key is not None:
                pieces.append(self.tables[code][key])
                self.hits[f"{key} → {pieces[-1]}"] += 1
                if spans is not None:
                    spans.append(self._rule_span(code, key, pieces[-1], offset + start))
            elif spans is not None and self._explain is not None:
                from termloc.engine.explain import join, shifted

                explained = shifted(self._explain(text[start:end], code), offset + start, 0)
                spans += explained
                pieces.append(join(explained))
            else:
                pieces.append(self._convert(text[start:end], code))
        return "".join(pieces)

    def _pieces(self, text: str, code: str) -> Iterator[tuple[int, int, str | None]]:
        """``text`` as (start, end, the manual rule's key or None for text between them)."""
        table = self.tables[code]
        if not table:
            yield 0, len(text), None
            return
        position = 0
        for start, key in table.matches(text):
            if start > position:
                yield position, start, None
            yield start, start + len(key), key
            position = start + len(key)
        if position < len(text):
            yield position, len(text), None

    def _rule_span(self, code: str, key: str, output: str, start: int) -> Span:
        """The span a manual rule wrote: a document rule, or one inline markup added."""
        from termloc.engine.explain import Span

        written, document = self.origins.get(code, {}).get(key, ("", False))
        kind = "document-rule" if document else "markup"
        return Span(start, start + len(key), key, output, kind, rule=written or None, key=key)

    def _rule_at(self, text: str, start: int, depth: int) -> tuple[str, int, bool]:
        """Resolve the rule opening at ``start``: (display, end, is_markup)."""
        position = start + 2
        inner: list[str] = []
        while True:
            match = _MARK.search(text, position)
            if match is None:
                break
            inner.append(text[position : match.start()])
            if match.group() == "-{":
                if depth >= MAX_DEPTH:
                    inner.append("-{")
                    position = match.end()
                    continue
                display, position, _ = self._rule_at(text, match.start(), depth + 1)
                inner.append(display)
                continue
            position = match.end()
            written = "".join(inner)
            rule = self.parse(written)
            self._apply(rule, f"-{{{written}}}-")
            return self._display(rule), position, True
        # Unclosed: the opening stays, the rest converts as text.
        inner.append(text[position:])
        return "-{" + self.auto_convert("".join(inner), self.target), len(text), False

    # -- rules -------------------------------------------------------------

    def parse(self, written: str, flags_text: str | None = None) -> ConverterRule:
        """Parse the inside of ``-{...}-`` (MediaWiki's flag and rule syntax)."""
        text = written
        if flags_text is None and "|" in text:
            flags_text, text = text.split("|", 1)
        flags, variant_flags = self._flags(flags_text or "")
        rule = ConverterRule(flags, variant_flags, text)
        if rule.variant_flags:
            chosen = next((c for c in (self.target, *self._fallbacks(self.target)) if c in rule.variant_flags), None)
            if chosen is not None:
                rule.rules = self.auto_convert(rule.rules, chosen)
            rule.flags = {"R": True}
        if "R" not in rule.flags and "N" not in rule.flags:
            self._parse_rules(rule)
        if not rule.bidtable and not rule.unidtable:
            if "+" in rule.flags or "-" in rule.flags:
                if rule.rules:
                    rule.bidtable = dict.fromkeys(self.codes, rule.rules)
            elif "N" not in rule.flags and "T" not in rule.flags:
                rule.flags = {"R": True}
        return rule

    def _flags(self, flags_text: str) -> tuple[dict[str, bool], frozenset[str]]:
        """The flags and variant flags of ``-{flags|...}-`` (MediaWiki's ConverterRule::parseFlags)."""
        flags: dict[str, bool] = {}
        variant_codes: set[str] = set()
        for flag in flags_text.split(";"):
            flag = php_trim(flag)
            if flag in _FLAGS:
                flags[flag] = True
            elif (code := self.validate_variant(flag)) is not None:
                flags[code] = True
                variant_codes.add(code)
        if not flags:
            return {"S": True}, frozenset()
        for alone in ("R", "N", "-"):  # each of these overrides every other flag
            if alone in flags:
                return {alone: True}, frozenset()
        if len(flags) == 1 and "T" in flags:
            return {"T": True, "H": True}, frozenset()
        if "H" in flags:
            return {"+": True, "H": True} | {f: True for f in ("T", "D") if f in flags}, frozenset()
        if "A" in flags:
            flags["+"] = True
            flags["S"] = True
        if "D" in flags:
            flags.pop("S", None)
        if variant_codes:
            return {}, frozenset(variant_codes)
        return flags, frozenset()

    def _fallbacks(self, code: str) -> tuple[str, ...]:
        return self.fallbacks.get(code, ())

    def _parse_rules(self, rule: ConverterRule) -> None:
        try:
            parsed = self.syntax.parse(rule.rules)
        except RuleSyntaxError:
            return  # an unknown variant: MediaWiki drops the whole rule
        rule.bidtable = dict(parsed.two_way)
        rule.unidtable = {code: dict(pairs) for code, pairs in parsed.one_way.items()}

    def _text_in(self, rule: ConverterRule, codes: Iterable[str]) -> str | None:
        return next((rule.bidtable[c] for c in codes if c in rule.bidtable), None)

    def _converted_string(self, rule: ConverterRule, code: str) -> str:
        if not rule.bidtable and not rule.unidtable:
            return rule.rules
        shown = self._text_in(rule, (code,))
        if shown is None:
            shown = self._text_in(rule, self._fallbacks(code))
        if shown is None and code in rule.unidtable:
            shown = next(iter(rule.unidtable[code].values()))
        if shown is None:
            # MediaWiki shows an error here; termloc shows the rule's first form.
            values = [*rule.bidtable.values(), *(v for t in rule.unidtable.values() for v in t.values())]
            shown = values[0]
        return shown

    def _description(self, rule: ConverterRule) -> str:
        parts = [f"{self.names.get(code, code)}：{text}；" for code, text in rule.bidtable.items()]
        for code, pairs in rule.unidtable.items():
            parts += [f"{source}⇒{self.names.get(code, code)}：{to}；" for source, to in pairs.items()]
        return "".join(parts)

    def _display(self, rule: ConverterRule) -> str:
        display = ""
        for flag in rule.flags:
            if flag == "R":
                display = rule.rules
            elif flag == "N":
                display = self._variant_name(php_trim(rule.rules))
            elif flag == "D":
                display = self._description(rule)
            elif flag in ("H", "-", "+"):
                display = ""
            elif flag == "S":
                display = self._converted_string(rule, self.target)
            elif flag == "T":
                display = ""
        return display

    def _variant_name(self, code: str) -> str:
        """A variant's MediaWiki name, or any language's own name (Babel's CLDR)."""
        known = self.validate_variant(code)
        if known is not None:
            return self.names[known]
        from babel import Locale, UnknownLocaleError

        try:
            locale = Locale.parse(_MEDIAWIKI_CODES.get(code.lower(), code), sep="-")
        except (ValueError, TypeError, UnknownLocaleError):
            return ""
        return locale.get_display_name() or ""

    def _conversion_table(self, rule: ConverterRule) -> dict[str, dict[str, str]]:
        """Rule → {variant: {from: to}} (MediaWiki's generateConvTable)."""
        table: dict[str, dict[str, str]] = {}
        if not rule.bidtable and not rule.unidtable:
            return table
        bidtable = dict(rule.bidtable)
        marked: list[str] = []
        for code in self.codes:
            if code not in bidtable:
                found = self._text_in_table(bidtable, self._fallbacks(code))
                if found:
                    bidtable[code] = found
            if code in bidtable:
                for other in marked:
                    if self.levels[code] == "bidirectional":
                        table.setdefault(code, {})[bidtable[other]] = bidtable[code]
                    if self.levels[other] == "bidirectional":
                        table.setdefault(other, {})[bidtable[code]] = bidtable[other]
                marked.append(code)
            if self.levels[code] != "disable" and code in rule.unidtable:
                table[code] = {**table.get(code, {}), **rule.unidtable[code]}
        return table

    @staticmethod
    def _text_in_table(table: dict[str, str], codes: Sequence[str]) -> str | None:
        return next((table[c] for c in codes if c in table), None)

    def _apply(self, rule: ConverterRule, written: str, origin: str | None = None) -> None:
        if "T" in rule.flags:
            self.title = self._title(rule)
        self.fired.append(written)
        action = "add" if "+" in rule.flags else "remove" if "-" in rule.flags else None
        if action is None:
            return
        for code, pairs in self._conversion_table(rule).items():
            table = self.tables[code]
            origins = self.origins.setdefault(code, {})
            for source, to in pairs.items():
                if action == "add":
                    table.add(source, to)
                    origins[source] = (origin or written, self._document)
                else:
                    table.remove(source)
                    origins.pop(source, None)

    def _title(self, rule: ConverterRule) -> str | None:
        if self.target == SOURCE_VIEW:
            if SOURCE_VIEW in rule.bidtable:
                return rule.bidtable[SOURCE_VIEW]
            return None
        if not rule.bidtable and not rule.unidtable:
            return rule.rules
        return self._converted_string(rule, self.target)


def _mediawiki_order(variants: Sequence[Variant]) -> list[str]:
    """MediaWiki's order: the script variants, then the regional ones by code."""
    codes = [v.mediawiki_code for v in variants]
    return sorted(codes, key=lambda code: (code not in ("zh-hans", "zh-hant"), code))
