"""``termloc glossary audit`` on the real article and glossary."""

from __future__ import annotations

import json
from typing import Any

import pytest

from termloc.cli import main

from .conftest import ARTICLE


def audit(capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict[str, Any]]:
    assert main(["glossary", "audit", str(ARTICLE), "--json", *extra]) == 0
    data: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    return data


def test_no_uncovered_proper_name_in_any_variant(capsys: pytest.CaptureFixture[str]) -> None:
    reports = audit(capsys, "--to", "zh-TW,zh-HK,zh-CN")
    assert [r["variant"] for r in reports] == ["zh-TW", "zh-HK", "zh-CN"]
    for report in reports:
        assert report["uncovered_names"] == []
        # 首尔 is for modern mentions (the article says 汉城); 部份 → 部分 is for other text
        assert report["unused_entries"] == ["seoul", "part"]


def test_concordance_counts_and_context(capsys: pytest.CaptureFixture[str]) -> None:
    (report,) = audit(capsys, "--to", "zh-tw")
    concordance = report["concordance"]
    assert isinstance(concordance, dict)
    north_korea = concordance["north-korea"]
    assert north_korea["count"] >= 50
    first = north_korea["matches"][0]
    assert first["output"] == "北韓"
    assert "【" in first["context"]
    assert first["text"] in first["context"]
    assert concordance["pak-song-chol"]["count"] == 1
    assert concordance["pak-song-chol"]["matches"][0]["output"] == "朴成哲"


def test_collisions_show_where_short_keys_meet_longer_ones(capsys: pytest.CaptureFixture[str]) -> None:
    (report,) = audit(capsys, "--to", "zh-TW")
    collisions = {(c["key"], c["meets"]) for c in report["collisions"]}
    assert ("朝鲜", "鲜于 (stock phrase)") in collisions  # 在朝鲜于中国: 鲜于 is a surname
    assert ("境內", "內核 (stock phrase)") in collisions  # 境内核设施


def test_gaps_are_found_when_a_group_is_left_out(capsys: pytest.CaptureFixture[str]) -> None:
    (report,) = audit(capsys, "--to", "zh-TW", "--group", "places,states-and-organisations,terms")
    names = {n["text"] for n in report["uncovered_names"]}
    assert {"赫鲁晓夫", "戈尔巴乔夫", "拉夫罗夫"} <= names


def test_table_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "audit", str(ARTICLE), "--to", "zh-HK"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("== zh-HK\nconcordance: ")
    assert "proper-name-like strings with no entry: 0" in out


def test_audit_of_a_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "audit", "no-such-article.txt"]) == 1
    assert capsys.readouterr().err.startswith("termloc: no-such-article.txt: no such file")
