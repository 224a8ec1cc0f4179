"""Leaving out redundant glossary keys changes no conversion (t2s, s2twp, s2hk, s2tw)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import opencc
import pytest

from termloc import Converter, load_variants
from termloc.core.han import char_tables
from termloc.core.opencc_files import share_dir, stock_config
from termloc.engine.compiler import _Merger, rewrite_config
from termloc.engine.redundancy import Stage, redundant_keys
from termloc.glossary import load_glossary
from termloc.glossary.mapping import variant_mapping

from .conftest import ARTICLE, GLOSSARY, opencc_cases

REGISTRY = load_variants()


VARIANTS = ["zh-Hans", "zh-Hant", "zh-TW", "zh-HK"]


@pytest.fixture(scope="module")
def tables() -> dict[str, dict[str, str]]:
    glossary, problems = load_glossary([GLOSSARY])
    assert not problems
    return {tag: variant_mapping(glossary, REGISTRY[tag], char_tables()).table() for tag in VARIANTS}


def _converters(table: dict[str, str], config_name: str, folder: Path) -> tuple[Any, Any, int]:
    made = []
    sizes = []
    for prune in (True, False):
        stock = json.loads(stock_config(config_name).read_text(encoding="utf-8"))
        where = folder / f"prune-{prune}"
        where.mkdir()
        config = rewrite_config(stock, table, _Merger(where), prune=prune)
        (where / "config.json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
        made.append(opencc.OpenCC(str(where / "config.json")))
        sizes.append(sum(f.stat().st_size for f in where.glob("glossary-*")))
    return made[0], made[1], sizes[0] < sizes[1]


@pytest.mark.parametrize("tag", VARIANTS)
def test_pruned_and_full_tables_convert_alike(tag: str, tables: dict[str, dict[str, str]], tmp_path: Path) -> None:
    table = tables[tag]
    pruned, full, smaller = _converters(table, str(REGISTRY[tag].opencc_config), tmp_path)
    assert smaller  # keys were left out
    keys = sorted(table)
    texts = [ARTICLE.read_text(encoding="utf-8"), *keys]
    # Every key next to the others, and inside their first and last characters.
    texts.append("".join(f"{a}{b}" for a, b in zip(keys, keys[1:] + keys[:1], strict=True)))
    texts.append("".join(f"{a[-1]}{b}{a[0]}" for a, b in zip(keys, reversed(keys), strict=True)))
    texts += [str(case["input"]) for case in opencc_cases()]
    for text in texts:
        assert pruned.convert(text) == full.convert(text), text


@pytest.mark.parametrize(
    ("tag", "dropped", "kept"),
    [
        ("zh-Hans", "朝鲜", ["史達林", "普丁"]),  # t2s keeps 朝鲜; it would write 史达林, 普丁
        ("zh-TW", "苏联", ["普京", "斯大林", "朴成哲", "卢干斯克"]),  # s2twp: 普京, 史大林, 樸, 盧幹
        ("zh-HK", "平壤", ["斯大林", "赫鲁晓夫"]),
    ],
)
def test_what_is_left_out(tag: str, dropped: str, kept: list[str], tables: dict[str, dict[str, str]]) -> None:
    from termloc.engine.compiler import _absolute, _without_redundant

    table = tables[tag]
    config = _absolute(
        json.loads(stock_config(str(REGISTRY[tag].opencc_config)).read_text(encoding="utf-8")),
        share_dir(),
    )
    left = _without_redundant(table, config)
    assert len(left) < len(table)
    assert dropped in table
    assert dropped not in left
    for key in kept:
        assert key in left, key


def test_the_converter_uses_the_pruned_table() -> None:
    assert Converter("zh-Hans").convert("史達林与普丁在朝鲜") == "斯大林与普京在朝鲜"


def test_a_key_reaching_into_a_phrase_is_kept() -> None:
    stage = Stage(phrases=[{"国家": "國家"}], characters=[{}])
    # 中国 → 中国 in isolation, but 中国家 without the key would read 中+国家.
    assert redundant_keys({"中国": "中国", "朝鲜": "朝鲜"}, stage) == {"朝鲜"}


def test_an_output_a_later_stage_could_reach_is_kept() -> None:
    later = [{"軟件": "軟體"}]
    stage = Stage(phrases=[{}], characters=[{"软": "軟", "件": "件", "体": "體"}], later=later)
    # 软件 → 軟件 by characters alone, but the later stage would rewrite it;
    # 件 alone is safe only if no later key reaches into it (軟件 does).
    assert redundant_keys({"软件": "軟件", "件": "件", "体": "體"}, stage) == {"体"}
