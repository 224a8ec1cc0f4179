"""Fuzzing in the suite (issue 14, item 8): hypothesis properties of the promises.

- the markup resolver never fails, keeps every character it does not convert,
  shows ``-{R|...}-`` as written and a rule's own form for its variant;
- the glossary loader turns any file into a glossary and problems, never a traceback;
- the HTML page escapes everything: only termloc's own tags and attributes, and
  links only to http, https, mailto and relative addresses; the Markdown's front
  matter reads back as YAML.

Inputs mix real fragments (the article's lines, the glossary's names, real
glossary files) with hostile ones (NUL, U+2028, lone CR, markup delimiters,
deep nesting). ``make fuzz`` runs the same properties longer
(`conftest.FUZZ_SCALE`); the files, PO catalogs and importers are in
``test_fuzz_files.py``.
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import Any

import pytest
import yaml
from hypothesis import assume, example, given
from hypothesis import strategies as st

from termloc.core.errors import GlossaryError
from termloc.core.han import char_tables
from termloc.core.variants import load_variants
from termloc.documents.document import Block, Document, Infobox, InfoboxItem, ListItem
from termloc.documents.render import Rendering
from termloc.documents.site import page
from termloc.documents.writers import to_markdown, to_text
from termloc.engine.converter import Converter
from termloc.engine.punctuation import convert_quotes
from termloc.engine.rules import Rule, format_rule
from termloc.glossary.finder import TermIndex
from termloc.glossary.model import Glossary
from termloc.glossary.selection import GlossarySelection
from termloc.glossary.validate import load_glossary

from .conftest import ARTICLE, GLOSSARY, SANDBOX, property_settings
from .test_properties import ANY_CHAR, HOLDABLE_FORM, RULE_FRAGMENTS, YAML_FRAGMENTS, mixed_text

REGISTRY = load_variants()
#: Where the properties write their files (removed with the test run's sandbox).
WORK = SANDBOX / "fuzz"
WORK.mkdir(parents=True, exist_ok=True)

# --- real and hostile fragments ----------------------------------------------------------------

#: The article's lines, cut short (a long line adds cost, not cases).
ARTICLE_LINES = sorted({line.strip()[:60] for line in ARTICLE.read_text(encoding="utf-8").splitlines() if line.strip()})
_GLOSSARY, _ = load_glossary([GLOSSARY])
#: Every form of termloc's glossary: Chinese, Korean, Russian, English names.
NAMES = sorted({form for entry in _GLOSSARY.entries for row in entry.rows for form in row.forms.values() if form})
#: Characters that have broken text tools before: NUL, controls, line and paragraph separators, BOM, non-characters.
HOSTILE_CHARS = [
    *("\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x80", "\x85", "\x9f", "\xa0"),
    *("\r", "\n", "\r\n", "\n\r", "\t", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", "\ufffd", "\u200b", "\u202e"),
    *("\U0010ffff", "\U0002000b", "\u3000", "\u0301", "e\u0301", "\U0001f600"),
]
HOSTILE = [
    *HOSTILE_CHARS,
    *("<", ">", "&", '"', "'", "`", "\\", "&amp;", "&lt;", "&#0;", "&#x3c;", "&#59;", "%", "%s", "{0}", "$1"),
    *("9" * 40, "1e400", "-0", "0x", "NaN", "[" * 30, "{" * 30, "(" * 30),
]
MARKUP_FRAGMENTS = [
    *RULE_FRAGMENTS,
    *("-{", "}-", "-{-{", "}-}-", "|", "R|", "H|", "A|", "D|", "T|", "N|", "-|", "+|", "zh-hans;zh-tw|", "zh-xx|"),
    *("zh-hans:", "zh-hant:", "zh-hk:", "zh-mo:", "zh-sg:", "zh-my:", "zh-Hant-TW:", "=>zh-tw:", "=>zh-cn:"),
    *("-{" * 12, "}-" * 12, "-{zh-cn:激光;zh-tw:雷射;}-", "-{H|zh-cn:激光;zh-tw:雷射;}-", "-{R|普京}-", "-{N|ko}-"),
    *("-{T|zh-cn:标题;zh-tw:標題;}-", "-{D|zh-cn:激光;zh-tw:雷射;}-", "-{-|zh-cn:激光;zh-tw:雷射;}-", "-{zh-tw|普京}-"),
    *("“", "”", "‘", "’", "「", "」", "『", "』", "激光", "雷射", "普京", "斯大林", "台湾", "後", "干"),
]


def fragments(*lists: list[str], max_size: int = 12) -> st.SearchStrategy[str]:
    """Text joined from the fragments of ``lists`` and runs of arbitrary characters."""
    return mixed_text([fragment for fragments in lists for fragment in fragments], max_size=max_size)


# --- the markup resolver -------------------------------------------------------------------------

VARIANTS = ["zh-TW", "zh-HK", "zh-CN", "zh-Hans", "zh-Hant"]
#: Variants that take two-way rules into running text (the script-only ones take only one-way rules).
TWO_WAY = [tag for tag in VARIANTS if REGISTRY[tag].manual_rules == "two-way"]


@cache
def converter(tag: str) -> Converter:
    """One converter a variant for the whole run (without the reference: chosen per text, it is
    a new converter for each choice of groups)."""
    return Converter(tag, reference=None)


MARKUP_TEXT = st.one_of(
    fragments(MARKUP_FRAGMENTS, HOSTILE, ARTICLE_LINES[:200], NAMES[:200]),
    st.lists(st.sampled_from(MARKUP_FRAGMENTS), max_size=20).map("".join),
    st.text(ANY_CHAR, max_size=30),
)


@property_settings(400)
@given(st.sampled_from(VARIANTS), MARKUP_TEXT, st.lists(fragments(MARKUP_FRAGMENTS, HOSTILE), max_size=2))
@example("zh-TW", "-{" * 12 + "普京" + "}-" * 12, [])
@example("zh-TW", "-{zh-hans;zh-tw|激光}-", [])
@example("zh-HK", "-{A|zh-cn:激光;zh-tw:雷射;}-激光}-", ["zh-cn:x;zh-hk:"])
@example("zh-CN", "-{N|\x00}-", [])
def test_markup_never_fails(tag: str, text: str, rules: list[str]) -> None:
    resolved = converter(tag).resolve(text, rules)
    assert isinstance(resolved.text, str)
    end = 0
    for start, stop in resolved.literals:  # the spans markup wrote lie in the text, in order
        assert end <= start < stop <= len(resolved.text)
        end = stop


#: Code points that are not Han, not in the CJK symbol blocks OpenCC maps, and not the marks variants change.
_CONVERTED = [(0x2E80, 0xA000), (0xF900, 0xFB00), (0x20000, 0x32000), (0xFF00, 0xFFF0)]
NON_HAN_CHAR = st.characters(exclude_categories=["Cs"]).filter(
    lambda char: not any(low <= ord(char) < high for low, high in _CONVERTED)
)
NON_HAN_TEXT = st.one_of(
    st.text(NON_HAN_CHAR, max_size=30),
    st.lists(
        st.one_of(
            st.sampled_from([*HOSTILE, "“", "”", "‘", "’", "}-", "|", ";", "zh-tw:", "Путин", "김정은"]),
            st.text(NON_HAN_CHAR, max_size=4),
        ),
        max_size=10,
    ).map("".join),
)


@property_settings(400)
@given(st.sampled_from(VARIANTS), NON_HAN_TEXT)
@example("zh-TW", "\x00a\u2028b\rc“d”")
@example("zh-CN", "Путин‘s “x”")
def test_text_with_no_han_comes_out_as_it_went_in(tag: str, text: str) -> None:
    assume("-{" not in text)
    quotes = REGISTRY[tag].quotes
    expected = convert_quotes(text, quotes) if quotes else text
    assert converter(tag).convert_markup(text) == expected
    assert converter(tag).convert(text) == expected


#: Text written inside ``-{R|...}-``: anything but the markup's own delimiters.
LITERAL = fragments(HOSTILE, NAMES[:200], ["|", ";", ":", "zh-tw:", "=>", "{", "}", "-", "}}", "--"]).filter(
    lambda text: "-{" not in text and "}-" not in text and not text.endswith("}") and not text.startswith("-")
)


@property_settings(400)
@given(st.sampled_from(VARIANTS), st.lists(st.tuples(NON_HAN_TEXT, LITERAL), min_size=1, max_size=4))
@example("zh-TW", [("a", "普京\x00激光"), ("\r", "x|y;zh-tw:z")])
def test_a_literal_shows_as_written_between_text_that_passes_unchanged(tag: str, parts: list[tuple[str, str]]) -> None:
    text = "".join(f"{plain}-{{R|{literal}}}-" for plain, literal in parts)
    assume(text.count("-{") == len(parts))  # plain text ending in '-' before '{' ... is no new markup
    shown = "".join(plain + literal for plain, literal in parts)
    quotes = REGISTRY[tag].quotes
    resolved = converter(tag).resolve(text)
    assert resolved.text == (convert_quotes(shown, quotes) if quotes else shown)


LASER = Rule({"zh-hans": "激光", "zh-hant": "激光", "zh-cn": "激光", "zh-tw": "雷射", "zh-hk": "鐳射"})
#: Two-way rules of forms a rule can hold, with a form for every variant tested.
TWO_WAY_RULE = st.builds(
    lambda forms, extra: Rule({**extra, **forms}),
    st.fixed_dictionaries({REGISTRY[tag].mediawiki_code: HOLDABLE_FORM for tag in VARIANTS}),
    st.dictionaries(st.sampled_from(["zh-sg", "zh-my", "zh-mo"]), HOLDABLE_FORM, max_size=2),
)


@property_settings(400)
@given(st.sampled_from(VARIANTS), TWO_WAY_RULE)
@example("zh-TW", LASER)
def test_a_rule_shows_the_variants_own_form(tag: str, rule: Rule) -> None:
    code = REGISTRY[tag].mediawiki_code
    assert converter(tag).convert_markup(f"-{{{format_rule(rule)}}}-") == rule.two_way[code]


@property_settings(400)
@given(st.sampled_from(TWO_WAY), TWO_WAY_RULE, st.sampled_from(VARIANTS))
@example(
    "zh-TW", Rule({"zh-hans": "激光", "zh-hant": "激光", "zh-cn": "激光", "zh-tw": "雷射", "zh-hk": "鐳射"}), "zh-CN"
)
def test_a_hidden_rule_converts_the_text_after_it(tag: str, rule: Rule, written_in: str) -> None:
    # Written in another variant: in the variant's own form, the rule's other forms still convert (0 → 00).
    assume(written_in != tag)
    code = REGISTRY[tag].mediawiki_code
    source = rule.two_way[REGISTRY[written_in].mediawiki_code]
    text = f"-{{H|{format_rule(rule)}}}-{source}"
    assert converter(tag).convert_markup(text) == rule.two_way[code]
    # ... and a document rule alike.
    assert converter(tag).convert_markup(source, [format_rule(rule)]) == rule.two_way[code]


# --- the glossary loader -------------------------------------------------------------------------

#: Lines of a real glossary file, where hostile lines go in.
REAL_GLOSSARY = (GLOSSARY / "people.yaml").read_text(encoding="utf-8").splitlines()[:80]
YAML_HOSTILE_LINES = [
    *("&a", "*a", "<<: *a", "- &a x", "- *a", "id: &a x", "note: *a", "<<: {id: x}", "? [a, b]\n: c", "? {a: 1}\n: c"),
    *("!!binary aGVsbG8=", "id: !!binary aGVsbG8=", "id: !!python/object:os.system x", "note: !!set {a, b}"),
    *("id: !!timestamp 2001-12-14", "id: 2001-12-14", "kind: 1e400", "id: 0x1f", "id: .nan", "note: !custom x"),
    *("sources: {a: b}", "terms: {a: b}", "terms: [[a]]", "terms: [1, 2]", "- zh-Hans: [a, b]", "- zh-Hans: {a: b}"),
    *("title: [a]", "title: {en: [a]}", "title: {1: 2}", "group: [a]", "group: {a: b}", "entries: 1", "entries:"),
    *("  - zh-Hans: 普京\n    zh-Hans: 普丁", "  - id: x\n    id: y", "  - from: {a: b}", "  - admitted: [a]"),
    *("  - deprecated: {zh-TW: {a: b}}", "  - from: [[a]]", "  - ko: ~", "  - zh-TW:", "  - null: x", "  - 1: x"),
    *("%YAML 1.1", "%TAG ! tag:x,2000:", "---", "...", "--- |", "\t- x", "[", "{", "}", "]", '"', "'", "key: 'a"),
    *("\x00", "\ufeff", "\u2028", "\x85", "\r", "\x7f", "a: " + "[" * 200, "- " * 60 + "x"),
]
#: A glossary document as Python values: names, hostile text, the wrong types.
VALUE: st.SearchStrategy[Any] = st.recursive(
    st.one_of(
        st.sampled_from(NAMES[:300]),
        fragments(YAML_FRAGMENTS, HOSTILE, max_size=4),
        st.integers(),
        st.floats(),
        st.booleans(),
        st.none(),
        st.dates(),
    ),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.sampled_from(["a", "zh-Hans", "1"]), children),
    max_leaves=6,
)
TAGS = [*(v.tag for v in REGISTRY.values()), "zh-hans", "zh_TW", "xx", "", "admitted", "deprecated", "from"]
ROW = st.dictionaries(st.sampled_from(TAGS), st.one_of(st.sampled_from(NAMES), VALUE), max_size=5)
ENTRY = st.fixed_dictionaries(
    {"id": st.one_of(st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True), VALUE)},
    optional={
        "kind": st.one_of(st.sampled_from(["person", "place", "term", "state", "x"]), VALUE),
        "origin": st.one_of(st.sampled_from(TAGS), VALUE),
        "note": VALUE,
        "sources": st.one_of(st.lists(st.sampled_from(ARTICLE_LINES), max_size=2), VALUE),
        "terms": st.one_of(st.lists(ROW, max_size=3), VALUE),
        "extra": VALUE,
    },
)
GLOSSARY_VALUE = st.fixed_dictionaries(
    {"group": st.one_of(st.sampled_from(["people", "g", ""]), VALUE), "entries": st.one_of(st.lists(ENTRY), VALUE)},
    optional={"title": st.one_of(st.dictionaries(st.sampled_from(TAGS), VALUE), VALUE), "description": VALUE},
)


def with_lines(lines: list[str], inserts: list[tuple[int, str]], cut: int | None) -> str:
    """``lines`` with the ``inserts`` (position, line) put in, cut after line ``cut``."""
    out = list(lines)
    for position, line in inserts:
        out.insert(position % (len(out) + 1), line)
    return "\n".join(out[:cut]) + "\n"


GLOSSARY_TEXT = st.one_of(
    GLOSSARY_VALUE.map(lambda value: yaml.safe_dump(value, allow_unicode=True, sort_keys=False)),
    st.builds(
        with_lines,
        st.just(REAL_GLOSSARY),
        st.lists(st.tuples(st.integers(0, 200), st.sampled_from(YAML_HOSTILE_LINES)), min_size=1, max_size=4),
        st.none() | st.integers(1, 90),
    ),
    fragments(YAML_HOSTILE_LINES, YAML_FRAGMENTS, ["\n", "\n  ", "\n  - ", "entries:\n", "group: g\n"]),
)


YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


@property_settings(300)
@given(GLOSSARY_TEXT)
@example("group: g\nentries:\n  - id: &a x\n    sources: *a\n    terms:\n      - <<: {zh-Hans: 普京}\n")
@example("group: g\nentries:\n  - id: x\n    sources: [s]\n    terms:\n      - ? [a, b]\n        : c\n")
@example("group: g\nentries:\n  - id: !!binary aGVsbG8=\n    sources: [s]\n    terms: [{zh-Hans: 2001-12-14}]\n")
@example("group: g\nentries:\n  - id: !!timestamp 2001-12-14&a\n")  # found: AttributeError
@example("group: g\nentries:\n  - id: !!int x\n")  # found: ValueError
@example("group: g\nentries:\n  - id: !!bool x\n")  # found: KeyError
@example("&a [*a]\n")  # found: RecursionError
@example("group: g\nentries:\n" + "[" * 200 + "]" * 200 + "\n")
def test_a_glossary_file_loads_or_lists_its_problems(text: str) -> None:
    path = WORK / "fuzz.yaml"
    path.write_text(text, encoding="utf-8", newline="")
    glossary, problems = load_glossary([path])
    assert isinstance(glossary, Glossary)
    for problem in problems:  # each at a place in the file, with a code
        assert problem.file == str(path)
        # YAML counts NEL, LS and PS as line breaks too (an editor may show fewer lines)
        assert 1 <= problem.line <= len(YAML_BREAK.findall(text)) + 2, problem
        assert re.fullmatch(r"G\d{3}", problem.code), problem
    if problems:
        with pytest.raises(GlossaryError) as raised:
            GlossarySelection.of([path]).load(REGISTRY)
        assert [(p.line, p.code) for p in raised.value.problems] == [(p.line, p.code) for p in problems]
    else:
        GlossarySelection.of([path]).load(REGISTRY)


@property_settings(100)
@given(GLOSSARY_TEXT)
@example("group: people\nentries:\n- id:\n  - 10월 혁명\n")  # found: "entry '[<...Node object at 0x...>]'"
def test_a_glossary_problem_quotes_the_file_not_python(text: str) -> None:
    path = WORK / "fuzz.yaml"
    path.write_text(text, encoding="utf-8", newline="")
    for problem in load_glossary([path])[1]:
        assert " object at 0x" not in str(problem), problem


# --- the HTML page and the Markdown ----------------------------------------------------------

INLINE_HOSTILE = [
    *("<script>alert(1)</script>", "<b>", "</p>", "<!--", "-->", "<![CDATA[", "<img src=x onerror=alert(1)>"),
    *('<a href="x">', "<style>", "</style>", "<title>", '" onmouseover="x', "' onclick='x", "&", "&amp;", "&lt;"),
    *("&#60;", "&#x3c;script&#x3e;", "&#0;", "&nbsp;", "[x](javascript:alert(1))", "[x](<java\tscript:alert(1)>)"),
    *("[x](JaVaScRiPt:1)", "[x]( javascript:1)", "[x](\x01javascript:1)", "[x](&#106;avascript:1)", "[x](data:t,x)"),
    *("[x](vbscript:1)", "[x](file:///etc/passwd)", '[x](https://e.org/a"b)', '[x](https://e.org "t\\"itle")'),
    *("[x](mailto:a@b.c)", "[x](#ref-1)", "[x](../a.html)", "[x](//evil.org)", "[x](java%0ascript:1)", "[x]()"),
    *("<javascript:alert(1)>", '<https://e.org/"onmouseover="x>', "<mailto:a@b.c>", "<a@b.c>", "![i](javascript:x)"),
    *("![<img>](x.png)", "`<code>`", "``", "*em*", "**strong**", "_", "\\", "\\<", "\\[1\\]", "[1]", "[12]", "[x]"),
    *("[99999999999999999999]", "[١]", "김정은", "로씨야", "러시아", "Путин", "Россия", "  \n", "\\\n", "[", "]"),
]
INLINE = fragments(INLINE_HOSTILE, HOSTILE, ARTICLE_LINES[:200], NAMES[:300], max_size=10)
LIST_ITEM = st.builds(ListItem, INLINE, st.one_of(st.none(), st.integers(0, 10**20)), st.just(1))
BLOCK = st.one_of(
    st.builds(Block, st.just("heading"), INLINE, level=st.integers(1, 6)),
    st.builds(Block, st.just("paragraph"), INLINE),
    st.builds(Block, st.just("code"), INLINE),
    st.builds(
        Block, st.just("list"), items=st.lists(LIST_ITEM, min_size=1, max_size=3).map(tuple), ordered=st.booleans()
    ),
)
MISSION = st.builds(
    InfoboxItem, INLINE, st.one_of(st.none(), st.sampled_from(["ko", "ru", '"><script>', "x y"])), st.none() | INLINE
)
INFOBOX = st.builds(
    Infobox,
    st.sampled_from(["lead", "历史"]),
    INLINE,
    st.lists(INLINE, max_size=2).map(tuple),
    st.none() | INLINE,
    st.none() | INLINE,
    st.lists(MISSION, max_size=2).map(tuple),
    st.lists(INLINE, max_size=1).map(tuple),
)
URL = st.one_of(
    st.none(),
    st.sampled_from(["https://zh.wikipedia.org/wiki/朝俄关系", " javascript:alert(1)", "data:text/html,x", "x\"'<>"]),
    INLINE,
)
PAGE_VARIANTS = ["zh-TW", "zh-CN", "ko", "ru"]


@cache
def term_index(tag: str) -> TermIndex | None:
    """The glossary's forms for a Chinese page; a translated page has none (as `termloc.translation` renders it)."""
    return TermIndex(_GLOSSARY, REGISTRY[tag], char_tables()) if REGISTRY[tag].is_chinese else None


@st.composite
def renderings(draw: st.DrawFn) -> Rendering:
    """A rendering as `render` makes one, of hostile text (no conversion: the page is what is tested)."""
    tag = draw(st.sampled_from(PAGE_VARIANTS))
    blocks = draw(st.lists(BLOCK, max_size=4))
    document = Document(
        "fuzz.md",
        draw(INLINE),
        "zh",
        tuple(blocks),
        source=draw(URL),
        licence=draw(st.none() | INLINE),
        attribution=draw(st.none() | INLINE),
    )
    native = draw(
        st.dictionaries(st.sampled_from(["김정은", "로씨야", "러시아"]), st.sampled_from(["ko", "ko-KP", "x"]))
    )
    return Rendering(
        REGISTRY[tag],
        document,
        document.title,
        blocks,
        draw(st.lists(INFOBOX, max_size=2)),
        native=native,
        index=term_index(tag),
    )


_OWN_TAGS = frozenset(
    {"html", "head", "meta", "title", "link", "style", "body", "nav", "ul", "ol", "li", "a", "main", "article"}
    | {"aside", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "p", "span", "sup", "code", "pre", "em", "strong", "br"}
)
_OWN_ATTRIBUTES = frozenset(
    {"lang", "charset", "name", "content", "rel", "hreflang", "href", "aria-current", "aria-label", "class"}
    | {"data-entry", "tabindex", "role", "id", "value", "start"}
)
#: A tag as termloc writes one: a name, attributes in double quotes holding no quote or angle bracket.
_TAG = re.compile(r'<(/?)([a-z][a-z0-9]*)((?: [a-z-]+="[^"<>]*")*)>')
_ATTRIBUTE = re.compile(r' ([a-z-]+)="([^"]*)"')
_ENTITY = re.compile(r"&(?:[a-z]+|#\d+|#x[0-9a-f]+);")


def link_scheme(href: str) -> str | None:
    """The scheme a browser reads in ``href`` (WHATWG URL: C0 controls and spaces stripped, tabs and
    line breaks dropped), lowercased; None for a relative address."""
    seen = re.sub("[\t\n\r]", "", href).strip("".join(map(chr, range(0x21))))
    found = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", seen)
    return found[1].lower() if found else None


def assert_safe_html(text: str) -> None:
    """Only termloc's own tags and attributes; every '&' an entity; links to the web, mail or relative."""
    assert text.startswith("<!DOCTYPE html>\n")
    body = re.sub(r"(?s)<style>.*?</style>", "<style></style>", text[len("<!DOCTYPE html>") :], count=1)
    for bracket in re.finditer("<", body):
        tag = _TAG.match(body, bracket.start())
        assert tag is not None, f"an unescaped '<': …{body[bracket.start() : bracket.start() + 40]!r}…"
        assert tag[2] in _OWN_TAGS, tag[0]
        for name, value in _ATTRIBUTE.findall(tag[3]):
            assert name in _OWN_ATTRIBUTES, tag[0]
            if name == "href":
                assert link_scheme(html.unescape(value)) in (None, "http", "https", "mailto"), tag[0]
    for amp in re.finditer("&", body):
        assert _ENTITY.match(body, amp.start()), f"a bare '&': …{body[amp.start() : amp.start() + 20]!r}…"


@property_settings(200)
@given(renderings())
def test_the_html_page_escapes_everything(rendering: Rendering) -> None:
    assert_safe_html(page(rendering, [rendering], REGISTRY))


def front_matter(markdown: str) -> Any:
    assert markdown.startswith("---\n")
    return yaml.safe_load(markdown[4 : markdown.index("\n---\n")])


@property_settings(200)
@given(renderings())
def test_the_markdown_front_matter_reads_back(rendering: Rendering) -> None:
    meta = front_matter(to_markdown(rendering))
    doc = rendering.document
    assert meta["title"] == rendering.title
    for key, value in (("source", doc.source), ("licence", doc.licence), ("attribution", doc.attribution)):
        assert meta.get(key) == (value or None)
    assert to_text(rendering).endswith("\n")


@pytest.mark.parametrize("tag", PAGE_VARIANTS)
def test_the_page_checker_finds_what_it_looks_for(tag: str) -> None:
    # The checker itself: termloc's own page passes, an injected tag, attribute or link does not.
    safe = page(Rendering(REGISTRY[tag], Document("a.md", "标题", "zh", ()), "标题", [], []), [], REGISTRY)
    assert_safe_html(safe)
    for bad in ("<script>", '<p onclick="x">', '<a href="javascript:x">', '<a href=" JAVA\tscript:x">', "a & b"):
        with pytest.raises(AssertionError):
            assert_safe_html(safe.replace("<main>", f"<main>{bad}"))


@pytest.mark.parametrize("title", ["\x7f", "a\x85b", "a\u2028b\u2029", "\ufeff标题", "\ufffe\uffff", '"\\'])
def test_the_front_matter_holds_what_yaml_refuses_raw(title: str) -> None:
    # Found by the property above: json.dumps left these raw, and YAML refused the file or broke the line.
    rendering = Rendering(REGISTRY["zh-TW"], Document("a.md", title, "zh", ()), title, [], [])
    assert front_matter(to_markdown(rendering))["title"] == title
