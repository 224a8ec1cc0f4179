"""Which glossary a command or an API call uses: files or folders, and some of their groups.

One value, checked in one place, passed from the command line to every layer
that loads or compiles a glossary:

- a path that does not exist is an `InputError` (exit 1), wherever it is named;
- a group that no file declares is a `UsageError` (exit 2) naming the groups
  there are; it is found when the glossary is loaded, and a compiled glossary
  or lookup index is only ever cached for a selection that loaded.

    >>> from termloc.glossary.selection import GlossarySelection
    >>> GlossarySelection.default(["people"]).load().groups[0].name
    'people'
    >>> GlossarySelection.default(["nonsense"]).load()
    Traceback (most recent call last):
      ...
    termloc.core.errors.UsageError: unknown glossary group 'nonsense'; the groups are events-and-documents, ...
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from termloc.core import resources
from termloc.core.errors import GlossaryError, InputError, UsageError

if TYPE_CHECKING:
    from termloc.core.variants import VariantRegistry
    from termloc.glossary.model import Glossary

__all__ = ["GlossarySelection"]


@dataclass(frozen=True)
class GlossarySelection:
    """Glossary files or folders, in the order named, the groups to keep (None: all), and the
    reference groups below them (`termloc.glossary.reference`), each a layer of its own.

    ``topical``: the reference is on (``auto`` or groups named, even when a
    text chose none), so OpenCC's computing phrases apply only with the
    reference's computing groups (`termloc.glossary.phrases`)."""

    paths: tuple[Path, ...]
    groups: tuple[str, ...] | None = None
    reference: tuple[str, ...] = ()
    topical: bool = False

    @classmethod
    def default(cls, groups: Iterable[str] | None = None) -> GlossarySelection:
        """termloc's own glossary (``glossary/``, packaged with the wheel)."""
        return cls((resources.glossary_dir(),), None if groups is None else tuple(groups))

    @classmethod
    def of(cls, paths: Iterable[str | Path], groups: Iterable[str] | None = None) -> GlossarySelection:
        """The glossary at ``paths``, limited to ``groups``."""
        return cls(tuple(Path(p) for p in paths), None if groups is None else tuple(groups))

    @classmethod
    def named(
        cls, glossary: GlossarySelection | Iterable[str | Path], groups: Iterable[str] | None = None
    ) -> GlossarySelection:
        """What an API's ``glossary`` and ``groups`` arguments name: a selection (its groups replaced by
        ``groups`` when given) or glossary paths."""
        if isinstance(glossary, GlossarySelection):
            return glossary if groups is None else glossary.with_groups(list(groups))
        return cls.of(glossary, groups)

    def with_groups(self, groups: Sequence[str] | None) -> GlossarySelection:
        """The same files with other groups (None: all of them)."""
        return replace(self, groups=None if groups is None else tuple(groups))

    def with_reference(self, groups: Sequence[str]) -> GlossarySelection:
        """The same glossary over other reference groups (none: no reference)."""
        return replace(self, reference=tuple(groups))

    def with_topics(self, topical: bool = True) -> GlossarySelection:
        """The same selection with the reference on (or off) for OpenCC's computing phrases."""
        return replace(self, topical=topical)

    def phrase_files(self) -> list[Path]:
        """The reference files the held phrases of a topical selection depend on (none otherwise)."""
        if not self.topical:
            return []
        from termloc.glossary.phrases import phrase_files
        from termloc.glossary.reference import reference

        return phrase_files(reference())

    def files(self) -> list[Path]:
        """The glossary's YAML files, in order; `InputError` for a path that does not exist."""
        for path in self.paths:
            if not path.exists():
                raise InputError(path, "no such glossary file or folder")
        return resources.glossary_files(self.paths)

    def reference_files(self) -> list[Path]:
        """The data files of the reference groups (none without them); `UsageError` for an unknown group."""
        if not self.reference:
            return []
        from termloc.glossary.reference import reference

        return reference().files(self.reference)

    def load(self, registry: VariantRegistry | None = None, *, check: bool = True) -> Glossary:
        """The selected glossary, validated (`GlossaryError`) and limited to its groups.

        ``check=False`` leaves out the ambiguity check (G006), which only
        conversion needs.
        """
        from termloc.glossary.validate import load_glossary

        self.files()
        self.reference_files()
        glossary, problems = load_glossary(list(self.paths), registry, check=check)
        if problems:
            raise GlossaryError(problems)
        own = self.select(glossary)
        if not self.reference:
            return own
        from termloc.glossary.model import Glossary
        from termloc.glossary.reference import reference

        below = reference().load(self.reference, first_layer=len(self.paths))
        return Glossary((*own.groups, *below.groups))

    def select(self, glossary: Glossary) -> Glossary:
        """``glossary`` limited to the selected groups; `UsageError` for a group it does not have."""
        if self.groups is None:
            return glossary
        known = [group.name for group in glossary.groups]
        unknown = [name for name in self.groups if name not in known]
        if unknown:
            raise UsageError(f"unknown glossary group {unknown[0]!r}; the groups are {', '.join(known)}")
        return glossary.select(list(self.groups))
