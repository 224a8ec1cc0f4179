"""Integrity of the development set in tests/data/devset/ (no scoring: see bench/devset.py).

Every file parses and has the documented fields; every line has an input and
at least one regional expectation; every name's form for a view occurs in
some line of that view in the same file; a line's ``page_rules`` (the forms
its views owe to the page's own conversion rules) occur in their views. The
size goal is 300 regional renderings (zh-CN, zh-TW and zh-HK expectations).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import yaml

DEVSET = Path(__file__).parent / "data" / "devset"
TOPICS = ("politics", "sport", "science", "geography", "entertainment")
REGIONAL = ("zh-CN", "zh-TW", "zh-HK")
SCRIPT = ("zh-Hans", "zh-Hant")
VIEWS = REGIONAL + SCRIPT
INPUT_VIEWS = ("zh", *REGIONAL)
FIELDS = ("title", "topic", "licence", "sources", "input_view", "lines", "names")
MIN_RENDERINGS = 300
#: zh-Hant expectations (Chinese Wikipedia's zh-hant view): enough to say whether termloc matches the others there.
MIN_HANT_RENDERINGS = 20
MIN_FILES_PER_TOPIC = 2

FILES = sorted(DEVSET.glob("*.yaml"))


def load(path: Path) -> dict[str, Any]:
    """One dev-set file, parsed."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a mapping"
    return data


def renderings(data: dict[str, Any]) -> int:
    """Lines times regional expectations (zh-CN, zh-TW, zh-HK) in one file."""
    return sum(1 for line in data["lines"] for view in REGIONAL if view in line)


def test_there_are_files() -> None:
    assert FILES, f"no dev-set files in {DEVSET}"
    assert (DEVSET / "README.md").is_file()


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_fields(path: Path) -> None:
    data = load(path)
    assert set(FIELDS) <= set(data), f"missing: {sorted(set(FIELDS) - set(data))}"
    assert isinstance(data["title"], str)
    assert data["title"]
    assert data["topic"] in TOPICS
    assert path.name.startswith(f"{data['topic']}-")
    assert path.stem.isascii()
    assert data["licence"] == "CC BY-SA 4.0"
    assert data["input_view"] in INPUT_VIEWS


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_sources_are_urls(path: Path) -> None:
    sources = load(path)["sources"]
    assert isinstance(sources, dict)
    assert "input" in sources
    for view, url in sources.items():
        assert view == "input" or view in VIEWS, f"unknown view {view!r}"
        parsed = urlparse(url)
        assert parsed.scheme in ("http", "https"), f"{view}: not a URL: {url!r}"
        assert parsed.netloc, f"{view}: not a URL: {url!r}"


def check_page_rules(line: dict[str, Any], number: int) -> None:
    """A line's ``page_rules``: view → the forms in that view's text that come from the page's own rules."""
    rules = line.get("page_rules", {})
    assert isinstance(rules, dict), f"line {number}: page_rules is not a mapping"
    for view, forms in rules.items():
        assert view in line, f"line {number}: page_rules names {view}, which the line has no text for"
        assert isinstance(forms, list), f"line {number}: page_rules {view} is not a list"
        assert forms, f"line {number}: page_rules {view} is empty"
        for form in forms:
            assert isinstance(form, str), f"line {number}: page_rules {view} {form!r} is not text"
            assert form in line[view], f"line {number}: page_rules form {form!r} is not in its {view} text"


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_lines(path: Path) -> None:
    data = load(path)
    lines = data["lines"]
    assert isinstance(lines, list)
    assert lines
    expected_views = set(VIEWS)
    for number, line in enumerate(lines, 1):
        assert isinstance(line, dict), f"line {number}: not a mapping"
        assert isinstance(line.get("input"), str), f"line {number}: no input"
        assert line["input"], f"line {number}: empty input"
        assert set(line) <= {"input", "page_rules"} | expected_views, f"line {number}: unknown keys"
        assert any(view in line for view in REGIONAL), f"line {number}: no zh-CN/zh-TW/zh-HK"
        check_page_rules(line, number)
        for view in set(line) - {"input", "page_rules"}:
            assert view in data["sources"], f"line {number}: {view} has no source URL"
            assert isinstance(line[view], str), f"line {number}: {view} is not text"
            assert 10 <= len(line[view]) <= 120, f"line {number}: {view} length"
        if data["input_view"] in line:
            assert line[data["input_view"]] == line["input"], f"line {number}: the input view must equal the input"


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_names_occur_in_their_views(path: Path) -> None:
    data = load(path)
    texts: dict[str, list[str]] = {}
    for line in data["lines"]:
        for view, text in line.items():
            if view != "page_rules":
                texts.setdefault(view, []).append(text)
    assert isinstance(data["names"], list)
    for name in data["names"]:
        assert isinstance(name, dict), f"name {name!r}: not a mapping"
        assert "input" in name, f"name {name!r}: no input form"
        assert any(view in name for view in VIEWS), f"name {name!r}: no view"
        for view, form in name.items():
            assert isinstance(form, str), f"name {name!r}: {view} is not text"
            assert form, f"name {name!r}: empty {view}"
            assert any(form in text for text in texts.get(view, [])), f"{view} form {form!r} is in no {view} line"


def test_enough_zh_hant_renderings() -> None:
    assert sum(1 for path in FILES for line in load(path)["lines"] if "zh-Hant" in line) >= MIN_HANT_RENDERINGS


def test_no_duplicate_lines() -> None:
    counts = Counter(line["input"] for path in FILES for line in load(path)["lines"])
    assert [text for text, count in counts.items() if count > 1] == []


def test_enough_renderings() -> None:
    assert sum(renderings(load(path)) for path in FILES) >= MIN_RENDERINGS


def test_renderings_count_regional_expectations_only() -> None:
    lines = [
        {"input": "離島區議會", "zh-CN": "离岛区议会", "zh-HK": "離島區議會", "zh-Hans": "离岛区议会"},
        {"input": "終審法院", "zh-Hant": "終審法院"},
    ]
    assert renderings({"lines": lines}) == 2


def test_every_topic_has_files() -> None:
    counts = Counter(load(path)["topic"] for path in FILES)
    assert all(counts[topic] >= MIN_FILES_PER_TOPIC for topic in TOPICS), dict(counts)


def test_page_rules_check_catches_a_form_not_in_its_view() -> None:
    line = {"input": "現任會長詹尼·因凡蒂諾。", "zh-HK": "現任會長詹尼·恩芬天奴。"}
    check_page_rules({**line, "page_rules": {"zh-HK": ["詹尼·恩芬天奴"]}}, 1)
    with pytest.raises(AssertionError, match="not in its zh-HK text"):
        check_page_rules({**line, "page_rules": {"zh-HK": ["詹尼·因凡蒂諾"]}}, 1)
    with pytest.raises(AssertionError, match="no text for"):
        check_page_rules({**line, "page_rules": {"zh-TW": ["詹尼·因凡蒂諾"]}}, 1)
