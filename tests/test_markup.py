"""Conversion markup: termloc's data table and MediaWiki's own parser tests."""

from __future__ import annotations

import html
import json
import re
from functools import cache

import pytest
import yaml

from termloc import Converter, load_variants
from termloc.cli import main
from termloc.engine.markup import MarkupConverter

from .conftest import DATA, SHARED

ROWS = yaml.safe_load((DATA / "markup.yaml").read_text(encoding="utf-8"))
VARIANTS = ("zh-Hans", "zh-Hant", "zh-CN", "zh-TW", "zh-HK")
MEDIAWIKI_CASES = SHARED / "data" / "testsuites" / "mediawiki-zh-conversion-cases.json"
REGISTRY = load_variants()


@cache
def converter(tag: str) -> Converter:
    return Converter(tag)


@cache
def plain_converter(tag: str) -> Converter:
    return Converter(tag, glossary=None, punctuation="keep", registry=REGISTRY)


@pytest.mark.parametrize(
    ("row", "variant"),
    [(row, variant) for row in ROWS for variant in VARIANTS],
    ids=[f"{row['label']}-{variant}" for row in ROWS for variant in VARIANTS],
)
def test_markup_table(row: dict[str, object], variant: str) -> None:
    expected = row["expected"]
    assert isinstance(expected, dict)
    assert converter(variant).convert_markup(str(row["text"])) == expected[variant]


def test_table_covers_every_construct() -> None:
    texts = " ".join(str(row["text"]) for row in ROWS)
    for construct in ("-{R|", "-{A|", "-{H|", "-{-|", "-{D|", "-{N|", "=>zh-", "zh-Hant-TW:", "&amp;", "-{}-"):
        assert construct in texts, construct
    assert any(re.search(r"-\{zh-[a-z]+;zh-[a-z]+\|", str(row["text"])) for row in ROWS)


def test_rules_persist_across_calls_of_one_resolver() -> None:
    resolver = converter("zh-TW").markup()
    assert resolver.convert("-{H|zh-cn:激光;zh-tw:雷射;}-").text == ""
    assert resolver.convert("激光器").text == "雷射器"
    fresh = converter("zh-HK").markup()
    assert fresh.convert("激光器").text == "激光器"


def test_document_rules_apply_from_the_start() -> None:
    rules = ["zh-hans:朝鲜存在两个国家;zh-hant:朝鮮存在兩個國家;"]
    text = "承认朝鲜存在两个国家，朝鲜"
    assert converter("zh-TW").convert_markup(text, rules) == "承認朝鮮存在兩個國家，北韓"
    assert converter("zh-TW").convert_markup(text) == "承認北韓存在兩個國家，北韓"


def test_literal_spans_cover_what_markup_wrote() -> None:
    resolved = converter("zh-Hans").resolve("朝鮮與-{R|蘇聯}-和-{zh-hans:苏联;zh-hant:蘇聯}-")
    assert resolved.text == "朝鲜与蘇聯和苏联"
    assert [resolved.text[a:b] for a, b in resolved.literals] == ["蘇聯", "苏联"]


def test_title_flag_sets_the_title() -> None:
    resolver = converter("zh-TW").markup()
    assert resolver.convert("-{T|zh-cn:朝鲜—俄罗斯关系;zh-tw:北韓—俄羅斯關係}-正文").text == "正文"
    assert resolver.title == "北韓—俄羅斯關係"


def test_quotes_pair_across_markup() -> None:
    assert converter("zh-TW").convert_markup("“-{普京}-说”") == "「普京說」"


def test_cli_convert_resolves_markup(capsys: pytest.CaptureFixture[str], tmp_path: object) -> None:
    from pathlib import Path

    source = Path(str(tmp_path)) / "in.txt"
    source.write_text("-{H|zh-cn:激光;zh-tw:雷射;}-激光器，-{普京}-与普京\n", encoding="utf-8")
    assert main(["convert", "--to", "zh-TW", str(source)]) == 0
    assert capsys.readouterr().out == "雷射器，普京與普丁\n"
    assert main(["convert", "--to", "zh-TW", "--no-markup", str(source)]) == 0
    assert "-{" in capsys.readouterr().out


# -- MediaWiki's parser tests ------------------------------------------------

#: Cases a plain-text converter cannot run, by what their input needs.
NOT_PLAIN_TEXT = [
    (re.compile(r"\[\["), "wiki links and categories are MediaWiki page syntax"),
    (re.compile(r"\{\{"), "templates and magic words need a wiki"),
    (re.compile(r"__[A-Z]+__"), "behaviour switches (__NOCONTENTCONVERT__) need a wiki"),
    (re.compile(r"<(?!!--)"), "HTML in the input: the expected output is parsed HTML"),
    (re.compile(r"''"), "wiki bold/italic syntax"),
    (re.compile(r"^[*#;:]", re.MULTILINE), "wiki list syntax: the expected output is <ul>/<ol>/<dl>"),
    (re.compile(r"^\{\|", re.MULTILINE), "wiki table syntax"),
    (re.compile(r"^=+.*=+$", re.MULTILINE), "wiki headings (and the table of contents)"),
]


def _mediawiki_cases() -> list[dict[str, object]]:
    if not MEDIAWIKI_CASES.is_file():
        pytest.skip(f"{MEDIAWIKI_CASES} is not here (../shared is laid beside the checkout in CI)")
    cases: list[dict[str, object]] = json.loads(MEDIAWIKI_CASES.read_text(encoding="utf-8"))
    return cases


def _why_not(case: dict[str, object]) -> str | None:
    text = str(case["input"])
    for pattern, reason in NOT_PLAIN_TEXT:
        if pattern.search(text):
            return reason
    if re.search(r"<(?!/?p[ >])\w", str(case["expected_html"])):
        return "the expected output holds HTML beyond paragraphs"
    return None


def _expected_paragraphs(expected_html: str) -> str:
    return html.unescape(re.sub(r"<p[^>]*>", "", expected_html).replace("</p>", ""))


def _run(case: dict[str, object]) -> str:
    """The input through termloc, paragraph by paragraph as MediaWiki's parser does."""
    variant = str(case["variant"])
    resolver = MarkupConverter(
        variant, lambda text, code: plain_converter(code).convert(text) if text else text, REGISTRY
    )
    text = re.sub(r"<!--.*?-->", "", str(case["input"]), flags=re.DOTALL)  # the preprocessor drops comments
    return "".join(resolver.convert(paragraph).text + "\n" for paragraph in re.split(r"\n\n+", text))


def test_mediawiki_parser_tests_pass() -> None:
    cases = _mediawiki_cases()
    runnable = [case for case in cases if _why_not(case) is None]
    failures = []
    for case in runnable:
        expected, got = _expected_paragraphs(str(case["expected_html"])), _run(case)
        if got != expected:
            failures.append(f"{case['id']} {case['name']!r}: expected {expected!r}, got {got!r}")
    assert not failures, "\n".join(failures)
    # Every record is either run or set aside with its reason; nearly three in four run.
    assert len(runnable) >= 150, len(runnable)
    variants = {str(case["variant"]) for case in runnable}
    assert {"zh", "zh-hans", "zh-hant", "zh-cn", "zh-tw", "zh-hk", "zh-mo", "zh-sg", "zh-my"} <= variants


def test_mediawiki_cases_set_aside_have_reasons() -> None:
    reasons: dict[str, int] = {}
    for case in _mediawiki_cases():
        reason = _why_not(case)
        if reason is not None:
            reasons[reason] = reasons.get(reason, 0) + 1
    assert all(reasons.values())
    assert sum(reasons.values()) <= 45, reasons
