"""The glossary's data model: entries, term rows and forms.

A concept `Entry` has one or more `Row` s; a row aligns one form per language
tag (a full name in one row, a short name in another) with its admitted
alternatives and deprecated forms. Chinese forms resolve per variant through
the fallback chain, and are derived from the other script where a row gives
none (see `Row.chinese_form`). A one-way row (MediaWiki's ``A=>zh-tw:B``)
converts only its ``from`` forms, and only into the variants it names.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from termloc.core.han import CharTables
from termloc.core.variants import Variant

__all__ = ["KINDS", "Entry", "Form", "Glossary", "Group", "Row", "Status", "VariantForms"]

#: The kinds of concept an entry may be.
KINDS = ("person", "place", "state", "organisation", "event", "document", "object", "language", "term")

Status = Literal["preferred", "admitted", "deprecated"]


@dataclass(frozen=True)
class Form:
    """One written form of a term in one language tag."""

    text: str
    tag: str
    status: Status = "preferred"
    #: The tag the form was taken from (differs from ``tag`` after fallback).
    source_tag: str = ""
    #: True when the form was derived by character conversion, not written.
    derived: bool = False


@dataclass(frozen=True)
class VariantForms:
    """What a text in one variant or locale writes for a row: its preferred form
    (None where the row gives the variant none), and the forms admitted and
    deprecated there."""

    preferred: Form | None
    admitted: tuple[str, ...] = ()
    deprecated: tuple[str, ...] = ()


@dataclass(frozen=True)
class Row:
    """One aligned set of forms: a full name, a short name, ..."""

    forms: Mapping[str, str]
    admitted: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    deprecated: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    line: int = 0
    #: The line of each tag's form (or of its admitted/deprecated list).
    lines: Mapping[str, int] = field(default_factory=dict, compare=False)
    #: A one-way row's input forms (MediaWiki's ``A=>zh-tw:B``); empty for
    #: an ordinary, two-way row.
    one_way: tuple[str, ...] = ()

    def line_of(self, tag: str) -> int:
        """The line a tag's form is written on (the row's line if unknown)."""
        return self.lines.get(tag, self.line)

    def chinese_form(self, variant: Variant, tables: CharTables, *, name: bool = True) -> Form | None:
        """The preferred form of this row for a Chinese ``variant``.

        The row's own form for the variant, else the first one along the
        fallback chain; where the row gives no form in the variant's script at
        all, one derived from the other script (for a ``name`` of a person
        or place, keeping characters valid in both scripts: 朴成哲). A
        one-way row has a form only for the variants it names: no fallback,
        no derivation; nor has a script-only variant (zh-Hans, zh-Hant, as
        MediaWiki's), where the text is script-converted instead
        (`termloc.glossary.mapping`).
        """
        if self.one_way or variant.script_only:
            text = self.forms.get(variant.tag)
            return None if text is None else Form(text, variant.tag, source_tag=variant.tag)
        for tag in variant.chain:
            if tag in self.forms:
                return Form(self.forms[tag], variant.tag, source_tag=tag)
        base_tag = next((t for t in self.forms if t.startswith("zh-")), None)
        if base_tag is None:
            return None
        text = tables.derive(self.forms[base_tag], variant.script, str(variant.derive_config), keep_shared=name)
        return Form(text, variant.tag, source_tag=base_tag, derived=True)

    def forms_for(self, variant: Variant, tables: CharTables, *, name: bool = True) -> VariantForms:
        """The row's forms in ``variant``, as translations into it are checked: a Chinese
        variant's preferred form by `chinese_form`, its admitted and deprecated forms
        along its fallback chain; another locale's only under its own tag."""
        if variant.is_chinese:
            preferred = self.chinese_form(variant, tables, name=name)
            tags = variant.chain
        else:
            text = self.forms.get(variant.tag)
            preferred = None if text is None else Form(text, variant.tag, source_tag=variant.tag)
            tags = (variant.tag,)
        admitted = tuple(a for t in tags for a in self.admitted.get(t, ()))
        deprecated = tuple(d for t in tags for d in self.deprecated.get(t, ()))
        return VariantForms(preferred, admitted, deprecated)

    def all_forms(self) -> Iterator[Form]:
        """Every form written in the row: preferred, admitted, deprecated.

        A one-way row's ``from`` forms come last, as admitted forms of tag
        ``zh`` (Chinese in no particular variant).
        """
        for tag, text in self.forms.items():
            yield Form(text, tag, "preferred", tag)
        for tag, texts in self.admitted.items():
            for text in texts:
                yield Form(text, tag, "admitted", tag)
        for tag, texts in self.deprecated.items():
            for text in texts:
                yield Form(text, tag, "deprecated", tag)
        for text in self.one_way:
            yield Form(text, "zh", "admitted", "zh")

    def chinese_inputs(self) -> Iterator[Form]:
        """Every Chinese form the row accepts on input (a one-way row: its ``from`` forms)."""
        if self.one_way:
            return (form for form in self.all_forms() if form.tag == "zh")
        return (form for form in self.all_forms() if form.tag.startswith("zh-"))


@dataclass(frozen=True)
class Entry:
    """A concept: a person, a place, a state, a term ..."""

    id: str
    kind: str
    rows: tuple[Row, ...]
    sources: tuple[str, ...]
    note: str = ""
    origin: str | None = None
    group: str = ""
    file: str = ""
    line: int = 0

    @property
    def is_name(self) -> bool:
        """True for people and places, whose characters derive conservatively."""
        return self.kind in ("person", "place")


@dataclass(frozen=True)
class Group:
    """A glossary file: a named set of entries, like a conversion group."""

    name: str
    title: Mapping[str, str]
    description: str
    file: str
    entries: tuple[Entry, ...]
    #: The glossary layer the file belongs to: 0 is the highest (the first
    #: glossary named), and a higher layer's form shadows a lower one's.
    layer: int = 0
    #: True for a group of the reference termbase (`termloc.glossary.reference`).
    reference: bool = False


@dataclass(frozen=True)
class Glossary:
    """Every group loaded, in order: the highest layer's groups first."""

    groups: tuple[Group, ...] = ()

    @property
    def layers(self) -> tuple[Glossary, ...]:
        """The glossary as its layers, highest first (one glossary per layer number in use)."""
        numbers = sorted({group.layer for group in self.groups})
        return tuple(Glossary(tuple(g for g in self.groups if g.layer == n)) for n in numbers)

    @property
    def entries(self) -> tuple[Entry, ...]:
        """All entries of all groups, in file order."""
        return tuple(entry for group in self.groups for entry in group.entries)

    def entry(self, entry_id: str) -> Entry:
        """The entry with id ``entry_id``; `KeyError` if none."""
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise KeyError(entry_id)

    def select(self, names: list[str]) -> Glossary:
        """Only the groups named (in the order of the glossary)."""
        wanted = set(names)
        return Glossary(tuple(g for g in self.groups if g.name in wanted))

    def counts(self) -> tuple[int, int, int]:
        """(entries, rows, forms) — the figures ``glossary validate`` prints."""
        entries = self.entries
        rows = sum(len(e.rows) for e in entries)
        forms = sum(1 for e in entries for r in e.rows for _ in r.all_forms())
        return len(entries), rows, forms
