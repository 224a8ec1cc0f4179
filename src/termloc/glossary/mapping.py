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
    #: True when the row comes from the reference termbase.
    reference: bool = False


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
    derived: dict[str, Claim] = {}  # script-converted spellings (script-only variants): any claim beats them
    for group in sorted(glossary.groups, key=lambda g: g.layer):  # the higher layer claims first
        for entry in group.entries:
            for row in entry.rows:
                form = row.chinese_form(variant, tables, name=entry.is_name)
                if form is None and variant.script_only and entry.is_name and not row.one_way:
                    _script_converted(derived, row, entry, group.layer, group.reference, variant, tables)
                    continue
                if form is None or not form.text:
                    continue
                claim = Claim(form.text, entry, row, group.layer, group.reference)
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
    for key, claim in derived.items():
        claims.setdefault(key, claim)
    shadows += _overlapped(claims, variant.tag, tables)
    return VariantMapping(variant.tag, claims, conflicts, shadows)


def _script_converted(
    claims: dict[str, Claim], row: Row, entry: Entry, layer: int, reference: bool, variant: Variant, tables: CharTables
) -> None:
    """A name row that does not name a script-only variant: each spelling it accepts is
    written in the variant's script, keeping the characters valid in both (朴成哲 in
    zh-Hant, not 樸成哲), and not regionalised (史達林 stays 史達林, 斯大林 stays 斯大林).
    A spelling another row claims keeps that claim (the caller merges these last)."""
    config = str(variant.derive_config)
    for source in row.chinese_inputs():
        if not source.text or any(c.isspace() for c in source.text):
            continue
        for key in tables.spellings(source.text):
            if key not in claims:
                output = tables.derive(key, variant.script, config, keep_shared=True)
                claims[key] = Claim(output, entry, row, layer, reference)


#: A lower layer's key ending in this many characters of a higher layer's key is dropped for it.
#: One is enough to break a term (Korea's 对朝 → 對北韓 in 对朝鲜 gives 對北韓鮮), and it costs
#: reference keys that only meet a glossary key by chance (艾慕杜華 before 華盛頓).
MIN_OVERLAP = 1


def _overlapped(claims: dict[str, Claim], variant: str, tables: CharTables) -> list[Conflict]:
    """Drop a lower layer's spellings that would undo a higher layer's choice.

    The longest key wins in OpenCC, whatever its layer, and matching runs
    left to right. So a lower layer's key must neither hold a higher layer's
    key whose output it does not keep (对北韩 would beat the glossary's 北韩
    and write the lower layer's form of it), nor end in the beginning of one
    and rewrite that end (对朝 → 對北韓 in 对朝鲜 would take 朝 away from the
    glossary's 朝鲜 and write 對北韓鮮; 特朗普 → 川普 keeps its 普). Both rules
    protect the glossaries named (their choices), from lower glossaries and
    from the reference; the reference's groups are left to the longest match
    among themselves, as MediaWiki does. Such a key is dropped, as a shadow
    of the higher layer's claim.
    """
    if len({claim.layer for claim in claims.values()}) < 2:
        return []
    reach: dict[str, int] = {}  # a glossary key or a beginning of one → the highest layer (lowest number) of such keys
    begins: dict[str, Claim] = {}  # a proper beginning of a glossary key → its claim
    for key, claim in sorted(claims.items(), key=lambda item: item[1].layer):
        if claim.reference:
            continue
        for end in range(1, len(key) + 1):
            reach.setdefault(key[:end], claim.layer)
        for end in range(1, len(key)):
            begins.setdefault(key[:end], claim)
    firsts = {piece[0] for piece in reach}  # a key none of whose characters begins a glossary key undoes nothing
    shadows: list[Conflict] = []
    for key, claim in list(claims.items()):
        if claim.layer == 0 or firsts.isdisjoint(key):
            continue
        higher = _undone(key, claim, claims, reach, begins, tables)
        if higher is not None:
            shadows.append(Conflict(key, higher, claim, variant))
            del claims[key]
    return shadows


def _undone(
    key: str,
    claim: Claim,
    claims: dict[str, Claim],
    reach: dict[str, int],
    begins: dict[str, Claim],
    tables: CharTables,
) -> Claim | None:
    """The higher layer's claim that ``key`` would undo, if any (run for every reference key: kept lean)."""
    layer, size = claim.layer, len(key)
    for start in range(size):
        for end in range(start + 1, size + 1):
            piece = key[start:end]
            if reach.get(piece, layer) >= layer:  # no higher glossary key is, or begins with, this piece
                break
            inner = claims.get(piece) if end - start < size else None
            if inner is not None and not inner.reference and inner.layer < layer and inner.output not in claim.output:
                return inner
        tail = key[start:]
        begun = begins.get(tail) if start and size - start >= MIN_OVERLAP else None
        if (
            begun is not None
            and begun.layer < layer
            and not any(claim.output.endswith(spelling) for spelling in tables.spellings(tail))
        ):
            return begun
    return None
