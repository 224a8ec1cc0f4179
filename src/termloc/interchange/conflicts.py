"""Settling conflicts between imported rules, by one stated rule.

Chinese Wikipedia's conversion groups are written one group at a time, for
the articles that use each; put together they disagree (赫鲁晓夫 is 赫魯曉夫 in
Hong Kong for two groups, 赫魯雪夫 for a third). termloc's glossary must be
unambiguous: one input spelling, one output per variant. So where imported
rules give one spelling two outputs in a variant, one output is kept:

1. an output the rule itself gives for the variant (its own form, or one
   reached through MediaWiki's fallback chain) beats one that termloc would
   derive by character conversion;
2. then the output given by more groups wins;
3. then the output of the group read first wins (groups are read in the
   order named, the files of a folder by name), and within a group the
   earlier rule.

Every other claim on that spelling is dropped: the losing rule no longer
converts that form (in every spelling) into that variant, and keeps all its
other conversions. `resolve` returns one `Conflict` per dropped form.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

__all__ = ["Claimant", "Conflict", "resolve"]


@dataclass
class Claimant:
    """One imported row: the spellings it accepts and its output per variant."""

    group: str
    #: Position in the import, for the last tie-break: (group, rule, row).
    order: tuple[int, int, int]
    inputs: tuple[str, ...]
    #: variant → (output, derived by character conversion?)
    outputs: dict[str, tuple[str, bool]]
    #: input form → the variants it lost in.
    lost: dict[str, set[str]] = field(default_factory=dict)

    def claims(self, form: str, variant: str) -> bool:
        """True if ``form`` still converts into ``variant``."""
        return variant not in self.lost.get(form, ())


@dataclass(frozen=True)
class Conflict:
    """A form a claimant no longer converts into a variant, and why."""

    variant: str
    key: str  # the spelling on which the outputs met
    claimant: Claimant
    form: str
    output: str  # what the claimant gave
    kept: str  # the output that won
    kept_by: tuple[str, ...]  # the groups that give it


def resolve(
    claimants: Sequence[Claimant], variants: Sequence[str], spellings: Callable[[str], tuple[str, ...]]
) -> list[Conflict]:
    """Drop the losing claims (recorded in each `Claimant.lost`); return them."""
    prepared = [_Prepared(claimant, spellings) for claimant in claimants]
    conflicts: list[Conflict] = []
    for variant in variants:
        conflicts.extend(_resolve_variant(prepared, variant))
    return conflicts


class _Prepared:
    """A claimant with the spellings of its forms worked out once."""

    __slots__ = ("claimant", "forms", "keys")

    def __init__(self, claimant: Claimant, spellings: Callable[[str], tuple[str, ...]]) -> None:
        self.claimant = claimant
        self.forms = [(form, spellings(form)) for form in claimant.inputs]
        # Forms of one row often share their spellings (赫鲁晓夫, 赫魯曉夫): look each up once.
        self.keys = tuple(dict.fromkeys(key for _, keys in self.forms for key in keys))

    def live_keys(self, variant: str) -> tuple[str, ...]:
        lost = self.claimant.lost
        if not lost:
            return self.keys
        return tuple(
            dict.fromkeys(key for form, keys in self.forms if variant not in lost.get(form, ()) for key in keys)
        )


def _rank(holders: list[Claimant], variant: str) -> tuple[bool, int, tuple[int, int, int]]:
    """The conflict rule as a sort key: the smallest wins."""
    explicit = any(not c.outputs[variant][1] for c in holders)
    return (not explicit, -len({c.group for c in holders}), min(c.order for c in holders))


def _resolve_variant(prepared: Sequence[_Prepared], variant: str) -> list[Conflict]:
    contested = _find_contested(prepared, variant)
    if not contested:
        return []
    claims = _collect_claims(prepared, variant, contested)
    conflicts: list[Conflict] = []
    # Sorted, so the result never hangs on set order: a claim dropped at one spelling is out at the next.
    for key in sorted(contested):
        conflicts.extend(_settle(key, claims[key], variant))
    return conflicts


def _find_contested(prepared: Sequence[_Prepared], variant: str) -> set[str]:
    """The spellings given two outputs in ``variant``, found cheaply."""
    seen: dict[str, str] = {}
    contested: set[str] = set()
    for item in prepared:
        given = item.claimant.outputs.get(variant)
        if given is None:
            continue
        output = given[0]
        setdefault = seen.setdefault
        for key in item.live_keys(variant):
            held = setdefault(key, output)
            if held is not output and held != output:
                contested.add(key)
    return contested


def _collect_claims(
    prepared: Sequence[_Prepared], variant: str, contested: set[str]
) -> dict[str, list[tuple[Claimant, str]]]:
    """Every live claim on each contested spelling: the claimant and its form."""
    claims: dict[str, list[tuple[Claimant, str]]] = {}
    for item in prepared:
        claimant = item.claimant
        if variant not in claimant.outputs or contested.isdisjoint(item.keys):
            continue
        for form, keys in item.forms:
            if claimant.claims(form, variant) and not contested.isdisjoint(keys):
                for key in keys:
                    if key in contested:
                        claims.setdefault(key, []).append((claimant, form))
    return claims


def _settle(key: str, claims: list[tuple[Claimant, str]], variant: str) -> list[Conflict]:
    """Keep one output for ``key`` by the conflict rule; drop the other claims and return them."""
    # A claim dropped at an earlier spelling of the same form no longer counts.
    live = [(claimant, form) for claimant, form in claims if claimant.claims(form, variant)]
    by_output: dict[str, list[Claimant]] = {}
    for claimant, _ in live:
        by_output.setdefault(claimant.outputs[variant][0], []).append(claimant)
    if len(by_output) < 2:
        return []

    kept = min(by_output, key=lambda output: _rank(by_output[output], variant))
    kept_by = tuple(dict.fromkeys(c.group for c in sorted(by_output[kept], key=lambda c: c.order)))
    conflicts: list[Conflict] = []
    for claimant, form in live:
        output = claimant.outputs[variant][0]
        if output != kept and claimant.claims(form, variant):
            claimant.lost.setdefault(form, set()).add(variant)
            conflicts.append(Conflict(variant, key, claimant, form, output, kept, kept_by))
    return conflicts
