"""Property-based tests (hypothesis) of termloc's round trips.

- `scalar` writes any text as a YAML scalar that PyYAML's safe loader and
  termloc's own glossary loader (`parse_yaml`, libyaml when it is there)
  read back exactly;
- `lua_string` writes any text as a Lua literal that `parse_module` reads
  back exactly;
- `format_rule` writes a rule that `parse_rule` reads back as the same rule,
  and `parse_rule` fails on nothing but `RuleSyntaxError`;
- `split_sentences` loses nothing and makes no empty or blank pieces.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, example, given, reject, settings
from hypothesis import strategies as st

from termloc.documents.segment import split_sentences
from termloc.engine.rules import Rule, RuleSyntaxError, format_rule, parse_rule, php_trim
from termloc.glossary.load import parse_yaml
from termloc.interchange.lua import LuaTable, lua_string, parse_module
from termloc.interchange.writer import scalar

from .conftest import property_settings

#: A bounded run (longer under ``make fuzz``); no example database, so a run leaves nothing of its own in the tree.
PROPERTY = property_settings(300)

#: Any character a UTF-8 file can hold (lone surrogates cannot be encoded at all).
ANY_CHAR = st.characters(exclude_categories=["Cs"])


def mixed_text(fragments: list[str], *, max_size: int = 12) -> st.SearchStrategy[str]:
    """Text joined from special ``fragments`` and runs of arbitrary characters."""
    piece = st.one_of(st.sampled_from(fragments), st.text(ANY_CHAR, max_size=4))
    return st.lists(piece, max_size=max_size).map("".join)


# --- YAML scalars ------------------------------------------------------------------------------

YAML_KEYWORDS = [
    *("yes", "no", "Yes", "NO", "y", "n", "on", "off", "true", "false", "True", "FALSE"),
    *("null", "Null", "NULL", "~", "", "1e3", "1.5", "1.5e3", "-1", "+1", "0x10", "0o17", "017", "0b101", "1_000"),
    *(".inf", "-.inf", ".nan", ".NaN", "1:30", "190:20:30", "2001-12-14", "2001-12-14t21:59:43.10-05:00"),
    *("<<", "=", "-", "?", ":", "---", "...", "- x", "? x", ": x", "#x", "a #b", "x:", "x: y", "!x", "!!str x"),
    *("&a", "*a", "|", ">", "%YAML", "@x", "`x`", "'q'", '"q"', "[x]", "{x: y}", "x, y", "[", "{"),
]
YAML_FRAGMENTS = [
    *YAML_KEYWORDS,
    *("普京", "斯大林", "김정은", "조선", "Путин", "Россия", "É", "\U0002000b"),
    *(" ", "  ", "\u3000", ": ", " #", "#", ":", "'", '"', "\\", "\\n", "\\x41", "-", "?", ",", "[", "]", "{", "}"),
    *("\n", "\r", "\r\n", "\t", "\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x80", "\x85", "\x9f"),
    *("\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", "\xa0", "\u200b", "\u202f", "\U0010ffff"),
]
#: Words YAML reads as plain strings, in Chinese, Korean, Russian and Latin letters.
WORD = st.text(st.sampled_from("普京斯大林中文김정은조선ПутинРоссияabcXYZ0123456789"), min_size=1, max_size=6)
#: What decides between plain and quoted: white space, indicators, quotes, line breaks, a BOM.
EDGES = [
    *("", " ", "  ", "\u3000", "\xa0", "\t", "\ufeff", "\n", "\r", "\x85", "\u2028", "\x00", "\x7f"),
    *("-", "- ", "?", "? ", ":", ": ", "#", " #", ",", "[", "]", "{", "}", "'", '"', "\\", "!", "&", "*"),
    *("%", "@", "`", "|", ">", "=", "<<", "~", ".", "..."),
]
EDGE = st.sampled_from(EDGES)
#: Words with a special fragment before, between and after: where writing plain turns into quoting.
NEAR_PLAIN = st.tuples(EDGE, WORD, EDGE, WORD, EDGE).map("".join)
YAML_TEXT = st.one_of(
    st.sampled_from(YAML_KEYWORDS), NEAR_PLAIN, mixed_text(YAML_FRAGMENTS), st.text(ANY_CHAR, max_size=20)
)


@PROPERTY
@given(YAML_TEXT)
@example("\u2028")
@example("\x85")
@example("\ufeff")
@example("\ufeffx")
@example("x\u2028y")
@example("\x00\x1f\x7f")
def test_a_scalar_reads_back_as_written(text: str) -> None:
    written = scalar(text)
    # One physical line: a raw line break would end (or fold) the scalar.
    assert not re.search("[\n\r\x85\u2028\u2029]", written), written
    assert yaml.safe_load(f"key: {written}\n") == {"key": text}
    assert yaml.safe_load(f"- {written}\n") == [text]
    document = f"group: g\nentries:\n  - id: {written}\n    sources:\n      - {written}\n    note: x\n"
    root = parse_yaml(document)
    assert root is not None
    entry = root.value["entries"].value[0].value
    assert entry["id"].value == text
    assert [source.value for source in entry["sources"].value] == [text]
    assert entry["note"].value == "x"  # the scalar did not run into the next line


@PROPERTY
@given(NEAR_PLAIN)
def test_a_scalar_near_the_plain_or_quoted_boundary_reads_back(text: str) -> None:
    written = scalar(text)
    assert yaml.safe_load(f"key: {written}\n") == {"key": text}
    root = parse_yaml(f"- {written}\n- x\n")
    assert root is not None
    assert [item.value for item in root.value] == [text, "x"]


@PROPERTY
@given(YAML_TEXT.filter(lambda text: len(text) < 200))  # YAML caps an implicit key at 1024 characters
def test_a_scalar_reads_back_as_a_mapping_key(text: str) -> None:
    # group_yaml writes title tags with scalar() as keys, indented under 'title:'.
    if text in ("a", "other"):
        reject()  # the key written twice, which parse_yaml refuses (tests/test_bad_input.py)
    written = scalar(text)
    document = f"title:\n  {written}: value\n  other: x\n"
    assert yaml.safe_load(document) == {"title": {text: "value", "other": "x"}}
    root = parse_yaml(document)
    assert root is not None
    assert {key: node.value for key, node in root.value["title"].value.items()} == {text: "value", "other": "x"}
    if not text.startswith("\ufeff"):  # see test_a_scalar_that_starts_with_a_bom_at_the_start_of_a_line
        assert yaml.safe_load(f"a: 1\n{written}: value\n") == {"a": 1, text: "value"}
        root = parse_yaml(f"a: 1\n{written}: value\n")
        assert root is not None
        assert root.value[text].value == "value"


@pytest.mark.parametrize("text", ["\ufeff0", "\ufeffx", "\ufeff"])
def test_a_scalar_that_starts_with_a_bom_at_the_start_of_a_line(text: str) -> None:
    # PyYAML drops a U+FEFF at the start of the stream, libyaml (parse_yaml) at the start of any line.
    written = scalar(text)
    assert yaml.safe_load(f"{written}: value\n") == {text: "value"}
    root = parse_yaml(f"a: 1\n{written}: value\n")
    assert root is not None
    assert root.value[text].value == "value"


@PROPERTY
@given(st.text(st.characters(categories=("Lo", "Lu", "Ll", "Nd")), min_size=1, max_size=10))
def test_letters_are_written_plain_unless_yaml_reads_them_otherwise(text: str) -> None:
    written = scalar(text)
    assert written == text or yaml.safe_load(f"key: {text}\n")["key"] != text


# --- Lua strings -------------------------------------------------------------------------------

LUA_FRAGMENTS = [
    *("\\", "'", '"', "\\'", "\\\\", "\n", "\r", "\r\n", "\t", "\x00", "\x01", "\x1f", "\x7f", "\x85", "\u2028"),
    *("0", "12", "255", "256", "\\1", "\\255", "\\x41", "\\u{4e2d}", "\\z", "]]", "[[", "[==[", "--", "..", "Item("),
    *("}", "{", ",", ";", "=", "return", "name = 'x'", "中", "政治人物", "김정은", "Путин", "\U0002000b", "\ufeff"),
]
LUA_TEXT = st.one_of(mixed_text(LUA_FRAGMENTS), st.text(ANY_CHAR, max_size=30))


def field_of(module: str, name: str) -> Any:
    table = parse_module(module)
    assert isinstance(table, LuaTable)
    return table.fields[name]


@PROPERTY
@given(LUA_TEXT)
@example("\x01" + "23")
@example("\\'\n\r")
@example("]]--[[")
@example("\x00\x7f")
def test_a_lua_string_reads_back_as_written(text: str) -> None:
    written = lua_string(text)
    # A short Lua string may not hold a raw line break (Lua itself refuses "\r" too).
    assert "\n" not in written
    assert "\r" not in written
    assert field_of(f"return {{ name = {written} }}\n", "name") == text
    module = (
        f"-- a comment\nlocal p = {{}}\nreturn {{\n    name = {written},\n    [{written}] = 1,\n    {written};\n}}\n"
    )
    table = parse_module(module)
    assert isinstance(table, LuaTable)
    assert table.fields == {"name": text, text: 1.0}
    assert table.items == [text]


@PROPERTY
@given(LUA_TEXT, LUA_TEXT)
def test_lua_strings_join_with_the_concatenation_operator(left: str, right: str) -> None:
    assert field_of(f"return {{ name = {lua_string(left)} .. {lua_string(right)} }}", "name") == left + right
    item = field_of(f"return {{ content = {{ Item({lua_string(left)}, {lua_string(right)}) }} }}", "content")
    assert item.items[0].fields == {"type": "item", "original": left, "rule": right}


# --- conversion rules --------------------------------------------------------------------------

CODES = ["zh", "zh-hans", "zh-hant", "zh-cn", "zh-tw", "zh-hk", "zh-mo", "zh-sg", "zh-my"]
HAN = "斯大林史達林激光雷射码率位元率咖啡茶潇洒有情天中文"
#: Han characters, ASCII letters, digits and U+3000 (which PHP's trim keeps).
PLAIN_CHARS = HAN + "abcxyzAZhnt" + "0123456789" + "\u3000"
RULE_FRAGMENTS = [
    *(";", ":", "&", "=", ">", "=>", " ", "\u3000", "&amp;", "&amp", "&#59;", "&gt;", "=&gt;", "&Tequila"),
    *("zh-tw:", "zh-TW:", "zh-Hant-TW:", "zh:", "zh-cn", "Re:Zero", ";zh-hk:", "x=>zh-cn:", "\t", "\n", "-{", "}-"),
]
ANY_FORM = st.lists(
    st.one_of(st.text(st.sampled_from(PLAIN_CHARS), min_size=1, max_size=3), st.sampled_from(RULE_FRAGMENTS)),
    min_size=1,
    max_size=5,
).map("".join)
#: Forms format_rule must accept: no ';', no PHP-trimmed white space at either end (U+3000 is not trimmed);
#: ':', '&', '=', '>' and whole entities are fine in them, and so is a form ending like an entity (茶&Tequila).
HOLDABLE_FORM = (
    st.lists(
        st.one_of(
            st.text(st.sampled_from(PLAIN_CHARS), min_size=1, max_size=3),
            st.sampled_from([" ", "\t", "\n", ":", "&", "=", ">", "&amp;", "&amp", "&#59;", "&Tequila", "Re:Zero"]),
        ),
        min_size=1,
        max_size=4,
    )
    .map("".join)
    .filter(lambda form: php_trim(form) == form)
)
#: ... and the side a one-way rule converts from, which cannot hold ':' or '=>'.
HOLDABLE_SOURCE = HOLDABLE_FORM.filter(lambda form: ":" not in form and "=>" not in form)


def rules(forms: st.SearchStrategy[str], sources: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Rule]:
    codes = st.sampled_from(CODES)
    return st.builds(
        Rule,
        st.dictionaries(codes, forms, max_size=4),
        st.dictionaries(
            codes, st.dictionaries(forms if sources is None else sources, forms, min_size=1, max_size=2), max_size=2
        ),
    )


def assert_same_rule(read: Rule, rule: Rule) -> None:
    assert read == rule
    # ... in the order written, too.
    assert list(read.two_way.items()) == list(rule.two_way.items())
    assert [(code, list(pairs.items())) for code, pairs in read.one_way.items()] == [
        (code, list(pairs.items())) for code, pairs in rule.one_way.items()
    ]


@PROPERTY
@given(rules(HOLDABLE_FORM, HOLDABLE_SOURCE))
@example(Rule({"zh-cn": "\u3000激光", "zh-tw": "雷射\u3000"}, {"zh-hk": {"\u3000码率": "位元率\u3000"}}))
@example(Rule({"zh-hk": "咖啡、茶&Tequila", "zh-cn": "潇洒有情天"}, {"zh-tw": {"a==": "b&amp", ">": "Re:Zero"}}))
def test_every_rule_of_holdable_forms_is_written_and_read_back(rule: Rule) -> None:
    text = format_rule(rule)  # must not raise: these forms all fit
    assert_same_rule(parse_rule(text), rule)


@settings(PROPERTY, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(rules(ANY_FORM))
@example(Rule({"zh-cn": "a;zh-tw:b"}))
@example(Rule({"zh-cn": "a=&gt;b"}))
def test_a_rule_format_rule_accepts_reads_back_as_the_same_rule(rule: Rule) -> None:
    try:
        text = format_rule(rule)
    except ValueError:
        event("format_rule refused the rule")
        reject()
    event("format_rule wrote the rule")
    assert_same_rule(parse_rule(text), rule)


RULE_TEXT = st.one_of(
    st.text(ANY_CHAR, max_size=30),
    st.lists(
        st.one_of(st.sampled_from([*RULE_FRAGMENTS, *(f"{c}:" for c in CODES), "zh-xx:", "en:"]), ANY_FORM),
        max_size=8,
    ).map("".join),
)


@PROPERTY
@given(RULE_TEXT)
@example("zh-cn:\u3000激光; zh-tw:雷射;")
@example("zh-xx:a")
@example("=>:")
@example(";;;")
@example("\x01")
def test_parse_rule_raises_nothing_but_rule_syntax_errors(text: str) -> None:
    try:
        rule = parse_rule(text)
    except RuleSyntaxError:
        return
    assert set(rule.two_way) <= set(CODES)
    assert set(rule.one_way) <= set(CODES)
    assert all(form and form == php_trim(form) for form in rule.two_way.values())


# --- sentences ---------------------------------------------------------------------------------

ENDS = "。！？!?"
SENTENCE_FRAGMENTS = [
    *ENDS,
    *("“", "”", "‘", "’", "「", "」", "『", "』", "（", "）", "(", ")", "《", "》", "〈", "〉", "【", "】", "[", "]"),
    *("[1]", "[12]", " [3]", "[x]", "-{", "}-", "-{zh-cn:激光; zh-tw:雷射;}-", "。”", "！」", "?)", "……"),
    *("他说", "我们走了", "好", "朝鲜", "俄罗斯", "45.5%", "U.S.", "x"),
    *("，", "；", "：", "、", " ", "\n", "\t", "\u3000"),
]
SENTENCE_TEXT = st.one_of(
    st.lists(st.sampled_from(SENTENCE_FRAGMENTS), max_size=16).map("".join),
    mixed_text(SENTENCE_FRAGMENTS),
    st.text(ANY_CHAR, max_size=30),
)


@PROPERTY
@given(SENTENCE_TEXT)
@example("")
@example(" ")
@example("好！ ")
@example("他说：“走。”[1]我们走了。好！")
@example("-{。}-}-。")
def test_split_sentences_loses_nothing_and_makes_no_empty_pieces(text: str) -> None:
    pieces = split_sentences(text)
    assert "".join(pieces) == text
    if text:
        assert pieces
        assert all(pieces)
    else:
        assert pieces == []
    if text.strip():
        assert all(piece.strip() for piece in pieces)  # blank runs go with a sentence
    # Every piece but the last ends a sentence, so it holds a sentence end.
    assert all(any(end in piece for end in ENDS) for piece in pieces[:-1])


@PROPERTY
@given(SENTENCE_TEXT.map(lambda text: re.sub(f"[{ENDS}]", "", text)))
def test_text_without_a_sentence_end_is_one_piece(text: str) -> None:
    assert split_sentences(text) == ([text] if text else [])


#: Inside a sentence: text without sentence ends, and pairs whose ends do not end the sentence.
BODY = st.lists(
    st.one_of(
        st.text(st.sampled_from("他说我们走了好朝鲜俄罗斯abc012 ，、；：.%-\u3000"), min_size=1, max_size=5),
        st.sampled_from(
            ["（注。见上）", "《好！吗》", "“走。吧”", "[x]", "-{激光。}-", "-{zh-cn:激光; zh-tw:雷射;}-", "}-"]
        ),
    ),
    min_size=1,
    max_size=4,
).map("".join)
#: One sentence: a body with its end, or with a quotation that ends it (“……。”), then markers or more ends.
SENTENCE = st.builds(
    lambda body, quoted, end, after: f"{body}：“{quoted}{end}”{after}" if quoted else f"{body}{end}{after}",
    BODY,
    st.one_of(st.just(""), BODY),
    st.sampled_from(ENDS),
    st.sampled_from(["", "[1]", "[12]", " [3]", "？", "!!", "[1][2]"]),
)


@PROPERTY
@given(st.lists(SENTENCE, min_size=1, max_size=6))
@example(["他说：“走。”[1]", "我们走了。", "好！"])
@example(["}-好。", "-{激光。}-走！"])
def test_sentences_written_one_after_another_split_back_apart(sentences: list[str]) -> None:
    assert split_sentences("".join(sentences)) == sentences
