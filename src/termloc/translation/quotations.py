"""Where a translation quotes its source's Chinese text (check P006).

A translation into a locale declared ``han: quoted`` (ru, en) or
``han: quoted-or-gloss`` (ko, ko-KP) may hold Chinese characters only

- in a **quoted original**: inside a pair of brackets or quotation marks —
  ``( ) （ ） [ ] 【 】 《 》 〈 〉 「 」 『 』 “ ” ‘ ’ « » „ “ " "`` — the
  innermost pair around the characters holds the source's own text, or the
  item holding them does (the text between the pair's marks and the
  separators ``, ; ， ； 、`` at that level): the text, after one of the
  locale's ``original_labels`` (원제:, original:), is written in the
  unit's source (its msgid) or in its original (the ``original:`` comment
  of the catalog), as is or in the other script: (원제: 普京开始访问朝鲜),
  (美国解密档案:1951年…), and the Korean names the lead cites,
  ``на корейском языке — 조선…-로씨야 관계, 朝鮮民主主義人民共和國로씨야關係;``;
- or, for ``quoted-or-gloss``, in a **hanja gloss**: parentheses right
  after a Hangul letter holding only Chinese characters: 조선어(朝鮮語).

Everything else is Chinese text left in the translation.

    >>> source = "人民网:普京开始访问朝鲜."
    >>> unquoted("인민망: 푸틴, 북한 방문 시작(원제: 普京开始访问朝鲜).", [source], ("원제",), gloss=True)
    []
    >>> unquoted("인민망: 普京 북한 방문 시작.", [source], ("원제",), gloss=True)
    ['普京']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from termloc.core.scripts import HAN, HANGUL

__all__ = ["Group", "groups", "unquoted"]

#: Each opening mark and the mark that closes it.
PAIRS = {
    "(": ")",
    "（": "）",
    "[": "]",
    "【": "】",
    "《": "》",
    "〈": "〉",
    "「": "」",
    "『": "』",
    "“": "”",
    "‘": "’",
    "«": "»",
    "„": "“",
    '"': '"',
}
_CLOSERS = set(PAIRS.values())
#: What separates the items of a list inside a pair (names in several languages).
_SEPARATORS = ",;，；、"
_HAN_RUN = re.compile(f"[{HAN}]+")
_IS_HAN = re.compile(f"[{HAN}]")
_IS_HANGUL = re.compile(f"[{HANGUL}]")
_GLOSS = re.compile(f"[{HAN}\\s·]+")


@dataclass(frozen=True)
class Group:
    """A pair of brackets or quotation marks: the indices of its opening and closing marks."""

    start: int
    end: int

    def holds(self, index: int) -> bool:
        """True if ``index`` is inside the pair (between its marks)."""
        return self.start < index < self.end


def groups(text: str) -> list[Group]:
    """Every closed pair of ``text``; a mark left unclosed, or closing nothing, is plain text.

    >>> [text[g.start : g.end + 1] for text in ["环球网:朝苏(俄)关系 (a “b”)"] for g in groups(text)]
    ['(俄)', '“b”', '(a “b”)']
    """
    open_marks: list[tuple[str, int]] = []
    found = []
    for index, char in enumerate(text):
        if open_marks and char == PAIRS[open_marks[-1][0]]:
            found.append(Group(open_marks.pop()[1], index))
        elif char in PAIRS:
            open_marks.append((char, index))
        elif char in _CLOSERS:
            # It closes an outer pair: the ones opened inside it stay unclosed.
            for depth in range(len(open_marks) - 1, -1, -1):
                if PAIRS[open_marks[depth][0]] == char:
                    found.append(Group(open_marks[depth][1], index))
                    del open_marks[depth:]
                    break
    return found


def _item(text: str, group: Group, inner: list[Group], index: int) -> str:
    """The item of ``group``'s list that holds ``index``: between separators at the group's own level."""
    level = list(text)
    for nested in inner:
        for position in range(nested.start, nested.end + 1):
            level[position] = "\0"
    start = max((p for p in range(group.start + 1, index) if level[p] in _SEPARATORS), default=group.start)
    end = min((p for p in range(index, group.end) if level[p] in _SEPARATORS), default=group.end)
    return text[start + 1 : end]


def _unlabelled(text: str, labels: Sequence[str]) -> str:
    """``text`` without a leading label (원제: …, original: …) and the space around it."""
    text = text.strip()
    for label in sorted(labels, key=len, reverse=True):
        match = re.match(rf"{re.escape(label)}\s*[:：]?\s*", text, re.IGNORECASE)
        if match and match.end() < len(text):
            return text[match.end() :].strip()
    return text


def _quoted(
    text: str, index: int, all_groups: list[Group], quotes: Callable[[str], bool], labels: Sequence[str]
) -> bool:
    """True if the character at ``index`` stands in a quoted original."""
    around = [g for g in all_groups if g.holds(index)]
    if not around:
        return False
    group = min(around, key=lambda g: g.end - g.start)
    inner = [g for g in all_groups if group.holds(g.start) and g != group]
    candidates = (text[group.start + 1 : group.end], _item(text, group, inner, index))
    return any(quotes(_unlabelled(candidate, labels)) for candidate in candidates)


def _glossed(text: str, index: int, all_groups: list[Group]) -> bool:
    """True if the character at ``index`` is in a hanja gloss: (朝鮮語) right after a Hangul letter."""
    for group in all_groups:
        if (
            group.holds(index)
            and text[group.start] in "(（"
            and group.start > 0
            and _IS_HANGUL.match(text[group.start - 1])
            and _GLOSS.fullmatch(text[group.start + 1 : group.end])
        ):
            return True
    return False


def unquoted(
    text: str,
    sources: Sequence[str],
    labels: Sequence[str] = (),
    *,
    gloss: bool = False,
    same: Callable[[str], str] | None = None,
) -> list[str]:
    """The runs of Chinese characters of ``text`` that are neither a quoted original nor a gloss.

    ``sources``: the unit's source texts (msgid, original); ``same``: a
    script conversion that makes a quotation in the other script match
    (the Simplified spelling of both).
    """
    if not _IS_HAN.search(text):
        return []
    all_groups = groups(text)
    folded = [same(s) for s in sources] if same else []

    def quotes(candidate: str) -> bool:
        if not candidate:
            return False
        if any(candidate in source for source in sources):
            return True
        return same is not None and any(same(candidate) in source for source in folded)

    # A run holds no marks or separators: its characters share their pair and item.
    found = [
        run.group()
        for run in _HAN_RUN.finditer(text)
        if not _quoted(text, run.start(), all_groups, quotes, labels)
        and not (gloss and _glossed(text, run.start(), all_groups))
    ]
    return list(dict.fromkeys(found))
