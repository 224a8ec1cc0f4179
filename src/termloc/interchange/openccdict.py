"""The glossary as an OpenCC text dictionary, for a plain OpenCC user.

One line per input spelling, ``key<TAB>value``, sorted: every form of every
row, in every script-mixed spelling (so 朝鮮勞動黨 and 朝鲜劳动党 both match),
mapped to the row's preferred form for one variant — the same table termloc
compiles into its own configs. A user puts the file into their own OpenCC
config as a ``"type": "text"`` dictionary, in the ``segmentation`` group and
first in the first conversion stage's group (see the README).

OpenCC's text dictionaries separate values with spaces, so a form with a
space cannot be held: such lines are left out and reported.
"""

from __future__ import annotations

from termloc.core.han import CharTables
from termloc.core.variants import Variant
from termloc.glossary.mapping import variant_mapping
from termloc.glossary.model import Glossary

__all__ = ["opencc_dictionary"]


def opencc_dictionary(glossary: Glossary, variant: Variant, tables: CharTables) -> tuple[str, list[str]]:
    """The text dictionary of ``glossary`` for ``variant``, and the lines left out (as messages)."""
    table = variant_mapping(glossary, variant, tables).table()
    lines: list[str] = []
    skipped: list[str] = []
    for key in sorted(table):
        value = table[key]
        if not value or any(c.isspace() for c in key + value):
            skipped.append(f"{key!r} → {value!r}: OpenCC text dictionaries cannot hold white space")
            continue
        lines.append(f"{key}\t{value}\n")
    return "".join(lines), skipped
