"""Compiled configs: OpenCC's groups flattened into single Darts dictionaries."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import opencc
import pytest

from termloc.core.opencc_files import share_dir, stock_config
from termloc.engine.compiler import _absolute, _Merger, _stock_entries, flatten, rewrite_config

from .conftest import ARTICLE, opencc_cases

SHARE = share_dir()
CONFIGS = ["t2s", "s2t", "s2tw", "s2twp", "s2hk", "tw2sp"]


def _stock(name: str) -> dict[str, Any]:
    config: dict[str, Any] = json.loads(stock_config(name).read_text(encoding="utf-8"))
    return config


def _compiled(name: str, folder: Path) -> Any:
    config = rewrite_config(_stock(name), {}, _Merger(folder))
    path = folder / "config.json"
    path.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    return opencc.OpenCC(str(path)), config


def _files(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [node["file"]] if "file" in node else [f for value in node.values() for f in _files(value)]
    if isinstance(node, list):
        return [f for item in node for f in _files(item)]
    return []


@pytest.mark.parametrize("name", CONFIGS)
def test_a_flattened_config_converts_as_the_stock_one(name: str, tmp_path: Path) -> None:
    ours, config = _compiled(name, tmp_path)
    stock = opencc.OpenCC(name)
    assert any(file.endswith(".ocd") for file in _files(config))  # something was flattened
    texts = [ARTICLE.read_text(encoding="utf-8"), *(str(case["input"]) for case in opencc_cases())]
    # Every key of every dictionary the config uses, run together and one by
    # one: each is where a match, and a match across a seam, could differ.
    keys = sorted({key for file in _files(_absolute(_stock(name), SHARE)) for key in _stock_entries(Path(file))})
    texts.append("".join(keys))
    texts.append("".join(reversed(keys)))
    texts.append("\n".join(keys))
    for text in texts:
        assert ours.convert(text) == stock.convert(text), text[:80]


def test_a_later_members_key_that_extends_an_earlier_members_key_is_left_out(tmp_path: Path) -> None:
    # tw2sp's first stage: TWPhrasesRev has 高級 and TWVariantsRevPhrases has
    # 高級管理人才. OpenCC stops at the first member that matches, so 高級 wins
    # wherever 高級管理人才 could match: the longer key is never chosen, and
    # one dictionary that still held it would take it.
    stage = _absolute(_stock("tw2sp"), SHARE)["conversion_chain"][0]["dict"]
    first, second, third = (_stock_entries(Path(leaf["file"])) for leaf in stage["dicts"])
    assert "高級" in first
    assert "高級管理人才" in second
    flat = flatten(stage)
    assert flat is not None
    assert "高級管理人才" not in flat
    assert "宏內核" not in flat
    assert len(flat) == len(set(first) | set(second) | set(third)) - 2
    ours, config = _compiled("tw2sp", tmp_path)
    assert config["conversion_chain"][0]["dict"]["type"] == "ocd"
    for text in ("高級管理人才", "宏內核", "這是高級管理人才的宏內核系統"):
        assert ours.convert(text) == opencc.OpenCC("tw2sp").convert(text)


def test_a_union_and_a_group_of_phrases_then_characters_flatten_in_order() -> None:
    # s2twp's first stage: the union of STPhrases and the generated regional
    # phrases, then STCharacters; on a key two of them share, the earlier
    # one's entry is kept.
    stage = _absolute(_stock("s2twp"), SHARE)["conversion_chain"][0]["dict"]
    phrases, generated, characters = (
        _stock_entries(SHARE / name)
        for name in ("STPhrases.ocd2", "STPhrases_GeneratedFromRegionalPhrases.ocd2", "STCharacters.ocd2")
    )
    flat = flatten(stage)
    assert flat is not None
    assert set(flat) == set(phrases) | set(generated) | set(characters)
    for key, value in flat.items():
        assert value == next(d[key] for d in (phrases, generated, characters) if key in d), key


def test_the_glossary_wins_ties_in_a_flattened_dictionary(tmp_path: Path) -> None:
    # STCharacters writes 朴 → 樸; a glossary key of one character must win it.
    config = rewrite_config(_stock("s2t"), {"朴": "朴"}, _Merger(tmp_path), prune=False)
    path = tmp_path / "config.json"
    path.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    assert opencc.OpenCC("s2t").convert("朴成哲") == "樸成哲"
    assert opencc.OpenCC(str(path)).convert("朴成哲") == "朴成哲"


@pytest.mark.parametrize("tag", ["zh-Hans", "zh-TW", "zh-HK", "zh-CN"])
def test_the_glossary_in_a_flattened_dictionary_converts_as_in_the_stock_group(
    tag: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same glossary table, merged into one Darts dictionary or into the
    first file of OpenCC's own group, converts every text alike."""
    from termloc import load_variants
    from termloc.core.han import char_tables
    from termloc.glossary import load_glossary
    from termloc.glossary.mapping import variant_mapping

    from .conftest import GLOSSARY

    registry = load_variants()
    glossary, problems = load_glossary([GLOSSARY])
    assert not problems
    table = variant_mapping(glossary, registry[tag], char_tables()).table()
    name = str(registry[tag].opencc_config)
    made = []
    for flat in (True, False):
        folder = tmp_path / f"flat-{flat}"
        folder.mkdir()
        with monkeypatch.context() as patch:
            if not flat:
                patch.setattr("termloc.engine.compiler.flatten", lambda node: None)
            config = rewrite_config(_stock(name), table, _Merger(folder))
        assert any(file.endswith(".ocd") for file in _files(config)) == flat
        (folder / "config.json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
        made.append(opencc.OpenCC(str(folder / "config.json")))
    keys = sorted(table)
    texts = [ARTICLE.read_text(encoding="utf-8"), "".join(keys), "".join(reversed(keys)), *keys]
    texts += [str(case["input"]) for case in opencc_cases()]
    flat_converter, group_converter = made
    for text in texts:
        assert flat_converter.convert(text) == group_converter.convert(text), text[:80]
