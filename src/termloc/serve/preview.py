"""The preview: one text in several variants side by side, every decided span with its reason.

Each column is the text converted as ``termloc explain`` converts it (markup
resolved, `Converter.resolve` with its spans); a span that something changed
or decided is an element with its reason (`Span.reason`) in ``title``; a
character left in the wrong script for the variant (the render report's rule,
`termloc.documents.render.wrong_script`) is marked; and the reference groups
chosen for the text are listed with their evidence, as ``convert
--explain-topics`` says them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from termloc.core.han import char_tables
from termloc.core.variants import Variant
from termloc.documents.render import wrong_script
from termloc.documents.site import HIGHLIGHTED
from termloc.engine.explain import Span
from termloc.engine.markup import Resolved
from termloc.serve.layout import escape
from termloc.serve.state import Snapshot

__all__ = ["DEFAULT_VARIANTS", "Column", "Preview", "column", "preview_body", "topics_of"]

#: The variants the preview shows unless others are chosen.
DEFAULT_VARIANTS = ("zh-CN", "zh-TW", "zh-HK")


@dataclass(frozen=True)
class Column:
    """One variant of the text: its spans and the wrong-script characters left in it."""

    variant: Variant
    spans: tuple[Span, ...]
    wrong: frozenset[str]
    #: (start, end) of the output that markup wrote as the author chose (`Resolved.literals`).
    literals: tuple[tuple[int, int], ...] = ()

    def is_leftover(self, at: int) -> bool:
        """Whether the output's character at offset ``at`` lies outside the literals."""
        return not any(start <= at < end for start, end in self.literals)

    @property
    def leftovers(self) -> list[str]:
        """The wrong-script characters of the output (outside markup's literals), in order."""
        return [
            char
            for span in self.spans
            for at, char in enumerate(span.output, span.out_start)
            if char in self.wrong and self.is_leftover(at)
        ]


@dataclass(frozen=True)
class Preview:
    """The text in each variant, and the reference groups chosen for it."""

    text: str
    columns: tuple[Column, ...]
    topics: tuple[str, ...]


def resolved(snapshot: Snapshot, text: str, tag: str) -> Resolved:
    """``text`` explained into ``tag`` as ``termloc explain`` explains it (markup resolved)."""
    with snapshot.converter(tag) as converter:
        found = converter.resolve(text, explain=True)
    assert found.spans is not None  # resolve(explain=True) always gives them
    return found


def spans_of(snapshot: Snapshot, text: str, tag: str) -> list[Span]:
    """The spans of `resolved`."""
    return resolved(snapshot, text, tag).spans or []


def topics_of(snapshot: Snapshot, text: str, tag: str) -> tuple[str, ...]:
    """The reference groups chosen for ``text``, as ``--explain-topics`` says them."""
    with snapshot.converter(tag) as converter:
        if converter.auto:
            picks = converter.topics(text).picks
            head = f"reference groups chosen for the text (auto): {len(picks) or 'none'}"
            return (head, *(pick.reason() for pick in picks))
        return (f"reference groups (named): {', '.join(converter.reference) or 'none'}",)


def column(snapshot: Snapshot, text: str, variant: Variant) -> Column:
    """``text`` in ``variant``: one column of the preview, one conversion."""
    wrong = snapshot.made(f"wrong-script:{variant.tag}", partial(wrong_script, char_tables(), variant))
    assert isinstance(wrong, frozenset)
    found = resolved(snapshot, text, variant.tag)
    return Column(variant, tuple(found.spans or ()), wrong, tuple(found.literals))


def _output(span: Span, column: Column) -> str:
    """A span's output, escaped, each wrong-script character marked (not in markup's literals)."""
    if not any(char in column.wrong for char in span.output):
        return escape(span.output)
    why = escape(f"the wrong script for {column.variant.tag}")
    return "".join(
        f'<mark class="leftover" title="{escape(char)}: {why}">{escape(char)}</mark>'
        if char in column.wrong and column.is_leftover(at)
        else escape(char)
        for at, char in enumerate(span.output, span.out_start)
    )


def column_html(column: Column) -> str:
    """One column: the converted text, each decided span with its reason in ``title``."""
    tag = column.variant.tag
    parts = []
    for span in column.spans:
        shown = _output(span, column)
        if span.decided:
            title = escape(f"{span.source} → {span.output}: {span.reason()}")
            parts.append(
                f'<span class="x x-{escape(span.kind)}" title="{title}" data-kind="{escape(span.kind)}" '
                f'tabindex="0">{shown}</span>'
            )
        else:
            parts.append(shown)
    leftovers = column.leftovers
    flagged = (
        f'<p class="leftovers">{len(leftovers)} wrong-script characters: {escape(" ".join(leftovers))}</p>'
        if leftovers
        else '<p class="leftovers none">no wrong-script characters</p>'
    )
    return (
        f'<section class="column" data-variant="{escape(tag)}">'
        f'<h2>{escape(tag)} <span class="autonym" lang="{escape(column.variant.bcp47)}">'
        f"{escape(column.variant.autonym)}</span></h2>"
        f'<div class="converted" lang="{escape(column.variant.bcp47)}">{"".join(parts)}</div>{flagged}</section>'
    )


def preview_body(snapshot: Snapshot, text: str, chosen: Sequence[str], result: Preview | None, error: str) -> str:
    """The preview page's body: the form (text, a checkbox per Chinese variant) and the columns."""
    boxes = "".join(
        f'<label><input type="checkbox" name="to" value="{escape(v.tag)}"'
        f"{' checked' if v.tag in chosen else ''}> {escape(v.tag)}</label>"
        for v in snapshot.registry.chinese
    )
    form = (
        '<h1>Preview</h1><form method="post" action="/preview" class="preview">'
        '<label for="text">Chinese text (MediaWiki markup allowed)</label>'
        f'<textarea id="text" name="text" rows="8">{escape(text)}</textarea>'
        f'<fieldset><legend>Variants</legend>{boxes}</fieldset><button type="submit">Convert</button></form>'
    )
    if error:
        return form + f'<p class="error" role="alert">{escape(error)}</p>'
    if result is None:
        return form
    topics = "".join(f"<li>{escape(line)}</li>" for line in result.topics)
    legend = "".join(f'<li><span class="x x-{kind}">{escape(name)}</span></li>' for kind, name in HIGHLIGHTED.items())
    columns = "".join(column_html(column) for column in result.columns)
    return (
        form
        + f'<section class="topics"><h2>Reference groups</h2><ul>{topics}</ul></section>'
        + f'<ul class="legend" aria-label="what changed each span">{legend}</ul>'
        + '<p class="muted">Hover over or focus a span for the reason it reads so.</p>'
        + f'<div class="columns">{columns}</div>'
    )
