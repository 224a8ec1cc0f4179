"""An entry as people read it: every form per variant, derived ones marked."""

from __future__ import annotations

from typing import Any

from termloc.core.han import char_tables
from termloc.core.variants import VariantRegistry
from termloc.glossary.model import Entry, Row

__all__ = ["entry_json", "entry_text", "row_forms"]


def row_forms(row: Row, registry: VariantRegistry, *, name: bool = True) -> dict[str, dict[str, Any]]:
    """Each tag's preferred form: ``{tag: {text, from, derived}}``."""
    tables = char_tables()
    forms: dict[str, dict[str, Any]] = {}
    for variant in registry.values():
        if variant.is_chinese:
            form = row.chinese_form(variant, tables, name=name)
            if form is not None:
                forms[variant.tag] = {"text": form.text, "from": form.source_tag, "derived": form.derived}
        elif variant.tag in row.forms:
            forms[variant.tag] = {"text": row.forms[variant.tag], "from": variant.tag, "derived": False}
    return forms


def entry_json(entry: Entry, registry: VariantRegistry) -> dict[str, Any]:
    """A JSON-ready view of ``entry``."""
    return {
        "id": entry.id,
        "kind": entry.kind,
        "origin": entry.origin,
        "group": entry.group,
        "file": entry.file,
        "line": entry.line,
        "note": entry.note,
        "sources": list(entry.sources),
        "rows": [
            {
                "line": row.line,
                "forms": row_forms(row, registry, name=entry.is_name),
                "admitted": {tag: list(forms) for tag, forms in row.admitted.items()},
                "deprecated": {tag: list(forms) for tag, forms in row.deprecated.items()},
                "from": list(row.one_way),
            }
            for row in entry.rows
        ],
    }


def entry_text(entry: Entry, registry: VariantRegistry) -> str:
    """A plain-text view of ``entry`` for the terminal."""
    lines = [f"{entry.id} ({entry.kind}) — group {entry.group}, {entry.file}:{entry.line}"]
    if entry.note:
        lines.append(f"  note: {entry.note}")
    for source in entry.sources:
        lines.append(f"  source: {source}")
    for number, row in enumerate(entry.rows, 1):
        lines.append(f"  row {number}:")
        width = max(len(tag) for tag in registry)
        for tag, form in row_forms(row, registry, name=entry.is_name).items():
            how = ""
            if form["derived"]:
                how = f"  (derived from {form['from']})"
            elif form["from"] != tag:
                how = f"  (from {form['from']})"
            lines.append(f"    {tag:<{width}}  {form['text']}{how}")
        for label, forms in (("admitted", row.admitted), ("deprecated", row.deprecated)):
            for tag, texts in forms.items():
                lines.append(f"    {label} {tag}: {', '.join(texts)}")
        if row.one_way:
            lines.append(f"    one way, from: {', '.join(row.one_way)}")
    return "\n".join(lines)
