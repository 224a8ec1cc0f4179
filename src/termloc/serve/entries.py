"""The glossary's pages: entries by group and kind with filters, and a page per entry.

The filters: entries that give no form for a tag (``lacking=ko-KP``: the
North's spelling still to be found) and the drafts ``termloc glossary
suggest`` wrote (their note begins with `termloc.interchange.suggest.DRAFT_NOTE`
until a terminologist reviews them). An entry's page shows its forms per tag
as ``termloc glossary show`` gives them (`termloc.glossary.report.row_forms`),
its admitted and deprecated forms, note and sources, and where the article
uses it: the places of the article's zh-CN rendering whose spans name it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from termloc.core.errors import UsageError
from termloc.documents.render import Place, Rendering
from termloc.glossary.model import Entry
from termloc.glossary.report import row_forms
from termloc.interchange.suggest import DRAFT_NOTE
from termloc.serve.layout import escape
from termloc.serve.state import Snapshot

__all__ = ["Filters", "entry_body", "glossary_body", "is_draft", "lacks", "uses"]

#: The version of the article whose uses an entry page lists.
USES_VERSION = "zh-CN"


@dataclass(frozen=True)
class Filters:
    """Which entries the glossary page lists: a group, a kind, those lacking a tag's form, drafts."""

    group: str = ""
    kind: str = ""
    lacking: str = ""
    drafts: bool = False

    def check(self, snapshot: Snapshot) -> None:
        """`UsageError` for a group, kind or tag the glossary does not have."""
        for value, known, what in (
            (self.group, [g.name for g in snapshot.glossary.groups], "glossary group"),
            (self.kind, sorted({e.kind for e in snapshot.glossary.entries}), "kind"),
            (self.lacking, tags(snapshot), "language tag"),
        ):
            if value and value not in known:
                raise UsageError(f"unknown {what} {value!r}; expected one of {', '.join(known)}")

    def keeps(self, entry: Entry) -> bool:
        """Whether ``entry`` passes the filters."""
        return (
            (not self.group or entry.group == self.group)
            and (not self.kind or entry.kind == self.kind)
            and (not self.lacking or lacks(entry, self.lacking))
            and (not self.drafts or is_draft(entry))
        )


def tags(snapshot: Snapshot) -> list[str]:
    """Every language tag the glossary gives a form for, in the registry's order."""
    given = {tag for entry in snapshot.glossary.entries for row in entry.rows for tag in row.forms}
    return [tag for tag in snapshot.registry if tag in given]


def lacks(entry: Entry, tag: str) -> bool:
    """Whether no row of ``entry`` gives a form for ``tag`` itself."""
    return not any(tag in row.forms for row in entry.rows)


def is_draft(entry: Entry) -> bool:
    """Whether ``entry`` is a draft from ``termloc glossary suggest``, not reviewed yet."""
    return entry.note.startswith(DRAFT_NOTE)


def _headline(entry: Entry) -> str:
    """An entry's first row's Simplified and English forms, for the list."""
    row = entry.rows[0]
    shown = [f'<span lang="{tag}">{escape(row.forms[tag])}</span>' for tag in ("zh-Hans", "en") if tag in row.forms]
    return " · ".join(shown)


def _options(name: str, values: Iterable[str], chosen: str, label: str) -> str:
    options = "".join(
        f'<option value="{escape(v)}"{" selected" if v == chosen else ""}>{escape(v)}</option>' for v in values
    )
    return f'<label>{label} <select name="{name}"><option value="">any</option>{options}</select></label>'


def glossary_body(snapshot: Snapshot, filters: Filters) -> str:
    """The glossary page: the filters, then the entries that pass them by group and kind."""
    glossary = snapshot.glossary
    kinds = sorted({e.kind for e in glossary.entries})
    lacking = ' checked="checked"' if filters.lacking == "ko-KP" else ""
    drafts = ' checked="checked"' if filters.drafts else ""
    form = (
        '<form method="get" action="/glossary" class="filters">'
        f"{_options('group', [g.name for g in glossary.groups], filters.group, 'Group')}"
        f"{_options('kind', kinds, filters.kind, 'Kind')}"
        f'<label><input type="checkbox" name="lacking" value="ko-KP"{lacking}> lacking a ko-KP form</label>'
        f'<label><input type="checkbox" name="drafts" value="1"{drafts}> drafts from glossary suggest</label>'
        '<button type="submit">Filter</button></form>'
    )
    sections, shown = [], 0
    for group in glossary.groups:
        kept = [entry for entry in group.entries if filters.keeps(entry)]
        if not kept:
            continue
        shown += len(kept)
        by_kind = "".join(
            f'<h3>{escape(kind)}</h3><ul class="entries">'
            + "".join(
                f'<li><a href="/glossary/{escape(e.id)}">{escape(e.id)}</a> {_headline(e)}'
                f"{' <small class=draft>draft</small>' if is_draft(e) else ''}</li>"
                for e in kept
                if e.kind == kind
            )
            + "</ul>"
            for kind in sorted({e.kind for e in kept})
        )
        title = group.title.get("en") or group.description or group.name
        sections.append(
            f'<section class="group" data-group="{escape(group.name)}"><h2>{escape(group.name)} '
            f'<span class="muted">{escape(title)}</span></h2>{by_kind}</section>'
        )
    total = len(glossary.entries)
    count = f'<p class="count">{shown} of {total} entries</p>'
    return "<h1>Glossary</h1>" + form + count + ("".join(sections) or "<p>No entry passes these filters.</p>")


def _place_name(place: Place) -> str:
    if place[0] == "title":
        return "title"
    if place[0] == "infobox":
        return f"infobox {int(place[1]) + 1}"
    return f"block {int(place[1]) + 1}" + (f", item {int(place[2]) + 1}" if len(place) > 2 else "")


def _place_text(rendering: Rendering, place: Place) -> str | None:
    """The converted text at ``place`` (None for an infobox's field)."""
    if place[0] == "title":
        return rendering.title
    if place[0] != "block":
        return None
    block = rendering.blocks[int(place[1])]
    return block.items[int(place[2])].text if len(place) > 2 else block.text


def uses(rendering: Rendering, entry_id: str) -> list[tuple[str, str]]:
    """Where ``rendering`` used the entry: each place's name and a snippet with the form marked (HTML)."""
    found = []
    for place, spans in rendering.reasons.items():
        for span in spans:
            if span.kind != "glossary" or span.entry != entry_id:
                continue
            text = _place_text(rendering, place)
            if text is None or span.out_end > len(text):
                snippet = f"<mark>{escape(span.output)}</mark>"
            else:
                before = text[max(0, span.out_start - 20) : span.out_start]
                after = text[span.out_end : span.out_end + 20]
                snippet = f"…{escape(before)}<mark>{escape(text[span.out_start : span.out_end])}</mark>{escape(after)}…"
            found.append((_place_name(place), snippet))
    return found


def entry_body(snapshot: Snapshot, entry: Entry, rendering: Rendering) -> str:
    """An entry's page: forms per tag for each row, admitted and deprecated forms, note, sources, uses."""
    rows = []
    for number, row in enumerate(entry.rows, 1):
        cells = "".join(
            f'<tr><th scope="row">{escape(tag)}</th><td lang="{escape(tag)}">{escape(form["text"])}'
            + (f' <small class="derived">derived from {escape(form["from"])}</small>' if form["derived"] else "")
            + (f" <small>from {escape(form['from'])}</small>" if not form["derived"] and form["from"] != tag else "")
            + "</td></tr>"
            for tag, form in row_forms(row, snapshot.registry, name=entry.is_name).items()
        )
        for label, forms in (("admitted", row.admitted), ("deprecated", row.deprecated)):
            for tag, texts in forms.items():
                shown = ", ".join(f"<del>{escape(t)}</del>" if label == "deprecated" else escape(t) for t in texts)
                cells += f'<tr class="{label}"><th scope="row">{label} {escape(tag)}</th><td>{shown}</td></tr>'
        rows.append(f'<section class="row"><h2>Row {number}</h2><table class="forms">{cells}</table></section>')
    note = f'<p class="note">{escape(entry.note)}</p>' if entry.note else ""
    sources = "".join(f"<li>{escape(s)}</li>" for s in entry.sources)
    found = uses(rendering, entry.id)
    used = "".join(
        f'<li><span class="muted">{escape(where)}</span> <span lang="zh-CN">{s}</span></li>' for where, s in found
    )
    usage = (
        f'<h2>In the article</h2><p>{len(found)} uses in the <a href="/articles/{USES_VERSION}">{USES_VERSION}</a> '
        f'version</p><ol class="uses">{used}</ol>'
        if found
        else "<h2>In the article</h2><p>The article does not use this entry.</p>"
    )
    draft = (
        '<p class="draft">A draft from <code>termloc glossary suggest</code>: review it.</p>' if is_draft(entry) else ""
    )
    return (
        f'<h1>{escape(entry.id)}</h1><p class="kind">{escape(entry.kind)} · group {escape(entry.group)}'
        f"{' · from ' + escape(entry.origin) if entry.origin else ''}</p>{draft}{note}"
        f'<div class="rows">{"".join(rows)}</div>'
        f'<h2>Sources</h2><ul class="sources">{sources}</ul>{usage}'
    )
