"""The converter: Chinese text into one variant, glossary first.

    >>> from termloc import Converter
    >>> Converter("zh-TW").convert("俄罗斯总统普京")
    '俄羅斯總統普丁'

Conversion runs inside OpenCC with the glossary compiled into its
dictionaries (see `termloc.engine.compiler`); termloc adds only the regional
quotation marks afterwards. Below the glossary lies the reference termbase
(Chinese Wikipedia's conversion groups): ``reference="auto"`` chooses its
groups for each text converted (`termloc.glossary.topics`), a list names
them, None leaves the reference out.

    >>> Converter("zh-TW").convert("特朗普访问悉尼")
    '川普訪問雪梨'
    >>> Converter("zh-TW", reference=None).convert("特朗普访问悉尼")
    '特朗普訪問悉尼'
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from termloc.core import opencc_files
from termloc.core.cache import CacheWarning
from termloc.core.errors import TermlocError, UsageError
from termloc.core.han import ScriptRuns
from termloc.core.variants import Variant, VariantRegistry, load_variants
from termloc.engine.compiler import LETTERS, TRADITIONAL_CONFIG, compiled_config
from termloc.engine.punctuation import convert_quotes
from termloc.glossary.selection import GlossarySelection

if TYPE_CHECKING:
    from termloc.engine.explain import Explainer, Span
    from termloc.engine.markup import MarkupConverter, Resolved
    from termloc.glossary.topics import TopicChoice

__all__ = ["AUTO", "DEFAULT_GLOSSARY", "Converter", "Punctuation", "ReferenceChoice", "selection_of"]

Punctuation = Literal["auto", "keep"]

#: The reference groups an API or command uses: ``"auto"`` (chosen per text),
#: the groups named, or None (no reference).
ReferenceChoice = Literal["auto"] | Sequence[str] | None
AUTO: Literal["auto"] = "auto"


class _Default:
    def __repr__(self) -> str:
        return "DEFAULT_GLOSSARY"


#: Marker for "the glossary termloc ships with" (``glossary/`` of the project).
DEFAULT_GLOSSARY = _Default()


def selection_of(
    glossary: Sequence[str | Path] | GlossarySelection | _Default | None, groups: Sequence[str] | None = None
) -> GlossarySelection | None:
    """The `GlossarySelection` an API's ``glossary`` and ``groups`` arguments name (None: no glossary)."""
    if glossary is None:
        return None
    if isinstance(glossary, _Default):
        return GlossarySelection.default(groups)
    return GlossarySelection.named(glossary, groups)


@dataclass(frozen=True)
class _Opened:
    """A converter's config as OpenCC runs it."""

    config: Path
    #: The ``opencc.OpenCC`` of the config.
    opencc: Any
    #: The clause splitter of Traditional input into a Traditional variant, and the glossary-only
    #: converter of its Traditional clauses (see `Converter._traditional_path`).
    runs: ScriptRuns | None
    traditional: Any


class Converter:
    """Converts text into one Chinese variant, applying a glossary.

    ``glossary`` is a list of glossary files or folders, a
    `GlossarySelection`, `DEFAULT_GLOSSARY` (termloc's own), or None for
    plain OpenCC. ``groups`` limits the glossary to the named groups (an
    unknown one is a `UsageError`). ``reference`` is ``"auto"`` (groups
    chosen for each text), a list of reference groups (each a layer below
    the glossary, the first highest) or None. ``punctuation="keep"`` leaves
    quotation marks as they are; with no glossary and no reference as well,
    the output equals OpenCC's for the variant's config byte for byte.
    """

    _state: _Opened | None

    def __init__(
        self,
        variant: str,
        *,
        glossary: Sequence[str | Path] | GlossarySelection | _Default | None = DEFAULT_GLOSSARY,
        groups: Sequence[str] | None = None,
        reference: ReferenceChoice = AUTO,
        punctuation: Punctuation = "auto",
        registry: VariantRegistry | None = None,
    ) -> None:
        import opencc

        self._setup(variant, punctuation, registry)
        self.auto = reference == AUTO
        fixed: tuple[str, ...] = () if reference is None or reference == AUTO else tuple(reference)
        base = selection_of(glossary, groups)
        if fixed:
            base = (base or GlossarySelection(())).with_reference(fixed)
        if base is not None:
            base = base.with_topics(reference is not None)
        self.selection: GlossarySelection | None = base
        if self.selection is None:
            config = opencc_files.stock_config(str(self.variant.opencc_config))
            self._state = _Opened(config, opencc.OpenCC(str(config)), None, None)
        elif self.auto:
            # Its own config is compiled on first use: a converter that hands every text to the
            # converter of the text's groups (`for_text`) never needs it (a second or more, cold).
            self.selection.files()
            self.selection.reference_files()
        else:
            self._open_compiled()

    def _setup(self, variant: str, punctuation: Punctuation, registry: VariantRegistry | None) -> None:
        """The fields every converter has, before its config is opened."""
        self.registry = registry or load_variants()
        self.variant: Variant = self.registry.get_variant(variant)
        if not self.variant.is_chinese:
            chinese = ", ".join(v.tag for v in self.registry.chinese)
            raise UsageError(f"{self.variant.tag!r} is not a Chinese variant; conversion targets are {chinese}")
        self.punctuation: Punctuation = punctuation
        self.auto = False
        self.selection = None
        self._siblings: dict[str, Converter] = {}
        self._by_topics: dict[tuple[str, ...], Converter] = {}
        self._state = None
        self._explainer: Explainer | None = None
        self._quotes = self.variant.quotes if punctuation == "auto" else None

    @classmethod
    def opened(cls, variant: str, config: Path, *, punctuation: Punctuation = "auto") -> Converter:
        """A converter of a compiled config already on disk (`termloc.engine.packed`), with no glossary
        to compile: it converts as the converter that compiled it, and has no selection to explain by."""
        converter = cls.__new__(cls)
        converter._setup(variant, punctuation, None)
        converter._state = _Opened(config, opencc_files.open_config(config), *converter._traditional_path(config))
        return converter

    def _opened(self) -> _Opened:
        """The config OpenCC runs, opened on first use."""
        if self._state is None:
            self._open_compiled()
            assert self._state is not None
        return self._state

    @property
    def config(self) -> Path:
        """The OpenCC config this converter runs (compiled from its glossary, or OpenCC's own)."""
        return self._opened().config

    @property
    def _opencc(self) -> Any:
        return self._opened().opencc

    @property
    def _runs(self) -> ScriptRuns | None:
        return self._opened().runs

    @property
    def _traditional(self) -> Any:
        return self._opened().traditional

    def _open_compiled(self) -> None:
        """Open the compiled config; one OpenCC cannot read is made again, once."""
        assert self.selection is not None
        for rebuild in (False, True):
            config = compiled_config(self.variant, self.selection, self.registry, rebuild=rebuild)
            try:
                self._state = _Opened(config, opencc_files.open_config(config), *self._traditional_path(config))
                return
            except (OSError, ValueError, RuntimeError) as err:
                if rebuild:
                    raise TermlocError(f"OpenCC cannot read the compiled glossary {str(config)!r}: {err}") from None
                warnings.warn(
                    f"the cached glossary {str(config.parent)!r} was damaged; made it again",
                    CacheWarning,
                    stacklevel=2,
                )

    @staticmethod
    def _traditional_path(config: Path) -> tuple[ScriptRuns | None, Any]:
        """How Traditional input goes into a Traditional variant (`termloc.engine.compiler`): the
        clause splitter and the glossary-only converter (None: Traditional passes unchanged)."""
        import json

        letters = config.parent / LETTERS
        if not letters.is_file():
            return None, None
        data = json.loads(letters.read_text(encoding="utf-8"))
        path = config.parent / TRADITIONAL_CONFIG
        traditional = opencc_files.open_config(path) if path.is_file() else None
        return ScriptRuns(data["traditional"], data["simplified"]), traditional

    @property
    def reference(self) -> tuple[str, ...]:
        """The reference groups this converter applies (with ``auto``: none until a text chooses)."""
        return self.selection.reference if self.selection is not None else ()

    def topics(self, text: str) -> TopicChoice:
        """The reference groups ``auto`` chooses for ``text``, with the evidence."""
        from termloc.glossary.topics import choose_topics

        return choose_topics(text)

    def for_text(self, text: str) -> Converter:
        """The converter for ``text``: with ``auto``, one with the groups chosen for it; else this one."""
        if not self.auto:
            return self
        groups = self.topics(text).groups
        if not groups:
            return self
        found = self._by_topics.get(groups)
        if found is None:
            found = Converter(
                self.variant.tag,
                glossary=self.selection,
                reference=groups,
                punctuation=self.punctuation,
                registry=self.registry,
            )
            self._by_topics[groups] = found
        return found

    def settled(self, text: str) -> Converter:
        """`for_text`, never ``auto``: when no group is chosen, the converter of no reference groups, so that
        the pieces of ``text`` converted apart (`termloc.corpus`) do not each choose their own."""
        chosen = self.for_text(text)
        if not chosen.auto:
            return chosen
        found = self._by_topics.get(())
        if found is None:
            found = Converter(
                self.variant.tag,
                glossary=self.selection,
                reference=(),  # the reference on, no group of it chosen
                punctuation=self.punctuation,
                registry=self.registry,
            )
            self._by_topics[()] = found
        return found

    def convert(self, text: str) -> str:
        """``text`` in the converter's variant."""
        if self.auto:
            return self.for_text(text)._convert(text)
        return self._convert(text)

    def _engine(self, text: str) -> str:
        """``text`` through OpenCC; Traditional clauses into a Traditional variant through the glossary alone."""
        if self._runs is None:
            return opencc_files.convert(self._opencc, text)
        runs = self._runs.split(text)
        # One OpenCC call per script, not one per run: a long mixed text has tens of thousands of runs.
        simplified = iter(opencc_files.convert_many(self._opencc, [run for run, kept in runs if not kept]))
        kept = [run for run, kept in runs if kept]
        traditional = iter(kept if self._traditional is None else opencc_files.convert_many(self._traditional, kept))
        return "".join(next(traditional) if is_traditional else next(simplified) for _, is_traditional in runs)

    def _convert(self, text: str) -> str:
        return self.quoted(self._engine(text))

    def quoted(self, converted: str) -> str:
        """Converted text with the variant's quotation marks, paired within it, as `convert` writes them
        (unchanged with ``punctuation="keep"``).

        >>> Converter("zh-TW").quoted("“普丁”")
        '「普丁」'
        """
        return convert_quotes(converted, self._quotes) if self._quotes is not None else converted

    def explain(self, text: str) -> list[Span]:
        """``convert(text)`` as spans that cover ``text``, each with its reason (`termloc.engine.explain`).

        >>> for span in Converter("zh-TW", reference=None).explain("普京访问软件园"):
        ...     if span.changed:
        ...         print(span.describe())
        普丁 ← 普京: glossary vladimir-putin (zh-TW form)
        訪問 ← 访问: OpenCC STCharacters; OpenCC offers 訪問 / 存取
        軟體 ← 软件: OpenCC TWPhrases
        園 ← 园: OpenCC STCharacters
        """
        from termloc.engine.explain import quote_spans

        chosen = self.for_text(text) if self.auto else self
        spans = chosen._explain_engine(text)
        return quote_spans(spans, chosen._quotes) if chosen._quotes is not None else spans

    def explain_stream(self, text: str, piece: int = 1 << 16) -> Iterator[Span]:
        """`explain`'s spans, made a piece of about ``piece`` characters at a time, so that
        explaining a long text holds one piece's spans at once.

        The text is split into runs of one script as `convert` splits it, a run longer than
        ``piece`` after a line break (no key holds one), and runs are explained a piece at a
        time; the reference groups are chosen from the whole text and quotation marks pair
        across it, as in `convert`. The spans are those of `explain`, offsets and all.
        """
        from termloc.engine.explain import quote_spans, shifted

        chosen = self.for_text(text) if self.auto else self
        explainer = chosen._explainer_made()
        rewritten = convert_quotes(chosen._engine(text), chosen._quotes) if chosen._quotes is not None else None
        start = out = 0
        for batch in _batches(explainer.runs_of(text), piece):
            spans = explainer.explain_runs(batch, chosen._opencc, chosen._traditional)
            length = sum(len(span.output) for span in spans)
            if rewritten is not None:
                spans = quote_spans(spans, chosen._quotes, rewritten[out : out + length])  # type: ignore[arg-type]
            yield from shifted(spans, start, out)
            start += sum(len(run) for run, _ in batch)
            out += length

    def _explainer_made(self) -> Explainer:
        """The explainer of this converter's own config, made on first use."""
        if self._explainer is None:
            from termloc.engine.explain import Explainer

            stock = opencc_files.stock_config(str(self.variant.opencc_config))
            self._explainer = Explainer(self.variant, self.config, stock, self.selection, self.registry, self._runs)
        return self._explainer

    def _explain_engine(self, text: str) -> list[Span]:
        """`_engine` as spans."""
        return self._explainer_made().explain(text, self._opencc, self._traditional)

    def convert_markup(self, text: str, rules: Iterable[str] = ()) -> str:
        """``text`` with MediaWiki's ``-{...}-`` markup resolved, then converted.

        >>> Converter("zh-TW").convert_markup("-{H|zh-cn:激光;zh-tw:雷射;}-激光器与-{普京}-")
        '雷射器與普京'
        """
        rules = tuple(rules)
        if not rules and "-{" not in text:
            return self.convert(text)  # nothing to resolve: the plain path, without loading the markup resolver
        return self.resolve(text, rules).text

    def resolve(self, text: str, rules: Iterable[str] = (), *, explain: bool = False) -> Resolved:
        """Like `convert_markup`, with the spans that markup wrote; with ``explain``, also the
        conversion as spans with their reasons (``Resolved.spans``, as `explain` gives them).

        >>> spans = Converter("zh-TW").resolve("-{H|zh-cn:激光;zh-tw:雷射;}-激光与普京", explain=True).spans
        >>> for span in spans:
        ...     print(span.source, span.output, span.kind)
        -{H|zh-cn:激光;zh-tw:雷射;}-  markup
        激光 雷射 markup
        与 與 opencc-character
        普京 普丁 glossary
        """
        from termloc.engine.explain import quote_spans
        from termloc.engine.markup import Resolved

        rules = tuple(rules)
        if not rules and "-{" not in text:  # nothing to resolve: the plain path
            return Resolved(self.convert(text), spans=self.explain(text)) if explain else Resolved(self.convert(text))
        chosen = self.for_text(text)
        if chosen is not self:
            return chosen.resolve(text, rules, explain=explain)
        resolved = self.markup(rules, explain=explain).convert(text)
        if self._quotes is not None:
            resolved.text = convert_quotes(resolved.text, self._quotes)
            if resolved.spans is not None:
                resolved.spans = quote_spans(resolved.spans, self._quotes)
        return resolved

    def markup(self, rules: Iterable[str] = (), *, explain: bool = False) -> MarkupConverter:
        """A markup resolver into this variant that keeps rule state across calls.

        ``rules`` are document rules in MediaWiki's syntax. Quotation marks
        are left to the caller (`convert_quotes`), as they pair across calls.
        With ``explain``, each `Resolved` it gives has its spans.
        """
        from termloc.engine.markup import MarkupConverter

        spans = self._explain_plain if explain else None
        return MarkupConverter(self.variant.tag, self._convert_plain, self.registry, rules, spans)

    def _sibling(self, code: str) -> Converter:
        """The converter of the variant with MediaWiki code ``code`` (one-way rules reach them)."""
        if code == self.variant.mediawiki_code:
            return self
        sibling = self._siblings.get(code)
        if sibling is None:
            sibling = Converter(
                code, glossary=self.selection, reference=None, punctuation="keep", registry=self.registry
            )
            self._siblings[code] = sibling
        return sibling

    def _convert_plain(self, text: str, code: str) -> str:
        """``text`` into the variant with MediaWiki code ``code``, marks kept."""
        return self._sibling(code)._engine(text)

    def _explain_plain(self, text: str, code: str) -> list[Span]:
        """`_convert_plain` as spans."""
        return self._sibling(code)._explain_engine(text)

    def __repr__(self) -> str:
        return f"Converter({self.variant.tag!r}, config={str(self.config)!r})"

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """A converter pickles as its recipe (variant, glossary selection, punctuation, ``auto``): another
        process rebuilds it from the compile cache, once (`rebuilt`), instead of receiving OpenCC's state.

        >>> import pickle
        >>> pickle.loads(pickle.dumps(Converter("zh-TW"))).convert("普京")
        '普丁'
        """
        return rebuilt, (self.variant.tag, self.selection, self.punctuation, self.auto)


#: The converters `rebuilt` has made in this process, by recipe.
_REBUILT: dict[tuple[str, GlossarySelection | None, Punctuation, bool], Converter] = {}


def rebuilt(tag: str, selection: GlossarySelection | None, punctuation: Punctuation, auto: bool) -> Converter:
    """The converter of a recipe (see `Converter.__reduce__`), made once a process."""
    key = (tag, selection, punctuation, auto)
    found = _REBUILT.get(key)
    if found is None:
        reference: ReferenceChoice = (
            AUTO if auto else (selection.reference if selection is not None and selection.topical else None)
        )
        found = Converter(tag, glossary=selection, reference=reference, punctuation=punctuation)
        _REBUILT[key] = found
    return found


def _batches(runs: Iterable[tuple[str, bool]], size: int) -> Iterator[list[tuple[str, bool]]]:
    """``runs`` in batches of about ``size`` characters, a longer run cut after a line break."""
    batch: list[tuple[str, bool]] = []
    held = 0
    for run, traditional in runs:
        start = 0
        while len(run) - start > size:
            cut = run.find("\n", start + size - 1)
            if cut < 0:
                break
            batch.append((run[start : cut + 1], traditional))
            yield batch
            batch, held, start = [], 0, cut + 1
        batch.append((run[start:], traditional))
        held += len(run) - start
        if held >= size:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch
