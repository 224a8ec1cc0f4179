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
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from termloc.core import opencc_files

__all__ = ["CharTables", "ScriptRuns", "char_tables"]

#: The dictionaries read, by the name OpenCC gives them.
_DICTS = (
    "STCharacters",
    "TSCharacters",
    "TWVariants",
    "TWVariantsRev",
    "HKVariants",
    "HKVariantsRev",
)

#: OpenCC's config from Traditional to Simplified characters and phrases.
TO_SIMPLIFIED = "t2s"

#: At most this many spellings of one form go into the matching dictionary;
#: a longer name keeps its uniform spellings and single-character mixes.
MAX_SPELLINGS = 256


def _read(name: str) -> dict[str, tuple[str, ...]]:
    entries = opencc_files.read_dictionary(opencc_files.stock_dictionary(name))
    return {key: tuple(values.split(" ")) for key, values in entries.items()}


@dataclass(frozen=True)
class CharTables:
    """OpenCC's character tables, with the operations termloc builds on them."""

    st: dict[str, tuple[str, ...]]
    ts: dict[str, tuple[str, ...]]
    tw: dict[str, tuple[str, ...]]
    tw_rev: dict[str, tuple[str, ...]]
    hk: dict[str, tuple[str, ...]]
    hk_rev: dict[str, tuple[str, ...]]
    #: (script, config) that derive each Chinese variant's forms (``script``
    #: and ``derive_config`` in ``locales/``), in the variants' order: a long
    #: name's uniform spellings.
    derive_configs: tuple[tuple[str, str], ...] = (("Hans", TO_SIMPLIFIED),)
    _alternatives: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def to_traditional(self, text: str, config: str, *, keep_shared: bool = True) -> str:
        """The Traditional spelling of ``text``, for deriving a glossary form.

        OpenCC's own conversion with ``config`` (a variant's
        ``derive_config``: s2tw, s2hk), phrases included, so 朝鲜劳动党
        becomes 朝鮮勞動黨. With ``keep_shared`` (names of people and
        places), a character that is also valid Traditional (朴, 干, 于, 里:
        OpenCC lists it among its own candidates) stays as written:
        朴成哲, never 樸成哲.
        """
        converted = opencc_files.convert(opencc_files.converter(config), text)
        if not keep_shared or len(converted) != len(text):
            return str(converted)
        return "".join(
            original if original in self.st.get(original, ()) else new
            for original, new in zip(text, converted, strict=True)
        )

    def to_simplified(self, text: str, config: str = TO_SIMPLIFIED) -> str:
        """The Simplified spelling of ``text`` (OpenCC's t2s, phrases included)."""
        return opencc_files.convert(opencc_files.converter(config), text)

    def derive(self, text: str, script: str, config: str, *, keep_shared: bool = True) -> str:
        """``text`` in ``script`` (``Hans`` or ``Hant``) by ``config``: `to_traditional` or `to_simplified`."""
        if script == "Hant":
            return self.to_traditional(text, config, keep_shared=keep_shared)
        return self.to_simplified(text, config)

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
        """Every script-mixed spelling of ``form``, the form itself first.

        At most `MAX_SPELLINGS` of them, each made once: a long form costs time
        in proportion to its length, not to the number of its mixes.
        """
        choices = [self.alternatives(char) for char in form]
        count = 1
        for options in choices:
            count *= len(options)
            if count > MAX_SPELLINGS:
                break  # the exact number of a long form's mixes is a huge integer, and not needed
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
        for uniform in [self.derive(form, script, config) for script, config in self.derive_configs]:
            for base in (uniform, form):
                for spelling in _deviations(base, choices):
                    if spelling not in seen:
                        seen.add(spelling)
                        yield spelling
                        if len(seen) == MAX_SPELLINGS:
                            return


def _deviations(base: str, choices: list[tuple[str, ...]]) -> Iterator[str]:
    """``base`` with one character replaced by each of its ``choices``, position by position.

    A position with no other choice only gives ``base`` back: it is made once, where it
    first comes, and the other such positions are passed over without building a string.
    """
    emerges = next((i for i, options in enumerate(choices) if base[i : i + 1] in options), None)
    for i, options in enumerate(choices):
        if i != emerges and options == (base[i : i + 1],):
            continue
        for option in options:
            yield base[:i] + option + base[i + 1 :]


def _first(table: dict[str, tuple[str, ...]], char: str) -> str:
    return table.get(char, (char,))[0]


@cache
def char_tables() -> CharTables:
    """OpenCC's character tables, loaded once per process."""
    from termloc.core.variants import load_variants

    tables = {name: _read(name) for name in _DICTS}
    configs = [(v.script, v.derive_config) for v in load_variants().chinese if v.derive_config]
    return CharTables(
        st=tables["STCharacters"],
        ts=tables["TSCharacters"],
        tw=tables["TWVariants"],
        tw_rev=tables["TWVariantsRev"],
        hk=tables["HKVariants"],
        hk_rev=tables["HKVariantsRev"],
        derive_configs=tuple(dict.fromkeys(configs)),
    )


#: Where a run of text may end: after clause punctuation or a line break.
_CLAUSE_END = "，。！？；：、,!?;:\n"
#: What `ScriptRuns` marks each script's letters with.
_TRADITIONAL, _SIMPLIFIED = "\x01", "\x02"
#: The bits `ScriptRuns.split_vectorised` marks characters with: a script's letter, a clause's end, a line's.
_MARK_TRADITIONAL, _MARK_SIMPLIFIED, _MARK_END, _MARK_LINE = 1, 2, 4, 8
#: From this many characters on, `ScriptRuns.split` works on NumPy arrays.
VECTOR_MIN = 200_000


def _kind(marked: str) -> bool | None:
    """A clause's script from its marked letters: True Traditional, False Simplified, None neither."""
    if _SIMPLIFIED in marked:
        return False  # Simplified, or mixed: the Simplified path converts both scripts
    return True if _TRADITIONAL in marked else None


class ScriptRuns:
    """Cuts text into clauses written in Simplified and in Traditional.

    A clause (up to clause punctuation or a line break) is Traditional when it
    holds a Traditional-only character (one OpenCC's t2s changes: 灣, 敘)
    and no Simplified-only one (湾, 叙); Simplified when it holds a
    Simplified-only one (a mixed clause too: the Simplified path converts
    both scripts); a clause with neither (娘家, 下台: characters of both
    scripts) takes the script of the clause before it on the line, else
    after it, else Simplified. Consecutive clauses of one script form one run.

        >>> runs = ScriptRuns("灣敘", "湾叙")
        >>> runs.split("台湾很好。台灣的娘家，下台")
        [('台湾很好。', False), ('台灣的娘家，下台', True)]
    """

    def __init__(self, traditional: str, simplified: str) -> None:
        self.traditional = traditional
        self.simplified = simplified
        # One pass of str.translate marks each script's letters (a regular expression with a
        # character class of 3,800 letters, searched clause by clause, is 20 times slower).
        # The text's own marks are blanked first, so that they cannot pass for letters.
        own = {_TRADITIONAL: " ", _SIMPLIFIED: " "}
        self._marks = str.maketrans(own | {c: _TRADITIONAL for c in traditional} | {c: _SIMPLIFIED for c in simplified})
        self._clauses = re.compile(f"[^{re.escape(_CLAUSE_END)}]*[{re.escape(_CLAUSE_END)}]?")
        self._marks_table: Any = None

    @classmethod
    def of(cls, tables: CharTables) -> ScriptRuns:
        """The letters of OpenCC's character tables: what only one script writes."""
        traditional = "".join(sorted(c for c, v in tables.ts.items() if c not in v and len(c) == 1))
        simplified = "".join(sorted(c for c, v in tables.st.items() if c not in v and len(c) == 1))
        return cls(traditional, simplified)

    def split(self, text: str) -> list[tuple[str, bool]]:
        """``text`` as (run, is Traditional) pairs that concatenate to it.

        A text of `VECTOR_MIN` characters or more is split by `split_vectorised`, which
        gives the same runs eight times as fast and costs NumPy's import once a process;
        a shorter one by `split_looped`.
        """
        return self.split_vectorised(text) if len(text) >= VECTOR_MIN else self.split_looped(text)

    def split_looped(self, text: str) -> list[tuple[str, bool]]:
        """`split` by `str.translate` and a loop over the clauses: no import, quick on short texts.

        >>> ScriptRuns("灣敘", "湾叙").split_looped("台湾很好。台灣的娘家，下台")
        [('台湾很好。', False), ('台灣的娘家，下台', True)]
        """
        marked = text.translate(self._marks)
        has_traditional = _TRADITIONAL in marked
        if not has_traditional or _SIMPLIFIED not in marked:
            return [(text, has_traditional)] if text else []
        clauses = [c for c in self._clauses.findall(text) if c]
        kinds: list[bool | None] = []
        position = 0
        for clause in clauses:
            kinds.append(_kind(marked[position : position + len(clause)]))
            position += len(clause)
        self._settle(clauses, kinds)
        runs: list[tuple[str, bool]] = []
        for clause, kind in zip(clauses, kinds, strict=True):
            if runs and runs[-1][1] == kind:
                runs[-1] = (runs[-1][0] + clause, kind)
            else:
                runs.append((clause, bool(kind)))
        return runs

    def split_vectorised(self, text: str) -> list[tuple[str, bool]]:
        """`split`, with the letters marked and the clauses settled by NumPy arrays, not Python loops.

        Each character is looked up in a table of every code point (`_MARK_TRADITIONAL`,
        `_MARK_SIMPLIFIED`, `_MARK_END`, `_MARK_LINE` bits); a clause's bits are the OR of its
        characters'; an undecided clause takes the kind of the nearest decided clause before
        it on its line, else after it, else Simplified, as `_settle` does.

            >>> ScriptRuns("灣敘", "湾叙").split_vectorised("台湾很好。台灣的娘家，下台")
            [('台湾很好。', False), ('台灣的娘家，下台', True)]
        """
        import numpy as np

        marks = self._table()[np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)]
        has_traditional = bool((marks == _MARK_TRADITIONAL).any())
        if not has_traditional or not (marks == _MARK_SIMPLIFIED).any():
            return [(text, has_traditional)] if text else []
        starts = np.concatenate(([0], np.flatnonzero(marks & _MARK_END) + 1))
        if starts[-1] == len(text):
            starts = starts[:-1]
        bits = np.bitwise_or.reduceat(marks, starts)
        count, index = len(starts), np.arange(len(starts))
        kind = np.where(bits & _MARK_SIMPLIFIED, 0, np.where(bits & _MARK_TRADITIONAL, 1, -1))
        decided = kind >= 0
        ends_line = (bits & _MARK_LINE) != 0
        starts_line = np.concatenate(([True], ends_line[:-1]))
        ends_line[-1] = True
        line_first = np.maximum.accumulate(np.where(starts_line, index, 0))
        line_last = np.minimum.accumulate(np.where(ends_line, index, count)[::-1])[::-1]
        before = np.maximum.accumulate(np.where(decided, index, -1))
        after = np.minimum.accumulate(np.where(decided, index, count)[::-1])[::-1]
        settled = np.zeros(count, dtype=np.int8)
        from_after = ~decided & (after <= line_last)
        settled[from_after] = kind[after[from_after]]
        from_before = ~decided & (before >= line_first)
        settled[from_before] = kind[before[from_before]]
        settled[decided] = kind[decided]
        change = np.flatnonzero(settled[1:] != settled[:-1]) + 1
        bounds = [0, *starts[change].tolist(), len(text)]
        kinds = [bool(settled[0]), *(bool(k) for k in settled[change].tolist())]
        return [(text[a:b], k) for (a, b), k in zip(itertools.pairwise(bounds), kinds, strict=True)]

    def _table(self) -> Any:
        """The mark of every code point for `split_vectorised`, made on first use (1.1 MB)."""
        if self._marks_table is None:
            import numpy as np

            table = np.zeros(0x110000, dtype=np.uint8)
            for letters, mark in (
                (self.traditional, _MARK_TRADITIONAL),
                (self.simplified, _MARK_SIMPLIFIED),
                (_CLAUSE_END, _MARK_END),
                ("\n", _MARK_END | _MARK_LINE),
            ):
                table[[ord(c) for c in letters]] = mark
            self._marks_table = table
        return self._marks_table

    @staticmethod
    def _settle(clauses: list[str], kinds: list[bool | None]) -> None:
        """Give each undecided clause the script of its line's neighbour (before, else after)."""
        for forward in (True, False):
            order = range(len(kinds)) if forward else range(len(kinds) - 1, -1, -1)
            last: bool | None = None
            for i in order:
                if forward and i and clauses[i - 1].endswith("\n"):
                    last = None
                if not forward and clauses[i].endswith("\n"):
                    last = None
                if kinds[i] is None:
                    kinds[i] = last
                else:
                    last = kinds[i]
        for i, kind in enumerate(kinds):
            if kind is None:
                kinds[i] = False
