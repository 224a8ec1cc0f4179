"""The translator workflow on the real article: extract, update, check, stats, render."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from termloc import load_variants
from termloc.core.han import char_tables
from termloc.glossary import load_glossary
from termloc.translation.catalogs import translations_held
from termloc.translation.checks import check_catalog, matches_form
from termloc.translation.pofiles import read_catalog, write_catalog

from .conftest import GLOSSARY, ROOT, Cli

ARTICLE = ROOT / "articles" / "dprk-russia-relations.md"
DOMAIN = "dprk-russia-relations"
REGISTRY = load_variants()
TITLE = "朝鲜—俄罗斯关系"
VISIT = (
    "2000年7月19日,俄罗斯总统普京首次访问朝鲜,与朝鲜劳动党总书记金正日举行会谈,"
    "恢复了因1990年苏联与韩国建交而中断的俄朝关系[9]"
)


def po_file(folder: Path, locale: str) -> Path:
    return folder / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def translate(path: Path, translations: dict[str, str]) -> None:
    catalog = read_catalog(path)
    for message in catalog:
        if message.id in translations:
            message.string = translations[str(message.id)]
            message.flags.discard("fuzzy")
    write_catalog(path, catalog)


def test_extract_writes_one_message_per_unit_with_glossary_hints(cli: Cli, tmp_path: Path) -> None:
    code, out, _ = cli("po", "extract", "--locales-dir", str(tmp_path))
    assert code == 0
    pot = tmp_path / f"{DOMAIN}.pot"
    assert out == f"wrote 99 messages to {pot}\n"
    with pot.open("rb") as stream:
        catalog = read_po(stream)
    visit = catalog[VISIT]
    assert visit.locations == [("dprk-russia-relations.md", 56)]
    assert (
        "普京 [vladimir-putin]: ko 푸틴 · ko-KP 뿌찐 · ru Путин · en Putin · zh-TW 普丁 · zh-HK 普京"
        in visit.auto_comments
    )
    # The msgid is the zh-Hans rendering, the glossary's mainland 核研究 included.
    mixed = catalog["直到2015年初平壤当局停止付款为止,俄罗斯允许朝鲜在其境内进行核研究。[14]"]
    assert (
        mixed.auto_comments[0]
        == "paragraph; original: 直到2015年初平壤當局停止付款為止,俄羅斯允許朝鲜在其境內進行核子研究。[14]"
    )
    assert catalog["历史"].locations == [("dprk-russia-relations.md", 42)]


def test_round_trip(cli: Cli, tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    assert cli("po", "extract", "--locales-dir", str(locales))[0] == 0
    code, out, _ = cli("po", "update", "--locales-dir", str(locales), "--locale", "ru")
    assert code == 0
    assert "created" in out
    path = po_file(locales, "ru_RU")
    catalog = read_catalog(path)
    assert catalog.plural_forms.startswith("nplurals=3;")
    assert len(catalog) == 99
    translate(
        path,
        {
            TITLE: "Отношения КНДР и России",
            VISIT: "19 июля 2000 года президент России Путин посетил КНДР "
            "и провёл переговоры с генеральным секретарём Трудовой партии Кореи Ким Чен Иром, восстановив "
            "отношения, прерванные в 1990 году установлением отношений между СССР и Южной Кореей[9]",
        },
    )

    # The author changes a sentence and removes another.
    article = tmp_path / f"{DOMAIN}.md"
    text = ARTICLE.read_text(encoding="utf-8")
    text = text.replace("2000年7月19日,俄罗斯总统普京首次访问朝鲜,", "2000年7月19日,俄罗斯总统普京首次正式访问朝鲜,")
    text = text.replace("2022年11月2日,俄罗斯和朝鲜时隔两年恢复因2019冠狀病毒病疫情中斷的铁路运输。[18]", "")
    article.write_text(text, encoding="utf-8")
    assert cli("po", "extract", str(article), "--locales-dir", str(locales))[0] == 0
    code, out, _ = cli("po", "update", str(article), "--locales-dir", str(locales), "--locale", "ru")
    assert code == 0
    assert "1 fuzzy with their previous source, 1 obsolete" in out

    catalog = read_catalog(path)
    changed = catalog[VISIT.replace("首次访问", "首次正式访问")]
    assert changed.fuzzy
    assert changed.previous_id == [VISIT]
    assert str(changed.string).startswith("19 июля 2000 года")
    assert catalog[TITLE].string == "Отношения КНДР и России"
    written = path.read_text(encoding="utf-8")
    assert f'#| msgid "{VISIT}"' in written
    assert '#~ msgid "2022年11月2日,俄罗斯和朝鲜时隔两年恢复因2019冠状病毒病疫情中断的铁路运输。[18]"' in written

    code, out, _ = cli("po", "check", str(article), "--locales-dir", str(locales), "--locale", "ru")
    assert code == 0
    assert out.endswith("0 errors, 1 fuzzy messages not checked\n")
    assert ": P010: fuzzy" in out

    code, out, _ = cli("po", "stats", str(article), "--locales-dir", str(locales), "--json")
    assert code == 0
    for count in ('"translated": 1', '"fuzzy": 1', '"untranslated": 96'):
        assert count in out

    code, out, _ = cli("render", str(article), "--to", "ru", "--locales-dir", str(locales), "--report")
    assert code == 0, _
    assert "# Отношения КНДР и России" in out
    # 102 units: 98 distinct messages, some (朝鲜, the section titles) used twice.
    assert "ru: 1 of 102 units translated, 101 fell back to the source (zh-Hans)" in _


def test_each_locale_gets_its_own_catalog(cli: Cli, tmp_path: Path) -> None:
    """Babel's update puts the template's own messages into a new catalog: the zh-TW review
    catalog's pre-filled texts once reached the ru catalog updated after it."""
    cli("po", "extract", "--locales-dir", str(tmp_path))
    assert cli("po", "update", "--locales-dir", str(tmp_path), "--locale", "zh-TW,ru,zh-HK")[0] == 0
    assert translations_held(read_catalog(po_file(tmp_path, "ru_RU"))) == 0
    hong_kong = str(read_catalog(po_file(tmp_path, "zh_Hant_HK"))[VISIT].string)
    assert hong_kong.startswith("2000年7月19日,俄羅斯總統普京首次訪問")  # not zh-TW's 普丁


def test_render_translated_locale(cli: Cli, tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    cli("po", "extract", "--locales-dir", str(locales))
    cli("po", "update", "--locales-dir", str(locales), "--locale", "ko-KP")
    translate(po_file(locales, "ko_KP"), {TITLE: "조선-로씨야관계"})
    target = tmp_path / "ko-KP.md"
    code, out, _ = cli("render", "--to", "ko-KP", "--locales-dir", str(locales), "-o", str(target), "--report")
    assert code == 0
    assert "ko-KP: 1 of 103 units translated, 102 fell back to the source (zh-Hans)" in out
    text = target.read_text(encoding="utf-8")
    assert "\n# 조선-로씨야관계\n" in text
    assert 'lang: "ko-KP"' in text
    assert "2000年7月19日,俄罗斯总统普京首次访问朝鲜" in text  # untranslated: the zh-Hans source


def test_review_catalog_overrides_the_conversion(cli: Cli, tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    cli("po", "extract", "--locales-dir", str(locales))
    code, out, _ = cli("po", "update", "--locales-dir", str(locales), "--locale", "zh-TW")
    assert "99 pre-filled, 6 of 99 marked fuzzy for review" in out  # which and why: tests/test_review_triage.py
    path = po_file(locales, "zh_Hant_TW")
    catalog = read_catalog(path)
    assert catalog[TITLE].string == "北韓—俄羅斯關係"
    assert not catalog[TITLE].fuzzy
    # Pre-filled and confirmed by termloc: the render is termloc's own.
    assert cli("render", "--to", "zh-TW", "--locales-dir", str(locales), "--format", "txt")[1].startswith(
        "北韓—俄羅斯關係\n"
    )
    translate(path, {TITLE: "北韓與俄羅斯的關係", VISIT: "2000年7月19日,俄羅斯總統普丁首度訪問北韓。[9]"})
    code, out, _ = cli("render", "--to", "zh-TW", "--locales-dir", str(locales), "--format", "txt")
    assert code == 0
    assert out.startswith("北韓與俄羅斯的關係\n")
    assert "2000年7月19日,俄羅斯總統普丁首度訪問北韓。[9]\n" in out
    assert "2006年10月14日" in out  # the next paragraph, converted as usual


# -- checks --------------------------------------------------------------------


def _check(tag: str, pairs: dict[str, str]) -> list[str]:
    variant = REGISTRY[tag]
    catalog = Catalog(locale=variant.babel_locale)
    for line, (msgid, msgstr) in enumerate(pairs.items(), 1):
        catalog.add(msgid, msgstr, lineno=line * 10)
    glossary, problems = load_glossary([GLOSSARY])
    assert not problems
    findings = check_catalog(catalog, Path(f"{tag}.po"), variant, glossary, REGISTRY, char_tables())
    return [str(f) for f in findings]


def test_check_passes_inflected_forms() -> None:
    assert _check("ru", {TITLE: "Отношения между КНДР и Россией"}) == []
    assert (
        _check(
            "ru",
            {
                VISIT: "19 июля 2000 года президент России Путин впервые посетил КНДР и провёл переговоры "
                "с генеральным секретарём Трудовой партии Кореи Ким Чен Иром; отношения, прерванные в 1990 "
                "году из-за установления СССР отношений с Южной Кореей, были восстановлены[9]"
            },
        )
        == []
    )
    assert (
        _check(
            "ko-KP",
            {
                VISIT: "2000년 7월 19일 로씨야 대통령 뿌찐은 처음으로 조선을 방문하여 조선로동당 총비서 김정일과 "
                "회담하였으며 1990년 쏘련과 한국의 수교로 중단되였던 조로관계를 회복하였다[9]"
            },
        )
        == []  # 韩国 is checked too: its ko-KP form is 한국 (KCNA's usage since 2024, see its note)
    )
    assert _check("ko", {TITLE: "북한과 러시아의 관계"}) == []


def test_check_catches_a_wrong_name() -> None:
    found = _check("ru", {TITLE: "Отношения КНДР и Российской империи", "普京访问朝鲜。": "Путен посетил КНДР."})
    assert found == [
        "ru.po:10: P001: '俄罗斯' (russia) should read 'Россия' in ru",
        "ru.po:20: P001: '普京' (vladimir-putin) should read 'Путин' in ru",
    ]


def test_check_catches_a_south_korean_spelling_in_ko_kp() -> None:
    found = _check("ko-KP", {TITLE: "조선-러시아 관계"})
    assert "ko-KP.po:10: P003: '러시아' is the South Korean spelling; ko-KP writes '로씨야'" in found
    assert "ko-KP.po:10: P001: '俄罗斯' (russia) should read '로씨야' in ko-KP" in found


def test_check_catches_a_deprecated_form() -> None:
    found = _check("zh-CN", {"朝鲜与韩国": "北韩与韩国"})
    assert "zh-CN.po:10: P002: '北韩' is deprecated for north-korea in zh-Hans; write '朝鲜'" in found


def test_check_catches_a_missing_year_and_marker() -> None:
    found = _check("ru", {"1986年是条约签订25周年。[1]": "Договору исполнилось 25 лет."})
    assert found == [
        "ru.po:10: P004: the number 1986 of the source is missing",
        "ru.po:10: P005: the reference marker [1] is missing",
    ]


def test_check_reads_thousands_separators_in_the_source_too() -> None:
    """10,000 is one number in the source as in the translation (it was 10 and 000, and 000 went missing)."""
    source = "North Korea has sent 10,000 soldiers to Russia, Western source says. 2024-10-15."
    assert _check("zh-TW", {source: source}) == []
    assert (
        _check("ru", {source: "КНДР направила в Россию 10 000 солдат, сообщает западный источник. 2024-10-15."}) == []
    )
    assert _check("ru", {source: "КНДР направила в Россию 1000 солдат. 2024-10-15."}) == [
        "ru.po:10: P004: the number 10000 of the source is missing"
    ]


def test_check_takes_the_script_conversion_where_a_script_only_variant_has_no_form() -> None:
    """zh-Hant takes only a form a row gives for it, else the text's script conversion (as the
    converter does): the zh-TW form, or its admitted 北韓勞動黨, is not asked for."""
    assert _check("zh-Hant", {"朝鲜劳动党总书记": "朝鮮勞動黨總書記"}) == []
    # Positive control: the row that gives a zh-Hant form (全面戰略夥伴關係條約) is checked.
    assert _check("zh-Hant", {"全面战略伙伴关系条约": "全面戰略伙伴關係條約"}) == [
        "zh-Hant.po:10: P001: '全面战略伙伴关系条约' (russia-dprk-comprehensive-strategic-partnership-treaty) "
        "should read '全面戰略夥伴關係條約' in zh-Hant"
    ]


@pytest.mark.parametrize(
    ("form", "text", "tag", "expected"),
    [
        ("Путин", "встреча с Путиным", "ru", True),
        ("Россия", "в России", "ru", True),
        ("Хрущёв", "при Хрущеве", "ru", True),
        ("Путин", "Путен", "ru", False),
        ("푸틴", "푸틴과 회담", "ko", True),
        ("김정은", "김 정은이", "ko", True),
        ("뿌찐", "푸틴", "ko-KP", False),
        ("Putin", "Putin's visit", "en", True),
        ("Putin", "Rasputin", "en", False),
    ],
)
def test_inflection_aware_matching(form: str, text: str, tag: str, expected: bool) -> None:
    assert matches_form(form, text, tag) is expected


def test_catalogs_pass_msgfmt_check(cli: Cli, tmp_path: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        if os.environ.get("CI"):
            pytest.fail("msgfmt is missing ('make test' installs Debian's gettext)")
        pytest.skip("msgfmt is not installed")
    cli("po", "extract", "--locales-dir", str(tmp_path))
    cli("po", "update", "--locales-dir", str(tmp_path), "--locale", "ko-KP,ru,zh-TW")
    for path in [tmp_path / f"{DOMAIN}.pot", *tmp_path.glob(f"*/LC_MESSAGES/{DOMAIN}.po")]:
        result = subprocess.run([msgfmt, "--check", "-o", os.devnull, str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_project_catalogs_check_clean(cli: Cli) -> None:
    for tag in ("ko-KP", "ru"):
        code, out, _ = cli("po", "check", "--locales-dir", str(ROOT / "locales"), "--locale", tag)
        assert code == 0, out
    code, out, _ = cli("po", "stats", "--locales-dir", str(ROOT / "locales"), "--locale", "ko-KP,ru", "--json")
    assert code == 0
    assert '"translated": 0' not in out


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["po", "update", "--locale", "zh-Hans"], 2, "zh-Hans is the source"),
        (["po", "update", "--locale", "xx"], 2, "xx"),
        (["po", "check", "--locale", "uk"], 1, "no such catalog"),
    ],
)
def test_po_errors(cli: Cli, tmp_path: Path, argv: list[str], code: int, message: str) -> None:
    status, out, err = cli(*argv, "--locales-dir", str(tmp_path))
    assert status == code
    assert out == ""
    assert message in err


@pytest.mark.parametrize(
    ("source", "text", "ok"),
    [
        ("1961年7月", "в июле 1961 года", True),
        ("1984年5月", "в мае 1984 года", True),
        ("1990年12月", "в декабре 1990 года", True),
        ("1984年5月", "в марте 1984 года", False),
        ("1984年5月", "1984 года", False),
    ],
)
def test_month_names_are_inflected_in_russian(source: str, text: str, ok: bool) -> None:
    found = _check("ru", {source: text})
    assert (found == []) is ok, found


def test_korean_quoted_from_the_source_is_not_the_translators_spelling() -> None:
    source = "朝俄关系(韩语:북한-러시아 관계)"
    assert [f for f in _check("ko-KP", {source: "조로관계(한국에서의 표기: 북한-러시아 관계)"}) if "P003" in f] == []
