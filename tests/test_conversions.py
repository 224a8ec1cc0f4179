"""Conversion with the real glossary: the data table and its properties."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from termloc import Converter, load_variants

from .conftest import DATA

ROWS = yaml.safe_load((DATA / "conversions.yaml").read_text(encoding="utf-8"))
CHINESE = [v.tag for v in load_variants().chinese]
_converters: dict[str, Converter] = {}


def converter(tag: str) -> Converter:
    if tag not in _converters:
        _converters[tag] = Converter(tag)
    return _converters[tag]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['label']}-{r['variant']}" for r in ROWS])
def test_conversion_table(row: dict[str, str]) -> None:
    assert converter(row["variant"]).convert(row["text"]) == row["expected"]


def test_table_covers_every_regional_variant() -> None:
    assert {"zh-Hans", "zh-Hant", "zh-CN", "zh-TW", "zh-HK"} <= {r["variant"] for r in ROWS}


@pytest.mark.parametrize("tag", CHINESE)
def test_private_use_characters_survive(tag: str) -> None:
    text = "\ue000朝鲜\ue001劳动党\U000f0000普京\uf8ff"
    out = converter(tag).convert(text)
    assert [c for c in out if 0xE000 <= ord(c) <= 0xF8FF or ord(c) >= 0xF0000] == [
        "\ue000",
        "\ue001",
        "\U000f0000",
        "\uf8ff",
    ]


@pytest.mark.parametrize("tag", CHINESE)
def test_no_private_use_character_leaks(tag: str, article: str) -> None:
    out = converter(tag).convert(article)
    assert not [c for c in out if 0xE000 <= ord(c) <= 0xF8FF or ord(c) >= 0xF0000]


@pytest.mark.parametrize("spelling", ["朝鲜劳动党", "朝鮮勞動黨", "朝鮮劳动党", "朝鲜勞動黨", "朝鮮勞动党"])
def test_script_blind_compound(spelling: str) -> None:
    assert converter("zh-TW").convert(spelling) == "朝鮮勞動黨"
    assert converter("zh-CN").convert(spelling) == "朝鲜劳动党"


def test_empty_and_plain_text() -> None:
    assert converter("zh-TW").convert("") == ""
    assert converter("zh-TW").convert("plain ASCII, no Chinese.\n") == "plain ASCII, no Chinese.\n"


def test_a_glossary_given_as_paths(tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text(
        "group: one\nentries:\n  - id: x\n    kind: term\n    sources: [test]\n"
        "    terms:\n      - zh-Hans: 软件\n        zh-TW: 軟件\n",
        encoding="utf-8",
    )
    # s2twp's Taiwan phrase stage would write 軟體; the glossary's form is protected.
    assert Converter("zh-TW", glossary=[tmp_path], reference=None).convert("某软件") == "某軟件"
    assert Converter("zh-TW", glossary=None, reference=None).convert("某软件") == "某軟體"
