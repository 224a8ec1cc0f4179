"""Chinese Wikipedia's conversion groups: rules, Lua, import, conflicts, agreement."""

from __future__ import annotations

import csv
import json
import random
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from termloc import Converter, load_variants
from termloc.cli import main
from termloc.core.han import char_tables
from termloc.engine.rules import Rule, RuleSyntaxError, format_rule, parse_rule
from termloc.glossary import load_glossary
from termloc.interchange.cgroup import import_groups, read_groups
from termloc.interchange.cgroup_page import entry_rules, group_module
from termloc.interchange.lua import LuaSyntaxError, LuaTable, parse_module

from .conftest import DATA, GLOSSARY, SHARED, Cli

SAMPLES = DATA / "interchange"
CGROUPS = SHARED / "data" / "cgroups"
REGISTRY = load_variants()
RULES = yaml.safe_load((SAMPLES / "rules.yaml").read_text(encoding="utf-8"))


def cgroup_files(*names: str) -> list[Path]:
    if not CGROUPS.is_dir():
        pytest.skip(f"{CGROUPS} is not here (../shared is laid beside the checkout in CI)")
    return [CGROUPS / f"{name}.json" for name in names]


# --- the rule syntax ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", RULES, ids=[case["label"] for case in RULES])
def test_rule_syntax(case: dict[str, object]) -> None:
    if "error" in case:
        with pytest.raises(RuleSyntaxError, match=re.escape(str(case["error"]))):
            parse_rule(str(case["rule"]))
        return
    rule = parse_rule(str(case["rule"]))
    assert rule.two_way == case.get("two_way", {})
    assert rule.one_way == case.get("one_way", {})
    if rule:
        assert parse_rule(format_rule(rule)) == rule


def test_a_form_ending_like_an_entity_is_written_so_it_reads_back() -> None:
    rule = Rule({"zh-hk": "咖啡、茶&Tequila", "zh-cn": "潇洒有情天"})
    assert format_rule(rule) == "zh-hk:咖啡、茶&Tequila ; zh-cn:潇洒有情天;"
    with pytest.raises(ValueError, match="cannot convert from"):
        format_rule(Rule({}, {"zh-tw": {"Re:Zero": "從零開始"}}))


def test_every_real_rule_writes_back_as_read() -> None:
    (path,) = cgroup_files("Movie")  # 5,665 rules, one-way ones among them
    for rule in json.loads(path.read_text(encoding="utf-8"))["rules"]:
        try:
            parsed = parse_rule(rule["conv"])
        except RuleSyntaxError:
            continue
        if parsed:
            assert parse_rule(format_rule(parsed)) == parsed, rule["conv"]


# --- Lua ------------------------------------------------------------------------------------------


def test_the_lua_sample_reads_item_by_item() -> None:
    (group,) = read_groups([SAMPLES / "CGroup-sample.lua"])
    assert (group.name, group.page) == ("termloc sample", "Module:CGroup/termloc sample")
    assert group.description == "People, places and terms of the DPRK–Russia article."
    items = group.items
    assert [item.number for item in items] == list(range(1, 14))  # the three headings are not rules
    assert (items[0].original, items[0].rule, items[0].line) == (
        "Stalin",
        "zh-cn:斯大林; zh-hk:史太林; zh-tw:史達林;",
        19,
    )
    assert items[1].original == "Khrushchev"  # through the Item() helper
    assert items[5].original == ""  # original = nil
    assert items[10].rule == "zh-cn:无人机; zh-tw:無人機;"  # two strings joined with ..
    assert items[10].original == "drone"  # a long-bracket string
    assert items[12].original == "Dr. 'Q'\tescaped"
    assert items[12].rule == "zh-cn:测试; zh-tw:測試;"  # \u{6D4B} and the UTF-8 bytes \230\184\172


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("return {\n  name = 'x',\n  content = { 'unfinished }\n}", 3, "unfinished string"),
        ("return {\n content = {\n  Other('a', 'b'),\n }\n}", 3, "a call of 'Other'"),
        ("local t = {}\nreturn t", 2, "the variable 't'"),
        ("x = 1", 1, "no 'return'"),
        ("return {\n name = 'x'\n content = {}\n}", 3, "expected '}'"),
        ("--[==[ never closed\nreturn {}", 1, "unfinished long string or comment"),
        ("return { 'a\\q' }", 1, "unknown escape"),
    ],
)
def test_lua_that_cannot_be_read(text: str, line: int, problem: str) -> None:
    with pytest.raises(LuaSyntaxError, match=re.escape(problem)) as caught:
        parse_module(text)
    assert caught.value.line == line


def test_lua_values() -> None:
    value = parse_module("return { 1, -2.5, true, nil, [=[a]]b]=], ['k'] = \"v\", x = { y = 'z' }; }")
    assert isinstance(value, LuaTable)
    assert value.items == [1.0, -2.5, True, None, "a]]b"]
    assert value.fields["k"] == "v"
    assert value.fields["x"].fields == {"y": "z"}


def test_bad_lua_and_json_are_one_line_and_exit_1(cli: Cli, tmp_path: Path) -> None:
    lua = tmp_path / "Bad.lua"
    lua.write_text("return {\n\tname = 'Bad',\n\tcontent = {\n\t\t{ type = 'item', rule = 'zh-cn:甲 },\n\t},\n}\n")
    code, _, err = cli("import", "cgroup", str(lua), "-o", str(tmp_path / "out"))
    assert code == 1
    assert err.count("\n") == 1
    assert f"{lua}:4: cannot read the Lua module: unfinished string" in err
    bad = tmp_path / "Bad.json"
    bad.write_text('{"name": "Bad",\n "rules": [\n {"conv": "zh-cn:甲"},,\n]}', encoding="utf-8")
    code, _, err = cli("import", "cgroup", str(bad), "-o", str(tmp_path / "out"))
    assert code == 1
    assert f"{bad}:3: not valid JSON" in err
    bad.write_text('{"name": "Bad", "rules": [{"original": "x"}]}', encoding="utf-8")
    code, _, err = cli("import", "cgroup", str(bad), "-o", str(tmp_path / "out"))
    assert code == 1
    assert "rule 1 has no 'conv'" in err
    assert not (tmp_path / "out").exists()


def test_lua_round_trip(cli: Cli, tmp_path: Path) -> None:
    source = SAMPLES / "CGroup-sample.lua"
    code, out, _ = cli("import", "cgroup", str(source), "-o", str(tmp_path / "g"))
    assert code == 0
    assert "no conflicts" in out
    code, _, err = cli("export", "cgroup", "--glossary", str(tmp_path / "g"), "-o", str(tmp_path / "back.lua"))
    assert (code, err) == (0, "")
    (before,) = read_groups([source])
    (after,) = read_groups([tmp_path / "back.lua"])
    assert (after.name, after.description) == (before.name, before.description)
    assert [(i.original, parse_rule(i.rule)) for i in after.items] == [
        (i.original, parse_rule(i.rule)) for i in before.items
    ]


def test_the_imported_sample_converts_as_its_rules_say(tmp_path: Path) -> None:
    sources = read_groups([SAMPLES / "CGroup-sample.lua"])
    result = import_groups(sources, REGISTRY, char_tables())
    assert result.dropped == []
    by_id = {entry.id: entry for entry in result.groups[0].entries}
    putin = by_id["termloc-sample-3-putin"]
    assert putin.note == "original: [[Vladimir Putin|Putin]]"
    assert putin.rows[0].forms == {"zh-CN": "普京", "zh-TW": "普丁", "zh-HK": "普京", "en": "Putin"}
    assert putin.rows[0].admitted == {"zh-Hans": ("普京",)}  # zh: an input only
    assert by_id["termloc-sample-4"].rows[0].forms["ko"] == "김정은"
    assert by_id["termloc-sample-5"].rows[0].forms["ru"] == "Луганск"
    (north_korea,) = by_id["termloc-sample-6"].rows
    assert north_korea.one_way == ("朝鲜",)
    assert north_korea.forms == {"zh-TW": "北韓", "zh-HK": "北韓", "zh-MO": "北韓"}
    series = by_id["termloc-sample-9-series"].rows
    assert [r.one_way for r in series] == [(), ("影集",)]
    assert series[1].forms == {"zh-HK": "片集", "zh-MO": "片集", "zh-CN": "剧集"}
    code = main(["import", "cgroup", str(SAMPLES / "CGroup-sample.lua"), "-o", str(tmp_path / "g")])
    assert code == 0
    glossary = [tmp_path / "g"]
    cn, tw, hk = (
        Converter(tag, glossary=glossary, punctuation="keep", reference=None) for tag in ("zh-CN", "zh-TW", "zh-HK")
    )
    assert [tw.convert(x) for x in ("斯大林", "朝鲜", "朝鮮", "码率", "碼率", "影集")] == [
        "史達林", "北韓", "北韓", "位元率", "位元率", "影集",
    ]  # fmt: skip
    assert [hk.convert(x) for x in ("史達林", "朝鲜", "影集", "电影集团", "潇洒有情天")] == [
        "史太林", "北韓", "片集", "電影集團", "咖啡、茶&Tequila",
    ]  # fmt: skip
    assert [cn.convert(x) for x in ("史太林", "朝鲜", "影集", "庫斯克", "測試")] == [
        "斯大林",
        "朝鲜",
        "剧集",
        "库尔斯克",
        "测试",
    ]


def test_project_glossary_as_a_cgroup(tmp_path: Path) -> None:
    glossary, _ = load_glossary([GLOSSARY])
    putin = glossary.entry("vladimir-putin")
    rules = entry_rules(putin)
    assert rules[0].two_way == {"zh-hans": "弗拉基米尔·普京", "zh-tw": "弗拉迪米爾·普丁", "zh-hk": "弗拉迪米爾·普京"}
    assert rules[1].two_way == {"zh-hans": "普京", "zh-tw": "普丁", "zh-hk": "普京"}
    text, skipped = group_module(glossary.groups, "termloc")
    assert skipped == []
    path = tmp_path / "termloc.lua"
    path.write_text(text, encoding="utf-8")
    (group,) = read_groups([path])
    assert group.name == "termloc"
    assert len(group.items) >= len(glossary.entries)
    assert ("Putin", "zh-hans:普京; zh-tw:普丁; zh-hk:普京;") not in [(i.original, i.rule) for i in group.items]
    assert any(i.rule == "zh-hans:普京; zh-tw:普丁; zh-hk:普京;" for i in group.items)


# --- importing the real groups ----------------------------------------------------------------------


def write_groups(tmp_path: Path, groups: dict[str, list[tuple[str, str]]]) -> list[Path]:
    paths = []
    for name, rules in groups.items():
        path = tmp_path / f"{name}.json"
        data: dict[str, object] = {"name": name, "description": name, "path": f"Module:CGroup/{name}"}
        data["rules"] = [{"original": original, "conv": conv} for original, conv in rules]
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def report(folder: Path) -> list[dict[str, str]]:
    with (folder / "conflicts.tsv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter="\t"))


def test_khrushchev_conflict_is_reported_and_resolved(cli: Cli, tmp_path: Path) -> None:
    paths = cgroup_files("People", "Military", "政治人物")
    code, out, err = cli("import", "cgroup", *map(str, paths), "-o", str(tmp_path / "g"))
    assert (code, err) == (0, "")
    assert "imported 3 groups, 1,264 rules" in out
    # People gives 赫魯雪夫 for Hong Kong; Military and 政治人物 give 赫魯曉夫: two groups to one.
    lost = [r for r in report(tmp_path / "g") if r["group"] == "People" and r["form"] in ("赫鲁晓夫", "赫魯雪夫")]
    assert {(r["variants"], r["form"], r["rule gives"], r["termloc gives"], r["given by"]) for r in lost} == {
        ("zh-HK", "赫鲁晓夫", "赫魯雪夫", "赫魯曉夫", "Military, 政治人物"),
        ("zh-HK", "赫魯雪夫", "赫魯雪夫", "赫魯曉夫", "Military, 政治人物"),
        ("zh-MO", "赫鲁晓夫", "赫魯雪夫", "赫魯曉夫", "Military, 政治人物"),
        ("zh-MO", "赫魯雪夫", "赫魯雪夫", "赫魯曉夫", "Military, 政治人物"),
    }
    # The table printed starts with the conflicts between groups, 赫鲁晓夫's Hong Kong form first.
    table = out.splitlines()
    first = table.index(next(line for line in table if line.lstrip().startswith("variant"))) + 1
    expected = ["zh-HK", "赫魯雪夫", "People", "#377", "赫魯雪夫", "赫魯曉夫", "(Military,", "政治人物)"]
    assert table[first].split() == expected
    assert f"the whole report: {tmp_path / 'g' / 'conflicts.tsv'}" in out
    glossary = [tmp_path / "g"]
    assert Converter("zh-HK", glossary=glossary, reference=None).convert("赫鲁晓夫") == "赫魯曉夫"
    assert Converter("zh-TW", glossary=glossary, reference=None).convert("赫鲁晓夫") == "赫魯雪夫"
    assert Converter("zh-CN", glossary=glossary, reference=None).convert("赫魯雪夫") == "赫鲁晓夫"
    # People's rule keeps its other conversions, one way: 赫魯雪夫 still gives 赫魯雪夫 in Taiwan.
    assert Converter("zh-TW", glossary=glossary, reference=None).convert("赫魯曉夫") == "赫魯雪夫"


@pytest.mark.parametrize(
    ("groups", "variant", "kept"),
    [
        # 2. the output more groups give wins, whatever the order
        ({"A": [("", "zh-cn:甲乙; zh-tw:丙丁;")], "B": [("", "zh-cn:甲乙; zh-tw:戊己;")],
          "C": [("", "zh-cn:甲乙; zh-tw:戊己;")]}, "zh-TW", "戊己"),
        # 3. a tie: the group read first wins
        ({"B": [("", "zh-cn:甲乙; zh-tw:戊己;")], "A": [("", "zh-cn:甲乙; zh-tw:丙丁;")]}, "zh-TW", "戊己"),
        # ... and within one group, the earlier rule
        ({"A": [("", "zh-cn:甲乙; zh-tw:丙丁;"), ("", "zh-cn:甲乙; zh-tw:戊己;")]}, "zh-TW", "丙丁"),
        # 1. a form the rule gives beats a derived one, even against more groups
        ({"A": [("", "zh-tw:鐵路;")], "B": [("", "zh-tw:鐵路;")], "C": [("", "zh-cn:铁路; zh-tw:鐵道;")]},
         "zh-CN", "铁路"),
        # a one-way rule beats a two-way one in the same rule (MediaWiki's order)
        ({"A": [("", "甲乙=>zh-tw:戊己; zh-cn:甲乙; zh-tw:丙丁;")]}, "zh-TW", "戊己"),
    ],
)  # fmt: skip
def test_the_conflict_rule(tmp_path: Path, groups: dict[str, list[tuple[str, str]]], variant: str, kept: str) -> None:
    paths = write_groups(tmp_path, groups)
    assert main(["import", "cgroup", *map(str, paths), "-o", str(tmp_path / "g")]) == 0
    rows = report(tmp_path / "g")
    assert rows
    assert all(r["termloc gives"] == kept for r in rows if r["variants"] == variant)
    _, problems = load_glossary([tmp_path / "g"])
    assert problems == []
    if variant != "zh-CN":
        assert Converter(variant, glossary=[tmp_path / "g"], reference=None).convert("甲乙") == kept


def test_rules_left_out_are_reported(tmp_path: Path) -> None:
    paths = write_groups(
        tmp_path,
        {
            "X": [
                ("Power Rangers", "Power Rangers: Zeo"),  # MediaWiki ignores it
                ("", "just words"),  # converts nothing
                ("Cole Pfeiffer", "zh-cn:科尔·普法; zh-tw:Cole Pfeiffer; zh-hk:費高爾;"),  # a space
                ("", "甲=>zh-tw:;"),  # into nothing
            ]
        },
    )
    assert main(["import", "cgroup", *map(str, paths), "-o", str(tmp_path / "g")]) == 0
    rows = report(tmp_path / "g")
    assert [(r["what"], r["rule"]) for r in rows] == [
        ("ignored", "1"), ("ignored", "2"), ("unrepresentable", "3"), ("ignored", "4"), ("unrepresentable", "4"),
    ]  # fmt: skip
    assert rows[2]["form"] == "Cole Pfeiffer"
    assert rows[2]["variants"] == "zh-TW"  # zh-Hant is script-only: the rule does not name it
    glossary, problems = load_glossary([tmp_path / "g"])
    assert problems == []
    (pfeiffer,) = glossary.entries
    # Taiwan's form cannot be held, so the rest of the rule converts one way, without it.
    # zh-Hans is script-only: the rule does not name it, so it has no form there.
    simplified = dict.fromkeys(("zh-CN", "zh-SG", "zh-MY"), "科尔·普法")
    hong_kong = dict.fromkeys(("zh-HK", "zh-MO"), "費高爾")
    assert [(r.one_way, r.forms) for r in pfeiffer.rows] == [
        (("科尔·普法", "費高爾"), {**simplified, **hong_kong, "en": "Cole Pfeiffer"})
    ]


def test_the_import_is_deterministic(cli: Cli, tmp_path: Path) -> None:
    paths = [str(p) for p in cgroup_files("IT", "LuaIT", "Earthquake")]
    outputs = []
    for name in ("one", "two"):
        code, out, _ = cli("import", "cgroup", *paths, "-o", str(tmp_path / name))
        assert code == 0
        outputs.append(out.replace(str(tmp_path / name), "DIR"))
    assert outputs[0] == outputs[1]
    one, two = ({p.name: p.read_bytes() for p in (tmp_path / n).iterdir()} for n in ("one", "two"))
    assert one == two
    assert set(one) == {"IT.yaml", "LuaIT.yaml", "Earthquake.yaml", "conflicts.tsv"}


# --- agreement with the groups' own rules ----------------------------------------------------------

AGREEMENT_GROUPS = ("People", "Military", "政治人物", "IT", "LuaIT", "USState", "Earthquake", "Cartoon")
CODES = {"zh", "zh-hans", "zh-hant", "zh-cn", "zh-tw", "zh-hk", "zh-mo", "zh-sg", "zh-my"}
#: MediaWiki's fallback chains, written out here rather than taken from termloc.
CHAINS = {
    "zh-CN": ("zh-cn", "zh-hans", "zh-sg", "zh-my"),
    "zh-TW": ("zh-tw", "zh-hant", "zh-hk", "zh-mo"),
    "zh-HK": ("zh-hk", "zh-mo", "zh-hant", "zh-tw"),
}


def simple_rule(conv: str) -> tuple[dict[str, str], list[tuple[str, str, str]]] | None:
    """A rule read naively, split at every ';'; None when that reading is unsure."""
    two_way: dict[str, str] = {}
    one_way: list[tuple[str, str, str]] = []
    for piece in conv.split(";"):
        if not piece.strip():
            continue
        source, arrow, rest = piece.partition("=>")
        code, colon, form = (rest if arrow else piece).partition(":")
        code, form, source = code.strip().lower(), form.strip(), source.strip()
        if not colon or code not in CODES or "&" in piece:
            return None
        if arrow:
            one_way.append((source, code, form))
        elif form:
            two_way[code] = form
    return two_way, one_way


@cache
def agreement_import(folder: Path) -> Path:
    paths = cgroup_files(*AGREEMENT_GROUPS)
    assert main(["import", "cgroup", *map(str, paths), "-o", str(folder)]) == 0
    return folder


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return agreement_import(tmp_path_factory.mktemp("agreement") / "groups")


def test_the_imported_groups_validate(imported: Path) -> None:
    glossary, problems = load_glossary([imported])
    assert problems == []
    assert {g.name for g in glossary.groups} == set(AGREEMENT_GROUPS)


def test_termloc_agrees_with_the_groups_rules(imported: Path) -> None:
    dropped = report(imported)
    lost = {
        (r["group"], r["rule"], v, r["form"]) for r in dropped if r["what"] != "ignored" for v in r["variants"].split()
    }
    ignored = {(r["group"], r["rule"]) for r in dropped if r["what"] == "ignored"}
    converters = {tag: Converter(tag, glossary=[imported], punctuation="keep", reference=None) for tag in CHAINS}
    rules = [
        (path.stem, str(number), rule["conv"])
        for path in cgroup_files(*AGREEMENT_GROUPS)
        for number, rule in enumerate(json.loads(path.read_text(encoding="utf-8"))["rules"], 1)
    ]
    sample = random.Random(20240619).sample(rules, 3000)
    checked: set[tuple[str, str]] = set()
    conversions, failures = 0, []
    for group, number, conv in sample:
        parsed = simple_rule(conv)
        if parsed is None or (group, number) in ignored:
            continue
        two_way, one_way = parsed
        wanted = [
            (form, tag, next(two_way[c] for c in chain if c in two_way))
            for tag, chain in CHAINS.items()
            if any(c in two_way for c in chain)
            for form in two_way.values()
        ]
        tags = {"zh-cn": "zh-CN", "zh-tw": "zh-TW", "zh-hk": "zh-HK"}
        one_way_wanted = [(source, tags[code], form) for source, code, form in one_way if code in tags]
        overridden = {(source, tag) for source, tag, _ in one_way_wanted}  # MediaWiki: one-way wins
        wanted = [w for w in wanted if w[:2] not in overridden] + one_way_wanted
        for form, tag, want in wanted:
            if (group, number, tag, form) in lost or re.search(r"\s", form + want) or not want:
                continue
            conversions += 1
            got = converters[tag].convert(form)
            if got != want:
                failures.append(f"{group} #{number} {conv!r}: {form} → {tag} {got}, expected {want}")
        checked.add((group, number))
    assert len(checked) >= 2000
    assert conversions >= 10000
    assert failures == []
