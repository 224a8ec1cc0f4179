"""The reference termbase (Chinese Wikipedia's conversion groups) and topic selection.

Real data throughout: the shipped reference built from ../shared/data/cgroups,
the article, and sentences whose regional forms are public (Chinese
Wikipedia's own groups say 川普, 雪梨, 海珊, 伊凡 for Taiwan).
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
import yaml

from termloc import Converter
from termloc.core import resources
from termloc.core.variants import load_variants
from termloc.documents.document import parse_document
from termloc.glossary.reference import reference
from termloc.glossary.topics import choose_topics, topic_index
from tests.conftest import ROOT, SHARED, Cli, opencc_cases

DEVSET = ROOT / "tests" / "data" / "devset"

REGISTRY = load_variants()
CGROUPS = SHARED / "data" / "cgroups"


def test_the_reference_ships_every_group_with_its_licence() -> None:
    ref = reference()
    assert len(ref.groups) == 444
    assert sum(group.rules for group in ref.groups) == 73_850
    assert {"People", "地名", "政治人物", "IT", "Movie", "Korea"} <= set(ref.names)
    note = (resources.reference_dir() / "SOURCE.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in note
    assert "zhconv-rs" in note
    pyproject = (Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '"reference" = "termloc/data/reference"' in pyproject  # in the wheel


def test_every_entry_names_its_group_page_and_rule() -> None:
    group = reference().load(["政治人物"]).groups[0]
    stalin = next(e for e in group.entries if e.note == "original: Stalin")
    assert stalin.sources == ("Module:CGroup/政治人物, rule 1",) or stalin.sources[0].startswith(
        "Module:CGroup/政治人物"
    )
    assert stalin.rows[0].forms["zh-TW"] == "史達林"
    assert stalin.rows[0].forms["zh-HK"] == "史太林"


def test_the_reference_matches_the_groups_it_was_built_from() -> None:
    if not CGROUPS.is_dir():
        pytest.skip(f"{CGROUPS} is not here (../shared is laid beside the checkout in CI)")
    groups = [json.loads(path.read_text(encoding="utf-8")) for path in CGROUPS.glob("*.json")]
    ref = reference()
    assert len(groups) == len(ref.groups)
    assert sorted(len(g["rules"]) for g in groups) == sorted(group.rules for group in ref.groups)
    assert {g["path"] for g in groups} == {group.page for group in ref.groups}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("美国总统唐纳德·特朗普", "美國總統唐納·川普"),
        ("悉尼是澳大利亚最大的城市", "雪梨是澳洲最大的城市"),
        ("萨达姆·侯赛因是伊拉克总统", "薩達姆·海珊是伊拉克總統"),
        ("伊万·伊万诺维奇是一名俄罗斯作家", "伊凡·伊萬諾維奇是一名俄羅斯作家"),
    ],
)
def test_auto_gets_taiwan_names_the_glossary_lacks(text: str, expected: str) -> None:
    assert Converter("zh-TW").convert(text) == expected
    assert Converter("zh-TW", reference=None).convert(text) != expected  # without the reference: not there


@pytest.mark.parametrize(
    ("text", "group", "damaged"),
    [
        ("尼基塔·赫鲁晓夫访问了学院", "LuaMovie", "霹靂煞"),  # a television series' Taiwan title
        ("他访问了政府网站", "LuaIT", "存取"),  # IT's word for 'access'
        ("这所学院的学生", "BlueArchive", "學園"),  # a game's school
    ],
)
def test_topic_groups_do_not_leak_into_unrelated_text(text: str, group: str, damaged: str) -> None:
    assert group not in choose_topics(text).groups
    assert damaged not in Converter("zh-TW").convert(text)
    # Positive control: the group, named, does write the form (so the check above can fail).
    assert damaged in Converter("zh-TW", reference=[group]).convert(text)


def _devset_line(page: str, fragment: str) -> dict[str, str]:
    data = yaml.safe_load((DEVSET / f"{page}.yaml").read_text(encoding="utf-8"))
    line: dict[str, str] = next(line for line in data["lines"] if fragment in line["input"])
    return line


@pytest.mark.parametrize(
    ("page", "fragment", "opencc_writes"),
    [
        ("geography-banqiao-district", "智慧财产", "智能财产"),  # a court's name: intellectual property
        ("geography-islands-district", "核心計劃", "内核计划"),  # an airport plan's core, not a kernel
        ("geography-sham-shui-po", "及“埠”三字", "“端口”"),  # the character 埠 (a wharf), not a port number
    ],
)
def test_opencc_computing_phrases_stay_out_of_other_text(page: str, fragment: str, opencc_writes: str) -> None:
    """The dev set's mainland lines come out as the page's zh-cn view shows them."""
    line = _devset_line(page, fragment)
    assert Converter("zh-CN").convert(line["input"]) == line["zh-CN"]
    # Positive control: OpenCC's Taiwan phrase list (the reference off) does rewrite the word.
    assert opencc_writes in Converter("zh-CN", reference=None).convert(line["input"])
    assert opencc_writes not in line["zh-CN"]


def test_opencc_computing_phrases_come_back_with_a_computing_group() -> None:
    """OpenCC's own computing cases read as OpenCC's expectation where a computing group applies."""
    cases = {str(case["input"]): case["expected"] for case in opencc_cases()}
    for text, held in [("寫一個解算器程式來解決方程式", "程式"), ("用滑鼠點選正規表示式", "点选")]:
        expected = cases[text]["tw2sp"]  # type: ignore[index]
        assert Converter("zh-CN", reference=["IT"]).convert(text) == expected
        assert held in Converter("zh-CN", reference=["People"]).convert(text)  # no computing group: held
        assert Converter("zh-CN", reference=None).convert(text) == expected  # the reference off: OpenCC's list
    # 滑鼠 is 鼠标 in any mainland text, as MediaWiki's own tables write it (phrase_everywhere).
    assert Converter("zh-CN", reference=["People"]).convert("用滑鼠點選").startswith("用鼠标")
    # Into zh-TW, OpenCC's mainland-to-Taiwan list the same way: 高級設置 outside computing.
    text = "高级设置默认的概率是50%"
    expected = cases[text]["s2twp"]  # type: ignore[index]
    assert expected == "進階設定預設的機率是50%"
    assert Converter("zh-TW", reference=["IT"]).convert(text) == expected
    assert Converter("zh-TW", reference=None).convert(text) == expected
    # Outside computing, a government sets up (設置) an office; it does not configure (設定) one.
    assert Converter("zh-TW", reference=["People"]).convert("政府设置了新的机构") == "政府設置了新的機構"
    assert Converter("zh-TW", reference=["IT"]).convert("政府设置了新的机构") == "政府設定了新的機構"
    assert Converter("zh-TW", reference=["People"]).convert("用鼠标").endswith("滑鼠")  # in any text


@pytest.mark.parametrize(
    ("page", "fragment", "kept", "opencc_writes"),
    [
        ("science-solar-system", "绕太阳运行", "運行", "執行"),  # planets move; programs run
        ("geography-sham-shui-po", "社区问题", "社區", "社群"),  # a district's community, not a social group
    ],
)
def test_opencc_mainland_computing_phrases_stay_out_of_taiwan_text(
    page: str, fragment: str, kept: str, opencc_writes: str
) -> None:
    """Mainland lines of the dev set into zh-TW keep their everyday words, as Chinese Wikipedia's zh-tw
    view does (its tables leave 运行 and 社区 as they are, checked with zhconv-rs in bench/devset.py)."""
    line = _devset_line(page, fragment)
    assert kept in Converter("zh-TW").convert(line["input"])
    # Positive control: OpenCC's list (the reference off) and the computing group do rewrite the word.
    assert opencc_writes in Converter("zh-TW", reference=None).convert(line["input"])
    assert opencc_writes in Converter("zh-TW", reference=["IT"]).convert(line["input"])


def test_one_rule_in_two_scripts_is_one_piece_of_evidence(article: str) -> None:
    """The article (Simplified 委员会) beside the Golden Horse page of the dev set (Traditional 委員會 and
    a film festival's 執委會) names one EU rule in two scripts and one in passing: no EU topic, whose
    rule 13 would write every Taiwan 委員會 as 執委會."""
    page = yaml.safe_load((DEVSET / "entertainment-golden-horse-awards.yaml").read_text(encoding="utf-8"))
    text = article + "\n" + "\n".join(line["input"] for line in page["lines"])
    assert "EU" not in choose_topics(text).groups
    probe = text + "\n委员会决定"
    assert Converter("zh-TW").convert(probe).endswith("\n委員會決定")
    assert Converter("zh-TW", reference=["EU"]).convert(probe).endswith("\n執委會決定")  # what EU would do
    # Positive control: three rules of the group, each a different name, do choose it.
    assert "EU" in choose_topics("欧盟委员会主席容克与欧洲理事会主席图斯克在马斯特里赫特会谈").groups


def test_auto_chooses_the_article_topics_with_evidence(article: str) -> None:
    picks = {pick.group: pick for pick in choose_topics(article).picks}
    assert {"People", "政治人物", "地名", "Korea"} <= set(picks)
    assert "戈尔巴乔夫" in picks["政治人物"].evidence
    assert not {"IT", "LuaIT", "Movie", "TV", "Games"} & set(picks)
    assert choose_topics("今天天气很好").groups == ()


def test_topic_hits_are_every_reference_key_in_the_text(article: str) -> None:
    """The index walks a key's beginnings only while some key has them; checked against trying every
    piece of every length at every position."""
    index = topic_index()
    found = index.hits(article)
    longest = max(len(key) for char in set(article) if char in index.offsets for key in index._bucket(char))
    expected: dict[str, set[str]] = {}
    for start in range(len(article)):
        for end in range(start + 1, min(len(article), start + longest) + 1):
            piece = article[start:end]
            if piece[0] in index.offsets:
                for group in index._bucket(piece[0]).get(piece, ()):
                    expected.setdefault(index.ref.groups[group].name, set()).add(piece)
    assert {name: set(keys) for name, keys in found.items()} == expected
    assert "戈尔巴乔夫" in found["政治人物"]
    assert longest >= 8


@pytest.mark.parametrize("tag", [v.tag for v in REGISTRY.chinese])
def test_the_project_glossary_wins_over_the_reference_on_the_article(tag: str, article: str) -> None:
    """The article renders exactly as without the reference (its names are the glossary's)."""
    assert Converter(tag).convert(article) == Converter(tag, reference=None).convert(article)


def test_a_reference_key_cannot_break_a_glossary_term() -> None:
    # Movie's film title 他来自美国 (zh-TW 完美狙擊) ends in the beginning of the glossary's 美国国防部:
    # longest match from the left would take 美国 away from it.
    text = "他来自美国国防部"
    assert Converter("zh-TW", reference=["Movie"]).convert(text) == "他來自美國國防部"
    # Positive control: without the glossary, the group's rule does fire.
    assert Converter("zh-TW", glossary=None, reference=["Movie"]).convert(text) == "完美狙擊國防部"
    # A key that holds a glossary key and writes it otherwise is shadowed too (zh-HK 戈巴卓夫 in People).
    assert Converter("zh-HK", reference=["People"]).convert("戈尔巴乔夫") == "戈爾巴喬夫"
    assert Converter("zh-HK", glossary=None, reference=["People"]).convert("戈尔巴乔夫") == "戈巴卓夫"


def test_front_matter_names_the_reference() -> None:
    head = "---\ntitle: 测试\nsource_language: zh\n"
    assert parse_document(head + "---\n正文\n").reference == "auto"
    assert parse_document(head + "reference: [People, 地名]\n---\n正文\n").reference == ("People", "地名")
    assert parse_document(head + "reference: none\n---\n正文\n").reference is None


def test_cli_reference_options(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    def convert(*options: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("特朗普访问悉尼".encode())))
        return cli("convert", "--to", "zh-TW", *options)

    assert convert()[1] == "川普訪問雪梨"
    assert convert("--no-reference")[1] == "特朗普訪問悉尼"
    assert convert("--reference", "none")[1] == "特朗普訪問悉尼"
    assert convert("--reference", "People")[1] == "川普訪問悉尼"
    code, out, err = convert("--explain-topics")
    assert code == 0
    assert out == "川普訪問雪梨"
    assert "termloc:   People (general): 特朗普\n" in err
    code, out, err = convert("--reference", "Peple")
    assert (code, out) == (2, "")
    assert err == "termloc: unknown reference group 'Peple'; did you mean People, Popes, Apple?\n"


def test_cli_reference_list(cli: Cli) -> None:
    code, out, _ = cli("reference", "list")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 444
    assert any(line.startswith("政治人物\t171 entries\tModule:CGroup/政治人物\t") for line in lines)


def test_no_reference_form_holds_joined_markup() -> None:
    # Some pages join two rules with '}--{' inside one (Movie: 'zh-cn:尼基塔;}--{-|尼基塔'): the first
    # rule is kept, the rest reported, and no form carries the markup (it wrote 美国人;}--{-|美国人).
    folder = resources.reference_dir()
    for path in (folder / "groups").glob("*.json"):
        assert "}--{" not in path.read_text(encoding="utf-8"), path.name
    dropped = (folder / "dropped.tsv").read_text(encoding="utf-8")
    assert "a second rule joined by '}--{' inside this one" in dropped


def test_render_report_names_the_reference_groups(cli: Cli, tmp_path: Path) -> None:
    code, out, _ = cli("render", "--to", "zh-TW", "--report", "-o", str(tmp_path / "a.md"))
    assert code == 0
    assert "  reference groups: People, 地名, 政治人物, Korea, UA toponyms\n" in out
    code, out, _ = cli("render", "--to", "zh-TW", "--report", "--no-reference", "-o", str(tmp_path / "b.md"))
    assert "  reference groups: none\n" in out
    assert (tmp_path / "a.md").read_bytes() == (tmp_path / "b.md").read_bytes()  # the glossary's choices win
