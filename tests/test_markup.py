"""Conversion markup: termloc's data table and MediaWiki's own parser tests."""

from __future__ import annotations

import html
import json
import re
from functools import cache
from typing import Any

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
    return Converter(tag, glossary=None, punctuation="keep", registry=REGISTRY, reference=None)


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

#: The cases termloc cannot pass, each with its reason: they run as strict
#: expected failures, so one that starts passing fails the suite.
SET_ASIDE = {row["id"]: row for row in yaml.safe_load((DATA / "mediawiki-set-aside.yaml").read_text(encoding="utf-8"))}


def _mediawiki_cases() -> list[dict[str, object]]:
    if not MEDIAWIKI_CASES.is_file():
        return []
    cases: list[dict[str, object]] = json.loads(MEDIAWIKI_CASES.read_text(encoding="utf-8"))
    return cases


def _mediawiki_params() -> list[Any]:
    cases = _mediawiki_cases()
    if not cases:
        reason = f"{MEDIAWIKI_CASES} is not here (../shared is laid beside the checkout in CI)"
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="no-cases")]
    return [
        pytest.param(
            case,
            id=str(case["id"]),
            marks=[pytest.mark.xfail(strict=True, reason=SET_ASIDE[str(case["id"])]["reason"])]
            if case["id"] in SET_ASIDE
            else [],
        )
        for case in cases
    ]


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


@pytest.mark.parametrize("case", _mediawiki_params())
def test_mediawiki_parser_test(case: dict[str, object]) -> None:
    assert _run(case) == _expected_paragraphs(str(case["expected_html"])), case["name"]


def test_the_set_aside_cases_are_few_and_real() -> None:
    cases = {str(case["id"]) for case in _mediawiki_cases()}
    if not cases:
        pytest.skip(f"{MEDIAWIKI_CASES} is not here")
    assert set(SET_ASIDE) <= cases
    assert all(row["reason"] for row in SET_ASIDE.values())
    assert len(cases) - len(SET_ASIDE) >= 160, "most of MediaWiki's cases run"
    variants = {str(case["variant"]) for case in _mediawiki_cases() if str(case["id"]) not in SET_ASIDE}
    assert {"zh", "zh-hans", "zh-hant", "zh-cn", "zh-tw", "zh-hk", "zh-mo", "zh-sg", "zh-my"} <= variants
