"""Lookup results: as the API gives them (JSON) and as the lookup page shows them (cards).

A result is `LookupResult.as_json` (what ``termloc lookup --json`` prints)
with three fields from its glossary entry added: ``note``, ``sources`` and
``deprecated`` (each tag's deprecated forms, as ``derived`` lists the derived
ones). A card shows every form per tag, preferred first, the matched form in
``<mark>``, deprecated forms in ``<del>``, then the note and the sources. The
lookup page's script (``static/lookup.js``) draws the same cards from the JSON.
"""

from __future__ import annotations

from typing import Any

from termloc.glossary.model import Entry
from termloc.lookup import FoundForm, LookupResult
from termloc.serve.layout import escape

__all__ = ["card", "result_json"]


def result_json(result: LookupResult, entry: Entry | None) -> dict[str, Any]:
    """The API's view of one result: ``termloc lookup --json``'s, with the entry's note, sources and
    deprecated forms."""
    data = result.as_json()
    data["deprecated"] = {
        tag: [f.text for f in forms if f.status == "deprecated"]
        for tag, forms in result.forms.items()
        if any(f.status == "deprecated" for f in forms)
    }
    data["note"] = entry.note if entry is not None else ""
    data["sources"] = list(entry.sources) if entry is not None else []
    return data


def _is_matched(result: LookupResult, form: FoundForm) -> bool:
    """Whether ``form`` is the one the query matched (the form romanised, for a romanisation)."""
    return form.tag == result.tag and form.text == (result.source if result.via else result.matched)


def _form(result: LookupResult, form: FoundForm) -> str:
    text = f'<span lang="{escape(form.tag)}">{escape(form.text)}</span>'
    if form.status == "deprecated":
        text = f'<del title="deprecated">{text}</del>'
    if _is_matched(result, form):
        text = f"<mark>{text}</mark>"
    if form.derived:
        text += ' <small class="derived" title="derived by character conversion">derived</small>'
    return text


def card(result: LookupResult, entry: Entry | None) -> str:
    """One result as the lookup page's card."""
    how = f"{result.how}, score {result.score:g}"
    matched = escape(result.matched)
    if result.via:
        matched += f" ({escape(result.via)} of {escape(result.source or '')})"
    forms = "".join(
        f"<dt>{escape(tag)}</dt><dd>{' · '.join(_form(result, f) for f in found)}</dd>"
        for tag, found in result.forms.items()
    )
    note = f'<p class="note">{escape(entry.note)}</p>' if entry is not None and entry.note else ""
    sources = ""
    if entry is not None and entry.sources:
        sources = '<ul class="sources">' + "".join(f"<li>{escape(s)}</li>" for s in entry.sources) + "</ul>"
    return (
        f'<article class="card" data-id="{escape(result.id)}">'
        f'<h2><a href="/glossary/{escape(result.id)}">{escape(result.id)}</a> '
        f'<span class="kind">{escape(result.kind)} · {escape(result.group)}</span></h2>'
        f'<p class="how">matched {matched} in {escape(result.tag)} ({escape(how)})</p>'
        f'<dl class="forms">{forms}</dl>{note}{sources}</article>'
    )
