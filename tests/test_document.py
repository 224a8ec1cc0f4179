"""The article as a source document: front matter, structure, the seed's text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from termloc.core.errors import InputError
from termloc.documents.document import load_document, parse_document

from .conftest import ROOT, SHARED

SOURCE = ROOT / "articles" / "dprk-russia-relations.md"
SEED = ROOT / "articles" / "dprk-russia-relations.zhwiki.txt"
#: The page furniture of the seed, which the source document drops.
FURNITURE = {"跳转到内容", "本页使用了标题或全文手工转换", "维基百科,自由的百科全书", "[编辑]"}


def _sentences(line: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[。！？!?])", line) if s.strip()]


def test_seed_is_the_shared_article() -> None:
    shared = SHARED / "source" / "dprk-russia-relations.zhwiki.txt"
    if not shared.is_file():
        pytest.skip("../shared is not laid beside the checkout")
    assert SEED.read_bytes() == shared.read_bytes()


def test_every_sentence_of_the_seed_body_is_in_the_source_unchanged() -> None:
    source = SOURCE.read_text(encoding="utf-8")
    seed = SEED.read_text(encoding="utf-8").split("\n")
    checked = 0
    for number, line in enumerate(seed, 1):
        text = line.strip()
        if not text or text in FURNITURE:
            continue
        reference = re.match(r"(\d+)\. \^ (?:(?:\d+\.\d+ )+)?(.*)$", text)
        if reference:  # "1. ^ 1.0 1.1 环球网:..." → "1. 环球网:..." (the backlinks are furniture)
            assert f"{reference.group(1)}. {reference.group(2).rstrip()}" in source, f"seed line {number}"
            checked += 1
            continue
        if number == 14:  # the infobox's three links, run together by the copy
            document = load_document(SOURCE)
            missions = document.infoboxes[0].missions
            assert "".join(f"{m.label or ''}{m.text}" for m in missions) == text
            continue
        for sentence in _sentences(text):
            assert sentence in source, f"seed line {number}: {sentence[:40]}"
            checked += 1
    assert checked > 100


def test_structure() -> None:
    document = load_document(SOURCE)
    assert document.title == "朝鲜—俄罗斯关系"
    assert document.source_language == "zh"
    assert document.licence == "CC BY-SA 4.0"
    assert document.groups is not None
    assert "people" in document.groups
    headings = [(b.level, b.text) for b in document.blocks if b.kind == "heading"]
    assert headings == [(2, "历史"), (3, "北韓-蘇聯關係"), (3, "北韓-俄羅斯關係"), (2, "参见"), (2, "参考文献")]
    references = [b for b in document.blocks if b.kind == "list"]
    assert len(references) == 1
    assert references[0].ordered
    assert [i.number for i in references[0].items] == list(range(1, 36))
    assert references[0].items[0].text.startswith("环球网:朝苏(俄)关系大事记.")
    paragraphs = [b for b in document.blocks if b.kind == "paragraph"]
    assert paragraphs[0].text.startswith("朝俄关系(俄语:")
    assert paragraphs[0].line == 40  # file lines, front matter included
    assert not any("[编辑]" in b.text for b in document.blocks)


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("title: x\n", 1, "front matter opening"),
        ("---\ntitle: x\nsource_language: zh\n", 1, "not closed"),
        ("---\ntitle: x\nsource_language: zh\ncolour: red\n---\n", 4, "unknown front-matter key 'colour'"),
        ("---\ntitle: [x\n---\n", 3, "not valid YAML"),
        ("---\nsource_language: zh\n---\n", 1, "needs 'title'"),
        ("---\ntitle: x\nsource_language: zh\n---\n\n| a | b |\n\n> quote\n", 8, "unsupported Markdown (blockquote)"),
        ("---\ntitle: x\nsource_language: zh\n---\n- a\n  - b\n", 6, "nested lists"),
    ],
)
def test_bad_documents_name_file_and_line(text: str, line: int, problem: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert caught.value.line == line
    assert problem in str(caught.value)
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_code_blocks_are_kept() -> None:
    document = parse_document("---\ntitle: x\nsource_language: zh\n---\n\n```\n朝鲜 -{x}-\n```\n")
    assert document.blocks[0].kind == "code"
    assert document.blocks[0].text == "朝鲜 -{x}-\n"
