"""Which writing system a character belongs to: one table of Unicode ranges.

termloc tells Han (Chinese characters, every CJK extension plane included),
Hangul, kana, Cyrillic and Latin apart: to count words, to find Korean and
Russian spans in a Chinese page, to see a Chinese form with white space in
it, to key lookups by script. Every such range lives here.

    >>> script_of("朝"), script_of("𠀀"), script_of("조"), script_of("Ж"), script_of("a"), script_of("。")
    ('Hani', 'Hani', 'Hang', 'Cyrl', 'Latn', None)
    >>> import re
    >>> re.findall(f"[{HAN}]+", "朝鲜𠀀 and 조선")
    ['朝鲜𠀀']
"""

from __future__ import annotations

from typing import Final, Literal

__all__ = [
    "CYRILLIC",
    "HAN",
    "HANGUL",
    "HANGUL_SYLLABLES",
    "KANA",
    "LATIN",
    "RANGES",
    "Script",
    "character_class",
    "script_of",
]

#: ISO 15924 codes of the scripts termloc tells apart.
Script = Literal["Hani", "Hang", "Kana", "Cyrl", "Latn"]

#: The code point ranges (first, last) of each script, by ISO 15924 code.
RANGES: Final[dict[Script, tuple[tuple[int, int], ...]]] = {
    "Hani": (
        (0x3400, 0x4DBF),  # CJK Unified Ideographs Extension A
        (0x4E00, 0x9FFF),  # CJK Unified Ideographs
        (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
        (0x20000, 0x3FFFF),  # planes 2 and 3: Extensions B to J and the Compatibility Supplement
    ),
    "Hang": (
        (0x1100, 0x11FF),  # Hangul Jamo
        (0x3130, 0x318F),  # Hangul Compatibility Jamo
        (0xA960, 0xA97F),  # Hangul Jamo Extended-A
        (0xAC00, 0xD7A3),  # Hangul Syllables
        (0xD7B0, 0xD7FF),  # Hangul Jamo Extended-B
        (0xFFA0, 0xFFDC),  # halfwidth Hangul
    ),
    "Kana": (
        (0x3040, 0x309F),  # Hiragana
        (0x30A0, 0x30FF),  # Katakana
        (0x31F0, 0x31FF),  # Katakana Phonetic Extensions
        (0xFF66, 0xFF9F),  # halfwidth Katakana
    ),
    "Cyrl": (
        (0x0400, 0x04FF),  # Cyrillic
        (0x0500, 0x052F),  # Cyrillic Supplement
        (0x1C80, 0x1C8F),  # Cyrillic Extended-C
        (0x2DE0, 0x2DFF),  # Cyrillic Extended-A
        (0xA640, 0xA69F),  # Cyrillic Extended-B
    ),
    "Latn": (
        (0x0041, 0x005A),
        (0x0061, 0x007A),
        (0x00C0, 0x00D6),  # Latin-1 letters, less × and ÷
        (0x00D8, 0x00F6),
        (0x00F8, 0x024F),  # and Latin Extended-A and -B
        (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese)
    ),
}

#: Precomposed Hangul syllables only (가 to 힣): what romanisation reads.
HANGUL_SYLLABLES: Final = "\uac00-\ud7a3"


def character_class(script: Script) -> str:
    """The inside of a regular-expression character class matching ``script``."""
    return "".join(f"{chr(first)}-{chr(last)}" for first, last in RANGES[script])


HAN: Final = character_class("Hani")
HANGUL: Final = character_class("Hang")
KANA: Final = character_class("Kana")
CYRILLIC: Final = character_class("Cyrl")
LATIN: Final = character_class("Latn")

_ORDERED = sorted((first, last, script) for script, ranges in RANGES.items() for first, last in ranges)


def script_of(char: str) -> Script | None:
    """The script of one character, or None for punctuation, digits, symbols and the rest."""
    code = ord(char)
    for first, last, script in _ORDERED:
        if code < first:
            return None
        if code <= last:
            return script
    return None
