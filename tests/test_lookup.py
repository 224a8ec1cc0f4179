"""Lookup on the real glossary: the data table, the index, the command line."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml

from termloc.core.cache import CacheWarning
from termloc.glossary import load_glossary
from termloc.lookup import Lookup, LookupResult, format_results, normalise, script_of
from termloc.lookup.romanise import korean, romanisations, russian

from .conftest import DATA, GLOSSARY, Cli

ROWS = yaml.safe_load((DATA / "lookups.yaml").read_text(encoding="utf-8"))
GLOSSARY_DATA, _ = load_glossary([GLOSSARY])


@pytest.fixture(scope="module")
def finder() -> Lookup:
    return Lookup([GLOSSARY])


def first(finder: Lookup, query: str, **options: str) -> LookupResult:
    results = finder.find(query, **options)  # type: ignore[arg-type]
    assert results, f"nothing found for {query!r}"
    return results[0]


@pytest.mark.parametrize("row", ROWS, ids=[str(r["query"]) for r in ROWS])
def test_lookup_table(finder: Lookup, row: dict[str, str]) -> None:
    options = {name: row[name] for name in ("lang", "kind") if name in row}
    result = first(finder, row["query"], **options)
    assert result.id == row["expect"]
    if "how" in row:
        assert result.how == row["how"]
    if "status" in row:
        assert result.status == row["status"]


def test_table_is_big_and_covers_every_script_and_kind_of_match() -> None:
    assert len(ROWS) >= 40
    ids = {entry.id for entry in GLOSSARY_DATA.entries}
    assert {row["expect"] for row in ROWS} <= ids
    scripts = {script_of(normalise(row["query"], {})) for row in ROWS}
    assert {"Hani", "Hang", "Cyrl", "Latn"} <= scripts
    assert {"exact", "prefix", "fuzzy"} <= {row.get("how") for row in ROWS}


def test_every_form_finds_its_entry(finder: Lookup) -> None:
    missed = []
    for entry in GLOSSARY_DATA.entries:
        for row in entry.rows:
            for form in row.all_forms():
                results = finder.find(form.text, limit=50)
                if not any(r.id == entry.id and r.score == 100 for r in results):
                    missed.append((entry.id, form.text))
    assert missed == []


def test_match_details(finder: Lookup) -> None:
    putin = first(finder, "普丁")
    assert (putin.matched, putin.tag, putin.status, putin.how) == ("普丁", "zh-TW", "preferred", "exact")
    assert putin.score == 100
    assert putin.forms["zh-TW"][0].text == "弗拉迪米爾·普丁"  # preferred full name first, then the short name
    assert [f.text for f in putin.forms["zh-HK"]] == ["弗拉迪米爾·普京", "普京"]
    assert [f.text for f in putin.forms["ko-KP"]] == ["울라지미르 뿌찐", "뿌찐"]
    north = first(finder, "北韩")
    assert north.deprecated
    assert north.matched == "北韩"
    assert north.tag == "zh-Hans"
    mr = first(finder, "Kim Chong-il")
    assert (mr.matched, mr.via, mr.source) == ("Kim Chŏng-il", "McCune–Reischauer", "김정일")
    ru = first(finder, "Khrushchyov")
    assert (ru.matched, ru.via, ru.tag, ru.source) == ("Khrushchyov", "Wikipedia", "ru", "Хрущёв")


def test_derived_forms_are_marked(finder: Lookup) -> None:
    pak = first(finder, "朴成哲")
    assert [(f.text, f.derived) for f in pak.forms["zh-TW"]] == [("朴成哲", True)]
    assert [(f.text, f.derived) for f in pak.forms["zh-Hans"]] == [("朴成哲", False)]
    text = format_results([pak])
    assert "朴成哲*" in text
    assert "* derived" in text


def test_exact_ranks_above_prefix_above_fuzzy(finder: Lookup) -> None:
    results = finder.find("朝鲜劳动党")
    assert [(r.id, r.how) for r in results[:2]] == [
        ("workers-party-of-korea", "exact"),
        ("wpk-central-committee", "prefix"),
    ]
    assert results[0].score == 100 > results[1].score >= 90
    fuzzy = finder.find("Gorbachov", fuzzy="always")
    assert fuzzy[0].id == "mikhail-gorbachev"
    assert fuzzy[0].score < 90
    assert finder.find("Gorbachov", fuzzy="never") == []


def test_unicode_forms_of_a_query(finder: Lookup) -> None:
    assert first(finder, unicodedata.normalize("NFD", "김정은")).id == "kim-jong-un"
    assert first(finder, "Ｐｕｔｉｎ").id == "vladimir-putin"  # full-width letters
    assert first(finder, "  Kim   Jong   Un  ").id == "kim-jong-un"


def test_filters(finder: Lookup) -> None:
    assert [r.id for r in finder.find("Korean", kind="language")] == ["korean-language"]
    events = finder.find("Korean", kind="event")
    assert events[0].id == "korean-war"  # Korean War: a prefix match
    assert {r.kind for r in events} == {"event"}
    assert all(r.tag.startswith("ko") for r in finder.find("조선", lang="ko"))
    assert finder.find("普丁", lang="ru") == []
    assert first(finder, "普丁", lang="zh-tw").tag == "zh-TW"  # tags in any case


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"kind": "planet"}, "unknown kind 'planet'"),
        ({"lang": "xx"}, "unknown language tag 'xx'"),
        ({"limit": 0}, "the limit must be at least 1"),
    ],
)
def test_bad_options(finder: Lookup, options: dict[str, object], message: str) -> None:
    from termloc.core.errors import UsageError

    with pytest.raises(UsageError, match=message):
        finder.find("Putin", **options)  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="no letters or digits"):
        finder.find("·-·")


def test_nearest(finder: Lookup) -> None:
    assert finder.find("Obama") == []
    assert len(finder.nearest("Obama")) == 3
    assert finder.nearest("普汀")[0].id == "vladimir-putin"  # 普丁, 普京, 普廷: one character off


def test_index_is_cached_and_rebuilt_when_the_glossary_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERMLOC_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "glossary"
    shutil.copytree(GLOSSARY, folder, ignore=shutil.ignore_patterns("*.md"))
    Lookup([folder])
    cached = list((tmp_path / "cache" / "lookup").iterdir())
    assert [p.suffix for p in cached] == [".marshal"]
    assert first(Lookup([folder]), "Путин").id == "vladimir-putin"  # read back from the cache
    places = folder / "places.yaml"
    town = "\n  - id: test-town\n    kind: place\n    sources: [test]\n    terms: [{zh-Hans: 测试镇, en: Testtown}]\n"
    places.write_text(places.read_text(encoding="utf-8") + town, encoding="utf-8")
    assert first(Lookup([folder]), "Testtown").id == "test-town"
    assert len(list((tmp_path / "cache" / "lookup").iterdir())) == 2
    for path in (tmp_path / "cache" / "lookup").iterdir():
        path.write_bytes(b"not marshal")  # a damaged cache is rebuilt, not trusted, and said so
    with pytest.warns(CacheWarning, match="damaged"):
        assert first(Lookup([folder]), "Testtown").id == "test-town"


def test_from_glossary_in_memory() -> None:
    from termloc.glossary.model import Entry, Glossary, Group, Row

    entry = Entry("seoul", "place", (Row({"zh-Hans": "首尔", "ko": "서울", "en": "Seoul"}),), ("test",), group="g")
    finder = Lookup.from_glossary(Glossary((Group("g", {}, "", "g.yaml", (entry,)),)))
    assert len(finder) == 1
    assert first(finder, "首爾").id == "seoul"
    assert first(finder, "Sŏul").via == "McCune–Reischauer"


@pytest.mark.parametrize(
    ("hangul", "name", "expected"),
    [
        ("김정일", True, "Kim Chŏng-il"),
        ("김일성", True, "Kim Il-sŏng"),
        ("박성철", True, "Pak Sŏng-ch'ŏl"),
        ("김대중", True, "Kim Tae-jung"),
        ("이종옥", True, "Yi Chong-ok"),
        ("평양", False, "p'yŏngyang"),
        ("독립문", False, "tongnimmun"),
        ("신라", False, "silla"),
        ("종로", False, "chongno"),
        ("한국어", False, "hangugŏ"),
        ("같이", False, "kach'i"),
        ("좋다", False, "chot'a"),
        ("뿌찐", False, "pputchin"),
        ("광명성 3호", False, "kwangmyŏngsŏng 3ho"),
    ],
)
def test_mccune_reischauer(hangul: str, name: bool, expected: str) -> None:
    assert korean(hangul, "mr", name=name) == expected


def test_revised_romanization_and_russian_schemes() -> None:
    assert korean("김정은", "rr", name=True) == "Gim Jeongeun"
    assert korean("독립문", "rr") == "dongnimmun"
    assert russian("Хрущёв", "wikipedia") == "Khrushchyov"
    assert russian("Хрущёв", "icao_doc_9303") == "Khrushchev"
    assert russian("Хрущёв", "mvd_310_fr") == "Khrouchtchev"
    assert russian("Хрущёв", "bgn_pcgn") == "Khrushchev"  # iuliia leaves ё to the caller here: read as е
    assert dict(romanisations("Путин", "ru"))["mvd_310_fr"] == "Poutine"
    assert romanisations("Putin", "en") == []


@pytest.mark.parametrize(
    ("query", "entry"),
    [
        ("普丁", "vladimir-putin"),
        ("Путин", "vladimir-putin"),
        ("뿌찐", "vladimir-putin"),
        ("kim jong un", "kim-jong-un"),
    ],
)
def test_cli_shows_the_entry_first(cli: Cli, query: str, entry: str) -> None:
    code, out, err = cli("lookup", query)
    assert (code, err) == (0, "")
    assert out.startswith(f"1. {entry} (person): exact match ")


def test_cli_json(cli: Cli) -> None:
    code, out, _ = cli("lookup", "北韩", "--json", "--limit", "1")
    assert code == 0
    [result] = json.loads(out)
    assert {"id", "kind", "matched", "score", "forms"} <= set(result)
    assert (result["id"], result["kind"], result["matched"], result["score"]) == ("north-korea", "state", "北韩", 100)
    assert result["matched_status"] == "deprecated"
    assert result["forms"]["zh-TW"][:2] == ["朝鮮民主主義人民共和國", "北韓"]
    assert result["forms"]["ko-KP"] == ["조선민주주의인민공화국", "조선"]
    assert "朝鮮民主主義人民共和國" in result["derived"]["zh-TW"]
    assert set(result["forms"]) >= {"zh-Hans", "zh-Hant", "zh-CN", "zh-TW", "zh-HK", "zh-MO", "ko", "ko-KP", "ru", "en"}


def test_cli_text_says_deprecated_and_via(cli: Cli) -> None:
    assert "[zh-Hans, deprecated form]" in cli("lookup", "北韩")[1]
    assert "[ko, McCune–Reischauer of 김정일]" in cli("lookup", "Kim Chong-il")[1]


def test_cli_no_match(cli: Cli) -> None:
    code, out, err = cli("lookup", "Obama")
    assert (code, out) == (1, "")
    assert err.startswith("termloc: no entry matches 'Obama'; nearest: ")
    assert len(err.splitlines()) == 1
    assert cli("lookup", "Obama", "--json")[:2] == (1, "[]\n")


@pytest.mark.parametrize(
    "argv",
    [
        ["lookup"],
        ["lookup", "Putin", "--kind", "planet"],
        ["lookup", "Putin", "--lang", "xx"],
        ["lookup", "Putin", "--limit", "0"],
        ["lookup", "Putin", "--limit", "many"],
        ["lookup", "·"],
        ["lookup", "Putin", "--group", "nonsense"],
    ],
)
def test_cli_usage_errors_exit_2(cli: Cli, argv: list[str]) -> None:
    code, out, err = cli(*argv)
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1


def test_cli_group_and_glossary(cli: Cli) -> None:
    assert cli("lookup", "Putin", "--glossary", str(GLOSSARY / "people.yaml"))[0] == 0
    assert cli("lookup", "Putin", "--group", "places")[0] == 1
    code, out, _ = cli("lookup", "平壤", "--group", "places,people")
    assert code == 0
    assert out.startswith("1. pyongyang (place)")
