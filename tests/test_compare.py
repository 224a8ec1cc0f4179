"""``termloc compare``: the article's units in every Chinese variant side by side (real article, real glossary)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from termloc.core.variants import load_variants
from termloc.documents.compare import Comparison, compare_document
from termloc.documents.compare_page import comparison_page
from termloc.documents.document import load_document
from termloc.documents.render import render
from termloc.engine.explain import join
from termloc.glossary.selection import GlossarySelection
from tests.browser import launched_chromium
from tests.browser import watched_page as _watched_page
from tests.conftest import GLOSSARY, ROOT, Cli

ARTICLE_MD = ROOT / "articles" / "dprk-russia-relations.md"
REGISTRY = load_variants()


@pytest.fixture(scope="module")
def selection() -> GlossarySelection:
    document = load_document(ARTICLE_MD)
    return GlossarySelection.default(list(document.groups or ()))  # as the command reads the front matter


@pytest.fixture(scope="module")
def comparison(selection: GlossarySelection) -> Comparison:
    return compare_document(load_document(ARTICLE_MD), REGISTRY.chinese, REGISTRY, selection=selection)


def _row_forms(file: str, entry: str, form: str) -> dict[str, str]:
    """The term row of ``entry`` in ``glossary/<file>`` whose zh-Hans form is ``form``, as written."""
    data = yaml.safe_load((GLOSSARY / file).read_text(encoding="utf-8"))
    [found] = [e for e in data["entries"] if e["id"] == entry]
    [row] = [r for r in found["terms"] if r.get("zh-Hans") == form]
    return dict(row)


def test_every_variant_is_a_column_and_every_unit_a_row(comparison: Comparison) -> None:
    assert comparison.tags == tuple(v.tag for v in REGISTRY.chinese)
    assert len(comparison.tags) == 8
    assert len(comparison.rows) == 103  # title 1, infobox lines 14, then headings, sentences and items
    assert comparison.rows[0].kind == "title"
    assert comparison.rows[0].source == "朝鲜—俄罗斯关系"
    assert comparison.counts() == {"word": 70, "script": 30, "same": 3}


def test_pieces_hold_whole_spans_in_every_variant(comparison: Comparison) -> None:
    for row in comparison.rows:
        for tag in comparison.tags:
            spans = row.cells[tag]
            assert "".join(s.source for s in spans) == row.source
            assert [s.start for s in spans] == [0, *(s.end for s in spans[:-1])]
            for span, piece in row.marked(tag):
                assert piece.start <= span.start, (row.number, tag, span)
                assert span.end <= piece.end, (row.number, tag, span)
            assert "".join(piece.outputs[tag] for piece in row.pieces) == row.text(tag) == join(spans)


@pytest.mark.parametrize("tag", ["zh-TW", "zh-HK", "zh-SG"])
def test_each_column_is_what_render_writes(comparison: Comparison, selection: GlossarySelection, tag: str) -> None:
    rendering = render(load_document(ARTICLE_MD), REGISTRY[tag], REGISTRY, selection.load(), selection=selection)
    written = [rendering.title, *(text for box in rendering.infoboxes for text in box.texts())]
    for block in rendering.blocks:
        if block.kind == "list":
            written += [item.text for item in block.items]
        elif block.kind != "code":
            written.append(block.text)
    compared: list[str] = []
    previous = None
    for row in comparison.rows:  # a paragraph's sentences joined again
        here = (row.kind, row.line) if row.kind == "paragraph" else None
        if here is not None and here == previous:
            compared[-1] += row.text(tag)
        else:
            compared.append(row.text(tag))
        previous = here
    assert compared == written


def test_taiwan_writes_putin_otherwise_than_the_mainland_and_says_why(comparison: Comparison) -> None:
    found = 0
    for row in comparison.rows:
        for span, piece in row.marked("zh-TW"):
            if span.output != "普丁":
                continue
            found += 1
            assert piece.outputs["zh-CN"] == "普京"
            assert piece.differences["zh-TW"] == piece.differences["zh-CN"] == "word"
            assert span.entry == "vladimir-putin"
            assert "glossary vladimir-putin (zh-TW form)" in span.describe()
            [mainland] = [s for s, p in row.marked("zh-CN") if p == piece]
            assert (mainland.output, mainland.entry) == ("普京", "vladimir-putin")
            assert "glossary vladimir-putin (zh-Hans form)" in mainland.describe()
    assert found >= 10
    putin = next(s for row in comparison.rows for s in row.cells["zh-TW"] if s.output == "普丁" and s.source == "普京")
    assert putin.describe() == "普丁 ← 普京: glossary vladimir-putin (zh-TW form)"


def test_a_difference_of_script_alone_is_not_one_of_words(comparison: Comparison) -> None:
    # Unit 4, the infobox's party 俄羅斯: 俄罗斯 in the Simplified variants, 俄羅斯 in the Traditional ones.
    row = comparison.rows[3]
    assert (row.source, row.difference) == ("俄羅斯", "script")
    assert {row.text(tag) for tag in comparison.tags} == {"俄罗斯", "俄羅斯"}
    assert {d for piece in row.pieces for d in piece.differences.values()} == {"script"}
    # ... and its positive control, unit 3 (朝鲜): 北韓 in Taiwan, Hong Kong and Macau.
    assert comparison.rows[2].difference == "word"
    assert {comparison.rows[2].text(tag) for tag in comparison.tags} == {"朝鲜", "朝鮮", "北韓"}


def test_zh_sg_inherits_putin_from_the_mainland_and_keeps_its_own_korean_war(comparison: Comparison) -> None:
    # glossary/people.yaml, vladimir-putin's short row: zh-Hans 普京, zh-TW 普丁, zh-HK 普京 and no
    # zh-SG, zh-MY or zh-CN: Singapore reads 普京 only through its fallback chain (zh-MY, zh-Hans).
    forms = _row_forms("people.yaml", "vladimir-putin", "普京")
    assert {tag for tag in forms if tag.startswith("zh-")} == {"zh-Hans", "zh-TW", "zh-HK"}
    inherited = {(i.entry, i.source, i.output): i for i in comparison.inherited["zh-SG"]}
    putin = inherited["vladimir-putin", "普京", "普京"]
    assert (putin.kind, putin.given_for, putin.inherited_from) == ("glossary", "zh-Hans", "zh-CN")
    assert putin.count >= 9
    assert comparison.rows[putin.first - 1].source.count("普京") >= 1
    assert {i.inherited_from for i in comparison.inherited["zh-SG"]} == {"zh-CN"}
    assert {(i.entry, i.output) for i in comparison.inherited["zh-MY"]} == {(e, o) for e, _, o in inherited}
    # glossary/events-and-documents.yaml, korean-war: zh-SG 韩战 is Singapore's own, not inherited.
    assert _row_forms("events-and-documents.yaml", "korean-war", "朝鲜战争")["zh-SG"] == "韩战"
    assert "korean-war" not in {i.entry for i in comparison.inherited["zh-SG"]}
    war = [s for row in comparison.rows for s in row.cells["zh-SG"] if s.entry == "korean-war"]
    assert war
    assert all((s.output, s.form) == ("韩战", "zh-SG") for s in war)
    # The mainland's zh-Hans forms are its own.
    assert comparison.inherited["zh-CN"] == ()


def test_zh_mo_inherits_from_hong_kong(comparison: Comparison) -> None:
    # The same rows give zh-HK 普京 and 韓戰 and nothing for zh-MO (no row of the glossary does).
    assert "zh-MO" not in _row_forms("people.yaml", "vladimir-putin", "普京")
    assert _row_forms("events-and-documents.yaml", "korean-war", "朝鲜战争")["zh-HK"] == "韓戰"
    inherited = {(i.entry, i.output): i for i in comparison.inherited["zh-MO"]}
    for key in [("vladimir-putin", "普京"), ("korean-war", "韓戰")]:
        assert (inherited[key].given_for, inherited[key].inherited_from) == ("zh-HK", "zh-HK"), key
    # Rows with a zh-Hant form alone reach zh-MO after zh-HK gives none: those stand for zh-TW.
    parents = Counter[str]()
    for item in comparison.inherited["zh-MO"]:
        parents[item.inherited_from] += item.count
    assert set(parents) == {"zh-HK", "zh-TW"}
    assert parents["zh-HK"] > 5 * parents["zh-TW"]
    assert comparison.inherited["zh-HK"]  # rows with zh-Hant forms only: zh-HK reads them as zh-TW
    assert {i.inherited_from for i in comparison.inherited["zh-HK"]} == {"zh-TW"}
    assert comparison.inherited["zh-TW"] == ()


def test_the_page_marks_differences_and_reasons(comparison: Comparison) -> None:
    page = comparison_page(comparison)
    spans = re.findall(r'<span class="s"[^>]*data-diff="word"[^>]*data-entry="vladimir-putin"[^>]*>普丁</span>', page)
    assert spans
    assert 'title="普丁 ← 普京: glossary vladimir-putin (zh-TW form)&#10;' in spans[0]
    assert 'data-kind="glossary"' in spans[0]
    assert 'tabindex="0"' in spans[0]
    assert "<script" not in page
    assert not re.search(r"""\b(?:src|srcset)=|<link|@import|url\(""", page)  # nothing fetched
    inherited = page[page.index('<h3 id="inherited-zh-SG">') :]
    assert re.match(r'<h3 id="inherited-zh-SG">.*?\(zh-SG\): \d+ decisions inherited, \d+ times from zh-CN', inherited)


def test_a_unit_the_same_in_every_variant_is_not_highlighted(comparison: Comparison) -> None:
    same = [row for row in comparison.rows if row.difference == "same"]
    assert [row.source[:40] for row in same] == [
        "https://www.singtao.ca/6374986/2023-09-1",
        "North Korea has sent 10,000 soldiers to ",
        "First North Korean troops come under fir",
    ]
    page = comparison_page(comparison)
    for row in same:
        html = re.search(rf'<tr id="u-{row.number}" class="same">.*?</tr>', page)
        assert html is not None
        assert "data-diff" not in html.group()
        assert html.group().count("<td") == 2  # the source, and one cell for every variant
        assert f'colspan="{len(comparison.tags)}"' in html.group()
    differing = re.search(r'<tr id="u-1" class="word">.*?</tr>', page)
    assert differing is not None
    assert 'data-diff="word"' in differing.group()  # the positive control


def test_the_text_format_is_a_table_with_the_differences_marked(cli: Cli) -> None:
    code, out, err = cli("compare", "--to", "zh-CN,zh-tw", "--format", "text")
    assert (code, err) == (0, "")
    table, _, footer = out.partition("\n\n")
    lines = table.split("\n")
    assert lines[0] == "#\tline\tkind\tdifference\tsource\tzh-CN\tzh-TW"
    assert all(line.count("\t") == 6 for line in lines)
    assert len(lines) == 104
    assert lines[1] == "1\t1\ttitle\tword\t朝鲜—俄罗斯关系\t⟦朝鲜⟧—俄罗斯关系\t⟦北韓⟧—俄羅斯關係"
    rows = [line.split("\t") for line in lines[1:]]
    putin = [r for r in rows if "⟦普丁⟧" in r[6]]
    assert putin
    assert all("⟦普京⟧" in r[5] for r in putin)
    same = [r for r in rows if r[3] == "same"]
    assert same
    assert all(r[4] == r[5] == r[6] and "⟦" not in r[5] for r in same)
    assert footer.startswith("# zh-CN: 0 decisions inherited")


def test_a_plain_text_is_compared_line_by_line(cli: Cli, tmp_path: Path) -> None:
    text = tmp_path / "news.txt"
    text.write_text("俄罗斯总统普京访问朝鲜。他说：“好。”\n\n<b>&</b>\tHello\n", encoding="utf-8")
    code, out, _ = cli("compare", str(text), "--to", "zh-TW,zh-SG", "--no-reference")
    assert code == 0
    lines = out.split("\n\n")[0].split("\n")
    assert lines[1:] == [
        "1\t1\ttext\tword\t俄罗斯总统普京访问朝鲜。\t俄羅斯總統⟦普丁⟧訪問⟦北韓⟧。\t俄罗斯总统⟦普京⟧访问⟦朝鲜⟧。",
        "2\t1\ttext\tscript\t他说：“好。”\t他說：「好。」\t他说：“好。”",
        "3\t3\ttext\tsame\t<b>&</b>\\tHello\t<b>&</b>\\tHello\t<b>&</b>\\tHello",
    ]
    page = tmp_path / "news.html"
    code, out, _ = cli("compare", str(text), "--to", "zh-TW,zh-SG", "--no-reference", "-o", str(page))
    assert code == 0
    assert out.startswith(f"wrote {page}: 3 units in 2 variants")
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in html
    assert "<b>" not in html


@pytest.mark.parametrize(
    ("argv", "code", "expected"),
    [
        (["--to", "zh-XX"], 2, "unknown variant 'zh-XX'"),
        (["--to", "zh-TW,ko"], 2, "'ko' is not a Chinese variant"),
        (["--to", ","], 2, "--to names no variant"),
        (["--format", "pdf"], 2, "invalid choice: 'pdf'"),
    ],
)
def test_bad_usage_is_exit_2_in_one_line(cli: Cli, argv: list[str], code: int, expected: str) -> None:
    got, out, err = cli("compare", *argv)
    assert (got, out) == (code, "")
    assert err.count("\n") == 1
    assert err.startswith("termloc: ")
    assert expected in err


def test_a_missing_file_is_exit_1_in_one_line(cli: Cli, tmp_path: Path) -> None:
    absent = tmp_path / "absent.md"
    assert cli("compare", str(absent)) == (1, "", f"termloc: {absent}: no such file\n")


def test_the_input_is_never_overwritten(cli: Cli, tmp_path: Path) -> None:
    text = tmp_path / "page.html"
    text.write_text("普京\n", encoding="utf-8")
    code, out, err = cli("compare", str(text), "--to", "zh-TW", "-o", str(text))
    assert (code, out) == (2, "")
    assert "the output is the input" in err
    assert text.read_text(encoding="utf-8") == "普京\n"


# -- in a real browser -----------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launched_chromium() as launched:
        yield launched


def test_hovering_a_highlighted_putin_shows_its_reason(
    comparison: Comparison, browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("compare") / "compare.html"
    path.write_text(comparison_page(comparison), encoding="utf-8")
    page, problems = _watched_page(browser)
    page.goto(path.as_uri())
    assert page.locator("table.compare thead th").count() == 2 + len(comparison.tags)
    span = page.locator("td[data-variant='zh-TW'] .s[data-diff='word'][data-entry='vladimir-putin']").first
    assert span.inner_text() == "普丁"
    span.scroll_into_view_if_needed()
    span.hover()
    assert span.evaluate("e => e.matches(':hover')")
    reason = span.get_attribute("title") or ""
    assert reason.startswith("普丁 ← 普京: glossary vladimir-putin (zh-TW form)\n")
    assert reason.endswith("普京 elsewhere: 普京 in zh-Hans, zh-Hant, zh-CN, zh-SG, zh-MY, zh-HK, zh-MO")
    assert span.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"  # highlighted
    span.focus()  # the reason shows on focus too, for the keyboard
    shown = span.evaluate("e => getComputedStyle(e, '::after').content")
    assert "glossary vladimir-putin (zh-TW form)" in shown
    same = page.locator("tr.same").first
    assert same.locator("[data-diff]").count() == 0
    page.locator("label[for='hide-same']").click()
    assert not same.is_visible()
    assert problems == []
    page.close()
