"""Variants and locales as declared in locales/*.yaml."""

from __future__ import annotations

import pytest

from termloc import VariantError, load_variants

# DESIGN.md's table, written out by hand.
DESIGN_TABLE = {
    "zh-Hans": ("t2s", ["zh-CN", "zh-SG", "zh-MY"]),
    "zh-Hant": ("s2tw", ["zh-TW", "zh-HK", "zh-MO"]),
    "zh-CN": ("tw2sp", ["zh-Hans", "zh-SG", "zh-MY"]),
    "zh-SG": ("t2s", ["zh-MY", "zh-Hans", "zh-CN"]),
    "zh-MY": ("t2s", ["zh-SG", "zh-Hans", "zh-CN"]),
    "zh-TW": ("s2twp", ["zh-Hant", "zh-HK", "zh-MO"]),
    "zh-HK": ("s2hk", ["zh-MO", "zh-Hant", "zh-TW"]),
    "zh-MO": ("s2hk", ["zh-HK", "zh-Hant", "zh-TW"]),
}


def test_chinese_variants_match_the_design() -> None:
    registry = load_variants()
    for tag, (config, fallbacks) in DESIGN_TABLE.items():
        variant = registry[tag]
        assert variant.opencc_config == config, tag
        assert list(variant.fallbacks) == fallbacks, tag
    assert [v.tag for v in registry.chinese] == list(DESIGN_TABLE)


def test_non_chinese_locales() -> None:
    registry = load_variants()
    for tag in ("ko", "ko-KP", "ru", "en"):
        assert registry[tag].opencc_config is None
        assert not registry[tag].is_chinese
    assert registry["ko-KP"].babel_locale == "ko_KP"
    assert registry["ko-KP"].name == "조선어"


@pytest.mark.parametrize(
    ("given", "tag"),
    [
        ("zh-tw", "zh-TW"),
        ("zh-Hant-TW", "zh-TW"),
        ("ZH-HK", "zh-HK"),
        ("zh_Hant_HK", "zh-HK"),
        ("zh-cn", "zh-CN"),
        ("zh-Hans-CN", "zh-CN"),
        ("zh-hans", "zh-Hans"),
        ("zh-hant", "zh-Hant"),
        ("zh-mo", "zh-MO"),
        ("ko-kp", "ko-KP"),
        ("ko-KR", "ko"),
        ("ru-RU", "ru"),
    ],
)
def test_tags_are_normalised(given: str, tag: str) -> None:
    assert load_variants().normalise(given) == tag


@pytest.mark.parametrize("bad", ["zh", "zh-XX", "tw", "", "kr"])
def test_unknown_tags_are_refused(bad: str) -> None:
    with pytest.raises(VariantError, match=repr(bad)):
        load_variants().normalise(bad)


def test_every_fallback_is_declared_and_quotes_are_regional() -> None:
    registry = load_variants()
    for variant in registry.values():
        assert all(f in registry for f in variant.fallbacks)
    assert registry["zh-TW"].quotes == ("「", "」", "『", "』")
    assert registry["zh-HK"].quotes == ("「", "」", "『", "』")
    assert registry["zh-CN"].quotes == ("“", "”", "‘", "’")
    assert registry["zh-Hans"].quotes is None
