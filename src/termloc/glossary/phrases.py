"""OpenCC's Taiwan and mainland computing phrases as a topic: applied with the reference's computing groups.

OpenCC's tw2sp (termloc's zh-CN) applies its list ``TWPhrasesRev`` to every
text, and most of it is Taiwan's computing vocabulary turned into the
mainland's; s2twp (zh-TW) applies ``TWPhrases``, the other way. Many of its
keys are also everyday mainland words, written with the same characters in
both scripts, so plain OpenCC damages mainland text itself: a Taipei court's
智慧财产 (intellectual property) becomes 智能财产,
程序正义 进程正义, an airport plan's 核心计划 内核计划, 运行 (of planets) 执行 and
the character 埠 (a wharf) 端口. Chinese Wikipedia holds the same words in its
computing groups, which apply only where a page names them. With the
reference on, termloc does the same: a phrase of the list of one or two
characters (`MAX_HELD`) whose key one of the groups ``reference/topics.yaml``
names as ``phrase_topics`` writes (in any variant) and no general group
writes (軟體 is in ``vital``: general use, so 軟體 → 软件 stays) is *held*,
unless it is one character for another (矽 / 硅: a regional character, not a
topic's word). A held phrase applies only when one of those groups is chosen
or named (a text about computing: `auto` chooses ``IT`` for a paragraph of
it); elsewhere its stage writes what it would without the list. Longer
phrases (解析度 → 分辨率, 正規表示式 → 正则表达式) are terms in any text and
always apply. With the reference off (``--no-reference``) the list applies as
OpenCC has it.

The other way, into zh-TW, ``TWPhrases`` is held alike: mainland text about
planets keeps its 运行 (運行, not 執行), a neighbourhood its 社区 (社區, not
社群), a file saved its 保存 (not 儲存), as Chinese Wikipedia's zh-tw view
writes them. Neither list holds the phrases of ``phrase_everywhere`` in
``topics.yaml``: the words MediaWiki's own tables convert in every text (激光 →
雷射, 鼠标 → 滑鼠 into zh-TW; 滑鼠 → 鼠标, 網路 → 网络 into zh-CN).
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache
from pathlib import Path

from termloc.core import opencc_files
from termloc.glossary.reference import Reference, reference

__all__ = ["HELD_FILES", "MAX_HELD", "held_phrases", "phrase_files"]

#: Held keys are of at most this many characters: the ordinary words that read otherwise outside computing
#: (程序, 项目, 核心, 智慧, 执行); a longer one (分辨率, 服务器, 正規表示式) is a term in any text.
MAX_HELD = 2
#: OpenCC's phrase lists held back by topic: ``TWPhrasesRev`` turns Taiwan's words into the mainland's,
#: ``TWPhrases`` the mainland's into Taiwan's.
HELD_FILES = ("TWPhrasesRev.ocd2", "TWPhrases.ocd2")


def phrase_files(ref: Reference) -> list[Path]:
    """The files the held phrases depend on (for the compiled config's digest)."""
    return [ref.folder / "topics.yaml", *ref.files([*ref.topics["phrase_topics"], *ref.topics["general"]])[1:]]


@cache
def _held(folder: Path) -> dict[str, frozenset[str]]:
    """For each held file, its keys that a phrase-topic group writes and no general group does."""
    ref = reference(folder)  # the groups it reads are read once a process, for the compile too
    to_traditional = opencc_files.open_config(opencc_files.stock_config("s2t"))

    def written(role: str) -> set[str]:
        """The forms of ``role``'s groups that could be held keys: of at most `MAX_HELD` characters."""
        entries = ref.load(ref.topics[role]).entries
        forms = sorted(
            {
                form
                for entry in entries
                for row in entry.rows
                for tag, form in row.forms.items()
                if tag.startswith("zh") and len(form) <= MAX_HELD
            }
        )
        return {*forms, *opencc_files.convert_many(to_traditional, forms)}  # OpenCC's keys are Traditional

    computing = written("phrase_topics") - written("general") - set(ref.topics["phrase_everywhere"])
    share = opencc_files.share_dir()
    held: dict[str, frozenset[str]] = {}
    for file in HELD_FILES:
        phrases = opencc_files.read_dictionary(share / file)
        held[file] = frozenset(
            key
            for key, value in phrases.items()
            if key in computing and len(key) <= MAX_HELD and _changes(key, value.split(" ")[0])
        )
    return held


def _changes(key: str, written: str) -> bool:
    """Whether holding the phrase ``key`` → ``written`` can change a text: not where OpenCC writes the key
    itself first (訪問 → 訪問 存取: the entry only offers another reading, which a review shows),
    nor one character for another (矽 / 硅: a regional character, not a topic's word)."""
    return written != key and not len(key) == len(written) == 1


def held_phrases(ref: Reference, chosen: Collection[str]) -> dict[str, frozenset[str]]:
    """For each held file, the keys to hold back when the groups ``chosen`` apply: none when one of
    them is a phrase-topic group (the text is about computing), else every held key.

    >>> from termloc.glossary.reference import reference
    >>> held = held_phrases(reference(), ["People", "地名"])
    >>> sorted(key for key in ("智慧", "核心", "程序", "埠", "矽") if key in held["TWPhrasesRev.ocd2"])
    ['埠', '智慧', '核心', '程序']
    >>> "滑鼠" in held["TWPhrasesRev.ocd2"], "軟體" in held["TWPhrasesRev.ocd2"], "解析度" in held["TWPhrasesRev.ocd2"]
    (False, False, False)
    >>> sorted(key for key in ("運行", "社區", "項目", "激光", "鼠標") if key in held["TWPhrases.ocd2"])
    ['社區', '運行', '項目']
    >>> held_phrases(reference(), ["IT"])["TWPhrases.ocd2"]
    frozenset()
    """
    if set(chosen) & set(ref.topics["phrase_topics"]):
        return {file: frozenset() for file in HELD_FILES}
    return _held(ref.folder)
