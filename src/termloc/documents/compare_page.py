"""A comparison of variants written out: a standalone HTML page, or a plain table.

`comparison_page` is one self-contained page (the site's stylesheet and
escaping, `termloc.documents.site`; no script, no external request): a table
with one row per unit and one column per variant, each span that a rule
decided or that differs from another variant wrapped with its reason
(``title``, ``data-kind``, focusable; the reason shows on focus too), the
differences marked (``data-diff="word"`` strongly, ``"script"`` lightly), a
unit that reads the same in every variant collapsed into one cell, and per
variant the decisions it only inherits (`termloc.documents.compare`).

`comparison_table` is the same table as tab-separated text: a header line,
then one line per unit (number, line, kind, difference, source, one column
per variant), each piece that reads with other words in another variant
between ⟦ and ⟧; tabs, line breaks and backslashes in a text are written
``\\t``, ``\\n``, ``\\\\``. After a blank line, ``#`` lines list what each
variant inherits.
"""

from __future__ import annotations

from collections import Counter
from html import escape

from termloc.core.variants import Variant
from termloc.documents.compare import Comparison, Inherited, Row
from termloc.documents.site import font_family, safe_href, stylesheet

__all__ = ["WORD_MARKS", "comparison_page", "comparison_table"]

#: Around a piece of the plain table that reads with other words in another variant.
WORD_MARKS = ("⟦", "⟧")

_STYLE = """
main.compare { max-width: none; }
table.compare { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: .9rem; line-height: 1.7; }
table.compare col.number { width: 6.5rem; }
table.compare th, table.compare td { border: 1px solid var(--line); padding: .3rem .45rem; vertical-align: top;
  text-align: left; white-space: pre-wrap; overflow-wrap: anywhere; }
table.compare thead th { position: sticky; top: 0; background: var(--card); z-index: 5; }
table.compare th[scope="row"] { font-weight: 400; color: var(--muted); white-space: nowrap; }
table.compare th[scope="row"] a { color: var(--accent); text-decoration: none; display: block; }
.where { display: block; font-size: .75rem; }
td.source { color: var(--muted); }
tr.same td { color: var(--muted); background: var(--card); }
.note { display: block; font-size: .75rem; color: var(--muted); }
.s { position: relative; border-bottom: 1px dotted var(--muted); cursor: help; }
[data-diff="script"] { background: #eaf2ff; }
[data-diff="word"] { background: #fff1b8; border-bottom: 2px solid #bf8700; }
.s:focus { outline: 2px solid var(--accent); outline-offset: 1px; }
.s:focus::after { content: attr(title); position: absolute; left: 0; top: 1.7em; z-index: 10; min-width: 14rem;
  max-width: 24rem; padding: .4rem .6rem; background: var(--paper); color: var(--ink); border: 1px solid var(--line);
  border-radius: 6px; box-shadow: 0 4px 14px rgba(0,0,0,.12); font-size: .8rem; font-weight: 400;
  white-space: pre-line; }
.toggles { margin: .5rem 0 1rem; font-size: .9rem; }
#hide-same:checked ~ table.compare tr.same, #hide-script:checked ~ table.compare tr.script { display: none; }
table.inherited { border-collapse: collapse; font-size: .85rem; margin-bottom: 1.5rem; }
table.inherited th, table.inherited td { border: 1px solid var(--line); padding: .2rem .5rem; text-align: left; }
"""


def _fonts(variants: tuple[Variant, ...]) -> str:
    """Each variant's column in the variant's fonts."""
    rules = []
    for variant in variants:
        fonts = font_family(variant)
        if fonts:
            rules.append(f'[lang="{variant.bcp47}"] {{ font-family: {fonts}, sans-serif; }}')
    return "\n".join(rules)


def comparison_page(comparison: Comparison) -> str:
    """The comparison as one standalone HTML page."""
    lang = comparison.document.source_language if comparison.document is not None else "zh"
    title = escape(comparison.title)
    heads = "".join(
        f'<th scope="col" lang="{v.bcp47}">{escape(v.name)}<span class="where" lang="en">{escape(v.tag)}</span></th>'
        for v in comparison.variants
    )
    rows = "\n".join(_row(row, comparison, lang) for row in comparison.rows)
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title} — variants side by side</title>\n"
        f"<style>{stylesheet(None)}{_fonts(comparison.variants)}\n{_STYLE}</style>\n</head>\n<body>\n"
        f'<main class="compare">\n<h1><span lang="{escape(lang)}">{title}</span> — variants side by side</h1>\n'
        f"{_summary(comparison)}\n"
        '<input type="checkbox" id="hide-same"> <label for="hide-same">hide units the same in every variant</label>\n'
        '<input type="checkbox" id="hide-script"> <label for="hide-script">hide units that differ in script only'
        "</label>\n"
        f'<table class="compare">\n<colgroup><col class="number"><col span="{len(comparison.variants) + 1}">'
        f'</colgroup>\n<thead><tr><th scope="col">#</th><th scope="col">source</th>{heads}</tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody>\n</table>\n{_inherited(comparison)}\n</main>\n{_footer(comparison)}\n"
        "</body>\n</html>\n"
    )


def _summary(comparison: Comparison) -> str:
    counts = comparison.counts()
    names = ", ".join(v.tag for v in comparison.variants)
    return (
        f'<p class="summary">{len(comparison.rows)} units in {len(comparison.variants)} variants ({escape(names)}): '
        f"{counts['word']} read with other words in some variant, {counts['script']} differ in script only, "
        f"{counts['same']} are the same in every variant.</p>\n"
        '<p class="legend">Marked: <span data-diff="word">other words</span> than another variant writes '
        '(普丁 / 普京), <span data-diff="script">another script</span> only (俄羅斯 / 俄罗斯); a dotted line marks '
        "a span some rule decided. Hover or focus a span for its reason.</p>"
    )


def _row(row: Row, comparison: Comparison, lang: str) -> str:
    difference = row.difference
    head = (
        f'<th scope="row"><a href="#u-{row.number}">{row.number}</a>'
        f'<span class="where">{escape(row.kind)}, line {row.line}</span></th>'
    )
    source = f'<td class="source" lang="{escape(lang)}">{escape(row.source, quote=False)}</td>'
    if difference == "same":
        first = comparison.variants[0]
        cells = (
            f'<td class="agreed" colspan="{len(comparison.variants)}" lang="{first.bcp47}">{_cell(row, first.tag)}'
            '<span class="note" lang="en">the same in every variant</span></td>'
        )
    else:
        cells = "".join(
            f'<td lang="{v.bcp47}" data-variant="{escape(v.tag)}">{_cell(row, v.tag)}</td>' for v in comparison.variants
        )
    return f'<tr id="u-{row.number}" class="{difference}">{head}{source}{cells}</tr>'


def _cell(row: Row, tag: str) -> str:
    """The unit in one variant: each decided or differing span wrapped with its reason."""
    parts: list[str] = []
    for span, piece in row.marked(tag):
        if not span.output:
            continue  # markup that shows nothing (-{H|...}-): no place to hover
        difference = piece.differences[tag]
        if difference == "same" and not span.decided:
            parts.append(escape(span.output, quote=False))
            continue
        title = span.describe()
        if difference != "same":
            written = row.source[piece.start : piece.end]
            others = "; ".join(f"{output or '(nothing)'} in {', '.join(tags)}" for output, tags in piece.elsewhere(tag))
            title += f"\n{written} elsewhere: {others}"
        attributes = f' class="s" tabindex="0" data-kind="{escape(span.kind)}"'
        if difference != "same":
            attributes += f' data-diff="{difference}"'
        if span.entry:
            attributes += f' data-entry="{escape(span.entry)}"'
        title = escape(title).replace("\n", "&#10;")
        parts.append(f'<span{attributes} title="{title}">{escape(span.output, quote=False)}</span>')
    return "".join(parts)


def _inherited(comparison: Comparison) -> str:
    parts = [
        '<section class="inherited" id="inherited"><h2>What each variant inherits</h2>',
        "<p>Glossary and reference decisions whose row gives no form for the variant: it reads as another "
        "variant only through its fallback chain. A form given for zh-Hans or zh-Hant stands for the regional "
        "variant that script falls back to first (zh-CN, zh-TW). Each list is a gap in that variant's lexicon.</p>",
    ]
    for variant in comparison.variants:
        if variant.script_only:
            continue
        items = comparison.inherited.get(variant.tag, ())
        parts.append(_inherited_list(variant, items, comparison.derived.get(variant.tag, 0)))
    parts.append("</section>")
    return "\n".join(parts)


def _inherited_list(variant: Variant, items: tuple[Inherited, ...], derived: int) -> str:
    parents = Counter[str]()
    for item in items:
        parents[item.inherited_from] += item.count
    times = sum(parents.values())
    origin = f" from {', '.join(f'{tag} ({n})' for tag, n in parents.most_common())}" if parents else ""
    heading = (
        f'<h3 id="inherited-{escape(variant.tag)}"><span lang="{variant.bcp47}">{escape(variant.name)}</span> '
        f"({escape(variant.tag)}): {len(items)} decisions inherited, {times} times{origin}; "
        f"{derived} derived from the other script</h3>"
    )
    if not items:
        return heading
    body = "".join(
        f'<tr><td>{escape(i.entry)}</td><td lang="zh">{escape(i.source)}</td>'
        f'<td lang="{variant.bcp47}">{escape(i.output)}</td><td>{escape(i.given_for)}</td>'
        f'<td>{escape(i.inherited_from)}</td><td>{i.count}</td><td><a href="#u-{i.first}">{i.first}</a></td></tr>'
        for i in items
    )
    return (
        f'{heading}\n<table class="inherited" data-variant="{escape(variant.tag)}"><thead><tr><th>entry</th>'
        "<th>source</th><th>output</th><th>form given for</th><th>inherited from</th><th>times</th>"
        f"<th>first unit</th></tr></thead><tbody>{body}</tbody></table>"
    )


def _footer(comparison: Comparison) -> str:
    parts = []
    document = comparison.document
    if document is not None:
        if document.attribution:
            parts.append(escape(document.attribution))
        if document.source:
            href = safe_href(document.source)
            link = f'<a href="{escape(href)}">{escape(document.source)}</a>' if href is not None else None
            parts.append(link or escape(document.source))
        if document.licence:
            parts.append(escape(document.licence))
    groups = sorted({", ".join(g) or "none" for g in comparison.reference.values()})
    parts.append(f"Reference groups: {escape('; '.join(groups) or 'none')}.")
    parts.append(f"Compared by termloc from {escape(comparison.path)}.")
    return "<footer>" + "<br>".join(parts) + "</footer>"


def _field(text: str) -> str:
    """``text`` as one field of a tab-separated line."""
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def comparison_table(comparison: Comparison) -> str:
    """The comparison as tab-separated text, then what each variant inherits as ``#`` lines."""
    opening, closing = WORD_MARKS
    lines = ["\t".join(["#", "line", "kind", "difference", "source", *comparison.tags])]
    for row in comparison.rows:
        cells = [
            "".join(
                f"{opening}{piece.outputs[tag]}{closing}" if piece.differences[tag] == "word" else piece.outputs[tag]
                for piece in row.pieces
            )
            for tag in comparison.tags
        ]
        fields = [str(row.number), str(row.line), row.kind, row.difference, row.source, *cells]
        lines.append("\t".join(_field(field) for field in fields))
    lines.append("")
    for variant in comparison.variants:
        if variant.script_only:
            continue
        items = comparison.inherited.get(variant.tag, ())
        times = sum(i.count for i in items)
        derived = comparison.derived.get(variant.tag, 0)
        lines.append(f"# {variant.tag}: {len(items)} decisions inherited, {times} times; {derived} derived")
        lines += [
            "#\t"
            + "\t".join(_field(f) for f in (i.entry, i.source, i.output, i.given_for, i.inherited_from))
            + f"\t{i.count}\t{i.first}"
            for i in items
        ]
    return "\n".join(lines) + "\n"
