"""Simplified and Traditional characters, one at a time.

termloc needs two character-level operations that OpenCC's converters do not
offer: every spelling of a name across scripts (so that 朝鮮勞動黨, 朝鲜劳动党
and 朝鮮劳动党 all match one glossary form), and the derivation of a
Traditional form from a Simplified one that keeps characters which are valid
in both scripts (朴 stays 朴 in 朴成哲; OpenCC writes 樸). Both are read from
OpenCC's own character dictionaries, dumped to text once per OpenCC version.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from termloc.core import resources
from termloc.core.errors import TermlocError

__all__ = ["CharTables", "char_tables", "dump_dictionary"]

#: The dictionaries read, by the name OpenCC gives them.
_DICTS = (
    "STCharacters",
    "TSCharacters",
    "TWVariants",
    "TWVariantsRev",
    "HKVariants",
    "HKVariantsRev",
)

#: At most this many spellings of one form go into the matching dictionary;
#: a longer name keeps its uniform spellings and single-character mixes.
MAX_SPELLINGS = 256


def _opencc_paths() -> tuple[Path, Path, str]:
    import opencc

    package = Path(opencc.__file__).resolve().parent
    return package / "clib" / "bin" / "opencc_dict", Path(opencc._opencc_share_dir), opencc.__version__


def _dump(name: str) -> Path:
    _, share, _ = _opencc_paths()
    return dump_dictionary(share / f"{name}.ocd2")


def dump_dictionary(ocd2: Path) -> Path:
    """A text dump of one of OpenCC's ``.ocd2`` dictionaries, made once."""
    tool, _, version = _opencc_paths()
    folder = resources.cache_dir() / f"opencc-{version}"
    name = ocd2.stem
    target = folder / f"{name}.txt"
    if target.is_file():
        return target
    if not tool.is_file():
        raise TermlocError(f"OpenCC's dictionary tool is missing at {str(tool)!r}; reinstall the 'opencc' package")
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    os.close(fd)
    try:
        subprocess.run(
            [str(tool), "-i", str(ocd2), "-o", tmp, "-f", "ocd2", "-t", "text"],
            check=True,
            capture_output=True,
        )
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def _read(path: Path) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            key, _, values = line.rstrip("\n").partition("\t")
            if key and values:
                table[key] = tuple(values.split(" "))
    return table


@dataclass(frozen=True)
class CharTables:
    """OpenCC's character tables, with the operations termloc builds on them."""

    st: dict[str, tuple[str, ...]]
    ts: dict[str, tuple[str, ...]]
    tw: dict[str, tuple[str, ...]]
    tw_rev: dict[str, tuple[str, ...]]
    hk: dict[str, tuple[str, ...]]
    hk_rev: dict[str, tuple[str, ...]]
    _alternatives: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def to_traditional(self, text: str, region: str | None = None, *, keep_shared: bool = True) -> str:
        """The Traditional spelling of ``text``, for deriving a glossary form.

        OpenCC's own conversion (s2tw, or s2hk for ``region="HK"``), phrases
        included, so 朝鲜劳动党 becomes 朝鮮勞動黨. With ``keep_shared``
        (names of people and places), a character that is also valid
        Traditional (朴, 干, 于, 里: OpenCC lists it among its own
        candidates) stays as written: 朴成哲, never 樸成哲.
        """
        converted = _converter("s2hk" if region == "HK" else "s2tw").convert(text)
        if not keep_shared or len(converted) != len(text):
            return str(converted)
        return "".join(
            original if original in self.st.get(original, ()) else new
            for original, new in zip(text, converted, strict=True)
        )

    def to_simplified(self, text: str) -> str:
        """The Simplified spelling of ``text`` (OpenCC's t2s, phrases included)."""
        return str(_converter("t2s").convert(text))

    def alternatives(self, char: str) -> tuple[str, ...]:
        """``char`` and every spelling of it in the other script, sorted."""
        known = self._alternatives.get(char)
        if known is not None:
            return known
        found = {char}
        frontier = [char]
        while frontier:
            current = frontier.pop()
            for table in (self.st, self.ts, self.tw, self.tw_rev, self.hk, self.hk_rev):
                other = _first(table, current)
                if other not in found:
                    found.add(other)
                    frontier.append(other)
        result = tuple(sorted(found))
        self._alternatives[char] = result
        return result

    def spellings(self, form: str) -> Iterator[str]:
        """Every script-mixed spelling of ``form``, the form itself first."""
        choices = [self.alternatives(char) for char in form]
        count = 1
        for options in choices:
            count *= len(options)
        yield form
        if count == 1:
            return
        if count <= MAX_SPELLINGS:
            for letters in itertools.product(*choices):
                spelling = "".join(letters)
                if spelling != form:
                    yield spelling
            return
        # Too many mixes: the uniform spellings and one-character deviations.
        seen = {form}
        for uniform in (self.to_simplified(form), self.to_traditional(form, "TW"), self.to_traditional(form, "HK")):
            for base in (uniform, form):
                for i, options in enumerate(choices):
                    for option in options:
                        spelling = base[:i] + option + base[i + 1 :]
                        if spelling not in seen:
                            seen.add(spelling)
                            yield spelling


@cache
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def _first(table: dict[str, tuple[str, ...]], char: str) -> str:
    return table.get(char, (char,))[0]


@cache
def char_tables() -> CharTables:
    """OpenCC's character tables, loaded once per process."""
    tables = {name: _read(_dump(name)) for name in _DICTS}
    return CharTables(
        st=tables["STCharacters"],
        ts=tables["TSCharacters"],
        tw=tables["TWVariants"],
        tw_rev=tables["TWVariantsRev"],
        hk=tables["HKVariants"],
        hk_rev=tables["HKVariantsRev"],
    )
