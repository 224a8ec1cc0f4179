"""What the glossary does to text in one variant: input spelling → output.

Every Chinese form of a row (preferred, admitted or deprecated, in any
variant, in every script-mixed spelling) maps to the row's preferred form
for the target variant. Two rows of one layer that claim the same spelling
with different outputs are a conflict; validation reports them and the
compiler refuses them. A row of a higher layer shadows a lower layer's row
for the same spelling: that is no conflict, and the audit lists it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from termloc.core.han import CharTables
from termloc.core.variants import Variant
from termloc.glossary.model import Entry, Glossary, Row

__all__ = ["Claim", "Conflict", "VariantMapping", "variant_mapping"]


@dataclass(frozen=True)
class Claim:
    """A row's claim on an input spelling."""

    output: str
    entry: Entry
    row: Row
    #: The glossary layer of the row (0 is the highest).
    layer: int = 0


@dataclass(frozen=True)
class Conflict:
    """One spelling that two rows map to different outputs (``first`` holds it:
    same layer, a conflict; a higher layer, a shadow of ``second``)."""

    key: str
    first: Claim
    second: Claim
    variant: str


@dataclass(frozen=True)
class VariantMapping:
    """The glossary's input → output table for one Chinese variant."""

    variant: str
    claims: dict[str, Claim]
    conflicts: list[Conflict]
    #: Spellings a higher layer's row holds over a lower layer's, with another output.
    shadows: list[Conflict] = field(default_factory=list)

    def table(self) -> dict[str, str]:
        """Input spelling → output form."""
        return {key: claim.output for key, claim in self.claims.items()}


def variant_mapping(
    glossary: Glossary, variant: Variant, tables: CharTables, *, opencc_safe: bool = True
) -> VariantMapping:
    """Build the input → output table of ``glossary`` for ``variant``.

    With ``opencc_safe`` (for dictionaries), forms containing white space are
    left out: OpenCC cannot hold them, and validation allows them only in
    Latin-script forms, which OpenCC does not change anyway.
    """
    claims: dict[str, Claim] = {}
    conflicts: list[Conflict] = []
    shadows: list[Conflict] = []
    for group in sorted(glossary.groups, key=lambda g: g.layer):  # the higher layer claims first
        for entry in group.entries:
            for row in entry.rows:
                form = row.chinese_form(variant, tables, name=entry.is_name)
                if form is None or not form.text:
                    continue
                claim = Claim(form.text, entry, row, group.layer)
                for source in row.chinese_inputs():
                    if not source.text or (opencc_safe and any(c.isspace() for c in source.text)):
                        continue
                    for key in tables.spellings(source.text):
                        held = claims.get(key)
                        if held is None:
                            claims[key] = claim
                        elif held.output != claim.output and held.row is not row:
                            found = conflicts if held.layer == claim.layer else shadows
                            found.append(Conflict(key, held, claim, variant.tag))
    return VariantMapping(variant.tag, claims, conflicts, shadows)
