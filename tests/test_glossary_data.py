"""Whole-dataset tests over the real glossary, the article and the CGroups."""

from __future__ import annotations

import json
import re
from functools import cache

import opencc
import pytest
import yaml

from termloc import Converter, load_variants
from termloc.core.han import char_tables
from termloc.glossary import load_glossary
from termloc.glossary.model import Entry, Row

from .conftest import ARTICLE, DATA, GLOSSARY, SHARED

GLOSSARY_DATA, PROBLEMS = load_glossary([GLOSSARY])
REGISTRY = load_variants()
REGIONS = ("zh-CN", "zh-TW", "zh-HK")
RENDERINGS = [
    row for path in sorted((DATA / "renderings").glob("*.yaml")) for row in yaml.safe_load(path.read_text("utf-8"))
]


@cache
def converter(tag: str) -> Converter:
    return Converter(tag)


def expected(entry: Entry, row: Row, tag: str) -> str:
    form = row.chinese_form(REGISTRY[tag], char_tables(), name=entry.is_name)
    assert form is not None
    return form.text


def test_size_ids_and_sources() -> None:
    entries = GLOSSARY_DATA.entries
    assert PROBLEMS == []
    assert len(entries) >= 100
    assert len({e.id for e in entries}) == len(entries)
    assert all(e.sources and all(s.strip() for s in e.sources) for e in entries)
    assert {g.name for g in GLOSSARY_DATA.groups} == {
        "people", "places", "states-and-organisations", "events-and-documents", "terms", "languages",
    }  # fmt: skip
    assert all(g.description for g in GLOSSARY_DATA.groups)


CHINESE_ROWS = [
    (entry, row, form.text)
    for entry in GLOSSARY_DATA.entries
    for row in entry.rows
    for form in row.chinese_inputs()
    if not re.search(r"\s", form.text)
]


@pytest.mark.parametrize("tag", REGIONS)
def test_every_form_round_trips_in_both_scripts(tag: str) -> None:
    # Each form, written in Simplified or in Traditional, converts to the
    # row's preferred form for the variant.
    to_simplified, to_traditional = opencc.OpenCC("t2s"), opencc.OpenCC("s2t")
    failures = []
    for entry, row, text in CHINESE_ROWS:
        if row.one_way and row.chinese_form(REGISTRY[tag], char_tables(), name=entry.is_name) is None:
            continue  # a one-way row converts only into the variants it names (部份 → 部分 in zh-CN)
        want = expected(entry, row, tag)
        for spelling in {text, to_simplified.convert(text), to_traditional.convert(text)}:
            got = converter(tag).convert(spelling)
            if got != want:
                failures.append(f"{entry.id}: {spelling} → {got}, expected {want}")
    assert failures == []


def test_renderings_table_names_strings_of_the_article(article: str) -> None:
    assert len(RENDERINGS) >= 150
    ids = {e.id for e in GLOSSARY_DATA.entries}
    for row in RENDERINGS:
        assert row["id"] in ids, row
        assert row["article"] in article, row


@pytest.mark.parametrize("row", RENDERINGS, ids=[f"{r['id']}:{r['article']}" for r in RENDERINGS])
def test_rendering_of_each_article_name(row: dict[str, str]) -> None:
    for tag in REGIONS:
        assert converter(tag).convert(row["article"]) == row[tag], tag


def test_the_whole_article_in_regional_forms() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    taiwan, hong_kong, mainland = (converter(t).convert(text) for t in ("zh-TW", "zh-HK", "zh-CN"))
    for name in ("普丁", "史達林", "赫魯雪夫", "布里茲涅夫", "戈巴契夫", "謝瓦納茲", "北韓", "南韓", "韓戰", "朴成哲"):
        assert name in taiwan
    for bad in ("樸成哲", "盧幹斯克", "朝鮮于", "境核心", "普京", "斯大林"):
        assert bad not in taiwan
    for name in ("普京", "史太林", "赫魯曉夫", "北韓", "盧甘斯克", "庫爾斯克", "朴成哲"):
        assert name in hong_kong
    for name in ("普京", "斯大林", "朝鲜", "卢甘斯克", "布林肯"):
        assert name in mainland
    assert "布尔肯" not in mainland
    assert "普丁" not in mainland


# --- Chinese Wikipedia's conversion groups -------------------------------------------------

CGROUPS = SHARED / "data" / "cgroups"
CODES = {"zh-cn": "zh-CN", "zh-tw": "zh-TW", "zh-hk": "zh-HK"}


def two_way_rules() -> list[tuple[str, dict[str, str]]]:
    if not CGROUPS.is_dir():
        pytest.skip(f"{CGROUPS} is not here (../shared is laid beside the checkout in CI)")
    rules = []
    for path in sorted(CGROUPS.glob("*.json")):
        group = json.loads(path.read_text(encoding="utf-8"))
        for rule in group["rules"]:
            conv = rule.get("conv") or ""
            if "=>" in conv:
                continue
            forms = {}
            for part in conv.split(";"):
                code, _, form = part.partition(":")
                if code.strip() in CODES and form.strip():
                    forms[CODES[code.strip()]] = form.strip()
            if len(forms) >= 2:
                rules.append((group["name"], forms))
    return rules


def test_conversion_groups_agree_with_the_glossary() -> None:
    # For every CGroup rule about a name the glossary has (its mainland form is
    # a row's zh-CN form), converting the mainland form gives the rule's form
    # in each region, or the entry records that form (admitted, or in the note).
    by_mainland = {expected(e, r, "zh-CN"): (e, r) for e in GLOSSARY_DATA.entries for r in e.rows}
    checked, disagreements = 0, []
    for group, forms in two_way_rules():
        if forms.get("zh-CN") not in by_mainland:
            continue
        entry, row = by_mainland[forms["zh-CN"]]
        for tag, form in forms.items():
            checked += 1
            got = converter(tag).convert(forms["zh-CN"])
            recorded = form in entry.note or any(form in texts for texts in row.admitted.values())
            if got != form and not recorded:
                disagreements.append(f"{group}: {forms['zh-CN']} {tag} {form} (termloc: {got}, entry {entry.id})")
    assert checked >= 100
    assert disagreements == []
