"""Regional characters: what each region writes where OpenCC's configs choose another form.

Chinese Wikipedia's regional views keep the input's 台 (台灣, not OpenCC's 臺灣) and 占
in zh-TW, keep 群 in zh-HK (OpenCC's s2hk writes 羣), and turn Hong Kong's 衞 and 部份
into the mainland's 卫 and 部分 (OpenCC's tw2sp, made for Taiwan's text, keeps both).
The locales say so (``keeps``, ``also_reads``, ``traditional_characters``; see the README's
"What conversion means"). Every case is a line of the development set, compared with the
view it was taken from, and checks that plain OpenCC writes something else (the
positive control).
"""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest
import yaml

from termloc import Converter
from termloc.core.errors import InputError
from termloc.core.variants import load_variants
from tests.conftest import ROOT

DEVSET = ROOT / "tests" / "data" / "devset"


def devset_line(page: str, start: str) -> dict[str, str]:
    """The line of a dev-set page whose input starts with ``start``."""
    data = yaml.safe_load((DEVSET / f"{page}.yaml").read_text(encoding="utf-8"))
    return next(line for line in data["lines"] if line["input"].startswith(start))


CASES = [
    # (page, the line's start, variant, OpenCC's config, what plain OpenCC writes that the view does not)
    ("geography-east-asia", "东亚地区通常包括", "zh-TW", "s2twp", "臺灣島"),
    ("geography-east-asia", "东亚地区居住有", "zh-TW", "s2twp", "佔世界"),
    ("geography-east-asia", "台北东京香港", "zh-TW", "s2twp", "臺北"),
    ("geography-east-asia", "东亚地区通常包括", "zh-HK", "s2hk", "琉球羣島"),
    ("politics-kamehameha-i", "他原是夏威夷島", "zh-HK", "s2hk", "夏威夷羣島"),
    ("geography-islands-district", "大部份離島", "zh-CN", "tw2sp", "大部份"),
    ("geography-islands-district", "離島區議會負責", "zh-CN", "tw2sp", "衞生"),
]


@pytest.mark.parametrize(("page", "start", "tag", "config", "opencc_writes"), CASES)
def test_the_regional_view_is_written(page: str, start: str, tag: str, config: str, opencc_writes: str) -> None:
    line = devset_line(page, start)
    assert opencc_writes in opencc.OpenCC(config).convert(line["input"])  # positive control
    assert opencc_writes not in line[tag]
    assert Converter(tag, punctuation="keep").convert(line["input"]) == line[tag]


def test_a_kept_character_is_only_the_input_s_own() -> None:
    taiwan = Converter("zh-TW")
    # 台风 is 颱風 and 台球 檯球, as OpenCC writes them; text written with 臺 and 佔 keeps them.
    assert taiwan.convert("台风过后，台湾的台球比赛照常。") == "颱風過後，台灣的檯球比賽照常。"
    assert taiwan.convert("臺灣的发展，佔领") == "臺灣的發展，佔領"
    assert Converter("zh-Hant").convert("台湾占领") == "台灣占領"
    assert Converter("zh-HK").convert("群众，占领") == "群眾，佔領"  # Hong Kong writes 佔
    # 宣布, 公布 in Taiwan and Hong Kong alike, where OpenCC writes 宣佈, 公佈.
    text = "政府宣布，将公布结果。"
    assert opencc.OpenCC("s2twp").convert(text) == "政府宣佈，將公佈結果。"
    assert taiwan.convert(text) == "政府宣布，將公布結果。"
    assert Converter("zh-HK").convert(text) == "政府宣布，將公布結果。"


def test_hong_kong_characters_into_the_mainland_leave_simplified_ones_alone() -> None:
    mainland = Converter("zh-CN")
    assert mainland.convert("衞生署，北港島綫") == "卫生署，北港岛线"
    # 着, 温, 户 are Simplified characters too (Hong Kong's forms of 著, 溫, 戶): left as they are.
    assert mainland.convert("看着温度计，户口") == "看着温度计，户口"
    assert Converter("zh-HK").convert("大部份離島") == "大部份離島"  # 部份 is one way, into the mainland


@pytest.mark.parametrize(
    ("tag", "config"), [("zh-Hans", "t2s"), ("zh-SG", "t2s"), ("zh-MY", "t2s"), ("zh-CN", "tw2sp")]
)
def test_hong_kong_characters_are_simplified_in_every_simplified_variant(tag: str, config: str) -> None:
    text = "衞生署敍述，枱面"
    assert opencc.OpenCC(config).convert(text) == text  # OpenCC leaves Hong Kong's forms (positive control)
    assert Converter(tag).convert(text) == "卫生署叙述，台面"
    spans = Converter(tag).explain(text)
    assert {span.source: span.dictionary for span in spans if span.changed}["敍"] == "HKVariantsRev"


def test_traditional_text_takes_the_region_s_zhe_and_li() -> None:
    text = "隨着時間過去，他有着不同的看法。"
    assert opencc.OpenCC("t2tw").convert(text) == "隨著時間過去，他有著不同的看法。"
    assert Converter("zh-TW").convert(text) == "隨著時間過去，他有著不同的看法。"
    assert Converter("zh-HK").convert(text) == text
    taiwan = "在這裡還有許多島嶼。"
    assert Converter("zh-HK").convert(taiwan) == "在這裏還有許多島嶼。"
    assert Converter("zh-TW").convert(taiwan) == taiwan


def test_plain_opencc_is_untouched() -> None:
    text = "台湾占世界人口，琉球群岛。衞生署大部份"
    for tag, config in (("zh-TW", "s2twp"), ("zh-HK", "s2hk"), ("zh-CN", "tw2sp"), ("zh-Hant", "s2tw")):
        plain = Converter(tag, glossary=None, reference=None, punctuation="keep")
        assert plain.convert(text) == opencc.OpenCC(config).convert(text)


def test_explain_names_the_locale() -> None:
    spans = Converter("zh-TW").explain("台湾岛。隨着時間")
    reasons = {span.source: span.reason() for span in spans if span.changed}
    assert reasons["台湾岛"].startswith("OpenCC STPhrases, locale zh-TW keeps 台")
    assert reasons["着"] == "locale zh-TW: traditional_characters"
    assert "".join(span.output for span in spans) == "台灣島。隨著時間"


def test_a_bad_locale_setting_is_one_line_naming_the_file(tmp_path: Path) -> None:
    for path in (ROOT / "locales").glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    locale = tmp_path / "zh-TW.yaml"
    text = locale.read_text(encoding="utf-8")
    locale.write_text(text.replace("keeps: {臺: 台", "keeps: {臺灣: 台"), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_variants(tmp_path)
    assert str(locale) in str(raised.value)
    assert "keeps must map single characters to single characters" in str(raised.value)
