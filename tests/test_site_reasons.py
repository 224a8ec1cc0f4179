"""The reasons in the rendered pages: every decided span an element with its reason, the text unchanged.

The pages are checked against a rendering made without spans (each unit
through `Converter.convert_markup`, the plain path), so that carrying the
spans is shown to change no character of the article in any variant.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import cache
from html.parser import HTMLParser

import pytest

from termloc import load_variants
from termloc.documents.document import Block, Document, ListItem, load_document, parse_document
from termloc.documents.render import Rendering, convert_infobox, render
from termloc.documents.site import page
from termloc.documents.writers import to_markdown, to_text
from termloc.engine.converter import Converter
from termloc.glossary import load_glossary
from termloc.glossary.model import Glossary

from .conftest import GLOSSARY, ROOT

SOURCE = ROOT / "articles" / "dprk-russia-relations.md"
REGISTRY = load_variants()
CHINESE = [v.tag for v in REGISTRY.chinese]


@cache
def glossary() -> Glossary:
    loaded, problems = load_glossary([GLOSSARY])
    assert not problems
    return loaded


@cache
def rendering(tag: str, annotate: bool = False) -> Rendering:
    return render(load_document(SOURCE), REGISTRY[tag], REGISTRY, glossary(), annotate=annotate)


def plain_rendering(result: Rendering) -> Rendering:
    """``result`` made again unit by unit through `Converter.convert_markup`, which knows nothing of
    spans: the article has no inline markup, so no rule carries from one unit to the next."""
    document = result.document
    assert "-{" not in document.text
    converter = Converter(result.tag, reference=list(result.reference), registry=REGISTRY)

    def convert(text: str) -> str:
        return converter.convert_markup(text, document.rules)

    blocks = []
    for block in document.blocks:
        if block.kind == "list":
            items = tuple(ListItem(convert(i.text), i.number, i.line) for i in block.items)
            blocks.append(Block("list", items=items, ordered=block.ordered, line=block.line))
        elif block.kind == "code":
            blocks.append(block)
        else:
            blocks.append(Block(block.kind, convert(block.text), block.level, line=block.line))
    boxes = [convert_infobox(box, convert) for box in document.infoboxes]
    return Rendering(result.variant, document, convert(document.title), blocks, boxes, index=result.index)


class _Elements(HTMLParser):
    """The text of a page's article (a term card's reasons left out: they are new), and every
    element that gives a reason: its attributes and its own text (its card's left out)."""

    VOID = frozenset({"br", "input", "meta", "link"})

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.reasons: list[tuple[dict[str, str], list[str]]] = []
        self.open: list[tuple[dict[str, str], list[str], bool]] = []
        self.article = False
        self.nested = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        attributes = {name: value or "" for name, value in attrs}
        self.article = self.article or tag == "article"
        classes = attributes.get("class", "").split()
        if "x" in classes and any("x" in a.get("class", "").split() for a, _, _ in self.open):
            self.nested += 1
        self.open.append((attributes, [], "term-why" in classes or "term-card" in classes))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        attributes, own, _ = self.open.pop()
        if "data-kind" in attributes:
            self.reasons.append((attributes, own))
        if tag == "article":
            self.article = False

    def handle_data(self, data: str) -> None:
        if not self.article:
            return
        in_card = any(card for _, _, card in self.open)
        if not any(card and "term-why" in a.get("class", "") for a, _, card in self.open):
            self.text.append(data)
        if self.open and not in_card:
            for attributes, own, _ in self.open:
                if "data-kind" in attributes:
                    own.append(data)


def elements(html: str) -> _Elements:
    parsed = _Elements()
    parsed.feed(html)
    return parsed


@pytest.mark.parametrize("tag", CHINESE)
def test_the_text_is_the_plain_conversion_in_every_format(tag: str) -> None:
    result = rendering(tag)
    plain = plain_rendering(result)
    assert to_markdown(result) == to_markdown(plain)
    assert to_text(result) == to_text(plain)
    with_reasons, without = page(result, [result], REGISTRY), page(plain, [plain], REGISTRY)
    assert "".join(elements(with_reasons).text) == "".join(elements(without).text)
    assert 'data-kind="' in with_reasons
    assert 'data-kind="' not in without  # nothing decided: no reasons, no toggle
    assert 'id="highlight"' not in without


def _output_of(title: str) -> str:
    """What a reason says the span wrote: ``普丁 ← 普京: ...`` or ``朴成哲 (kept): ...``."""
    found = re.match(r"(?s)(.*?)(?: ← | \(kept\): )", title)
    assert found is not None, title
    return found[1]


def assert_each_element_shows_its_span(html: str) -> int:
    """Every element with a reason shows (a piece of) the output its reason names; none is inside another."""
    parsed = elements(html)
    assert parsed.nested == 0
    for attributes, own in parsed.reasons:
        shown = "".join(own)
        assert shown, attributes["title"]
        assert shown in _output_of(attributes["title"]), (shown, attributes["title"])
        assert attributes["class"].split()[-1] == f"x-{attributes['data-kind']}"
    return len(parsed.reasons)


@pytest.mark.parametrize("annotate", [False, True], ids=["plain", "annotated"])
@pytest.mark.parametrize("tag", CHINESE)
def test_every_decided_span_is_an_element_with_its_reason(tag: str, annotate: bool) -> None:
    result = rendering(tag, annotate)
    html = page(result, [result], REGISTRY)
    count = assert_each_element_shows_its_span(html)
    titles = {attributes["title"] for attributes, _ in elements(html).reasons}
    spans = [span for spans in result.reasons.values() for span in spans]
    assert {span.describe() for span in spans if span.output} == titles
    assert count >= len({(span.out_start, span.describe()) for span in spans if span.output})


def test_the_element_check_finds_a_misplaced_span() -> None:
    # The check's positive control: spans moved by one character no longer show their outputs.
    result = rendering("zh-TW")
    moved = {
        place: [replace(s, out_start=s.out_start + 1, out_end=s.out_end + 1) for s in spans]
        for place, spans in result.reasons.items()
    }
    with pytest.raises(AssertionError):
        assert_each_element_shows_its_span(page(replace(result, reasons=moved), [result], REGISTRY))


def test_a_glossary_term_is_one_element_with_its_reason_and_its_card() -> None:
    html = page(rendering("zh-TW"), [rendering("zh-TW")], REGISTRY)
    putin = (
        '<span class="term x x-glossary" data-entry="vladimir-putin" data-kind="glossary" '
        'title="普丁 ← 普京: glossary vladimir-putin (zh-TW form)" tabindex="0">普丁<span class="term-card"'
    )
    assert putin in html
    card = html[html.index(putin) :].split("</span></span>", 1)[0]
    assert "푸틴" in card
    assert '<span class="term-why">普丁 ← 普京: glossary vladimir-putin (zh-TW form)' in card
    # An OpenCC change outside any term: its own element, a stop for the keyboard.
    assert (
        '<span class="x x-opencc-phrase" data-kind="opencc-phrase" title="關係 ← 关系: OpenCC STPhrases" '
        'tabindex="0">關係</span></h1>' in html
    )


def test_the_toggle_and_its_legend() -> None:
    html = page(rendering("zh-TW"), [rendering("zh-TW")], REGISTRY)
    bar = html[html.index('<div class="changes"') : html.index("<main>")]
    assert '<label><input type="checkbox" id="highlight"> Highlight changes</label>' in bar
    legend = re.findall(r'<span class="swatch swatch-([a-z-]+)"></span>([^<]+)</li>', bar)
    assert legend == [
        ("glossary", "glossary"),
        ("reference", "reference"),
        ("document-rule", "document rule"),
        ("opencc-phrase", "OpenCC phrase"),
        ("opencc-character", "OpenCC character"),
    ]
    # Each kind in the legend has its colour, which the checked box gives the page's spans.
    for kind, _ in legend:
        assert re.search(rf"\.swatch-{kind}, body:has\(#highlight:checked\) \.x-{kind} \{{ background: #", html)
    assert "<script" not in html


def test_markup_and_rules_and_hostile_text_in_a_reason() -> None:
    text = (
        "---\ntitle: 标题\nsource_language: zh\nrules:\n"
        '  - zh-hans:普京"<x>;zh-hant:普丁"<y>;\n---\n\n'
        '-{H|zh-cn:激光;zh-tw:雷射;}-激光器与-{zh-hant;zh-tw|激光}-和“普京"<x>”。\n'
    )
    result = render(parse_document(text), REGISTRY["zh-TW"], REGISTRY, glossary())
    html = page(result, [result], REGISTRY)
    assert "<x>" not in html
    assert "<y>" not in html
    assert_each_element_shows_its_span(html)
    reasons = {attributes["title"] for attributes, _ in elements(html).reasons}
    assert "雷射 ← 激光: markup -{H|zh-cn:激光;zh-tw:雷射;}-" in reasons  # the rule -{H|}- added
    assert "雷射 ← -{zh-hant;zh-tw|激光}-: markup" in reasons  # the block itself
    assert '普丁"<y> ← 普京"<x>: document-rule zh-hans:普京"<x>;zh-hant:普丁"<y>;' in reasons
    assert "「 ← “: quotation marks of the variant" in reasons
    # The rules the report counts are the spans a rule wrote: the rule inside the -{zh-tw|...}-
    # block is part of that block's span, so it is not counted (the resolver's own count has it).
    assert result.rules == {"激光 → 雷射": 1, '普京"<x> → 普丁"<y>': 1}
    assert result.kinds == {"markup": 3, "document-rule": 1, "opencc-character": 1, "punctuation": 2}
    assert "  decided spans by kind: document-rule 1, markup 3, opencc-character 1, punctuation 2" in result.report()


def test_a_reviewed_sentence_is_plain_and_the_rest_keeps_its_reasons() -> None:
    text = "---\ntitle: 标题\nsource_language: zh\n---\n\n普京访问软件园。普京说软件。\n"
    reviewed = {"普京访问软件园。": "普丁參訪軟體園區。"}
    document = parse_document(text)
    result = render(document, REGISTRY["zh-TW"], REGISTRY, glossary(), reference=None, override=reviewed.get)
    assert result.blocks[0].text == "普丁參訪軟體園區。普丁說軟體。"
    assert result.from_catalog == 1
    html = page(result, [result], REGISTRY)
    assert_each_element_shows_its_span(html)
    paragraph = html[html.index("<p>") : html.index("</p>")]
    reviewed_part = paragraph[: paragraph.index("。") + 1]
    assert "data-kind" not in reviewed_part  # a reviewer's text: termloc explains none of it
    reasons = [attributes["title"] for attributes, _ in elements(f"<article>{paragraph}</article>").reasons]
    assert reasons == [
        "普丁 ← 普京: glossary vladimir-putin (zh-TW form)",
        "說 ← 说: OpenCC STCharacters",
        "軟體 ← 软件: OpenCC TWPhrases",
    ]
    assert result.terms == {"vladimir-putin": 1}


@pytest.mark.parametrize("tag", CHINESE)
def test_report_counts_are_the_spans(tag: str) -> None:
    result = rendering(tag)
    body = [span for place, spans in result.reasons.items() if place != ("title",) for span in spans]
    assert result.terms == Counter(span.entry for span in body if span.kind == "glossary")
    assert result.kinds == Counter(span.kind for span in body)
    report = result.report()
    assert f"{sum(result.terms.values())} glossary terms applied ({len(result.terms)} entries)" in report
    assert f"decided spans by kind: glossary {result.kinds['glossary']}, " in report
    if tag not in ("zh-Hans", "zh-Hant"):  # the script-only variants take no two-way document rule
        assert result.kinds["document-rule"] == 2
        assert "2 rule replacements" in report


def test_a_page_of_a_document_with_nothing_to_decide_has_no_toggle() -> None:
    empty = Rendering(REGISTRY["zh-TW"], Document("a.md", "标题", "zh", ()), "标题", [], [])
    html = page(empty, [empty], REGISTRY)
    assert 'id="highlight"' not in html
    assert "data-kind" not in html


def test_a_title_markup_wrote_has_no_reasons_of_the_title_it_replaced() -> None:
    # Without the drop, 新標題 would be cut by the spans of 標題 (標 ← 标 over 新).
    text = "---\ntitle: 标题\nsource_language: zh\n---\n\n-{T|zh-cn:新标题;zh-tw:新標題;}-普京。\n"
    result = render(parse_document(text), REGISTRY["zh-TW"], REGISTRY, glossary(), reference=None)
    assert result.title == "新標題"
    assert list(result.reasons) == [("block", 0)]
    html = page(result, [result], REGISTRY)
    assert "<h1>新標題</h1>" in html
    assert_each_element_shows_its_span(html)
