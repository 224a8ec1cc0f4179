"""Glossary layers: each glossary named is a layer, the first the highest.

A higher layer's form shadows a lower one's for the same spelling; ambiguity
(G006), duplicate ids (G003) and group names (G012) are errors only inside
one layer. Tested with the project's glossary and real conversion groups.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from termloc import Converter

from .conftest import ARTICLE, GLOSSARY, SHARED, Cli

CGROUPS = SHARED / "data" / "cgroups"


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Chinese Wikipedia's People and 政治人物 groups, imported as a termloc glossary."""
    if not CGROUPS.is_dir():
        pytest.skip(f"{CGROUPS} is not here (../shared is laid beside the checkout in CI)")
    from termloc.cli import main

    folder = tmp_path_factory.mktemp("layers") / "reference"
    assert (
        main(["import", "cgroup", str(CGROUPS / "People.json"), str(CGROUPS / "政治人物.json"), "-o", str(folder)]) == 0
    )
    return folder


def test_the_groups_and_the_project_glossary_work_together(cli: Cli, reference: Path) -> None:
    # Before layers, this was exit 1: cross-glossary G006 (戈尔巴乔夫 in zh-HK).
    argv = ["convert", "--to", "zh-HK", "--glossary", str(reference), "--glossary", str(GLOSSARY), str(ARTICLE)]
    code, out, err = cli(*argv)
    assert (code, err) == (0, "")
    assert "戈巴卓夫" in out  # the first named, the groups, wins


def test_the_first_glossary_named_wins(reference: Path) -> None:
    project_first = Converter("zh-HK", glossary=[GLOSSARY, reference], reference=None)
    groups_first = Converter("zh-HK", glossary=[reference, GLOSSARY], reference=None)
    # The project's Hong Kong forms (Military and 政治人物 agree), over People's.
    assert project_first.convert("赫鲁晓夫与戈尔巴乔夫") == "赫魯曉夫與戈爾巴喬夫"
    assert groups_first.convert("赫鲁晓夫与戈尔巴乔夫") == "赫魯雪夫與戈巴卓夫"


def test_the_project_glossary_over_the_groups_keeps_the_article_as_it_is(reference: Path) -> None:
    article = ARTICLE.read_text(encoding="utf-8")
    for tag in ("zh-TW", "zh-HK", "zh-CN"):
        layered = Converter(tag, glossary=[GLOSSARY, reference], reference=None).convert(article)
        assert layered == Converter(tag).convert(article), tag


def _write(folder: Path, name: str, form: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(
        f"group: {name}\nentries:\n  - id: korea-{name}\n    kind: state\n    sources: [test]\n"
        f"    terms:\n      - zh-Hans: 朝鲜\n        zh-TW: {form}\n",
        encoding="utf-8",
    )
    return path


def test_ambiguity_is_an_error_inside_one_layer_only(cli: Cli, tmp_path: Path) -> None:
    one = tmp_path / "one"
    north, south = _write(one, "north", "北韓"), _write(one, "south", "朝鮮")
    code, _, err = cli("glossary", "validate", str(one))
    assert code == 1
    assert "G006" in err
    # The same two files as two layers: the first named shadows the second.
    assert cli("glossary", "validate", str(north), str(south))[0] == 0
    assert Converter("zh-TW", glossary=[north, south], reference=None).convert("朝鲜") == "北韓"
    assert Converter("zh-TW", glossary=[south, north], reference=None).convert("朝鲜") == "朝鮮"


def test_an_id_may_be_redefined_in_a_lower_layer_not_in_one_layer(cli: Cli, tmp_path: Path) -> None:
    first = _write(tmp_path / "a", "north", "北韓")
    second = _write(tmp_path / "b", "north", "北韓")
    assert cli("glossary", "validate", str(first), str(second))[0] == 0
    both = tmp_path / "c"
    both.mkdir()
    (both / "north.yaml").write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    (both / "again.yaml").write_text(
        first.read_text(encoding="utf-8").replace("group: north", "group: again"), encoding="utf-8"
    )
    code, _, err = cli("glossary", "validate", str(both))
    assert code == 1
    assert "G003" in err


def test_the_audit_lists_which_entry_shadows_which(cli: Cli, reference: Path) -> None:
    code, out, _ = cli(
        "glossary",
        "audit",
        str(ARTICLE),
        "--to",
        "zh-HK",
        "--json",
        "--glossary",
        str(GLOSSARY),
        "--glossary",
        str(reference),
    )
    assert code == 0
    (report,) = json.loads(out)
    shadows = {(s["key"], s["entry"], s["output"], s["its_output"]) for s in report["shadows"]}
    assert ("戈尔巴乔夫", "mikhail-gorbachev", "戈爾巴喬夫", "戈巴卓夫") in shadows
    assert all(s["layer"] < s["its_layer"] for s in report["shadows"])


def _article(folder: Path, front: str) -> Path:
    path = folder / "article.md"
    path.write_text(f"---\ntitle: 标题\nsource_language: zh\n{front}---\n\n普京访问朝鲜。\n", encoding="utf-8")
    return path


def test_an_article_names_its_own_glossaries_above_termlocs(cli: Cli, tmp_path: Path) -> None:
    _write(tmp_path / "names", "korea", "朝鮮")
    own = _article(tmp_path, "glossary:\n  paths: [names/korea.yaml]\n")
    code, out, _ = cli("render", str(own), "--to", "zh-TW", "--format", "txt")
    assert code == 0
    assert "普丁訪問朝鮮。" in out  # the article's 朝鮮 over termloc's 北韓; termloc's 普丁 below it
    (tmp_path / "plain").mkdir()
    plain = _article(tmp_path / "plain", "")
    assert "普丁訪問北韓。" in cli("render", str(plain), "--to", "zh-TW", "--format", "txt")[1]
    # The command line's --glossary is the user's choice: it replaces the article's.
    named = cli("render", str(own), "--to", "zh-TW", "--format", "txt", "--glossary", str(GLOSSARY))[1]
    assert "普丁訪問北韓。" in named


def test_an_article_naming_a_missing_glossary_is_exit_1(cli: Cli, tmp_path: Path) -> None:
    article = _article(tmp_path, "glossary:\n  paths: [nowhere.yaml]\n")
    code, out, err = cli("render", str(article), "--to", "zh-TW")
    assert (code, out) == (1, "")
    assert err == f"termloc: {tmp_path / 'nowhere.yaml'}: no such glossary file or folder\n"
