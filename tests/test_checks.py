"""The translation checks on lines of the translators' catalogs (tests/data/checks.yaml), and their parts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.catalog import Catalog

from termloc import load_variants
from termloc.core.han import char_tables
from termloc.glossary import load_glossary
from termloc.translation.checks import check_catalog, contrasts, originals
from termloc.translation.inflection import matches_form
from termloc.translation.numbers import compact_words, numbers
from termloc.translation.quotations import unquoted

from .conftest import DATA, GLOSSARY

ROWS: list[dict[str, Any]] = yaml.safe_load((DATA / "checks.yaml").read_text(encoding="utf-8"))
REGISTRY = load_variants()
GLOSSARY_LOADED, _PROBLEMS = load_glossary([GLOSSARY])


def check(tag: str, msgid: str, msgstr: str, original: str | None = None) -> list[str]:
    """The findings for one message, as ``code: message``, the catalog's comments as `po extract` writes them."""
    variant = REGISTRY[tag]
    catalog = Catalog(locale=variant.babel_locale)
    comments = [f"paragraph; original: {original}"] if original else ["paragraph"]
    catalog.add(msgid, msgstr, lineno=10, auto_comments=comments)
    findings = check_catalog(catalog, Path("x.po"), variant, GLOSSARY_LOADED, REGISTRY, char_tables())
    return [f"{f.code}: {f.message}" for f in findings]


def test_the_glossary_loads() -> None:
    assert not _PROBLEMS


@pytest.mark.parametrize("row", ROWS, ids=[r["label"] for r in ROWS])
def test_catalog_lines(row: dict[str, Any]) -> None:
    assert check(row["locale"], row["msgid"], row["msgstr"], row.get("original")) == row["expect"]


def test_every_check_has_a_positive_control() -> None:
    failing = {finding.split(":")[0] for row in ROWS for finding in row["expect"]}
    assert {"P001", "P003", "P004", "P006"} <= failing
    assert {"ko", "ko-KP", "ru", "en"} == {row["locale"] for row in ROWS}


# -- P001: Russian paradigms ------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "text", "place", "expected"),
    [
        # Verbs (the ru translator rewrote 'установившим' to pass the earlier check).
        ("установить", "государством, установившим с ней отношения", False, True),
        ("установить", "СССР установил отношения", False, True),
        ("установить", "они установили отношения", False, True),
        ("установить", "стороны установят отношения", False, True),
        ("установить", "установка", False, False),
        # Nouns and adjectives of the catalog's forms.
        ("Россия", "отношения с Россией", False, True),
        ("Трудовая партия Кореи", "секретаря Трудовой партии Кореи", False, True),
        ("Курская область", "в Курской области", True, True),
        ("Государственная дума", "Государственной думой России", False, True),
        ("Ким Чен Ир", "с Ким Чен Иром", False, True),
        ("Хрущёв", "обвиняла Хрущева", False, True),
        ("Китай", "между Китаем и СССР", True, True),
        ("О Джин У", "министром О Джин У", False, True),
        # Different names with the same first letters.
        ("Ким Чен Ир", "с Ким Чен Ыном", False, False),
        ("Сталин", "в Сталинграде", False, False),
        ("Лавров", "Сергей Лавровский", False, False),
        ("Ким Ир Сен", "Ким Ир Сенин", False, False),
        ("КНДР", "КНДРовский", False, False),
        # A place's regular relational adjective, and only a place's.
        ("Пхеньян", "пхеньянских корпунктов", True, True),
        ("Пхеньян", "пхеньянских корпунктов", False, False),
        ("Япония", "Японский исследователь", True, True),
        ("Донецк", "Донецкую народную республику", True, True),
        ("Россия", "российская сторона", True, False),
        ("Россия", "Российской империи", True, False),
    ],
)
def test_russian_forms(form: str, text: str, place: bool, expected: bool) -> None:
    assert matches_form(form, text, "ru", place=place) is expected


# -- P004: numbers by value --------------------------------------------------------


def test_compact_words_come_from_cldr() -> None:
    assert compact_words("ko_KR")["만"] == 10_000
    assert compact_words("ru_RU")["тыс."] == 1_000
    assert compact_words("ru_RU")["миллионов"] == 1_000_000
    assert compact_words("en")["million"] == 1_000_000
    assert compact_words("zh_Hant")["萬"] == 10_000


def test_a_word_of_letters_ends_where_a_word_does() -> None:
    words = compact_words("ru_RU")
    assert [n.shown for n in numbers("10 тысячелетий", words)] == ["10"]
    assert [n.shown for n in numbers("10 тысяч", words)] == ["10 тысяч (10000)"]


def test_a_url_is_not_read_as_billions() -> None:
    """zh-HK's CLDR data lists English K, M, B: the source reads only Chinese words (%8B is 8 and B)."""
    url = "https://www.singtao.ca/news-%E9%87%91%E6%AD%A3%E6%81%A9%E8%A8%AA%E4%BF%84"
    assert check("ko", url, url) == []


def test_an_unscaled_number_passes_by_its_digits() -> None:
    """第1条 is 제1조, where 조 (10¹²) is a word of the number, not a trillion."""
    assert check("ko", "第1条规定", "제1조는 규정한다") == []


# -- P003: data of the Korean locales -----------------------------------------------


def test_the_avoid_lists_are_the_locale_data() -> None:
    north = {(a.word, a.write, a.initial) for a in REGISTRY["ko-KP"].avoid}
    assert {("러시아", "로씨야", False), ("노동", "로동", False), ("역사", "력사", True)} <= north
    south = {(a.word, a.write, a.initial) for a in REGISTRY["ko"].avoid}
    assert {("로씨야", "러시아", False), ("력사", "역사", True)} <= south
    # Where both lists have a word, each is the other's reverse.
    back = {word: write for word, write, _ in south}
    both = [(word, write) for word, write, _ in north if write in back]
    assert len(both) >= 10
    assert all(back[write] == word for word, write in both)


def test_contrasts_put_a_longer_form_first() -> None:
    found = [a.word for a in contrasts(GLOSSARY_LOADED, REGISTRY["ko-KP"])]
    assert found.index("조선노동당") < found.index("노동")


def test_ko_and_ko_kp_need_the_other() -> None:
    assert contrasts(GLOSSARY_LOADED, REGISTRY["ru"]) == tuple(REGISTRY["ru"].avoid) == ()


# -- P006: quoted originals ----------------------------------------------------------


def test_originals_are_read_from_the_comments() -> None:
    catalog = Catalog()
    catalog.add("朝鲜", "North Korea", auto_comments=["infobox; original: 朝鲜-俄罗斯關係", "heading; original: 北韓"])
    catalog.add("历史", "History", auto_comments=["heading"])
    assert originals(catalog["朝鲜"]) == ("朝鲜-俄罗斯關係", "北韓")
    assert originals(catalog["历史"]) == ()


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("(原始内容存档于2015-09-24)", []),
        ("(원제: 普京开始访问朝鲜)", []),
        ("普京开始访问朝鲜", ["普京开始访问朝鲜"]),
        ("(普京开始访问朝鲜 — a visit)", ["普京开始访问朝鲜"]),  # the pair holds more than the source's text
        ("“普京”", []),
        ("(unclosed 普京", ["普京"]),
        ("a) 普京 (b", ["普京"]),
    ],
)
def test_quoted_originals(text: str, left: list[str]) -> None:
    source = "人民网:普京开始访问朝鲜. [2020-11-30]. (原始内容存档于2015-09-24)."
    assert unquoted(text, [source], ("원제",)) == left


def test_chinese_variants_may_hold_han_anywhere() -> None:
    assert REGISTRY["zh-TW"].han == "anywhere"
    assert check("zh-TW", "历史", "歷史") == []
