"""Leaving out redundant glossary keys changes no conversion (zh-Hans, t2s)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import opencc
import pytest

from termloc import Converter, load_variants
from termloc.dictionary import _Merger, rewrite_config, stock_config
from termloc.glossary import load_glossary
from termloc.glossary.mapping import variant_mapping
from termloc.redundancy import redundant_keys
from termloc.script import char_tables

from .conftest import ARTICLE, GLOSSARY, opencc_cases

REGISTRY = load_variants()


@pytest.fixture(scope="module")
def table() -> dict[str, str]:
    glossary, problems = load_glossary([GLOSSARY])
    assert not problems
    return variant_mapping(glossary, REGISTRY["zh-Hans"], char_tables()).table()


@pytest.fixture(scope="module")
def converters(table: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    made = []
    for prune in (True, False):
        folder = tmp_path_factory.mktemp(f"prune-{prune}")
        stock = json.loads(stock_config("t2s").read_text(encoding="utf-8"))
        config = rewrite_config(stock, table, _Merger(folder, folder), prune=prune)
        (folder / "config.json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
        made.append(opencc.OpenCC(str(folder / "config.json")))
    return made[0], made[1]


def test_most_keys_are_redundant_but_not_all(table: dict[str, str]) -> None:
    from termloc.dictionary import _without_redundant

    stock = json.loads(stock_config("t2s").read_text(encoding="utf-8"))
    share = Path(opencc._opencc_share_dir)
    node = stock["conversion_chain"][0]["dict"]
    for leaf in node["dicts"]:
        leaf["file"] = str(share / leaf["file"])
    kept = _without_redundant(table, node)
    assert len(kept) < len(table) / 2
    assert "朝鲜" not in kept  # t2s keeps it, and no phrase starts inside it
    assert "史達林" in kept  # t2s would write 史达林, not 斯大林
    assert "普丁" in kept


def test_pruned_and_full_tables_convert_alike(table: dict[str, str], converters: tuple[Any, Any]) -> None:
    pruned, full = converters
    texts = [ARTICLE.read_text(encoding="utf-8")]
    keys = sorted(table)
    texts += keys
    # Every key after and before every other key's first and last characters.
    texts.append("".join(f"{a}{b}" for a, b in zip(keys, keys[1:] + keys[:1], strict=True)))
    texts.append("".join(f"{a[-1]}{b}{a[0]}" for a, b in zip(keys, reversed(keys), strict=True)))
    for text in texts:
        assert pruned.convert(text) == full.convert(text), text


def test_pruned_table_passes_openccs_own_t2s_cases(converters: tuple[Any, Any]) -> None:
    pruned, full = converters
    for case in opencc_cases():
        text = str(case["input"])
        assert pruned.convert(text) == full.convert(text)


def test_the_converter_uses_the_pruned_table() -> None:
    assert Converter("zh-Hans").convert("史達林与普丁在朝鲜") == "斯大林与普京在朝鲜"


def test_a_key_reaching_into_a_phrase_is_kept() -> None:
    stock = {"国家": "國家"}
    # 中国 → 中国 in isolation, but 中国家 without the key would read 中+国家.
    assert redundant_keys({"中国": "中国", "朝鲜": "朝鲜"}, stock, [{}]) == {"朝鲜"}
