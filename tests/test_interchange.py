"""Interchange: TBX, CSV, OpenCC dictionaries, glossary files written, and the commands."""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import opencc
import pytest
from lxml import etree

from termloc import Converter, load_variants
from termloc.core.opencc_files import share_dir
from termloc.glossary import load_glossary
from termloc.glossary.model import Entry, Glossary, Group, Row
from termloc.interchange.table import export_csv, read_csv
from termloc.interchange.tbx import NAMESPACE, export_tbx, language_tag, read_tbx
from termloc.interchange.writer import group_yaml, scalar

from .conftest import DATA, GLOSSARY, Cli

SAMPLES = DATA / "interchange"
REGISTRY = load_variants()
PROJECT, PROBLEMS = load_glossary([GLOSSARY])


def plain_row(row: Row) -> Row:
    return dataclasses.replace(row, line=0, lines={})


def plain(entry: Entry) -> Entry:
    """An entry without where it was read from, for comparing models."""
    return dataclasses.replace(entry, file="", line=0, rows=tuple(plain_row(r) for r in entry.rows))


def plain_groups(glossary: Glossary | list[Group]) -> list[tuple[str, dict[str, str], str, list[Entry]]]:
    groups = glossary.groups if isinstance(glossary, Glossary) else glossary
    return [(g.name, dict(g.title), g.description, [plain(e) for e in g.entries]) for g in groups]


def test_the_project_glossary_is_valid() -> None:
    assert PROBLEMS == []


# --- glossary files written --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["普京", "original: Stalin", "yes", "no", "null", "~", "123", "1.5", "2024-06-19", "- x", "#x", "a #b", "x:",
     " lead", "trail ", "", "'q'", '"q"', "tab\there", "line\nbreak", "\u2028", "\x85", "\x07", "@x", "[x]", "{x}",
     "A&amp;B", "!x", "%x", "*x", "&x", "|x", ">x", "?x", ": x", "\ufeffbom", "\U0002000b"],
)  # fmt: skip
def test_scalars_read_back_as_written(text: str) -> None:
    import yaml

    assert yaml.safe_load(f"key: {scalar(text)}\n") == {"key": text}


def test_written_files_read_back_as_the_same_model(tmp_path: Path) -> None:
    for group in PROJECT.groups:
        (tmp_path / f"{group.name}.yaml").write_text(group_yaml(group, "a comment"), encoding="utf-8")
    again, problems = load_glossary([tmp_path])
    assert problems == []
    assert sorted(plain_groups(again)) == sorted(plain_groups(PROJECT))


# --- TBX ------------------------------------------------------------------------------------

TBX = f"{{{NAMESPACE}}}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: TBX-Basic's data categories: element → type → the levels it may stand at.
TBX_BASIC = {
    "admin": {"projectSubset": {"conceptEntry", "termSec"}, "customerSubset": {"conceptEntry", "termSec"},
              "source": {"conceptEntry", "langSec", "termSec"}},
    "descrip": {"subjectField": {"conceptEntry"}, "definition": {"conceptEntry", "langSec"}, "context": {"termSec"}},
    "termNote": {"administrativeStatus": {"termSec"}, "partOfSpeech": {"termSec"}, "termType": {"termSec"},
                 "geographicalUsage": {"termSec"}, "grammaticalGender": {"termSec"}, "termLocation": {"termSec"}},
}  # fmt: skip
STATUSES = {"preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts", "supersededTerm-admn-sts"}
NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")
LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def local(node: etree._Element) -> str:
    return str(node.tag).replace(TBX, "")


def tbx_basic_problems(root: etree._Element) -> list[str]:
    """TBX v3 core structure and TBX-Basic's data categories, as their schemas state them.

    No package ships the TBX-Basic RELAX NG schema, so its rules are written out here.
    """
    problems = check_root(root)
    header, text = list(root)
    problems.extend(check_header(header, text))
    (body,) = list(text)
    ids: Counter[str | None] = Counter()
    for concept in body:
        problems.extend(check_concept(concept, ids))
    problems.extend(f"id {i!r} used {n} times" for i, n in ids.items() if i is not None and n > 1)
    return problems


def check_root(root: etree._Element) -> list[str]:
    """The problems of the root element itself."""
    problems = []
    if root.tag != f"{TBX}tbx" or root.get("type") != "TBX-Basic" or root.get("style") != "dca":
        problems.append("root: <tbx type='TBX-Basic' style='dca'> in the TBX v3 namespace")
    if not root.get(XML_LANG):
        problems.append("root: xml:lang is required")
    return problems


def check_header(header: etree._Element, text: etree._Element) -> list[str]:
    """The problems of the root's two children and of the header's file description."""
    problems = []
    if local(header) != "tbxHeader" or local(text) != "text":
        problems.append("tbx: tbxHeader then text")
    file_desc = header.find(f"{TBX}fileDesc")
    kinds = [local(c) for c in file_desc]
    if "sourceDesc" not in kinds or kinds != sorted(kinds, key=["publicationStmt", "titleStmt", "sourceDesc"].index):
        problems.append("fileDesc: publicationStmt?, titleStmt?, sourceDesc+")
    for source_desc in file_desc.iter(f"{TBX}sourceDesc"):
        if not len(source_desc) or any(local(p) != "p" for p in source_desc):
            problems.append("sourceDesc: p+")
    return problems


def check_concept(concept: etree._Element, ids: Counter[str | None]) -> list[str]:
    """The problems of one child of the body, counting the ids it uses in ``ids``."""
    if local(concept) != "conceptEntry":
        return [f"body holds conceptEntry only, not {local(concept)}"]
    ids[concept.get("id")] += 1
    problems = []
    if not NCNAME.match(concept.get("id") or ""):
        problems.append(f"conceptEntry id {concept.get('id')!r} is not an XML id")
    children = [local(c) for c in concept]
    first_lang = children.index("langSec") if "langSec" in children else len(children)
    if first_lang == len(children) or any(c != "langSec" for c in children[first_lang:]):
        problems.append(f"{concept.get('id')}: auxiliary information, then langSec+")
    problems.extend(check_languages(concept, ids))
    problems.extend(check_categories(concept))
    return problems


def check_languages(concept: etree._Element, ids: Counter[str | None]) -> list[str]:
    """The problems of a concept's langSecs and their termSecs, counting the termSecs' ids in ``ids``."""
    problems = []
    for lang_sec in concept.iter(f"{TBX}langSec"):
        if not LANGUAGE.match(lang_sec.get(XML_LANG) or ""):
            problems.append(f"{concept.get('id')}: langSec needs xml:lang")
        for term_sec in lang_sec.iter(f"{TBX}termSec"):
            ids[term_sec.get("id")] += 1
            parts = [local(c) for c in term_sec]
            if parts[:1] != ["term"] or not (term_sec[0].text or "").strip():
                problems.append(f"{term_sec.get('id')}: a termSec starts with its term")
    return problems


def check_categories(concept: etree._Element) -> list[str]:
    """The data categories in a concept that TBX-Basic does not allow where they stand."""
    problems = []
    for node in concept.iter():
        name, kind = local(node), node.get("type")
        if name in TBX_BASIC:
            level = local(node.getparent())
            allowed = TBX_BASIC[name].get(kind)
            if allowed is None or level not in allowed:
                problems.append(f"{concept.get('id')}: {name} type={kind!r} at {level} is not TBX-Basic")
        if name == "termNote" and kind == "administrativeStatus" and node.text not in STATUSES:
            problems.append(f"{concept.get('id')}: administrativeStatus {node.text!r}")
    return problems


def test_tbx_export_is_tbx_basic(tmp_path: Path) -> None:
    root = etree.fromstring(export_tbx(PROJECT, REGISTRY))
    assert tbx_basic_problems(root) == []
    assert len(root.findall(f".//{TBX}conceptEntry")) == len(PROJECT.entries)


def test_the_structure_check_catches_what_tbx_basic_forbids() -> None:
    root = etree.fromstring(export_tbx(PROJECT, REGISTRY))
    concept = root.find(f".//{TBX}conceptEntry")
    etree.SubElement(concept, f"{TBX}descrip", type="subjectField").text = "too late"  # after the langSecs
    etree.SubElement(concept.find(f"{TBX}langSec/{TBX}termSec"), f"{TBX}termNote", type="colour").text = "red"
    problems = tbx_basic_problems(root)
    assert any("then langSec+" in p for p in problems)
    assert any("type='colour'" in p for p in problems)


def test_tbx_export_of_an_entry_by_hand() -> None:
    root = etree.fromstring(export_tbx(PROJECT.select(["people"]), REGISTRY))
    (stalin,) = root.xpath("//t:conceptEntry[@id='joseph-stalin']", namespaces={"t": NAMESPACE})
    langs = {sec.get(XML_LANG): [t.text for t in sec.iter(f"{TBX}term")] for sec in stalin.iter(f"{TBX}langSec")}
    assert langs["zh-Hans"][0] == "斯大林"
    assert langs["zh-Hant-TW"][0] == "史達林"
    assert langs["zh-Hant-HK"][0] == "史太林"
    assert "ko-KR" in langs
    assert "ko-KP" in langs
    assert "ru" in langs
    assert "en" in langs
    assert stalin.find(f"{TBX}admin[@type='projectSubset']").text == "people"
    assert stalin.find(f"{TBX}descrip[@type='subjectField']").text == "person"
    assert stalin.findall(f"{TBX}admin[@type='source']")


def test_bcp47_tags() -> None:
    tags = {tag: language_tag(tag, REGISTRY) for tag in REGISTRY}
    assert tags["zh-CN"] == "zh-Hans-CN"
    assert tags["zh-TW"] == "zh-Hant-TW"
    assert tags["zh-HK"] == "zh-Hant-HK"
    assert tags["zh-Hans"] == "zh-Hans"
    assert tags["ko"] == "ko-KR"
    assert tags["ko-KP"] == "ko-KP"
    assert (tags["ru"], tags["en"]) == ("ru", "en")
    assert all(REGISTRY.normalise(bcp) == tag for tag, bcp in tags.items())


def test_tbx_round_trip_is_lossless(tmp_path: Path) -> None:
    path = tmp_path / "glossary.tbx"
    path.write_bytes(export_tbx(PROJECT, REGISTRY))
    result = read_tbx(path, REGISTRY)
    assert result.warnings == []
    assert plain_groups(result.groups) == plain_groups(PROJECT)


def test_tbx_round_trip_keeps_one_way_rows_and_odd_ids(tmp_path: Path) -> None:
    entry = Entry(
        "1718-resolution",
        "document",
        (
            Row({"zh-Hans": "第1718号决议", "en": "Resolution 1718"}, {"zh-TW": ("1718號決議",)}, {"ko": ("결의",)}),
            Row({"zh-TW": "位元率", "zh-HK": "位元率"}, one_way=("码率", "碼率")),
        ),
        ("UN",),
        "A note\nover two lines.",
        "en",
        "odd",
    )
    glossary = Glossary((Group("odd", {"zh": "怪"}, "Odd cases.", "", (entry,)),))
    path = tmp_path / "odd.tbx"
    path.write_bytes(export_tbx(glossary, REGISTRY))
    assert tbx_basic_problems(etree.parse(str(path)).getroot()) == []
    assert plain_groups(read_tbx(path, REGISTRY).groups) == plain_groups(glossary)


def test_tbx_v2_as_weblate_writes_it() -> None:
    result = read_tbx(SAMPLES / "weblate-glossary.tbx", REGISTRY)
    assert result.version == 2
    (group,) = result.groups
    assert group.name == "weblate-glossary"
    by_id = {e.id: e for e in group.entries}
    assert list(by_id) == ["putin", "stalin", "north-korea", "drone"]
    putin = by_id["putin"]
    assert putin.rows[0].forms == {"en": "Putin", "zh-Hans": "普京", "zh-TW": "普丁"}  # de skipped
    assert putin.rows[0].admitted == {"zh-TW": ("普廷",)}
    assert putin.note == "President of Russia."
    assert putin.sources == ("imported from weblate-glossary.tbx",)
    stalin = by_id["stalin"]
    assert stalin.rows[0].forms == {"en": "Stalin", "zh-Hans": "斯大林", "zh-HK": "史太林", "zh-Hant": "史達林"}
    assert stalin.rows[0].deprecated == {"zh-Hant": ("斯大林",)}
    assert stalin.note == "Leader of the Soviet Union."  # not Weblate's "Translation needed"
    assert by_id["north-korea"].rows[0].forms == {
        "en": "North Korea",
        "zh-Hans": "朝鲜",
        "zh-TW": "北韓",
        "ko-KP": "조선",
    }
    drone = by_id["drone"]
    assert [r.forms for r in drone.rows] == [{"en": "drone", "zh-Hans": "无人机"}, {"en": "unmanned aerial vehicle"}]
    assert len(result.warnings) == 2
    assert "'无人 飞机'" in result.warnings[0]
    assert ":118:" in result.warnings[0]
    assert "'de'" in result.warnings[1]


def test_tbx_v2_import_converts(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("import", "tbx", str(SAMPLES / "weblate-glossary.tbx"), "-o", str(tmp_path / "g"))
    assert code == 0, err
    assert "warning" in err
    assert "'de'" in err
    assert cli("glossary", "validate", str(tmp_path / "g"))[0] == 0
    assert Converter("zh-TW", glossary=[tmp_path / "g"], reference=None).convert("普京和斯大林") == "普丁和史達林"
    assert Converter("zh-HK", glossary=[tmp_path / "g"], reference=None).convert("斯大林") == "史太林"


def _assert_bad_import(cli: Cli, tmp_path: Path, fmt: str, text: str, problem: str) -> None:
    """Importing ``text`` fails with one line naming file and line, exit 1, and writes nothing."""
    path = tmp_path / f"bad.{fmt}"
    path.write_text(text, encoding="utf-8")
    code, _, err = cli("import", fmt, str(path), "-o", str(tmp_path / "out"))
    assert code == 1
    assert err.count("\n") == 1, err
    assert f"{path}{problem}" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("<tbx><text><body>", ":1: malformed XML"),
        ("<?xml version='1.0'?>\n<glossary/>", ":2: not TBX: the root element is <glossary>"),
        ("<martif>\n<text>\n<body>\n<termEntry>\n<langSet xml:lang='en'><tig><term>x</tig>", ":5: malformed XML"),
    ],
)
def test_bad_tbx_is_one_line_and_exit_1(cli: Cli, tmp_path: Path, text: str, problem: str) -> None:
    _assert_bad_import(cli, tmp_path, "tbx", text, problem)


def test_tbx_entities_are_not_expanded(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("機密", encoding="utf-8")
    path = tmp_path / "xxe.tbx"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        "<martif><text><body><termEntry><langSet xml:lang='zh-Hans'><tig><term>&x;普京</term></tig></langSet>"
        "</termEntry></body></text></martif>",
        encoding="utf-8",
    )
    result = read_tbx(path, REGISTRY)
    assert "機密" not in json.dumps([e.rows[0].forms for g in result.groups for e in g.entries], ensure_ascii=False)


# --- CSV ------------------------------------------------------------------------------------


def test_csv_round_trip_keeps_every_entry(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    path.write_text(export_csv(PROJECT, REGISTRY), encoding="utf-8", newline="")
    result = read_csv(path, REGISTRY)
    assert result.warnings == []
    # A CSV file carries entries only: group titles and descriptions stay behind.
    want = [(g.name, [plain(e) for e in g.entries]) for g in PROJECT.groups]
    assert [(g.name, [plain(e) for e in g.entries]) for g in result.groups] == want


def test_csv_layout() -> None:
    text = export_csv(PROJECT.select(["people"]), REGISTRY)
    assert text.startswith("\ufeffid,group,kind,origin,note,sources,zh-Hans,")
    header = text[1:].split("\r\n", 1)[0].split(",")
    assert header[-3:] == ["admitted", "deprecated", "from"]
    assert header.index("zh-TW") < header.index("zh-HK") < header.index("ko") < header.index("en")


def test_csv_as_a_spreadsheet_writes_it() -> None:
    result = read_csv(SAMPLES / "spreadsheet.csv", REGISTRY)
    assert [g.name for g in result.groups] == ["people", "terms"]
    stalin, kim = result.groups[0].entries
    assert stalin.id == "joseph-stalin"
    assert stalin.kind == "person"
    assert stalin.sources == ("zhwiki CGroup/政治人物 'Stalin'", "Ming Pao style guide")
    assert stalin.rows[0].forms == {
        "zh-Hans": "斯大林", "zh-TW": "史達林", "zh-HK": "史太林", "ko": "스탈린", "ko-KP": "쓰딸린", "en": "Stalin",
    }  # fmt: skip
    assert stalin.rows[0].admitted == {"zh-TW": ("史大林",)}
    assert [r.forms["zh-Hans"] for r in kim.rows] == ["金日成", "金主席"]
    (test,) = result.groups[1].entries
    assert test.rows[0].admitted == {"zh-TW": ("核試驗", "核子試爆")}
    assert test.rows[0].deprecated == {"zh-HK": ("核子試驗",)}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("id,zh-Hans,colour\nx,普京,red\n", ":1: unknown column 'colour'"),
        ("id,zh-TW,zh_tw\nx,普丁,普丁\n", ":1: the column 'zh-TW' appears twice"),
        ("note,en\nx,y\n", ":1: the header needs an 'id' column"),
        ("", ":1: the file is empty"),
        ('id,zh-Hans\nx,普京\ny,"斯大林\n', ":3: malformed CSV"),
        ("id,zh-Hans,admitted\nx,普京,普廷\n", ":2: '普廷' is not 'tag: form'"),
        ("id,zh-Hans\nx,普京,extra\n", ":2: 3 cells but 2 columns"),
    ],
)
def test_bad_csv_is_one_line_and_exit_1(cli: Cli, tmp_path: Path, text: str, problem: str) -> None:
    _assert_bad_import(cli, tmp_path, "csv", text, problem)


def test_an_ambiguous_import_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "two.csv"
    path.write_text("id,zh-Hans,zh-TW\nnorth-korea,朝鲜,北韓\njoseon,朝鲜,朝鮮\n", encoding="utf-8")
    code, _, err = cli("import", "csv", str(path), "-o", str(tmp_path / "out"))
    assert code == 1
    assert f"{path}:3: G006:" in err
    assert "nothing written" in err
    assert not (tmp_path / "out").exists()


# --- OpenCC dictionaries ------------------------------------------------------------------------


def test_opencc_dictionary_works_in_plain_opencc(cli: Cli, tmp_path: Path) -> None:
    dictionary = tmp_path / "termloc-zh-TW.txt"
    code, out, _ = cli("export", "opencc", "--to", "zh-tw", "-o", str(dictionary))
    assert code == 0
    assert "zh-TW" in out
    lines = dictionary.read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)
    assert all(re.fullmatch(r"[^\t\s]+\t[^\t\s]+", line) for line in lines)
    assert "普京\t普丁" in lines
    assert "朝鮮勞動黨\t朝鮮勞動黨" in lines
    # A user's config: OpenCC's s2twp with the dictionary first in the segmenter and the first stage.
    share = share_dir()
    config = json.loads((share / "s2twp.json").read_text(encoding="utf-8"))

    def absolute(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: str(share / v) if k == "file" else absolute(v) for k, v in node.items()}
        return [absolute(item) for item in node] if isinstance(node, list) else node

    config = absolute(config)
    mine = {"type": "text", "file": str(dictionary)}
    config["segmentation"]["dict"]["dicts"].insert(0, mine)
    config["conversion_chain"][0]["dict"]["dicts"][0]["dicts"].insert(0, mine)
    (tmp_path / "mine.json").write_text(json.dumps(config), encoding="utf-8")
    converter = opencc.OpenCC(str(tmp_path / "mine.json"))
    stock = opencc.OpenCC("s2twp")
    cases = {
        "俄罗斯总统普京": "俄羅斯總統普丁",
        "朴成哲": "朴成哲",  # stock OpenCC: 樸成哲
        "斯大林": "史達林",
        "卢干斯克": "盧甘斯克",  # stock OpenCC: 盧幹斯克
        "朝鲜劳动党": "朝鮮勞動黨",
        "朝鲜战争": "韓戰",
    }
    for text, want in cases.items():
        assert converter.convert(text) == want, text
    assert stock.convert("朴成哲") == "樸成哲"


def test_opencc_export_needs_a_chinese_variant(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("export", "opencc", "--to", "ko", "-o", str(tmp_path / "x.txt"))
    assert code == 2
    assert "not a Chinese variant" in err
    code, _, err = cli("export", "opencc", "--to", "xx-YY", "-o", str(tmp_path / "x.txt"))
    assert code == 2
    assert "unknown variant" in err
    assert not (tmp_path / "x.txt").exists()


# --- the commands -----------------------------------------------------------------------------------


def test_export_then_import_through_the_commands(cli: Cli, tmp_path: Path) -> None:
    for fmt in ("tbx", "csv"):
        target = tmp_path / f"people.{fmt}"
        code, out, err = cli("export", fmt, "--group", "people", "-o", str(target))
        assert (code, err) == (0, ""), err
        assert f"wrote {target}" in out
        code, out, err = cli("import", fmt, str(target), "-o", str(tmp_path / fmt))
        assert (code, err) == (0, ""), err
        assert [p.name for p in (tmp_path / fmt).iterdir()] == ["people.yaml"]
        again, problems = load_glossary([tmp_path / fmt])
        assert problems == []
        assert [plain(e) for e in again.entries] == [plain(e) for e in PROJECT.select(["people"]).entries]


def test_import_refuses_a_folder_with_files(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "mine.yaml").write_text("keep me", encoding="utf-8")
    tbx = str(SAMPLES / "weblate-glossary.tbx")
    code, _, err = cli("import", "tbx", tbx, "-o", str(target))
    assert code == 2
    assert "not empty" in err
    assert "--force" in err
    assert [p.name for p in target.iterdir()] == ["mine.yaml"]
    code, _, _ = cli("import", "tbx", tbx, "-o", str(target), "--force")
    assert code == 0
    assert [p.name for p in target.iterdir()] == ["weblate-glossary.yaml"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary folders left


def test_import_into_an_empty_folder(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    assert cli("import", "csv", str(SAMPLES / "spreadsheet.csv"), "-o", str(tmp_path / "out"))[0] == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["people.yaml", "terms.yaml"]


@pytest.mark.parametrize(
    "argv",
    [
        ["export"],
        ["export", "pdf", "-o", "x"],
        ["export", "tbx"],
        ["import", "tbx", "x.tbx"],
        ["import", "cgroup", "-o", "out"],
        ["export", "tbx", "--group", "nope", "-o", "x.tbx"],
    ],
)
def test_bad_usage_exits_2(cli: Cli, tmp_path: Path, argv: list[str]) -> None:
    code, out, err = cli(*[str(tmp_path / a) if a in ("x", "x.tbx", "out") else a for a in argv])
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_missing_input_exits_1(cli: Cli, tmp_path: Path) -> None:
    for fmt in ("tbx", "csv", "cgroup"):
        code, _, err = cli("import", fmt, str(tmp_path / f"none.{fmt}"), "-o", str(tmp_path / "out"))
        assert code == 1, fmt
        assert "no such file" in err
    assert not (tmp_path / "out").exists()


# --- one-way rows (the glossary's extension for MediaWiki's A=>zh-tw:B) -----------------------------

ONE_WAY = """\
group: terms
entries:
  - id: bitrate
    kind: term
    sources: [zhwiki Module:CGroup/IT]
    terms:
      - from: [码率]
        zh-TW: 位元率
        zh-HK: 位元率
        en: bitrate
"""


def test_a_one_way_row_converts_its_sources_into_the_variants_it_names(tmp_path: Path) -> None:
    (tmp_path / "terms.yaml").write_text(ONE_WAY, encoding="utf-8")
    glossary, problems = load_glossary([tmp_path])
    assert problems == []
    (row,) = glossary.entry("bitrate").rows
    assert row.one_way == ("码率",)
    assert [f.text for f in row.chinese_inputs()] == ["码率"]
    tw, hk, mo, cn = (Converter(t, glossary=[tmp_path], reference=None) for t in ("zh-TW", "zh-HK", "zh-MO", "zh-CN"))
    assert (tw.convert("码率"), tw.convert("碼率"), hk.convert("码率")) == ("位元率", "位元率", "位元率")
    assert mo.convert("码率") == "碼率"  # no fallback to zh-HK for a one-way row
    assert cn.convert("码率") == "码率"
    plain_cn = Converter("zh-CN", glossary=None, reference=None)
    assert cn.convert("位元率") == plain_cn.convert("位元率") == "比特率"  # the target is no input: OpenCC's own


@pytest.mark.parametrize(
    ("row", "code", "line"),
    [
        ("      - from: [码率]\n        en: bitrate\n", "G007", 7),
        ("      - from: [码率]\n        zh-TW: 位元率\n        admitted: {zh-TW: [位元速率]}\n", "G008", 7),
        ("      - from: {zh-CN: 码率}\n        zh-TW: 位元率\n", "G008", 7),
        ("      - from: []\n        zh-TW: 位元率\n", "G005", 7),
        ("      - from: [码 率]\n        zh-TW: 位元率\n", "G011", 7),
    ],
)
def test_bad_one_way_rows(tmp_path: Path, row: str, code: str, line: int) -> None:
    head = ONE_WAY.split("      - from")[0]
    (tmp_path / "terms.yaml").write_text(head + row, encoding="utf-8")
    _, problems = load_glossary([tmp_path])
    assert [(p.code, p.line) for p in problems] == [(code, line)]
    assert problems[0].hint


def test_show_a_one_way_row(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "terms.yaml").write_text(ONE_WAY, encoding="utf-8")
    code, out, _ = cli("glossary", "show", "bitrate", "--glossary", str(tmp_path))
    assert code == 0
    assert "one way, from: 码率" in out
    code, out, _ = cli("glossary", "show", "bitrate", "--glossary", str(tmp_path), "--json")
    assert json.loads(out)["rows"][0]["from"] == ["码率"]
