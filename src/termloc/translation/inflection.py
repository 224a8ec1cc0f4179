"""Finding a glossary form in a translation as the locale inflects it (check P001).

- Russian: each word of the form may take the endings of its own
  paradigm, read from how the form ends (`russian_word`): a noun in -а/-я,
  -ия, -о/-е, -ь, -й or a consonant, an adjective in -ый/-ий/-ой/-ая/-ое/-ые,
  a verb in -ть/-ться (past, present, participles, gerunds). The stem
  stays as written, so a different name with the same first letters does
  not pass (Сталин is not Сталинград, Ким Чен Ир is not Ким Чен Ын).
  Abbreviations (КНДР, СССР) and words of one or two letters stay as
  written; ё and е are one letter. The name of a place or state also
  passes as its relational adjective in -ский built on the name (Курск →
  Курская область, Пхеньян → пхеньянских, Япония → японский); irregular
  ones (Россия → российский, Корея → корейский) are other words.
- Ukrainian: any ending of up to four letters after the form's stem (it
  has no paradigms of its own yet).
- Korean: particles attach to the noun (푸틴은, 푸틴과); spacing varies.
- Chinese: the form itself.
- Other languages: the form at the start of a word (Putin's, not Rasputin).

    >>> matches_form("установить", "установившим с ней отношения", "ru")
    True
    >>> matches_form("Сталин", "в Сталинграде", "ru")
    False
"""

from __future__ import annotations

import functools
import re

__all__ = ["matches_form", "russian_word"]

_LETTER = "а-яё"
_VOWELS = "аеёиоуыэюя"
_RUSSIAN_WORD = re.compile(f"([{_LETTER}]+)", re.IGNORECASE)


def _table(row: str, *, zero: bool = False) -> tuple[str, ...]:
    """Endings as a paradigm table lists them, space-separated; ``zero``: the bare stem too (Путин)."""
    return (*row.split(), *([""] if zero else []))


#: An adjective's endings, every case, gender and number (долгая, долгой, долгую ...).
_ADJECTIVE = _table("ый ий ой ая яя ое ее ые ие ого его ому ему ым им ом ем ую юю ою ею ых их ыми ими ей")
#: A feminine noun in -а/-я (война, Россия: войны, России, Россию, Россией, войнам ...),
#: also a plural or genitive form ending in -ы/-и.
_FEMININE = _table("а я ы и е у ю ой ей ою ею ам ям ами ями ах ях й ов ев", zero=True)
#: A neuter noun in -о/-е (Косово, испытание: испытания, испытанием, испытании ...).
_NEUTER = _table("о е а я у ю ом ем и ы й ам ям ами ями ах ях", zero=True)
#: A noun in -ь (область: области, областью, областей ...).
_SOFT = _table("ь и ью ей ям ями ях я ю ем е ём")
#: A noun in -й (Китай: Китая, Китаю, Китаем ...).
_JOT = _table("й я ю ем е и ев ям ями ях")
#: A noun ending in a consonant (Путин, документ: Путина, Путиным, документах ...).
_HARD = _table("а у ом ым ем е ы и ов ев ей ам ами ах ых ыми я ю", zero=True)
#: A verb's endings after its infinitive stem (установи-ть: установил, установившим, установив).
_VERB_STEM = (
    *_table("ть л ла ло ли в вши й йте ю ешь ет ем ете ют нный нная нное нные н на но ны"),
    *(f"{suffix}{ending}" for suffix in ("вш", "ющ") for ending in _ADJECTIVE),
)
#: A verb's endings after its stem less the infinitive's vowel (установ-ит, установ-ят, подпис-ал ...).
_VERB_ROOT = (
    *_table("ю у ешь ет ем ете ют ут ишь ит им ите ят ат ь ьте я"),
    *(f"{suffix}{ending}" for suffix in ("ящ", "ащ", "ущ", "ющ", "енн", "ённ") for ending in _ADJECTIVE),
)


def _reflexive(endings: tuple[str, ...]) -> tuple[str, ...]:
    """Each verb ending with and without -ся/-сь (установился, установившись)."""
    return tuple(e + r for e in endings for r in ("", "ся", "сь"))


def _paradigms(word: str) -> list[tuple[str, tuple[str, ...]]]:
    """(stem, endings) pairs that ``word`` (lower case) may be read as."""
    found: list[tuple[str, tuple[str, ...]]] = []
    for infinitive in ("ться", "ть"):
        stem = word[: -len(infinitive)]
        # A verb's infinitive follows a vowel (установить, подписать); a noun's -ть often does not (область).
        if word.endswith(infinitive) and len(stem) > 2 and stem[-1] in _VOWELS:
            # The root drops the stem's vowel: установи-ть → установ-ят, подписа-ть → подпис-ал.
            found += [(stem, _reflexive(_VERB_STEM)), (stem[:-1], _reflexive(_VERB_ROOT))]
            if infinitive == "ться":
                return found
            break
    last, pair = word[-1:], word[-2:]
    if pair in ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие"):
        found.append((word[:-2], _ADJECTIVE))
    if last in "ая" or last in "ыи":
        found.append((word[:-1], _FEMININE))
    elif last in "ое":
        found.append((word[:-1], _NEUTER))
    elif last == "ь":
        found.append((word[:-1], _SOFT))
    elif last == "й":
        found.append((word[:-1], _JOT))
    elif last not in _VOWELS:
        found.append((word, _HARD))
    return found or [(word, ("",))]  # a word in -у, -ю, -э: indeclinable (кенгуру, интервью)


def _relational(word: str) -> str:
    """The stem of a place's regular relational adjective: Курск → курск-, Пхеньян → пхеньянск-, Япония → японск-."""
    if word.endswith("ия"):
        base = word[:-2]
    elif word[-1] in "аяоеыиь":
        base = word[:-1]
    else:
        base = word
    return base if base.endswith(("ск", "цк")) else base + "ск"


@functools.lru_cache(maxsize=4096)
def russian_word(word: str, place: bool = False) -> str:
    """A regular expression for one Russian word in every form of its paradigm.

    ``place``: the word names a place or state, so its relational adjective counts.

    >>> bool(re.fullmatch(russian_word("Россия"), "россией", re.IGNORECASE))
    True
    >>> bool(re.fullmatch(russian_word("Россия", place=True), "российской", re.IGNORECASE))
    False
    """
    lower = word.lower()
    if len(word) == 1 or word.isupper():
        return re.escape(word)  # an abbreviation or a one-letter word: indeclinable (КНДР, О Джин У)
    alternatives = [re.escape(stem) + _ending_group(endings) for stem, endings in _paradigms(lower)]
    if place and word[0].isupper():
        alternatives.append(re.escape(_relational(lower)) + _ending_group(_ADJECTIVE))
    return "(?:" + "|".join(alternatives) + ")"


def _ending_group(endings: tuple[str, ...]) -> str:
    ordered = sorted(set(endings), key=lambda e: (-len(e), e))
    return "(?:" + "|".join(re.escape(e) for e in ordered) + ")"


@functools.lru_cache(maxsize=4096)
def _russian_pattern(form: str, place: bool) -> re.Pattern[str]:
    """A Russian form with each word in any form of its paradigm (Трудовая партия → Трудовой партии)."""
    parts = []
    for index, piece in enumerate(_RUSSIAN_WORD.split(form)):
        if index % 2:
            parts.append(russian_word(piece, place and " " not in form.strip()))
        else:
            parts.append(r"\s+".join(re.escape(chunk) for chunk in re.split(r"\s+", piece)))
    return re.compile(f"(?<![{_LETTER}])" + "".join(parts) + f"(?![{_LETTER}])", re.IGNORECASE)


def _ukrainian_pattern(form: str) -> re.Pattern[str]:
    """A Ukrainian form with any ending of up to four letters on each word."""
    words = []
    for word in re.split(r"(\s+|-)", form):
        if not word or word.isspace() or word == "-":
            words.append(r"\s+" if word.isspace() else re.escape(word))
            continue
        stem = re.sub(r"(?i)[аяоеєиіїйуюь]{1,2}$", "", word) if len(word) > 3 else word
        words.append(re.escape(stem) + r"[а-яєіїґь']{0,4}")
    return re.compile(r"(?<![а-яєіїґ])" + "".join(words) + r"(?![а-яєіїґ])", re.IGNORECASE)


def matches_form(form: str, text: str, tag: str, *, place: bool = False) -> bool:
    """True if ``text`` contains ``form`` as the locale inflects it.

    ``place``: the form names a place or state (a Russian relational adjective counts).
    """
    language = tag.split("-")[0]
    if language == "ru":
        return (
            _russian_pattern(form.replace("ё", "е").replace("Ё", "Е"), place).search(
                text.replace("ё", "е").replace("Ё", "Е")
            )
            is not None
        )
    if language == "uk":
        return _ukrainian_pattern(form).search(text) is not None
    if language == "ko":
        # Particles attach to the noun (푸틴은, 푸틴과); spacing varies.
        return re.sub(r"\s+", "", form) in re.sub(r"\s+", "", text)
    if language == "zh":
        return form in text
    return re.search(rf"(?<!\w){re.escape(form)}", text, re.IGNORECASE) is not None
