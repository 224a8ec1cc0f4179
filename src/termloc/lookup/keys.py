"""Keys: every form and query reduced to one comparable string (see `termloc.lookup`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING

from termloc.core import scripts
from termloc.core.scripts import CYRILLIC

if TYPE_CHECKING:  # the glossary package (and YAML) is not imported on the cached path
    from termloc.core.han import CharTables

_NOT_KEY = re.compile(r"[\W_\u02b0-\u02ff]+")  # punctuation, spaces, ʼ ʻ (MR's apostrophes)
_MARKS = re.compile(f"(?<![{CYRILLIC}])[\u0300-\u036f]+")  # diacritics, except on Cyrillic (й)
_CYRILLIC_MARKED = re.compile(f"[{CYRILLIC}][\u0300-\u036f]")
_INITIAL_LAW = re.compile("[\u1102\u1105](?=[\u1163\u1164\u1167\u1168\u116d\u1172\u1175])")  # 리 녀 → 이 여


def normalise(text: str, fold: Mapping[int, int]) -> str:
    """The key of ``text``: what lookup compares (see the module's description)."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    if text.isascii():
        return _NOT_KEY.sub("", text)
    text = _MARKS.sub("", unicodedata.normalize("NFD", text))
    text = _CYRILLIC_MARKED.sub(lambda m: unicodedata.normalize("NFC", m.group()), text)
    text = _NOT_KEY.sub("", text).translate(fold)
    return _INITIAL_LAW.sub("\u110b", text).replace("\u1105", "\u1102")  # then 로 → 노


#: The scripts keys are filed under; any other letter is Zyyy.
_KEYED = frozenset({"Latn", "Hani", "Hang", "Cyrl"})


def script_of(key: str) -> str:
    """The ISO 15924 code of the key's first letter: Latn, Hani, Hang, Cyrl, or Zyyy."""
    for char in key:
        if not char.isalpha():
            continue
        found = scripts.script_of(char)
        return found if found in _KEYED else "Zyyy"
    return "Zyyy"


def grams(key: str) -> set[str]:
    """The key's character n-grams for fuzzy candidates (bigrams for Chinese)."""
    size = 2 if script_of(key) == "Hani" else 3
    padded = f"\x02{key}\x03"
    return {padded[i : i + size] for i in range(len(padded) - size + 1)}


def han_fold(tables: CharTables) -> dict[int, int]:
    """A `str.translate` table sending each Han character to one of its spellings.

    Characters that OpenCC's character tables link in any direction (朝鲜/朝鮮,
    钟/鍾/鐘) fall into one class, written as its lowest code point.
    """
    parent: dict[str, str] = {}

    def root(char: str) -> str:
        while parent.get(char, char) != char:
            char = parent[char]
        return char

    for table in (tables.st, tables.ts, tables.tw, tables.tw_rev, tables.hk, tables.hk_rev):
        for key, values in table.items():
            for value in values:
                if len(key) == 1 and len(value) == 1:
                    a, b = root(key), root(value)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
    return {ord(char): ord(root(char)) for char in parent if root(char) != char}
