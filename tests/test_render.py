"""Rendering the real article into every variant: text, structure, report, files."""

from __future__ import annotations

import re
from functools import cache
from html import escape
from pathlib import Path

import pytest

from termloc import load_variants
from termloc.cli import main
from termloc.documents.document import load_document, parse_document
from termloc.documents.render import Rendering, render
from termloc.documents.site import index_page, page
from termloc.documents.writers import to_markdown, to_text
from termloc.glossary import load_glossary
from termloc.translation.pofiles import read_catalog, write_catalog

from .conftest import GLOSSARY, ROOT, Cli

SOURCE = ROOT / "articles" / "dprk-russia-relations.md"
REGISTRY = load_variants()
CHINESE = [v.tag for v in REGISTRY.chinese]


@cache
def rendering(tag: str, annotate: bool = False) -> Rendering:
    glossary, problems = load_glossary([GLOSSARY])
    assert not problems
    return render(load_document(SOURCE), REGISTRY[tag], REGISTRY, glossary, annotate=annotate)


@pytest.mark.parametrize("tag", CHINESE)
def test_no_character_of_the_wrong_script_is_left(tag: str) -> None:
    result = rendering(tag)
    assert result.leftovers == [], result.report()
    assert "0 wrong-script characters" in result.report()


@pytest.mark.parametrize(
    ("tag", "title", "present", "absent"),
    [
        ("zh-CN", "朝鲜—俄罗斯关系", ["斯大林", "普京", "承认朝鲜存在两个国家", "逆朝鲜统一"], ["北韓", "樸成哲"]),
        (
            "zh-TW",
            "北韓—俄羅斯關係",
            ["史達林", "普丁", "承認朝鮮存在兩個國家", "逆朝鮮統一行動", "朴成哲"],
            ["北韓存在", "逆北韓"],
        ),
        (
            "zh-HK",
            "北韓—俄羅斯關係",
            ["史太林", "普京", "承認朝鮮存在兩個國家", "逆朝鮮統一行動"],
            ["北韓存在", "普丁"],
        ),
        ("zh-Hans", "朝鲜—俄罗斯关系", ["斯大林", "普京"], ["俄羅斯"]),
    ],
)
def test_names_and_document_rules(tag: str, title: str, present: list[str], absent: list[str]) -> None:
    result = rendering(tag)
    body = to_markdown(result)
    assert result.title == title
    for text in present:
        assert text in body, text
    for text in absent:
        assert text not in body, text


def test_document_rules_are_reported_as_fired() -> None:
    assert rendering("zh-TW").rules == {"朝鲜存在两个国家 → 朝鮮存在兩個國家": 1, "逆朝鲜统一 → 逆朝鮮統一": 1}
    assert sum(rendering("zh-TW").terms.values()) > 300


def test_markdown_keeps_the_structure() -> None:
    text = to_markdown(rendering("zh-TW"))
    assert text.startswith('---\ntitle: "北韓—俄羅斯關係"\nlang: "zh-Hant-TW"\n')
    assert "\n# 北韓—俄羅斯關係\n" in text
    for heading in ("\n## 歷史\n", "\n### 北韓-蘇聯關係\n", "\n## 參考文獻\n"):
        assert heading in text
    assert re.findall(r"^(\d+)\. ", text, re.MULTILINE) == [str(n) for n in range(1, 36)]
    assert "> **北韓-俄羅斯關係**" in text


def test_plain_text_has_no_markdown() -> None:
    text = to_text(rendering("zh-HK"))
    assert text.splitlines()[0] == "北韓—俄羅斯關係"
    assert "##" not in text
    assert "**" not in text
    assert "\n\n\n" not in text
    assert "35. First North Korean troops come under fire in Kursk Oblast" in text


def test_annotate_first_mentions() -> None:
    cn = to_markdown(rendering("zh-CN", annotate=True))
    tw = to_markdown(rendering("zh-TW", annotate=True))
    assert cn.count("金正恩(朝鲜语:김정은)") == 1
    assert tw.count("金正恩(韓語:김정은)") == 1
    assert "斯大林(俄语:Сталин)" in cn
    assert "史達林(俄語:Сталин)" in tw
    # only the first mention
    assert cn.index("斯大林(俄语:Сталин)") == cn.index("斯大林", cn.index("\n# "))
    assert rendering("zh-CN", annotate=True).annotations


def test_html_page() -> None:
    renderings = [rendering(tag) for tag in CHINESE]
    html = page(rendering("zh-TW"), renderings, REGISTRY)
    assert '<html lang="zh-Hant-TW">' in html
    for tag in CHINESE:
        assert f'href="{tag}.html"' in html
    assert 'aria-current="page">臺灣正體</a>' in html
    assert '<span lang="ru">Российско-северокорейские отношения</span>' in html
    assert '<span lang="ko-KP">조선민주주의인민공화국-로씨야 관계</span>' in html
    assert '<span lang="ko-KR">북한-러시아 관계</span>' in html  # the South's spelling (북한, 러시아)
    assert 'data-entry="vladimir-putin"' in html
    assert re.search(
        r'<span class="term-name" lang="ko-KR">[^<]+</span><span class="term-form" lang="ko-KR">푸틴</span>', html
    )
    assert '<sup class="ref"><a href="#ref-14">[14]</a></sup>' in html
    assert 'id="ref-14"' in html
    assert (
        "http"
        not in re.sub(r'<a href="https?://[^"]*">|<footer>.*</footer>', "", html, flags=re.DOTALL).split("<main>")[0]
    )
    assert "<script" not in html
    index = index_page(renderings)
    assert index.split("<main>")[1].count("<li><a href=") == len(CHINESE)


@pytest.mark.parametrize(
    ("tag", "written", "planted"),
    [("zh-CN", "鲜卑", "鮮"), ("zh-SG", "鲜卑", "鮮"), ("zh-TW", "鮮卑", "鲜"), ("zh-HK", "鮮卑", "鲜")],
)
def test_a_planted_wrong_script_character_is_reported(tag: str, written: str, planted: str) -> None:
    """The leftover detector's positive control: a document rule with its scripts swapped writes
    a character of the other script into running text."""
    text = (
        "---\ntitle: 标题\nsource_language: zh\nrules:\n  - zh-cn:鮮卑;zh-tw:鲜卑;\n---\n\n"
        f"第一段。\n\n古代的{written}人。\n"
    )
    glossary, _ = load_glossary([GLOSSARY])
    result = render(parse_document(text), REGISTRY[tag], REGISTRY, glossary)
    assert [(left.char, left.line) for left in result.leftovers] == [(planted, 10)], result.report()
    assert "1 wrong-script characters" in result.report()
    assert f":10: '{planted}' is not" in result.report()


def test_markup_literals_are_exempt_from_the_script_check() -> None:
    text = "---\ntitle: 标题\nsource_language: zh\n---\n\n古代的-{鮮卑}-人。\n"
    glossary, _ = load_glossary([GLOSSARY])
    result = render(parse_document(text), REGISTRY["zh-CN"], REGISTRY, glossary)
    assert "鮮卑" in result.blocks[0].text
    assert result.leftovers == []


def test_only_web_mail_and_relative_links_are_kept() -> None:
    text = (
        "---\ntitle: 链接\nsource_language: zh\n---\n\n"
        "[甲](javascript:alert(1))、[乙](https://zh.wikipedia.org/)、[丙](#ref-1)、[丁](mailto:a@example.org)、"
        "[戊](ftp://example.org/x)、[己](zh-CN.html)、[庚](<java\tscript:alert(2)>)、[辛](VBScript:msgbox)\n"
    )
    glossary, _ = load_glossary([GLOSSARY])
    result = render(parse_document(text), REGISTRY["zh-TW"], REGISTRY, glossary)
    html = page(result, [result], REGISTRY)
    assert "[甲](javascript:alert(1))" in html  # Markdown itself refuses the link: plain text
    assert '<a href="https://zh.wikipedia.org/">乙</a>' in html
    assert '<a href="#ref-1">丙</a>' in html
    assert '<a href="mailto:a@example.org">丁</a>' in html
    assert '<a href="zh-CN.html">己</a>' in html
    # Links Markdown accepts but a page of termloc's does not: the text stays, the address goes.
    assert "<a>戊</a>" in html
    assert "ftp:" not in html
    assert not re.search(r'href="\s*(java|vb)script:', html, re.IGNORECASE)
    assert '<a href="java%09script:alert(2)">庚</a>' in html  # Markdown's own escape: a relative address


@pytest.mark.parametrize("source", ["javascript:alert(document.cookie)", " JavaScript:alert(1)", "data:text/html,x"])
def test_a_front_matter_source_that_is_no_web_address_is_not_a_link(source: str) -> None:
    text = f"---\ntitle: 链接\nsource_language: zh\nsource: '{source}'\n---\n\n正文。\n"
    glossary, _ = load_glossary([GLOSSARY])
    result = render(parse_document(text), REGISTRY["zh-TW"], REGISTRY, glossary)
    footer = page(result, [result], REGISTRY).split("<footer")[1]
    assert "<a" not in footer
    assert escape(source) in footer  # shown as text, escaped


def test_a_front_matter_source_on_the_web_is_a_link() -> None:
    text = "---\ntitle: 链接\nsource_language: zh\nsource: https://zh.wikipedia.org/wiki/朝俄关系\n---\n\n正文。\n"
    glossary, _ = load_glossary([GLOSSARY])
    result = render(parse_document(text), REGISTRY["zh-TW"], REGISTRY, glossary)
    footer = page(result, [result], REGISTRY).split("<footer")[1]
    assert '<a href="https://zh.wikipedia.org/wiki/朝俄关系">' in footer


def test_html_escapes_everything(tmp_path: Path) -> None:
    text = (
        "---\ntitle: 朝鲜<script>alert(1)</script>\nsource_language: zh\n---\n\n"
        "普京说<script>alert(2)</script>&amp; <b>x</b>\n"
    )
    glossary, _ = load_glossary([GLOSSARY])
    result = render(parse_document(text), REGISTRY["zh-TW"], REGISTRY, glossary)
    html = page(result, [result], REGISTRY)
    assert "<script" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert "<title>北韓&lt;script&gt;alert(1)&lt;/script&gt;</title>" in html


def test_cli_renders_every_variant_in_every_format(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["render", "--all", "--out-dir", str(out), "--locales-dir", str(tmp_path / "none")]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(["index.html", *(f"{tag}.{fmt}" for tag in CHINESE for fmt in ("md", "txt", "html"))])
    assert capsys.readouterr().out == f"wrote 25 files to {out} (8 versions × md, txt, html)\n"
    assert (out / "zh-TW.md").read_text(encoding="utf-8") == to_markdown(rendering("zh-TW"))


def test_cli_render_one_variant(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["render", str(SOURCE), "--to", "zh-hk", "--format", "txt"]) == 0
    assert capsys.readouterr().out == to_text(rendering("zh-HK"))
    target = tmp_path / "a.html"
    assert main(["render", "--to", "zh-Hant-TW", "-o", str(target), "--report"]) == 0
    assert target.read_text(encoding="utf-8").startswith('<!DOCTYPE html>\n<html lang="zh-Hant-TW">')
    assert "zh-TW: " in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["render", "--to", "zh-XX"], 2, "zh-XX"),
        (["render", "--to", "ja"], 2, "not a Chinese variant"),
        (["render", "--to", "zh-TW,zh-HK"], 2, "--out-dir"),
        (["render"], 2, "--to VARIANT"),
        (["render", "missing.md", "--to", "zh-TW"], 1, "missing.md"),
    ],
)
def test_cli_render_errors(capsys: pytest.CaptureFixture[str], argv: list[str], code: int, message: str) -> None:
    assert main(argv) == code
    out, err = capsys.readouterr()
    assert out == ""
    assert message in err
    assert err.count("\n") == 1


def test_cli_render_bad_article_writes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: x\nsource_language: zh\nauthor: me\n---\n", encoding="utf-8")
    before = bad.read_bytes()
    assert main(["render", str(bad), "--all", "--out-dir", str(tmp_path / "site")]) == 1
    assert capsys.readouterr().err == f"termloc: {bad}:4: unknown front-matter key 'author'; known: " + (
        "title, source_language, source, retrieved, licence, attribution, glossary, rules, infoboxes, reference\n"
    )
    assert not (tmp_path / "site").exists()
    assert bad.read_bytes() == before


# -- every version: the Chinese variants and the translated locales -------------------------------

#: Each version's name in its own language, as the switcher and the index show it (by hand).
AUTONYMS = {
    "zh-Hans": "简体中文",
    "zh-Hant": "繁體中文",
    "zh-CN": "大陆简体",
    "zh-SG": "新加坡简体",
    "zh-MY": "大马简体",
    "zh-TW": "臺灣正體",
    "zh-HK": "香港繁體",
    "zh-MO": "澳門繁體",
    "ko": "한국어",
    "ko-KP": "조선말",
    "ru": "Русский",
    "en": "English",
}
#: Each version's ``<html lang>`` (ko is the South's standard: ko-KR, see the README).
PAGE_LANGS = {
    "zh-Hans": "zh-Hans",
    "zh-Hant": "zh-Hant",
    "zh-CN": "zh-Hans-CN",
    "zh-SG": "zh-Hans-SG",
    "zh-MY": "zh-Hans-MY",
    "zh-TW": "zh-Hant-TW",
    "zh-HK": "zh-Hant-HK",
    "zh-MO": "zh-Hant-MO",
    "ko": "ko-KR",
    "ko-KP": "ko-KP",
    "ru": "ru",
    "en": "en",
}
VERSIONS = list(AUTONYMS)
FORMATS = ("md", "txt", "html")


@pytest.fixture(scope="module")
def site(every_catalog: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """``render --all`` with a catalog for each translated locale: the folder, and what it said."""
    import contextlib
    import io

    folder = tmp_path_factory.mktemp("site")
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        assert main(["render", "--all", "--out-dir", str(folder), "--locales-dir", str(every_catalog)]) == 0
    return folder, said.getvalue()


def _html(site: tuple[Path, str], tag: str) -> str:
    return (site[0] / f"{tag}.html").read_text(encoding="utf-8")


def test_render_all_writes_every_version(site: tuple[Path, str]) -> None:
    folder, said = site
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(["index.html", *(f"{tag}.{fmt}" for tag in VERSIONS for fmt in FORMATS)])
    assert len(names) == 12 * 3 + 1
    lines = said.splitlines()
    assert lines[0] == f"wrote 37 files to {folder} (12 versions × md, txt, html)"
    # One line for each translated locale, in the locales' order: how many units fell back.
    assert [line.split(":")[0] for line in lines[1:]] == ["ko", "ko-KP", "ru", "en"]
    for line in lines[1:]:
        found = re.fullmatch(
            r"[\w-]+: (\d+) of (\d+) units translated, (\d+) fell back to the source \(zh-Hans\)", line
        )
        assert found, line
        assert int(found[1]) + int(found[3]) == int(found[2]) == 103
    for tag in ("ko-KP", "ru"):  # the project's own translations of the lead and the first section
        assert not re.search(rf"^{tag}: 0 of", said, re.MULTILINE)


def test_render_all_takes_exactly_the_locales_with_a_catalog(cli: Cli, tmp_path: Path) -> None:
    """A folder holding one catalog, ko's, with one unit translated: the Chinese variants and ko."""
    locales = tmp_path / "locales"
    assert cli("po", "extract", "--locales-dir", str(locales))[0] == 0
    assert cli("po", "update", "--locales-dir", str(locales), "--locale", "ko")[0] == 0
    catalog = read_catalog(locales / "ko_KR" / "LC_MESSAGES" / "dprk-russia-relations.po")
    catalog["朝鲜—俄罗斯关系"].string = "북한-러시아 관계"
    write_catalog(locales / "ko_KR" / "LC_MESSAGES" / "dprk-russia-relations.po", catalog)
    out = tmp_path / "out"
    code, said, _ = cli("render", "--all", "--out-dir", str(out), "--locales-dir", str(locales))
    assert code == 0
    assert said == (
        f"wrote 28 files to {out} (9 versions × md, txt, html)\n"
        "ko: 1 of 103 units translated, 102 fell back to the source (zh-Hans)\n"
    )
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["index.html", *(f"{tag}.{fmt}" for tag in [*CHINESE, "ko"] for fmt in FORMATS)]
    )
    assert (out / "ko.md").read_text(encoding="utf-8").startswith('---\ntitle: "북한-러시아 관계"\nlang: "ko-KR"\n')


@pytest.mark.parametrize("tag", VERSIONS)
def test_each_page_declares_its_language(site: tuple[Path, str], tag: str) -> None:
    html = _html(site, tag)
    assert html.startswith(f'<!DOCTYPE html>\n<html lang="{PAGE_LANGS[tag]}">\n')
    assert REGISTRY[tag].bcp47 == PAGE_LANGS[tag]
    markdown = (site[0] / f"{tag}.md").read_text(encoding="utf-8")
    assert f'\nlang: "{PAGE_LANGS[tag]}"\n' in markdown.split("\n---\n")[0]


@pytest.mark.parametrize("tag", ["ko", "ko-KP", "ru", "en"])
def test_a_translated_page_keeps_the_lang_of_each_foreign_span(site: tuple[Path, str], tag: str) -> None:
    """The lead names the relations in Russian and in both Korean spellings, in every translation
    (and in the Chinese a unit falls back to); Chinese keeps its script's tag."""
    html = _html(site, tag)
    if tag != "ru":
        assert '<span lang="ru">Российско-северокорейские отношения</span>' in html
    if tag != "ko-KP":
        assert '<span lang="ko-KP">조선민주주의인민공화국-로씨야 관계</span>' in html
    if tag != "ko":
        assert '<span lang="ko-KR">북한-러시아 관계</span>' in html
    assert '<span lang="zh-Hans">' in html  # a quoted original or an untranslated unit
    assert '<span lang="zh">' not in html.split("<main>")[0]
    assert '<footer lang="en">' in html


def test_chinese_in_a_translation_is_tagged_by_its_script() -> None:
    """Positive control of the script tags: Simplified, Traditional, and a word both scripts write."""
    from termloc.glossary.selection import GlossarySelection
    from termloc.translation.render import render_translation

    doc = parse_document("---\ntitle: 标题\nsource_language: zh\n---\n\n第一段。\n")
    translated = "Titles: 俄罗斯关系 (Simplified), 俄羅斯關係 (Traditional), 日本 (both); 朝苏(俄)关系大事记)."
    result = render_translation(doc, REGISTRY["en"], REGISTRY, {"第一段。": translated}, GlossarySelection.default())
    body = page(result, [result], REGISTRY).split("<article>")[1]
    assert (
        '<p>Titles: <span lang="zh-Hans">俄罗斯关系</span> (Simplified), <span lang="zh-Hant">俄羅斯關係</span> '
        '(Traditional), <span lang="zh">日本</span> (both); <span lang="zh-Hans">朝苏(俄)关系大事记</span>).</p>'
    ) in body
    assert "<h1>" + '<span lang="zh-Hans">标题</span>' + "</h1>" in body  # the untranslated title


def test_a_korean_page_tags_the_other_states_spelling(site: tuple[Path, str]) -> None:
    assert '<span lang="ko-KP">조선민주주의인민공화국-로씨야 관계</span>' in _html(site, "ko")
    assert '<span lang="ko-KR">북한-러시아 관계</span>' in _html(site, "ko-KP")
    # Korean both states write alike is the page's own language: no span of its own.
    assert '<span lang="ko">' not in _html(site, "ko") + _html(site, "ko-KP")


def test_the_index_names_each_version_in_its_own_language(site: tuple[Path, str]) -> None:
    index = (site[0] / "index.html").read_text(encoding="utf-8").split("<main>")[1]
    links = re.findall(r'<li><a href="([^"]+)\.html" hreflang="([^"]+)" lang="([^"]+)">([^<]+)</a>', index)
    assert links == [(tag, PAGE_LANGS[tag], PAGE_LANGS[tag], AUTONYMS[tag]) for tag in VERSIONS]
    assert re.findall(r'</a> — <span lang="([^"]+)">', index) == [PAGE_LANGS[tag] for tag in VERSIONS]  # titles
    for tag in VERSIONS:
        assert REGISTRY[tag].autonym == AUTONYMS[tag]


@pytest.mark.parametrize("tag", VERSIONS)
def test_each_switcher_links_every_version(site: tuple[Path, str], tag: str) -> None:
    html = _html(site, tag)
    nav = re.search(r'<nav class="variants" aria-label="([^"]+)"><ul>(.*?)</ul></nav>', html)
    assert nav is not None
    assert nav[1] == AUTONYMS[tag]
    links = re.findall(
        r'<a href="([^"]+)\.html" hreflang="([^"]+)" lang="([^"]+)"( aria-current="page")?>([^<]+)</a>', nav[2]
    )
    assert [(href, hreflang, lang, label) for href, hreflang, lang, _, label in links] == [
        (other, PAGE_LANGS[other], PAGE_LANGS[other], AUTONYMS[other]) for other in VERSIONS
    ]
    assert [href for href, _, _, current, _ in links if current] == [tag]
    alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)\.html">', html)
    assert alternates == [(PAGE_LANGS[other], other) for other in VERSIONS]


def _font_rules(html: str) -> dict[str, str]:
    """The stylesheet's ``:lang(X)`` rules, X → its font list, in their order."""
    return dict(re.findall(r"^:lang\(([\w-]+)\) \{ font-family: (.*); \}$", html, re.MULTILINE))


@pytest.mark.parametrize(
    ("tag", "first"),
    [
        ("ko", '"Noto Sans KR"'),
        ("ko-KP", '"Noto Sans KR"'),
        ("ru", '"Noto Sans", "PT Sans"'),
        ("en", '"Noto Sans"'),
        ("zh-TW", '"Noto Sans CJK TC"'),
        ("zh-CN", '"Noto Sans CJK SC"'),
        ("zh-HK", '"Noto Sans CJK HK"'),
    ],
)
def test_each_page_has_its_scripts_fonts(site: tuple[Path, str], tag: str, first: str) -> None:
    html = _html(site, tag)
    assert re.search(rf"^html {{ font-family: {re.escape(first)}", html, re.MULTILINE)
    rules = _font_rules(html)
    korean = (
        '"Noto Sans KR", "Noto Sans CJK KR", "Source Han Sans K", "Malgun Gothic", "Apple SD Gothic Neo", sans-serif'
    )
    assert rules["ko"] == rules["ko-KR"] == rules["ko-KP"] == korean
    assert rules["zh-Hans"].startswith('"Noto Sans CJK SC"')
    assert rules["zh-Hant"].startswith('"Noto Sans CJK TC"')
    assert rules["ru"].startswith('"Noto Sans", "PT Sans"')
    # A broader tag first, so that the narrower one wins where both match.
    order = list(rules)
    for broad, narrow in (("ko", "ko-KP"), ("ko", "ko-KR"), ("zh-Hant", "zh-Hant-HK"), ("zh-Hans", "zh-Hans-CN")):
        assert order.index(broad) < order.index(narrow)
    assert rules["zh-Hant-HK"].startswith('"Noto Sans CJK HK"')


def test_the_pages_do_not_change_with_the_hash_seed(tmp_path: Path) -> None:
    """The reasons a span names for the keys that lost to it were listed in a set's order, and cut
    at eight: zh-TW's 聯合國安理會第1874號決議 named them in another order on every run."""
    import os
    import subprocess
    import sys

    pages = []
    for seed in ("1", "2", "3"):
        target = tmp_path / f"{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        argv = [sys.executable, "-m", "termloc", "render", "--to", "zh-TW", "--no-reference", "-o", str(target)]
        subprocess.run(argv, check=True, env=env, timeout=300)
        pages.append(target.read_bytes())
    assert pages[0] == pages[1] == pages[2]
    title = re.search(r'title="(聯合國安理會第1874號決議 ← [^"]+)"', pages[0].decode())
    assert title is not None
    assert title[1].endswith(
        "lost: 联合 → 聯合 (STPhrases, longer key), 联合国 → 聯合國 (united-nations, longer key), "
        "联合国安理会 → 聯合國安理會 (un-security-council, longer key)"
    )
