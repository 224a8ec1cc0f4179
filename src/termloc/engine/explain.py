"""Why each span of a conversion reads as it does.

`Converter.explain` gives a conversion as `Span` objects that cover the
input exactly, in order: each has its source and output text, both sets of
offsets, and its reason (a `kind` and the reason's own fields). The outputs
concatenated are the conversion, byte for byte.

    >>> from termloc import Converter
    >>> spans = Converter("zh-TW", reference=None).explain("普京的软件")
    >>> [(s.source, s.output, s.kind) for s in spans]
    [('普京', '普丁', 'glossary'), ('的', '的', 'unchanged'), ('软件', '軟體', 'opencc-phrase')]
    >>> spans[0].entry, spans[2].dictionary
    ('vladimir-putin', 'TWPhrases')

termloc's conversion runs inside OpenCC (`termloc.engine.compiler`), which
says nothing about why. So the explanation replays the compiled config in
Python as OpenCC runs it — the normalization pass, maximum-match
segmentation, then each stage of the conversion chain converting each
segment by the longest key at each place — on the same dictionaries, read
back from the compiled files. Every stage's matches map input ranges to
output ranges; composing them gives the spans, cut wherever every stage
has a boundary (软件 is one span: STCharacters wrote 軟件, TWPhrases 軟體).
Each key is then traced to where it came from: the glossary's claim
(entry, row, layer), or the first of OpenCC's stock files that holds it.
The replay is checked against OpenCC's own output, run by run; a run where
they differ (which the tests show never happens on real text) is one span
marked ``unexplained``, so the spans always concatenate to the conversion.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from termloc.core import opencc_files

if TYPE_CHECKING:
    from termloc.core.han import ScriptRuns
    from termloc.core.variants import Variant, VariantRegistry
    from termloc.glossary.mapping import Claim, Conflict
    from termloc.glossary.selection import GlossarySelection

__all__ = ["KINDS", "Explainer", "Lost", "Span", "Step", "cut", "join", "numbered", "plain", "quote_spans", "shifted"]

#: Every kind of reason a span can have, as the JSON names them.
KINDS = (
    "glossary",
    "reference",
    "document-rule",
    "markup",
    "opencc-phrase",
    "opencc-character",
    "punctuation",
    "unchanged",
)

#: How many candidates that lost a span names at most.
MAX_LOST = 8


@dataclass(frozen=True, slots=True)
class Step:
    """One dictionary entry that fired in one of OpenCC's passes."""

    #: ``normalization``, ``stage 1``, ``stage 2`` ... (the conversion chain).
    stage: str
    #: OpenCC's file (``TWPhrases``), ``glossary``, ``reference``, or ``glossary (kept)``
    #: for an identity entry that keeps a glossary form from a later stage.
    dictionary: str
    key: str
    output: str
    #: Every output the dictionary offers for the key, where it offers more than one.
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Lost:
    """A candidate that did not write a span, and why."""

    key: str
    output: str
    #: ``longer key`` (a longer key at the same place won), ``earlier match``
    #: (a key that began earlier took its first characters), ``shadowed`` (a
    #: higher layer's row holds the key) or ``dropped`` (the key would undo a
    #: higher layer's form, `termloc.glossary.mapping`).
    why: str
    #: The entry id or OpenCC file that offered it.
    by: str


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the input, what it became, and why."""

    start: int
    end: int
    source: str
    output: str
    kind: str
    out_start: int = 0
    out_end: int = 0
    entry: str | None = None
    row: int | None = None
    layer: int | None = None
    sources: tuple[str, ...] = ()
    #: The glossary file and line of the row (``glossary/people.yaml:120``).
    file: str | None = None
    #: The variant whose form the row gives (``zh-TW``), or ``derived``.
    form: str | None = None
    #: A reference rule's conversion group page, and its rule number (a
    #: document or markup rule: the rule as written).
    group: str | None = None
    rule: int | str | None = None
    dictionary: str | None = None
    key: str | None = None
    lost: tuple[Lost, ...] = ()
    ambiguous: tuple[str, ...] = ()
    steps: tuple[Step, ...] = ()
    #: True where the replay differed from OpenCC (see the module's note).
    unexplained: bool = False

    @property
    def changed(self) -> bool:
        """Whether the output differs from the source."""
        return self.output != self.source

    @property
    def decided(self) -> bool:
        """Whether anything but the text itself made this span: a change, or a
        term or rule that kept it (朴成哲 kept in zh-TW, where OpenCC writes 樸成哲)."""
        return self.changed or bool(self.ambiguous) or self.kind in ("glossary", "reference", "document-rule", "markup")

    def describe(self) -> str:
        """One line for people: ``普丁 ← 普京: glossary vladimir-putin (zh-TW form)``."""
        arrow = f"{self.output} ← {self.source}" if self.changed else f"{self.output} (kept)"
        return f"{arrow}: {self.reason()}"

    def reason(self) -> str:
        """The reason alone: ``glossary vladimir-putin (zh-TW form)``, ``OpenCC TWPhrases``."""
        if self.kind in ("glossary", "reference"):
            text = f"{self.kind} {self.entry}"
            if self.kind == "reference" and self.group:
                text += f" ({self.group}, rule {self.rule})"
            elif self.form:
                text += f" ({self.form} form)" if self.form != "derived" else " (derived form)"
        elif self.kind in ("opencc-phrase", "opencc-character"):
            # a locale's own characters (``locale zh-TW: ...``) are not OpenCC's
            dictionary = self.dictionary or ""
            text = dictionary if dictionary.startswith("locale ") else f"OpenCC {self.dictionary}"
        elif self.kind in ("document-rule", "markup"):
            text = f"{self.kind} {self.rule}" if self.rule else self.kind
        elif self.kind == "punctuation":
            text = "quotation marks of the variant"
        else:
            text = "unchanged"
        if self.ambiguous:
            text += f"; OpenCC offers {' / '.join(self.ambiguous)}"
        if self.lost:
            text += "; lost: " + ", ".join(f"{lost.key} → {lost.output} ({lost.by}, {lost.why})" for lost in self.lost)
        return text

    def as_json(self) -> dict[str, Any]:
        """The span as the JSON Lines of ``termloc explain --json`` (fields that apply only)."""
        data: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "source": self.source,
            "output": self.output,
            "out_start": self.out_start,
            "out_end": self.out_end,
            "kind": self.kind,
        }
        for name in ("entry", "row", "layer", "file", "form", "group", "rule", "dictionary", "key"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        if self.sources:
            data["sources"] = list(self.sources)
        if self.ambiguous:
            data["ambiguous"] = list(self.ambiguous)
        if self.lost:
            data["lost"] = [{"key": x.key, "output": x.output, "why": x.why, "by": x.by} for x in self.lost]
        if self.steps:
            data["steps"] = [
                {"stage": s.stage, "dictionary": s.dictionary, "key": s.key, "output": s.output}
                | ({"candidates": list(s.candidates)} if s.candidates else {})
                for s in self.steps
            ]
        if self.unexplained:
            data["unexplained"] = True
        return data


def join(spans: Sequence[Span]) -> str:
    """The output the spans make."""
    return "".join(span.output for span in spans)


def shifted(spans: Sequence[Span], by: int, out_by: int) -> list[Span]:
    """``spans`` with their offsets moved (the spans of a piece placed in a longer text)."""
    return [
        replace(s, start=s.start + by, end=s.end + by, out_start=s.out_start + out_by, out_end=s.out_end + out_by)
        for s in spans
    ]


def numbered(spans: Sequence[Span]) -> list[Span]:
    """``spans`` with their output offsets counted from the start."""
    out: list[Span] = []
    position = 0
    for span in spans:
        end = position + len(span.output)
        out.append(
            span
            if (span.out_start, span.out_end) == (position, end)
            else replace(span, out_start=position, out_end=end)
        )
        position = end
    return out


def plain(span: Span) -> bool:
    """Whether nothing decided ``span``: its text passed as it is, so it may be cut anywhere."""
    return span.kind == "unchanged" and not (
        span.changed or span.steps or span.lost or span.ambiguous or span.unexplained
    )


def cut(spans: Sequence[Span], cuts: Sequence[int]) -> list[Span]:
    """``spans`` with each `plain` span cut at the sorted input offsets ``cuts`` that fall inside it."""
    out: list[Span] = []
    for span in spans:
        first = bisect_right(cuts, span.start)
        last = bisect_left(cuts, span.end, first)
        if not plain(span) or first == last:
            out.append(span)
            continue
        for start, end in pairwise([span.start, *cuts[first:last], span.end]):
            piece = span.source[start - span.start : end - span.start]
            out.append(replace(span, start=start, end=end, source=piece, output=piece))
    return out


def _coalesced(spans: Sequence[Span]) -> list[Span]:
    """``spans`` with each run of plain unchanged spans made one (empty spans left out)."""
    out: list[Span] = []
    for span in spans:
        if not span.source and not span.output:
            continue
        if out and plain(span) and plain(out[-1]) and out[-1].end == span.start:
            last = out[-1]
            out[-1] = replace(last, end=span.end, source=last.source + span.source, output=last.output + span.output)
        else:
            out.append(span)
    return out


def quote_spans(spans: Sequence[Span], quotes: tuple[str, str, str, str], rewritten: str | None = None) -> list[Span]:
    """``spans`` after `convert_quotes`: each quotation mark it rewrote is a span of its own.

    ``rewritten`` is the spans' output as `convert_quotes` rewrote it in a longer text (marks
    pair across the whole text); by default the spans' own output is rewritten.
    """
    from termloc.engine.punctuation import convert_quotes

    before = join(spans)
    after = convert_quotes(before, quotes) if rewritten is None else rewritten
    if after == before:
        return numbered(spans)
    out: list[Span] = []
    position = 0
    for span in spans:
        end = position + len(span.output)
        rewritten = after[position:end]
        position = end
        if rewritten == span.output:
            out.append(span)
        elif span.kind == "unchanged" and not span.changed:
            out += _split_marks(span, rewritten)
        else:
            marks = Step("punctuation", "quotation marks", span.output, rewritten)
            out.append(replace(span, output=rewritten, steps=(*span.steps, marks)))
    return numbered(out)


def _cut_at_keys(spans: Sequence[Span], text: str, offset: int, keys: _Dictionary) -> list[Span]:
    """``spans`` (of ``text`` placed at ``offset``) with each plain unchanged span cut where a key
    of ``keys`` begins or ends inside it: OpenCC passes over a run no key of its own begins whole,
    while a glossary key left to it may begin or end there (`_coalesced` joins the pieces again)."""
    cuts: set[int] = set()
    for span in spans:
        for position in range(span.start - offset, span.end - offset if plain(span) else span.start - offset + 1):
            length = keys.longest(text, position, len(text)) if text[position] in keys.starts else 0
            if length:
                cuts.update((position + offset, position + offset + length))
    return cut(spans, sorted(cuts)) if cuts else list(spans)


def _split_marks(span: Span, rewritten: str) -> list[Span]:
    """An unchanged span cut around the quotation marks rewritten in it."""
    out: list[Span] = []
    run = 0
    for i, (was, now) in enumerate(zip(span.source, rewritten, strict=True)):
        if was == now:
            continue
        if i > run:
            out.append(
                replace(
                    span,
                    start=span.start + run,
                    end=span.start + i,
                    source=span.source[run:i],
                    output=span.source[run:i],
                )
            )
        out.append(Span(span.start + i, span.start + i + 1, was, now, "punctuation"))
        run = i + 1
    if run < len(span.source):
        out.append(
            replace(span, start=span.start + run, end=span.end, source=span.source[run:], output=span.source[run:])
        )
    return out


# -- the replay of OpenCC ------------------------------------------------------

#: OpenCC's ideographic description operators and how many operands each takes
#: (an unmatched sequence such as ⿰氵工 is passed over whole).
_IDS_ARITY = {0x2FF2: 3, 0x2FF3: 3, 0x2FFE: 1, 0x2FFF: 1} | {
    code: 2 for code in (*range(0x2FF0, 0x2FF2), *range(0x2FF4, 0x2FFE))
}
_IDS_DEPTH = 16
_IDS_CODE_POINTS = 64


def _ids_length(text: str, start: int, end: int) -> int:
    """The length of the complete ideographic description sequence at ``start`` (0: none)."""
    if ord(text[start]) not in _IDS_ARITY:
        return 0
    count = [0]

    def consume(position: int, depth: int) -> int:  # the end of the sequence, or -1
        if position >= end or depth == 0 or count[0] >= _IDS_CODE_POINTS:
            return -1
        count[0] += 1
        position += 1
        for _ in range(_IDS_ARITY.get(ord(text[position - 1]), 0)):
            position = consume(position, depth - 1)
            if position < 0:
                return -1
        return position

    found = consume(start, _IDS_DEPTH)
    return found - start if found > 0 else 0


def _unmatched(text: str, start: int, end: int, skip: frozenset[str]) -> int:
    """How much an unmatched place passes over: a run of characters no key of any pass begins
    with (OpenCC's SkipUnmatchable, as one block so that every pass cuts it alike), else an
    ideographic description sequence or one character."""
    if text[start] not in skip:
        return _ids_length(text, start, end) or 1
    stop = start + 1
    while stop < end and text[stop] in skip:
        stop += 1
    return stop - start


class _Dictionary:
    """One dictionary node of a config, matched as OpenCC matches it: the longest key at a place."""

    def __init__(self, entries: Mapping[str, str], origin: Sequence[tuple[str, Mapping[str, str]]]) -> None:
        self.entries = entries
        #: Where keys come from, in order: (name, entries) of the node's files.
        self.origin = origin
        self.prefixes = {key[:end] for key in entries if len(key) > 1 for end in range(1, len(key))}
        self.starts = frozenset(key[0] for key in entries)

    def longest(self, text: str, start: int, end: int) -> int:
        """The length of the longest key at ``start`` that ends by ``end`` (0: none)."""
        best = 0
        stop = start + 1
        while stop <= end:
            piece = text[start:stop]
            if piece in self.entries:
                best = stop - start
            if piece not in self.prefixes:
                break
            stop += 1
        return best

    def keys_at(self, text: str, start: int, end: int) -> Iterator[str]:
        """Every key at ``start`` that ends by ``end``, shortest first."""
        stop = start + 1
        while stop <= end:
            piece = text[start:stop]
            if piece in self.entries:
                yield piece
            if piece not in self.prefixes:
                return
            stop += 1

    def file_of(self, key: str) -> str | None:
        """The first of the node's files that holds ``key``."""
        return next((name for name, entries in self.origin if key in entries), None)


# A block of one pass: (start, end) in the pass's input, its output, and the steps
# that wrote it ((stage index, dictionary index, key) of each entry that fired).
_Block = tuple[int, int, str, tuple[tuple[int, str], ...]]


def _convert(node: _Dictionary, stage: int, text: str, skip: frozenset[str]) -> list[_Block]:
    """``text`` through one conversion (OpenCC's Conversion::AppendConverted), as blocks."""
    blocks: list[_Block] = []
    end = len(text)
    position = 0
    while position < end:
        length = node.longest(text, position, end) if text[position] in node.starts else 0
        if length:
            key = text[position : position + length]
            value = node.entries[key]
            blocks.append((position, position + length, value.split(" ", 1)[0], ((stage, key),)))
            position += length
            continue
        length = _unmatched(text, position, end, skip)
        blocks.append((position, position + length, text[position : position + length], ()))
        position += length
    return blocks


def _cut_unmatched(blocks: list[_Block], cuts: list[int], *, at_output: bool) -> list[_Block]:
    """``blocks`` with each block no entry wrote cut at the sorted positions ``cuts`` of the
    middle text (a block's output offsets with ``at_output``, else its own offsets).

    Such a block passes its text as it is, so it may end anywhere: a run of characters one
    pass skips whole (`_unmatched`) can hold the end of a key another pass matched (普京 of
    the glossary in 普京访问, where a later stage skips 京访问), and cutting it there keeps
    that key's span apart from the text after it.
    """
    out: list[_Block] = []
    position = 0
    for block in blocks:
        start, _, output, steps = block
        here = position if at_output else start
        position += len(output)
        first = bisect_right(cuts, here)
        if steps or first == len(cuts) or cuts[first] >= here + len(output):
            out.append(block)
            continue
        previous = 0
        last = bisect_left(cuts, here + len(output), first)
        for cut in [*(c - here for c in cuts[first:last]), len(output)]:
            out.append((start + previous, start + cut, output[previous:cut], ()))
            previous = cut
    return out


def _compose(first: list[_Block], second: list[_Block]) -> list[_Block]:
    """The blocks of two passes run one after the other, cut where both have a boundary
    (an unmatched block of either pass cut where the other has one: `_cut_unmatched`)."""
    ends: list[int] = []
    for block in first:
        ends.append((ends[-1] if ends else 0) + len(block[2]))
    first = _cut_unmatched(first, [block[0] for block in second[1:]], at_output=True)
    second = _cut_unmatched(second, ends[:-1], at_output=False)
    out: list[_Block] = []
    i = j = 0
    done_first = done_second = 0  # how far in the middle text each side has gone
    start = first[0][0] if first else 0
    end = start
    outputs: list[str] = []
    steps: list[tuple[int, str]] = []
    while i < len(first) or j < len(second):
        if i < len(first) and (done_first <= done_second or j == len(second)):
            block = first[i]
            done_first += len(block[2])
            end = block[1]
            steps += block[3]
            i += 1
        else:
            block = second[j]
            done_second = block[1]
            outputs.append(block[2])
            steps += block[3]
            j += 1
        if done_first == done_second and (i == len(first) or first[i][2]) and end > start:
            out.append((start, end, "".join(outputs), tuple(steps)))
            start = end
            outputs = []
            steps = []
    if end > start or outputs:
        out.append((start, end, "".join(outputs), tuple(steps)))
    return out


@dataclass
class _Config:
    """A config replayed: its normalization passes, segmenter and conversion chain."""

    normalization: list[_Dictionary]
    segmentation: _Dictionary | None
    chain: list[_Dictionary]
    skip: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        starts = set().union(*(node.starts for node in self.passes))
        self.starters = frozenset(starts)

    @property
    def passes(self) -> list[_Dictionary]:
        segmenter = [self.segmentation] if self.segmentation is not None else []
        return [*self.normalization, *segmenter, *self.chain]

    def node(self, index: int) -> _Dictionary:
        """The dictionary of pass ``index`` (normalization passes first, then the chain)."""
        passes = len(self.normalization)
        return self.normalization[index] if index < passes else self.chain[index - passes]

    def stage_names(self) -> list[str]:
        """The name of each pass a step can come from, by its index."""
        return [*("normalization" for _ in self.normalization), *(f"stage {i + 1}" for i in range(len(self.chain)))]

    def run(self, text: str) -> list[_Block]:
        """``text`` through the whole config, as blocks of the input."""
        skip = self._skip(text)
        blocks: list[_Block] | None = None
        middle = text
        for index, node in enumerate(self.normalization):
            passed = _convert(node, index, middle, skip)
            blocks = passed if blocks is None else _compose(blocks, passed)
            middle = "".join(block[2] for block in passed)
        converted: list[_Block] = []
        for start, end in self._segments(middle, skip):
            segment = middle[start:end]
            pieces: list[_Block] | None = None
            for number, node in enumerate(self.chain):
                index = len(self.normalization) + number
                current = "".join(block[2] for block in pieces) if pieces is not None else segment
                passed = _convert(node, index, current, skip)
                pieces = passed if pieces is None else _compose(pieces, passed)
            for a, b, output, steps in pieces or [(0, len(segment), segment, ())]:
                converted.append((start + a, start + b, output, steps))
        return _compose(blocks, converted) if blocks is not None else converted

    def _skip(self, text: str) -> frozenset[str]:
        """The characters of ``text`` that no pass's key begins with."""
        return frozenset(set(text) - self.starters)

    def _segments(self, text: str, skip: frozenset[str]) -> Iterator[tuple[int, int]]:
        """OpenCC's maximum-match segmentation: keys, and the runs between them."""
        node = self.segmentation
        if node is None:
            if text:
                yield 0, len(text)
            return
        end = len(text)
        position = run = 0
        while position < end:
            length = node.longest(text, position, end) if text[position] in node.starts else 0
            if length:
                if position > run:
                    yield run, position
                yield position, position + length
                position += length
                run = position
                continue
            position += _unmatched(text, position, end, skip)
        if end > run:
            yield run, end


def _node_dictionary(node: dict[str, Any], folder: Path) -> _Dictionary:
    """One dictionary node of a config, its files read (paths relative to ``folder``)."""
    from termloc.engine.compiler import flatten

    origin: list[tuple[str, Mapping[str, str]]] = []

    def read(leaf: dict[str, Any]) -> Mapping[str, str]:
        path = Path(leaf["file"])
        path = path if path.is_absolute() else folder / path
        entries = opencc_files.entries_of(path)
        origin.append((path.stem, entries))
        return entries

    entries = flatten(node, read)
    assert entries is not None  # every file node is read
    return _Dictionary(entries, origin)


def _config(path: Path) -> _Config:
    """The config at ``path`` replayed (read once a process while the file stays as it is)."""
    stat = path.stat()
    return _read_config(str(path), (stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=64)
def _read_config(name: str, signature: tuple[int, int]) -> _Config:
    path = Path(name)
    data = json.loads(path.read_text(encoding="utf-8"))
    folder = path.parent
    normalization = [_node_dictionary(step["dict"], folder) for step in data.get("normalization", [])]
    segmentation = data.get("segmentation", {}).get("dict")
    chain = [_node_dictionary(stage["dict"], folder) for stage in data["conversion_chain"]]
    return _Config(normalization, _node_dictionary(segmentation, folder) if segmentation else None, chain)


# -- from blocks to spans --------------------------------------------------------

#: The names of the files termloc compiles (`termloc.engine.compiler`): a key read from one
#: is traced on to the stock file it came from.
_COMPILED = ("glossary-", "protect-", "normalization-", "traditional")

_RULE = re.compile(r"^(?P<page>.+), rule (?P<number>\d+)$")

#: The glossary of each compiled config folder, once a process (see `Explainer._glossary`).
_GLOSSARIES: dict[str, tuple[dict[str, Claim], dict[str, list[Conflict]], _Dictionary]] = {}


class Explainer:
    """Explains one converter's conversions (built once per converter, on first use).

    ``config`` is the converter's config (compiled or stock), ``stock`` the
    stock config it was made from; ``selection`` the glossary it applies
    (None: plain OpenCC).
    """

    def __init__(
        self,
        variant: Variant,
        config: Path,
        stock: Path,
        selection: GlossarySelection | None,
        registry: VariantRegistry,
        runs: ScriptRuns | None = None,
    ) -> None:
        self.variant = variant
        self.registry = registry
        self.selection = selection
        self.main = _config(config)
        self.stock = _config(stock)
        folder = config.parent
        self.folder = str(folder)
        table = folder / "table.json"
        self.table: dict[str, str] = (
            json.loads(table.read_text(encoding="utf-8")) if selection and table.is_file() else {}
        )
        traditional = folder / "traditional.json"
        self.traditional = _config(traditional) if selection and traditional.is_file() else None
        self.runs = runs

    @cached_property
    def _mapping(self) -> tuple[dict[str, Claim], dict[str, list[Conflict]]]:
        """The glossary's claims by key, and the shadows by the lower key."""
        return self._glossary[0], self._glossary[1]

    @property
    def _claim_keys(self) -> _Dictionary:
        return self._glossary[2]

    @cached_property
    def _glossary(self) -> tuple[dict[str, Claim], dict[str, list[Conflict]], _Dictionary]:
        """The claims, the shadows and a dictionary of both, made once a process for each compiled config."""
        if self.selection is None:
            return {}, {}, _Dictionary({}, ())
        found = _GLOSSARIES.get(self.folder)
        if found is not None:
            return found
        from termloc.core.han import char_tables
        from termloc.glossary.mapping import variant_mapping

        mapping = variant_mapping(self.selection.load(self.registry, check=False), self.variant, char_tables())
        shadows: dict[str, list[Conflict]] = {}
        for shadow in mapping.shadows:
            shadows.setdefault(shadow.key, []).append(shadow)
        keys = _Dictionary(
            {key: claim.output for key, claim in mapping.claims.items()} | dict.fromkeys(shadows, ""), ()
        )
        if len(_GLOSSARIES) >= 64:
            _GLOSSARIES.pop(next(iter(_GLOSSARIES)))
        _GLOSSARIES[self.folder] = found = (mapping.claims, shadows, keys)
        return found

    def explain(self, text: str, convert: Any, traditional: Any) -> list[Span]:
        """The spans of ``text``; ``convert`` and ``traditional`` are OpenCC's converters the
        converter runs (the replay is checked against them)."""
        return self.explain_runs(self.runs_of(text), convert, traditional)

    def runs_of(self, text: str) -> list[tuple[str, bool]]:
        """``text`` as the converter splits it: (run, is Traditional) pairs (`termloc.core.han.ScriptRuns`)."""
        return self.runs.split(text) if self.runs is not None else [(text, False)]

    def explain_runs(self, runs: Iterable[tuple[str, bool]], convert: Any, traditional: Any) -> list[Span]:
        """The spans of the text ``runs`` make (offsets from its start), each run as `explain` takes it."""
        out: list[Span] = []
        position = 0
        for run, is_traditional in runs:
            config = self.traditional if is_traditional else self.main
            opencc = traditional if is_traditional else convert
            for number, piece in enumerate(run.split("\0")):  # as `opencc_files.convert` does
                if number:
                    out.append(Span(position, position + 1, "\0", "\0", "unchanged"))
                    position += 1
                if config is None:
                    out.append(Span(position, position + len(piece), piece, piece, "unchanged"))
                else:
                    out += self._run(piece, position, config, opencc)
                position += len(piece)
        return numbered(_coalesced(out))

    def _run(self, text: str, offset: int, config: _Config, opencc: Any) -> list[Span]:
        if not text:
            return []
        blocks = config.run(text)
        expected = str(opencc.convert(text))
        if "".join(block[2] for block in blocks) != expected:
            kind = "unchanged" if text == expected else "opencc-phrase"
            return [Span(offset, offset + len(text), text, expected, kind, unexplained=True)]
        spans = [self._span(text, block, offset, config) for block in blocks]
        return self._confirmed(text, spans, offset, config)

    def _span(self, text: str, block: _Block, offset: int, config: _Config) -> Span:
        start, end, output, fired = block
        source = text[start:end]
        span = Span(offset + start, offset + end, source, output, "unchanged")
        if not fired:
            return span
        names = config.stage_names()
        steps = []
        claim = None
        for index, key in sorted(fired, key=lambda step: step[0]):
            node = config.node(index)
            candidates = tuple(node.entries[key].split(" "))
            dictionary, found = self._origin(node, index, key, candidates[0], config)
            claim = claim or found
            steps.append(Step(names[index], dictionary, key, candidates[0], candidates if len(candidates) > 1 else ()))
        span = replace(span, steps=tuple(steps))
        if claim is not None:
            span = self._claimed(span, claim)
        else:
            changed = [step for step in steps if step.key != step.output] or [s for s in steps if s.candidates]
            if not changed:
                return replace(span, steps=())
            last = changed[-1]
            ambiguous = next((s.candidates for s in reversed(steps) if s.candidates), ())
            kind = "opencc-phrase" if len(last.key) > 1 else "opencc-character"
            span = replace(span, kind=kind, dictionary=last.dictionary, key=last.key, ambiguous=ambiguous)
        return replace(span, lost=self._lost(text, start, end, offset, config, span.key))

    def _origin(self, node: _Dictionary, index: int, key: str, value: str, config: _Config) -> tuple[str, Claim | None]:
        """Where an entry that fired comes from: an OpenCC file, or a glossary claim."""
        in_chain = index >= len(config.normalization)
        if (in_chain and self.table.get(key) == value) or config is self.traditional:
            claim = self._mapping[0].get(key)
            if claim is not None:
                return ("reference" if claim.reference else "glossary"), claim
        if config is self.traditional and dict(self.variant.traditional_characters).get(key) == value:
            return f"locale {self.variant.tag}: traditional_characters", None
        stock_file = node.file_of(key)
        if stock_file is not None and not stock_file.startswith(_COMPILED):
            return stock_file, None
        position = index - len(config.normalization)
        stock = self.stock.chain[position] if in_chain and position < len(self.stock.chain) else None
        if index < len(config.normalization) and index < len(self.stock.normalization):
            stock = self.stock.normalization[index]
        if stock is not None and stock.entries.get(key, "").split(" ", 1)[0] == value:
            return stock.file_of(key) or "OpenCC", None
        if position == 0 and key in self._regional:
            return self._regional_origin(key, stock), None
        return "glossary (kept)", None

    @cached_property
    def _regional(self) -> Mapping[str, str]:
        """What the variant's locale changes in the first stage (`termloc.engine.compiler.regional_entries`)."""
        from termloc.engine.compiler import regional_entries

        return regional_entries(self.variant) if self.selection is not None else {}

    def _regional_origin(self, key: str, stock: _Dictionary | None) -> str:
        """The dictionary a regional entry comes from: a file the locale also reads, or the stage's file
        with the characters the locale keeps (``STPhrases, zh-TW keeps 台``)."""
        for name in self.variant.also_reads:
            if key in opencc_files.read_dictionary(opencc_files.stock_dictionary(name)):
                return name
        kept = "".join(dict.fromkeys(k for w, k in self.variant.keeps if k in key))
        return f"{(stock.file_of(key) if stock else None) or 'OpenCC'}, locale {self.variant.tag} keeps {kept}"

    def _claimed(self, span: Span, claim: Claim) -> Span:
        from termloc.core.han import char_tables

        entry = claim.entry
        row = entry.rows.index(claim.row) + 1 if claim.row in entry.rows else None
        form = claim.row.chinese_form(self.variant, char_tables(), name=entry.is_name)
        where = f"{entry.file}:{claim.row.line}" if entry.file and claim.row.line else (entry.file or None)
        kind = "reference" if claim.reference else "glossary"
        group = rule = None
        if claim.reference:
            found = next((m for s in entry.sources if (m := _RULE.match(s))), None)
            if found is not None:
                group, rule = found["page"], int(found["number"])
        key = next((step.key for step in span.steps if step.dictionary in ("glossary", "reference")), span.source)
        return replace(
            span,
            kind=kind,
            entry=entry.id,
            row=row,
            layer=claim.layer,
            sources=tuple(entry.sources),
            file=where,
            form=("derived" if form is None or form.derived else form.source_tag),
            group=group,
            rule=rule,
            key=key,
        )

    def _lost(self, text: str, start: int, end: int, offset: int, config: _Config, won: str | None) -> tuple[Lost, ...]:
        """The keys that could have written part of ``text[start:end]`` and did not."""
        node = config.segmentation or config.chain[0]
        lost: list[Lost] = []
        claims, shadows = self._mapping
        for position in range(start, end):
            keys = self._claim_keys.keys_at(text, position, len(text)) if claims or shadows else iter(())
            # In a fixed order (shorter keys first), not a set's: the reasons, cut at MAX_LOST,
            # are text of the rendered pages, which must not change with the hash seed.
            for key in sorted({*node.keys_at(text, position, len(text)), *keys}, key=lambda k: (len(k), k)):
                if key == won or (len(key) < 2 and key not in claims):
                    continue
                if position == start and position + len(key) < end:
                    why = "longer key"
                elif position > start and position + len(key) > end:
                    why = "earlier match"
                else:
                    continue
                candidate = self._candidate(key, why, node, claims)
                if candidate.output != key or key in claims:  # a stock identity entry would change nothing
                    lost.append(candidate)
            if position == start:
                for shadow in shadows.get(text[start:end], ()):
                    why = "shadowed" if shadow.key in claims else "dropped"
                    lost.append(Lost(shadow.key, shadow.second.output, why, shadow.second.entry.id))
        return tuple(lost[:MAX_LOST])

    def _candidate(self, key: str, why: str, node: _Dictionary, claims: Mapping[str, Claim]) -> Lost:
        claim = claims.get(key)
        if claim is not None:
            return Lost(key, claim.output, why, claim.entry.id)
        shadows = self._mapping[1].get(key)
        if shadows:
            return Lost(key, shadows[0].second.output, "dropped", shadows[0].second.entry.id)
        by = self.stock.segmentation.file_of(key) if self.stock.segmentation is not None else None
        return Lost(key, node.entries.get(key, key).split(" ", 1)[0], why, by or node.file_of(key) or "OpenCC")

    def _confirmed(self, text: str, spans: list[Span], offset: int, config: _Config) -> list[Span]:
        """Spans OpenCC wrote where a glossary key it was left to (proved redundant,
        `termloc.engine.redundancy`) says the same: one span naming the entry.

        A key the compiled first stage holds is not one OpenCC was left to: had it
        matched, it would have fired (and its span names the entry already).
        ``table.json`` holds every key, pruned or not, so it cannot tell them apart."""
        claims, _ = self._mapping
        if not claims:
            return spans
        keys = self._claim_keys
        spans = _cut_at_keys(spans, text, offset, keys)
        starts = {span.start - offset: i for i, span in enumerate(spans)}
        ends = {span.end - offset: i for i, span in enumerate(spans)}
        out: list[Span] = []
        index = 0
        position = 0
        first = config.chain[0].entries

        def held(key: str) -> str:
            return first.get(key, "").split(" ", 1)[0]

        while index < len(spans):
            span = spans[index]
            local = span.start - offset
            position = local
            length = keys.longest(text, position, len(text)) if text[position] in keys.starts else 0
            key = text[position : position + length]
            last = ends.get(position + length)
            claim = claims.get(key) if length else None
            if claim is None or last is None or starts.get(position) != index or held(key) == claim.output:
                out.append(span)
                index += 1
                continue
            covered = spans[index : last + 1]
            if any(s.kind in ("glossary", "reference") for s in covered) or join(covered) != claim.output:
                out.append(span)
                index += 1
                continue
            steps = tuple(step for s in covered for step in s.steps)
            merged = Span(span.start, covered[-1].end, key, claim.output, "unchanged", steps=steps)
            out.append(self._claimed(merged, claim))
            index = last + 1
        return out
