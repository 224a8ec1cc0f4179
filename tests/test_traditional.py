"""Traditional stays Traditional: input already in Traditional is not converted as if it were Simplified.

The examples are the issue's, from real Chinese Wikipedia text: OpenCC's
Simplified-to-Traditional configs rewrite correct Traditional (克里姆林宮 →
克裡姆林宮 in s2twp, 娘家 → 孃家, 下台 → 下臺, 拉脫維亞 → 拉脱維亞 in s2hk).
Each case checks plain OpenCC does damage the text (the positive control).
"""

from __future__ import annotations

import opencc
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from termloc import Converter
from termloc.core import opencc_files
from termloc.core.han import VECTOR_MIN, ScriptRuns, char_tables
from tests.conftest import ROOT, property_settings

DEVSET = ROOT / "tests" / "data" / "devset"

CASES = [
    ("zh-TW", "s2twp", "普丁在俄羅斯克里姆林宮接見了來賓。"),
    ("zh-Hant", "s2t", "她回到娘家，隨後宣佈下台。"),
    ("zh-HK", "s2hk", "拉脫維亞位於波羅的海東岸。"),
    ("zh-TW", "s2twp", "大部份比賽項目在北京舉行。"),
]


@pytest.mark.parametrize(("tag", "config", "text"), CASES)
def test_traditional_input_comes_back_unchanged(tag: str, config: str, text: str) -> None:
    assert opencc.OpenCC(config).convert(text) != text  # OpenCC alone damages it
    assert Converter(tag).convert(text) == text


def test_glossary_names_still_apply_in_traditional_text() -> None:
    assert Converter("zh-TW").convert("俄羅斯總統普京在克里姆林宮。") == "俄羅斯總統普丁在克里姆林宮。"
    assert Converter("zh-HK").convert("蘇聯領導人斯大林。") == "蘇聯領導人史太林。"


def test_mixed_input_converts_only_its_simplified_clauses() -> None:
    text = "克里姆林宮的娘家，下台。俄罗斯总统普京在克里姆林宫"
    assert Converter("zh-TW").convert(text) == "克里姆林宮的娘家，下台。俄羅斯總統普丁在克里姆林宮"


def test_simplified_targets_and_parity_are_as_before() -> None:
    assert Converter("zh-CN").convert("克里姆林宮的娘家") == "克里姆林宫的娘家"
    plain = Converter("zh-TW", glossary=None, reference=None, punctuation="keep")
    assert plain.convert("俄羅斯克里姆林宮") == opencc.OpenCC("s2twp").convert("俄羅斯克里姆林宮") == "俄羅斯克裡姆林宮"


def test_clauses_take_their_script_from_their_own_letters_or_their_neighbours() -> None:
    runs = ScriptRuns.of(char_tables())
    # 娘家 and 下台 are written alike in both scripts: they go with the clause before them.
    assert runs.split("台灣的娘家，下台。台湾的娘家，下台") == [
        ("台灣的娘家，下台。", True),
        ("台湾的娘家，下台", False),
    ]
    # A clause with both scripts takes the Simplified path, which converts both.
    assert runs.split("朝鮮劳动党。臺灣") == [("朝鮮劳动党。", False), ("臺灣", True)]
    # Neither script anywhere: Simplified, as before.
    assert runs.split("娘家") == [("娘家", False)]
    # A neutral first clause takes the script of the one after it on its line.
    assert runs.split("下台，臺灣\n下台，台湾") == [("下台，臺灣\n", True), ("下台，台湾", False)]


def test_traditional_text_keeps_its_writers_choices_over_the_reference() -> None:
    # A Taiwan page (the development set's Australia blurb) writes 澳大利亞; the reference's
    # general groups give Taiwan 澳洲, which Simplified input gets (the positive control).
    assert Converter("zh-TW").convert("澳大利亞是南半球的國家。") == "澳大利亞是南半球的國家。"
    assert Converter("zh-TW").convert("澳大利亚是南半球的国家。") == "澳洲是南半球的國家。"


# -- long texts: the vectorised splitter and one OpenCC call for many runs ------------------------------


@pytest.fixture(scope="module")
def script_runs() -> ScriptRuns:
    return ScriptRuns.of(char_tables())


def devset_inputs() -> str:
    """Every input line of the development set, one a line: real text in both scripts."""
    pages = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(DEVSET.glob("*.yaml"))]
    return "\n".join(line["input"] for page in pages for line in page["lines"])


def test_the_vectorised_splitter_gives_the_looped_runs_on_real_text(script_runs: ScriptRuns, article: str) -> None:
    traditional = opencc.OpenCC("s2t").convert(article)
    mixed = article + devset_inputs() + traditional + "\n台灣的娘家，下台"
    looped = script_runs.split_looped(mixed)
    assert len(looped) > 100
    assert {is_traditional for _, is_traditional in looped} == {True, False}
    assert script_runs.split_vectorised(mixed) == looped
    for text in ("", "娘家", article, traditional, "\n\n。", "臺灣\n"):
        assert script_runs.split_vectorised(text) == script_runs.split_looped(text)


def test_a_long_text_is_split_by_the_vectorised_splitter(script_runs: ScriptRuns, article: str) -> None:
    text = (article + "\n台灣的娘家，下台。\n") * (VECTOR_MIN // len(article) + 1)
    assert len(text) >= VECTOR_MIN
    assert script_runs.split(text) == script_runs.split_looped(text)
    converter = Converter("zh-TW", reference=None)
    assert converter.convert(text) == "".join(converter.convert(line) for line in text.splitlines(keepends=True))


#: Letters of each script, letters of both, clause ends, the splitter's own marks and a lone surrogate.
SPLIT_ALPHABET = "灣湾臺台娘家下，。！\n :a\x01\x02\ud800"


@property_settings(300)
@given(st.text(alphabet=SPLIT_ALPHABET, max_size=60))
def test_both_splitters_agree(text: str) -> None:
    runs = ScriptRuns("灣臺", "湾")
    vectorised = runs.split_vectorised(text)
    assert vectorised == runs.split_looped(text)
    assert "".join(run for run, _ in vectorised) == text


def test_one_opencc_call_converts_many_runs_as_one_call_each(article: str) -> None:
    converter = opencc_files.converter("s2twp")
    pieces = [line for line in article.splitlines() if line] + ["", "普京\0访问", "软件"]
    assert opencc_files.convert_many(converter, pieces) == [opencc_files.convert(converter, p) for p in pieces]
    # A text that holds the joiner itself: each converted alone, nothing lost.
    assert opencc_files.convert_many(converter, ["软件\x1f软件", "软件"]) == ["軟體\x1f軟體", "軟體"]
