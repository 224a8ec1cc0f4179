"""Finding the glossary's forms in text: each term's output form for one variant."""

from __future__ import annotations

import re
from collections.abc import Iterator

from termloc.core.han import CharTables
from termloc.core.variants import Variant
from termloc.glossary.model import Entry, Glossary, Row

__all__ = ["TermIndex"]


class TermIndex:
    """The glossary's output forms for one variant, found in converted text."""

    def __init__(self, glossary: Glossary, variant: Variant, tables: CharTables) -> None:
        self.forms: dict[str, tuple[Entry, Row]] = {}
        for entry in glossary.entries:
            for row in entry.rows:
                form = row.chinese_form(variant, tables, name=entry.is_name)
                if form is not None and len(form.text) > 1 and not form.text.isascii():
                    self.forms.setdefault(form.text, (entry, row))
        keys = sorted(self.forms, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, keys))) if keys else None

    def find(self, text: str) -> Iterator[tuple[re.Match[str], Entry, Row]]:
        """Each glossary form in ``text``, leftmost-longest."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            entry, row = self.forms[match.group()]
            yield match, entry, row
