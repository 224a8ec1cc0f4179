"""A termloc glossary written as a ``Module:CGroup/...`` page for Chinese Wikipedia.

Each entry becomes one or more items ``{ type = 'item', original = ..., rule
= ... }`` whose MediaWiki rules convert as termloc converts the entry (see
`entry_rules`); importing such a page gives the same rules back.
"""

from __future__ import annotations

from collections.abc import Sequence

from termloc.engine.rules import SOURCE_VIEW, Rule, format_rule
from termloc.glossary.model import Entry, Group, Row
from termloc.interchange.cgroup import NOTE_PREFIX
from termloc.interchange.lua import lua_string

__all__ = ["entry_rules", "group_module"]


def _code(tag: str) -> str:
    return tag.lower()


def _original(entry: Entry) -> str:
    if entry.note.startswith(NOTE_PREFIX):
        return entry.note[len(NOTE_PREFIX) :]
    first = entry.rows[0].forms if entry.rows else {}
    return first.get("en") or (first.get(entry.origin, "") if entry.origin else "")


def entry_rules(entry: Entry) -> list[Rule]:
    """The MediaWiki rules that make ``entry`` convert as termloc converts it.

    The first two-way row and every one-way row make one rule; each further
    two-way row makes its own. A row's first admitted or deprecated Chinese
    form is written as ``zh:`` (MediaWiki's unconverted text: an input
    only); further ones repeat the row's forms with their own ``zh:``.
    """
    rules: list[Rule] = []
    one_way: dict[str, dict[str, str]] = {}
    for row in entry.rows:
        if row.one_way:
            for tag, target in row.forms.items():
                if tag.startswith("zh-"):
                    for source in row.one_way:
                        one_way.setdefault(_code(tag), {})[source] = target
    for row in entry.rows:
        if row.one_way:
            continue
        forms = {_code(tag): text for tag, text in row.forms.items() if tag.startswith("zh-")}
        if not forms:
            continue
        inputs = [text for tag, text, _ in _status_forms(row) if tag.startswith("zh-")]
        first = {SOURCE_VIEW: inputs[0], **forms} if inputs else forms
        rules.append(Rule(first, one_way if not rules else {}))
        rules.extend(Rule({SOURCE_VIEW: text, **forms}) for text in inputs[1:])
    if not rules and one_way:
        rules.append(Rule({}, one_way))
    return rules


def _status_forms(row: Row) -> list[tuple[str, str, str]]:
    return [
        (tag, text, status)
        for status, forms in (("admitted", row.admitted), ("deprecated", row.deprecated))
        for tag, texts in forms.items()
        for text in texts
    ]


def group_module(groups: Sequence[Group], name: str, description: str = "") -> tuple[str, list[str]]:
    """``groups`` as one ``Module:CGroup/<name>`` page, and what could not be written.

    With more than one group, each starts with a heading item.
    """
    lines = [
        f"-- Module:CGroup/{name}",
        "-- Written by termloc (termloc export cgroup) from its glossary"
        + (f": group {groups[0].name}." if len(groups) == 1 else f": groups {', '.join(g.name for g in groups)}."),
        "return {",
        f"\tname = {lua_string(name)},",
        f"\tdescription = {lua_string(description)},",
        "\tcontent = {",
    ]
    skipped: list[str] = []
    for group in groups:
        if len(groups) > 1:
            lines.append(f"\t\t{{ type = 'text', text = {lua_string(f'== {group.name} ==')} }},")
        for entry in group.entries:
            rules = entry_rules(entry)
            if not rules:
                skipped.append(f"{entry.id}: no Chinese form to convert")
                continue
            original = _original(entry)
            for number, rule in enumerate(rules):
                try:
                    text = format_rule(rule)
                except ValueError as err:
                    skipped.append(f"{entry.id}: {err}")
                    continue
                shown = original if number == 0 else ""
                lines.append(f"\t\t{{ type = 'item', original = {lua_string(shown)}, rule = {lua_string(text)} }},")
    lines.extend(["\t},", "}"])
    return "\n".join(lines) + "\n", skipped
