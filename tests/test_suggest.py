"""``termloc glossary suggest``: a new article's names, what each source says, and a draft that validates.

On real text nobody here wrote: the Titanic page of the development set
(Chinese Wikipedia, zh-hk view), and the project's article.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from termloc import Converter
from termloc.core.han import char_tables
from termloc.core.opencc_files import converter
from termloc.core.variants import load_variants
from termloc.glossary.selection import GlossarySelection
from termloc.glossary.topics import topic_index
from termloc.glossary.validate import load_glossary
from termloc.interchange.suggest import DRAFT_NOTE, Suggestion, draft_group, suggest
from tests.conftest import Cli

DEVSET = Path(__file__).parent / "data" / "devset"
REGISTRY = load_variants()
TAGS = ("zh-CN", "zh-TW", "zh-HK")


def titanic() -> str:
    data = yaml.safe_load((DEVSET / "entertainment-titanic-1997-film.yaml").read_text(encoding="utf-8"))
    return "\n".join(line["input"] for line in data["lines"])


def run(text: str) -> dict[str, Suggestion]:
    variants = [REGISTRY[tag] for tag in TAGS]
    plain = {v.tag: converter(str(v.opencc_config)) for v in variants}
    glossary = GlossarySelection.default().load()
    found = suggest(text, glossary, variants, char_tables(), topic_index(), plain)
    return {item.text: item for item in found}


def test_a_new_articles_names_with_every_regions_form_and_source() -> None:
    found = run(titanic())
    ship = found["鐵達尼號"]
    assert ship.origin == "reference"
    assert ship.forms == {"zh-CN": "泰坦尼克号", "zh-TW": "鐵達尼號", "zh-HK": "鐵達尼號"}
    assert any(source.startswith(("Module:CGroup/", "Template:CGroup/")) and ", rule " in s for s in ship.sources
               for source in [s])  # fmt: skip
    cameron = found["占士·金馬倫"]
    assert cameron.forms["zh-CN"] == "詹姆斯·卡梅隆"
    assert cameron.forms["zh-TW"] == "詹姆斯·卡麥隆"


def test_names_the_glossary_has_are_said_so_and_parts_of_its_terms_are_not_listed(article: str) -> None:
    found = run(article)
    assert found["斯大林"].origin == "glossary"
    assert found["斯大林"].sources == ["glossary: joseph-stalin"]
    assert found["斯大林"].forms == {"zh-CN": "斯大林", "zh-TW": "史達林", "zh-HK": "史太林"}
    assert "罗斯" not in found  # only ever inside the glossary's 俄罗斯


def test_a_name_no_source_covers_is_found() -> None:
    found = run("俄罗斯外交官阿列克谢·扎哈罗维奇·斯米尔诺夫会见了特朗普。")
    whole = found["阿列克谢·扎哈罗维奇·斯米尔诺夫"]
    assert whole.origin == "opencc"
    assert whole.forms["zh-TW"] == "阿列克謝·扎哈羅維奇·斯米爾諾夫"
    assert found["阿列克谢"].sources[0] == "Module:CGroup/People, rule 16"


def test_the_draft_validates_is_marked_for_review_and_converts(tmp_path: Path) -> None:
    from termloc.interchange.writer import group_yaml

    text = titanic()
    group = draft_group(list(run(text).values()), "draft-titanic", "titanic", char_tables())
    assert group.entries
    assert all(entry.note.startswith(DRAFT_NOTE) for entry in group.entries)
    assert all(len(entry.sources) >= 2 for entry in group.entries)
    assert "階層" not in {
        form for e in group.entries for r in e.rows for form in r.forms.values()
    }  # IT's word: listed only
    path = tmp_path / "draft.yaml"
    path.write_text(group_yaml(group), encoding="utf-8")
    _, problems = load_glossary([path], REGISTRY)
    assert problems == []
    # Kept as a glossary above termloc's own, the draft gives the mainland its form.
    mainland = Converter("zh-CN", glossary=[path, GlossarySelection.default().paths[0]], reference=None)
    assert "泰坦尼克号" in mainland.convert(text)
    assert "泰坦尼克号" not in Converter("zh-CN", reference=None).convert(text)  # positive control


def test_cli_suggest_writes_a_draft(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "titanic.txt"
    source.write_text(titanic(), encoding="utf-8")
    code, out, err = cli("glossary", "suggest", str(source), "-o", str(tmp_path / "draft.yaml"))
    assert code == 0
    assert out.splitlines()[0] == "found\tn\tzh-CN\tzh-TW\tzh-HK\tsource"
    assert "鐵達尼號\t5\t泰坦尼克号\t鐵達尼號\t鐵達尼號\t" in out
    assert err.startswith(f"termloc: wrote {tmp_path / 'draft.yaml'}: ")
    assert cli("glossary", "validate", str(tmp_path / "draft.yaml"))[0] == 0


@pytest.mark.parametrize("argv", [("glossary", "suggest", "/nonexistent/article.txt")])
def test_cli_suggest_bad_input_is_one_line(cli: Cli, argv: tuple[str, ...]) -> None:
    code, out, err = cli(*argv)
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert "/nonexistent/article.txt" in err
