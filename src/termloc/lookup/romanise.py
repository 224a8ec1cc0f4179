"""Latin spellings of Korean and Russian forms, so that lookup finds them.

A reader meets 김정일 as "Kim Chong-il" (McCune–Reischauer, the system of
most older and North Korea-related English texts), "Gim Jeong-il" (Revised
Romanization, South Korea's standard) or "Kim Jong Il"; and Хрущёв as
"Khrushchyov", "Khrushchev", "Hruščëv" or, in French, "Khrouchtchev".

- Revised Romanization comes from koroman, which applies the standard
  pronunciation rules (독립문 → dongnimmun, 신라 → silla).
- McCune–Reischauer is implemented here: no maintained Python library
  offers it. The rules are the ones that decide the letters of names:
  voicing between voiced sounds (정일 → chŏngil, 김대중 → Kim Tae-jung),
  aspirates with an apostrophe, ŏ and ŭ, finals carried over a vowel,
  nasal and lateral assimilation (독립 → tongnip, 신라 → silla,
  조선로동당 → chosŏllodongdang) and the palatalisation of ㄷ/ㅌ before 이.
  Personal names follow the MR convention: surname, then the given name
  with its syllables hyphenated and no assimilation across them (박성철 →
  Pak Sŏng-ch'ŏl); the surname 이 is written Yi, as the Library of
  Congress's MR-based rules do.
- Russian comes from iuliia's schemes.

Every function is pure and deterministic: lookup's index stores which
scheme made a key, and re-derives the text to show it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from termloc.core.scripts import CYRILLIC, HANGUL_SYLLABLES

__all__ = ["KOREAN_SCHEMES", "RUSSIAN_SCHEMES", "SCHEMES", "is_korean", "korean", "romanisations", "russian"]

#: Korean schemes: code → name.
KOREAN_SCHEMES = {"rr": "Revised Romanization", "mr": "McCune–Reischauer"}

#: Russian schemes, by iuliia's schema name → the name shown.
RUSSIAN_SCHEMES = {
    "wikipedia": "Wikipedia",
    "bgn_pcgn": "BGN/PCGN",
    "icao_doc_9303": "ICAO Doc 9303 (passports)",
    "ala_lc": "ALA-LC",
    "iso_9_1968": "ISO 9:1968",
    "scientific": "scientific transliteration",
    "mosmetro": "Moscow Metro",
    "mvd_310_fr": "MVD 310 (French)",
}

#: Every scheme: code → name shown (codes are stable: the index stores them).
SCHEMES = {**KOREAN_SCHEMES, **RUSSIAN_SCHEMES}

_HANGUL = re.compile(f"[{HANGUL_SYLLABLES}]+")

# McCune–Reischauer letters, by the jamo indices of Unicode's syllable block.
_VOWELS = ("a", "ae", "ya", "yae", "ŏ", "e", "yŏ", "ye", "o", "wa", "wae",
           "oe", "yo", "u", "wŏ", "we", "wi", "yu", "ŭ", "ŭi", "i")  # fmt: skip
#: Initials: ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ.
_INITIALS = ("k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch'", "k'", "t'", "p'", "h")
_VOICED = {0: "g", 3: "d", 7: "b", 12: "j"}
#: A final before a consonant, by its sound class.
_FINAL_CLASS = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l",
                "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t")  # fmt: skip
#: A final carried over to a following vowel.
_FINAL_LINKED = ("", "g", "kk", "ks", "n", "nj", "n", "d", "r", "lg", "lm", "lb", "ls", "lt'", "lp'", "r",
                 "m", "b", "ps", "s", "ss", "ng", "j", "ch'", "k'", "t'", "p'", "")  # fmt: skip
_NASAL = {"k": "ng", "t": "n", "p": "m"}
_SILENT, _RIEUL, _NIEUN, _MIEUM, _HIEUT = 11, 5, 2, 6, 18
_MR_SURNAMES = {"이": "Yi"}


def _jamo(syllable: str) -> tuple[int, int, int]:
    code = ord(syllable) - 0xAC00
    return code // 588, (code % 588) // 28, code % 28


def _join(final: int, initial: int, vowel: int) -> tuple[str, str]:
    """The letters of a final and the next syllable's initial, in one word."""
    cls = _FINAL_CLASS[final]
    if initial == _SILENT:
        if vowel == 20 and final in (7, 25):  # 굳이 → kuji, 같이 → kach'i
            return "", "j" if final == 7 else "ch'"
        return _FINAL_LINKED[final], ""
    if final == 27 and initial in (0, 3, 12):  # 좋다 → chot'a
        return "", {0: "k'", 3: "t'", 12: "ch'"}[initial]
    if cls in ("k", "t", "p"):
        if initial in (_NIEUN, _MIEUM, _RIEUL):  # 독립 → tongnip, 입문 → immun
            return _NASAL[cls], "n" if initial == _RIEUL else _INITIALS[initial]
        if cls == "t" and initial == _HIEUT:  # 못하다 → mot'ada
            return "", "t'"
        return cls, _INITIALS[initial]
    if initial == _RIEUL:
        if cls in ("n", "l"):  # 신라 → silla
            return "l", "l"
        return cls, "r" if not cls else "n"  # 종로 → chongno
    if initial == _NIEUN and cls == "l":  # 설날 → sŏllal
        return "l", "l"
    return cls, _VOICED.get(initial, _INITIALS[initial])


def _mr_word(word: str) -> str:
    """One word (a run of Hangul syllables) in McCune–Reischauer."""
    parts: list[str] = []
    syllables = [_jamo(s) for s in word]
    for i, (initial, vowel, final) in enumerate(syllables):
        if i == 0:
            parts.append(_INITIALS[initial])
        parts.append(_VOWELS[vowel])
        if i + 1 < len(syllables):
            next_initial, next_vowel, _ = syllables[i + 1]
            coda, onset = _join(final, next_initial, next_vowel)
            parts.append(coda + onset)
        else:
            parts.append(_FINAL_CLASS[final])
    return "".join(parts)


def _mr_given_name(name: str) -> str:
    """A given name: syllables hyphenated, voiced between voiced sounds only."""
    parts: list[str] = []
    previous = ""
    for i, syllable in enumerate(name):
        initial, vowel, final = _jamo(syllable)
        voiced = i > 0 and previous in ("", "n", "l", "m", "ng")
        onset = _VOICED.get(initial, _INITIALS[initial]) if voiced else _INITIALS[initial]
        previous = _FINAL_CLASS[final]
        parts.append(onset + _VOWELS[vowel] + previous)
    return "-".join(parts)


def _korean_name(text: str) -> tuple[str, str] | None:
    """(surname, given name) of a Hangul personal name such as 김정일."""
    if not 2 <= len(text) <= 4 or not _HANGUL.fullmatch(text):
        return None
    return text[0], text[1:]


@cache
def korean(text: str, scheme: str, *, name: bool = False) -> str:
    """``text`` with its Hangul romanised in ``scheme`` ("rr" or "mr").

    With ``name``, each word of two to four syllables is read as surname
    and given name (김정일 → Kim Chŏng-il, Gim Jeongil).
    """
    if name:
        words = text.split(" ")
        split = [_korean_name(word) for word in words]
        if all(parts is not None for parts in split):
            return " ".join(_name_word(parts, scheme) for parts in split if parts is not None)
    if scheme == "rr":
        import koroman

        return str(koroman.romanize(text, use_custom_dictionary=False))
    if scheme != "mr":
        raise ValueError(f"unknown Korean scheme {scheme!r}; expected one of {', '.join(KOREAN_SCHEMES)}")
    return _HANGUL.sub(lambda match: _mr_word(match.group()), text)


def _name_word(parts: tuple[str, str], scheme: str) -> str:
    surname, given = parts
    if scheme == "mr":
        family = _MR_SURNAMES.get(surname) or _mr_word(surname)
        return f"{family.capitalize()} {_mr_given_name(given).capitalize()}"
    import koroman

    options = {"use_custom_dictionary": False, "casing_option": "capitalize-word"}
    return f"{koroman.romanize(surname, **options)} {koroman.romanize(given, **options)}"


@cache
def _schema(name: str) -> Any:
    import iuliia

    return iuliia.schemas.get(name)


@cache
def russian(text: str, scheme: str) -> str:
    """``text`` (Cyrillic) transliterated with iuliia's ``scheme``."""
    if scheme not in RUSSIAN_SCHEMES:
        raise ValueError(f"unknown Russian scheme {scheme!r}; expected one of {', '.join(RUSSIAN_SCHEMES)}")
    schema = _schema(scheme)
    result = str(schema.translate(text))
    if _CYRILLIC.search(result):
        # Some schemes leave ё as it is (BGN/PCGN, ALA-LC, scientific): read it as е.
        result = str(schema.translate(text.replace("ё", "е").replace("Ё", "Е")))
    return result


_CYRILLIC = re.compile(f"[{CYRILLIC}]")


def is_korean(tag: str) -> bool:
    """True for a tag of the Korean language, of either state (``ko``, ``ko-KP``, ``ko-Kore-KR``)."""
    return tag.split("-")[0].lower() == "ko"


def romanisations(text: str, tag: str, *, name: bool = False) -> list[tuple[str, str]]:
    """Every (scheme code, Latin spelling) of a Korean or Russian form.

    Other tags have none. ``name`` marks a personal name (see `korean`).
    """
    if is_korean(tag):
        if not _HANGUL.search(text):
            return []
        return [(scheme, korean(text, scheme, name=name)) for scheme in KOREAN_SCHEMES]
    if tag == "ru" and _CYRILLIC.search(text):
        return [(scheme, russian(text, scheme)) for scheme in RUSSIAN_SCHEMES]
    return []
