"""OmegaT's tab-separated glossaries: one ``.utf8`` file per target variant or locale.

OmegaT's TBX reader keys terms by the primary language subtag, so the
zh-TW and zh-HK forms of one term would merge; its own glossary format
(``GlossaryReaderTSV``) knows no language at all: a project reads every
file in its ``glossary/`` folder. So termloc writes one file per target,
and the translator puts the one for the project's target language there.

The format, as OmegaT reads it: UTF-8 for a ``.utf8`` file; a line is
``source TAB target TAB comment``; a line starting with ``#`` is a comment
(the first line is the ``-*- coding: utf-8 -*-`` comment OmegaT writes
itself); cells are trimmed. The source is the form the article's units
(zh-Hans, as the PO template and the XLIFF write them) show; the target is
what a translator into the locale writes, as ``po check`` reads it
(`termloc.glossary.model.Row.forms_for`): the preferred form, then the
admitted ones and the deprecated ones, each line's comment naming the entry
and the status (``vladimir-putin · preferred``,
``... · deprecated: do not use; write 普丁``).

    >>> from termloc.core.variants import load_variants
    >>> from termloc.core.han import char_tables
    >>> from termloc.glossary.model import Entry, Glossary, Group, Row
    >>> row = Row({"zh-Hans": "普京", "zh-TW": "普丁", "zh-HK": "普京"}, {"zh-TW": ("普廷",)})
    >>> entry = Entry("vladimir-putin", "person", (row,), ("x",))
    >>> glossary = Glossary((Group("people", {}, "", "", (entry,)),))
    >>> files, skipped = omegat_glossaries(glossary, load_variants(), char_tables())
    >>> print(files["termloc-zh-TW.utf8"].splitlines()[2:])
    ['普京\\t普丁\\tvladimir-putin · preferred', '普京\\t普廷\\tvladimir-putin · admitted']
    >>> print(files["termloc-zh-HK.utf8"].splitlines()[2:])
    ['普京\\t普京\\tvladimir-putin · preferred', '普京\\t普廷\\tvladimir-putin · admitted']
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from termloc.core.han import CharTables
from termloc.core.variants import Variant, VariantRegistry
from termloc.glossary.model import Entry, Glossary, Row

__all__ = ["HEADER", "SOURCE_VARIANT", "file_name", "omegat_glossaries", "source_form"]

#: The first line OmegaT itself writes into a new glossary (its magic comment names the encoding).
HEADER = "# Glossary in tab-separated format -*- coding: utf-8 -*-"
#: The variant the article's units are written in (`termloc.translation.units.SOURCE_VARIANT`,
#: which this layer cannot import).
SOURCE_VARIANT = "zh-Hans"
_UNFIT = ("\t", "\n", "\r")


def file_name(variant: Variant) -> str:
    """``termloc-<tag>.utf8``: OmegaT reads a ``.utf8`` glossary as UTF-8 whatever the system's encoding."""
    return f"termloc-{variant.tag}.utf8"


def source_form(row: Row, source: Variant, tables: CharTables, *, name: bool = True) -> str | None:
    """The form a zh-Hans unit shows for ``row``: its zh-Hans form, else the first along
    zh-Hans's fallbacks, else derived, as a regional variant would resolve it; a one-way
    row that names none of them, its first input (部份 of 部份 ⇒ zh-CN 部分)."""
    regional = dataclasses.replace(source, script_only=False)
    form = row.chinese_form(regional, tables, name=name)
    if form is None and row.one_way:
        return row.one_way[0]
    return form.text if form else None


def _lines(entry: Entry, source: Variant, target: Variant, tables: CharTables) -> Iterator[tuple[str, str, str]]:
    seen: set[tuple[str, str]] = set()
    for row in entry.rows:
        term = source_form(row, source, tables, name=entry.is_name)
        forms = row.forms_for(target, tables, name=entry.is_name)
        if term is None or forms.preferred is None:
            continue
        preferred = forms.preferred.text
        found = [(preferred, "preferred")] + [(text, "admitted") for text in forms.admitted]
        found += [(text, f"deprecated: do not use; write {preferred}") for text in forms.deprecated]
        for text, status in found:
            if (term, text) not in seen:
                seen.add((term, text))
                yield term, text, f"{entry.id} · {status}"


def omegat_glossaries(
    glossary: Glossary, registry: VariantRegistry, tables: CharTables
) -> tuple[dict[str, str], list[str]]:
    """(file name → text of each target's glossary, the lines OmegaT could not hold).

    A form holding a tab or a line break cannot stand in a cell: it is left
    out and named in the second list.
    """
    source = registry[SOURCE_VARIANT]
    files: dict[str, str] = {}
    skipped: list[str] = []
    for target in sorted(registry.values(), key=lambda v: v.order):
        if target.tag == source.tag:
            continue
        lines = [HEADER, f"# termloc glossary, {source.tag} to {target.tag} ({target.english_name}): source, target, "
                 "comment (entry id and status)"]  # fmt: skip
        count = 0
        for entry in glossary.entries:
            for cells in _lines(entry, source, target, tables):
                if any(mark in cell for cell in cells for mark in _UNFIT):
                    skipped.append(f"{entry.file}:{entry.line}: {entry.id}: a form with a tab or line break: left out")
                    continue
                lines.append("\t".join(cells))
                count += 1
        if count:
            files[file_name(target)] = "\n".join(lines) + "\n"
    return files, skipped
