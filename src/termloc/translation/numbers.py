"""The numbers a text writes, with their values (check P004): 1万 and 10 тыс. are both 10000.

A number is a run of digits with a locale's thousands separators read
(10,000; 10 000 with a space, a no-break, thin, narrow or figure space) and
its decimal comma or point (45,5 and 45.5 are one number), optionally
followed by a word of the locale's compact number formats in CLDR, as Babel
holds them: 万 亿 (萬 億) in Chinese, 천 만 억 in Korean, тыс. млн млрд and
тысяча/тысячи/тысяч, миллион ... in Russian, K M B and thousand, million,
billion in English. Its value is the digits times the word's multiplier.
Numbers written in words (ten thousand, двухмиллионный) are not read.

    >>> [str(n.value) for n in numbers("1万名士兵", compact_words("zh_Hans"))]
    ['10000']
    >>> [(n.text, str(n.value)) for n in numbers("10 тыс. солдат, 45,5 %", compact_words("ru_RU"))]
    [('10 тыс.', '10000'), ('45.5', '45.5')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["Number", "compact_words", "merged_words", "normalise_separators", "numbers"]

#: The spaces locales group thousands with: space, no-break, thin, narrow no-break, figure.
_GROUP_SPACES = " \u00a0\u2009\u202f\u2007"
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Number:
    """One number of a text: as written (separators read), and its value."""

    #: The digits, with a compact-number word if one follows (``1万``, ``10 тыс.``, ``1961``).
    text: str
    #: The digits alone, separators read (``1``, ``10``, ``1961``).
    digits: str
    #: The digits times the word's multiplier.
    value: Decimal
    #: True if a compact-number word multiplied the digits.
    scaled: bool = False

    @property
    def shown(self) -> str:
        """The number as a message names it: ``10000``, or ``1万 (10000)``."""
        value = format(self.value.normalize(), "f")
        return f"{self.text} ({value})" if self.scaled else self.digits


def normalise_separators(text: str) -> str:
    """``text`` with thousands separators dropped and a decimal comma as a point (10,000 → 10000, 45,5 → 45.5)."""
    text = re.sub(f"(?<=\\d)[{_GROUP_SPACES}](?=\\d{{3}}(?!\\d))", "", text)
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)
    return re.sub(r"(?<=\d),(?=\d)", ".", text)


@functools.lru_cache(maxsize=64)
def _compact_words(locale: str) -> tuple[tuple[str, Decimal], ...]:
    from babel import Locale

    found: dict[str, Decimal] = {}
    for width in Locale.parse(locale).compact_decimal_formats.values():
        for patterns in width.values():
            for key, pattern in patterns.items():
                written = str(getattr(pattern, "pattern", pattern))
                # CLDR quotes literal characters ('.'); the zeros are the digits shown.
                word = written.replace("'", "").replace("0", "").strip(_GROUP_SPACES)
                zeros = written.count("0")
                if word and zeros:
                    found[word] = Decimal(int(key)) / Decimal(10) ** (zeros - 1)
    return tuple(sorted(found.items()))


def compact_words(locale: str) -> dict[str, Decimal]:
    """CLDR's compact-number words of ``locale`` (a Babel locale) and the multiplier of each."""
    return dict(_compact_words(locale))


def merged_words(locales: Iterable[str]) -> dict[str, Decimal]:
    """The compact-number words of several locales (a Chinese source in either script)."""
    words: dict[str, Decimal] = {}
    for locale in locales:
        words.update(compact_words(locale))
    return words


@functools.lru_cache(maxsize=64)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    # A word of letters ends where a word does (10 тысяч, not 10 тысячелетий); 万 and 만 need no end (1만명).
    alternatives = [re.escape(w) + (r"(?!\w)" if w[-1].isalpha() and not _ideographic(w) else "") for w in words]
    scaled = f"(?:[{_GROUP_SPACES}]?(?P<word>{'|'.join(alternatives)}))?" if alternatives else ""
    return re.compile(f"(?P<digits>{_NUMBER.pattern}){scaled}")


def _ideographic(word: str) -> bool:
    """True for a Chinese or Korean word (no word boundary after it)."""
    return all(ord(char) > 0x2E80 for char in word)


def numbers(text: str, words: Mapping[str, Decimal]) -> list[Number]:
    """Every number of ``text``, each with its value under the compact-number ``words``."""
    ordered = tuple(sorted(words, key=lambda w: (-len(w), w)))
    found = []
    for match in _pattern(ordered).finditer(normalise_separators(text)):
        digits, word = match.group("digits"), match.group("word") if ordered else None
        if word:
            found.append(Number(match.group().strip(), digits, Decimal(digits) * words[word], scaled=True))
        else:
            found.append(Number(digits, digits, Decimal(digits)))
    return found
