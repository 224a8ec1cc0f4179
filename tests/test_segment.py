"""Sentence segmentation, as a data table, and on the real article."""

from __future__ import annotations

import pytest
import yaml

from termloc.documents.document import load_document
from termloc.documents.segment import split_sentences

from .conftest import DATA, ROOT

ROWS = yaml.safe_load((DATA / "segments.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("row", ROWS, ids=[r["label"] for r in ROWS])
def test_segmentation_table(row: dict[str, object]) -> None:
    assert split_sentences(str(row["text"])) == row["sentences"]
    assert "".join(split_sentences(str(row["text"]))) == row["text"]


def test_every_paragraph_of_the_article_splits_losslessly() -> None:
    document = load_document(ROOT / "articles" / "dprk-russia-relations.md")
    count = 0
    for block in document.blocks:
        if block.kind == "paragraph":
            sentences = split_sentences(block.text)
            assert "".join(sentences) == block.text
            assert all(s.strip() for s in sentences)
            count += len(sentences)
    assert count == 48
