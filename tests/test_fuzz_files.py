"""Fuzzing in the suite (issue 14, item 8): files termloc reads and writes.

- PO catalogs: what `write_catalog` writes reads back as written, and an
  update (the library's and ``termloc po update``) loses no translation;
- the TBX, CSV, Lua and JSON importers: a file either imports into a glossary
  that loads back clean, or is one `InputError` naming the file (and, where
  the file says, the line), and nothing is written; never a traceback.

Inputs are real files (the test data, Chinese Wikipedia's conversion groups,
the article's lines) cut and spliced with hostile fragments.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from hypothesis import example, given
from hypothesis import strategies as st

from termloc.cli import INTERNAL_ERROR, main
from termloc.core.errors import InputError
from termloc.core.han import char_tables
from termloc.core.variants import load_variants
from termloc.glossary.validate import load_glossary
from termloc.interchange.cgroup import import_groups, read_groups
from termloc.interchange.lua import lua_string
from termloc.interchange.table import read_csv
from termloc.interchange.tbx import read_tbx
from termloc.translation.catalogs import update
from termloc.translation.pofiles import read_catalog, write_catalog

from .conftest import DATA, SHARED, property_settings
from .test_fuzz import ARTICLE_LINES, HOSTILE, NAMES, WORK, fragments
from .test_properties import LUA_FRAGMENTS

REGISTRY = load_variants()
INTERCHANGE = DATA / "interchange"
DOMAIN = "dprk-russia-relations"


def run(*argv: str) -> tuple[int, str]:
    """The command line in-process: (exit code, standard error)."""
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, err.getvalue()


def spliced(text: str, inserts: list[tuple[int, str]], cut: int | None) -> str:
    """``text`` with fragments put in at the positions given, cut after ``cut`` characters."""
    for position, fragment in inserts:
        at = position % (len(text) + 1)
        text = text[:at] + fragment + text[at:]
    return text if cut is None else text[:cut]


def splicing(text: str, hostile: list[str]) -> st.SearchStrategy[str]:
    """``text`` cut and spliced with ``hostile`` fragments."""
    return st.builds(
        spliced,
        st.just(text),
        st.lists(st.tuples(st.integers(0, len(text)), st.sampled_from(hostile)), max_size=3),
        st.none() | st.integers(0, len(text)),
    )


# --- PO catalogs --------------------------------------------------------------------------------

PO_HOSTILE = [
    *HOSTILE,
    *('"', '\\"', "\\", "\\n", "\\t", "\n", "\r", "\t", '"\n"', "#~", "#|", "#,", "#:", "msgid ", 'msgstr "x"', "\n\n"),
    *("msgctxt", "%d", "%(x)s", "{x}", " ", "  ", "\u3000", "\\u0041", "\\x41", "\\0", "#~ msgid", "\n#~ "),
]
#: A msgid: a sentence of the article, a name, hostile text; never empty (that is the header's).
MSGID = st.one_of(st.sampled_from(ARTICLE_LINES), fragments(PO_HOSTILE, ARTICLE_LINES[:100], NAMES[:100])).filter(
    lambda text: text != ""
)
TRANSLATION = fragments(PO_HOSTILE, NAMES, max_size=6)
#: msgid → its translation ('' for none yet).
MESSAGES = st.dictionaries(MSGID, TRANSLATION, max_size=6)
RU = REGISTRY["ru"]


def template(ids: list[str]) -> Catalog:
    catalog = Catalog(domain=DOMAIN, project="termloc: fuzz", fuzzy=False)
    for number, msgid in enumerate(ids, 1):
        catalog.add(msgid, locations=[("fuzz.md", number)])
    return catalog


def translated(messages: dict[str, str], path: Path) -> None:
    """Write the ru catalog of ``messages``, as a translator leaves it."""
    catalog, _ = update(template(list(messages)), path, RU)
    for message in catalog:
        if message.id:
            message.string = messages[str(message.id)]
    write_catalog(path, catalog)


def every_translation(path: Path) -> list[str]:
    catalog = read_catalog(path, RU.babel_locale)
    return [str(m.string) for m in [*catalog, *catalog.obsolete.values()] if m.id and m.string]


def po_path() -> Path:
    folder = Path(tempfile.mkdtemp(dir=WORK))
    return folder / RU.babel_locale / "LC_MESSAGES" / f"{DOMAIN}.po"


@property_settings(100)
@given(MESSAGES)
@example({"a\rb": "x"})
@example({"a": "\x00"})
@example({"\u2028": "\x85"})
@example({'"\n"': "\\"})
def test_a_catalog_reads_back_as_written(messages: dict[str, str]) -> None:
    path = po_path()
    translated(messages, path)
    catalog = read_catalog(path, RU.babel_locale)
    assert {str(m.id): str(m.string) for m in catalog if m.id} == messages


@property_settings(100)
@given(MESSAGES, st.lists(MSGID, max_size=4), st.data())
@example({"甲": "a", "乙": "b"}, ["丙"], None)
def test_an_update_loses_no_translation(messages: dict[str, str], added: list[str], data: Any) -> None:
    path = po_path()
    translated(messages, path)
    kept = [msgid for msgid in messages if data is None or data.draw(st.booleans())]
    catalog, _ = update(template(list(dict.fromkeys([*kept, *added]))), path, RU)
    write_catalog(path, catalog)
    read = read_catalog(path, RU.babel_locale)
    assert {str(m.id): str(m.string) for m in read if m.id and str(m.id) in kept} == {i: messages[i] for i in kept}
    # Each translation is still there: as written, fuzzy under a changed msgid, or obsolete.
    assert not Counter(text for text in messages.values() if text) - Counter(every_translation(path))


@property_settings(15)
@given(MESSAGES, st.lists(MSGID, max_size=3))
@example({"普京访问朝鲜。": "Путин посетил КНДР.", "a\rb": "x"}, ["新"])
def test_po_update_on_the_command_line_loses_no_translation(messages: dict[str, str], ids: list[str]) -> None:
    path = po_path()
    folder = path.parents[2]
    translated(messages, path)
    write_catalog(folder / f"{DOMAIN}.pot", template(list(dict.fromkeys([*messages, *ids]))))
    code, err = run("po", "update", "--locales-dir", str(folder), "--locale", "ru")
    assert code == 0, err
    assert set(every_translation(path)) >= {text for text in messages.values() if text}
    read = read_catalog(path, RU.babel_locale)
    assert {str(m.id) for m in read if m.id} == {*messages, *ids}


# --- importers -----------------------------------------------------------------------------------


def import_file(kind: str, path: Path) -> None:
    """``termloc import KIND PATH``: a glossary that loads back clean, or exit 1 and nothing written."""
    out = Path(tempfile.mkdtemp(dir=WORK)) / "out"
    try:
        code, err = run("import", kind, str(path), "-o", str(out))
        assert code != INTERNAL_ERROR, err
        assert code in (0, 1), err
        if code == 0:
            _, problems = load_glossary([out])
            assert problems == [], problems
        else:
            assert not out.exists(), err
            assert err.strip(), "a failure says why"
    finally:
        shutil.rmtree(out.parent, ignore_errors=True)


def assert_one_input_error(err: InputError, path: Path, text: str) -> None:
    """The error names the file and, when it gives one, a line of it."""
    assert err.path == str(path)
    assert str(err).startswith(f"{path}")
    if err.line is not None:  # a lone CR ends a line too (XML reads it so, and most editors)
        assert 1 <= err.line <= len(re.findall("\r\n|\r|\n", text)) + 1, err


def read_or_refuse(read: Callable[[], object], path: Path, text: str) -> None:
    """``read()`` succeeds, or fails with one `InputError` naming ``path`` (and a line of ``text``)."""
    try:
        read()
    except InputError as err:
        assert_one_input_error(err, path, text)


def write(name: str, text: str) -> Path:
    path = WORK / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


# TBX ---------------------------------------------------------------------------------------------

TBX_REAL = (INTERCHANGE / "weblate-glossary.tbx").read_text(encoding="utf-8")
XML_HOSTILE = [
    *("<", ">", "&", "&amp;", "&lt;", "&#0;", "&#x110000;", "&#65;", "&undefined;", "]]>", "<![CDATA[x]]>", "<!-- -->"),
    *('<!DOCTYPE x [<!ENTITY a "aaaa">]>', "&a;", '<!ENTITY % p SYSTEM "file:///etc/passwd">', '<?xml version="1.0"?>'),
    *(
        "<term>",
        "</term>",
        "<tig>",
        "</tig>",
        '<langSet xml:lang="zh_TW">',
        "</langSet>",
        "<termEntry>",
        "</termEntry>",
    ),
    *(
        '<langSet xml:lang="xx">',
        '<langSet xml:lang="">',
        '<termEntry id="">',
        '<termEntry id="1 2">',
        "<tbx>",
        "</martif>",
    ),
    *(
        "<term>普 京</term>",
        "<term></term>",
        "<term>\u2028</term>",
        '<termNote type="administrativeStatus">x</termNote>',
    ),
    *("<a>" * 300, "\x00", "\ufeff", "\r", "\x0b"),
]
TBX_TEXT = st.one_of(
    splicing(TBX_REAL, XML_HOSTILE),
    st.builds(
        lambda terms: (
            '<?xml version="1.0"?><martif type="TBX"><text><body><termEntry id="x">'
            + "".join(f'<langSet xml:lang="{tag}"><tig><term>{term}</term></tig></langSet>' for tag, term in terms)
            + "</termEntry></body></text></martif>"
        ),
        st.lists(
            st.tuples(
                st.sampled_from(["zh_Hans", "zh_TW", "zh-Hant-HK", "ko", "en", "xx", "zh"]),
                fragments(XML_HOSTILE, NAMES[:200], max_size=4),
            ),
            max_size=4,
        ),
    ),
)


@property_settings(100)
@given(TBX_TEXT)
@example("<a>" * 300)
@example('<!DOCTYPE x [<!ENTITY a "aaaa">]><martif>&a;</martif>')
@example('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE martif PUBLIC "\r')  # found: line 3 of 2 (by LF)
@example(TBX_REAL.replace("</langSet>", "</langSet>&a;", 1))  # found: ValueError on the unexpanded entity
def test_a_tbx_file_imports_or_is_one_input_error(text: str) -> None:
    path = write("fuzz.tbx", text)
    read_or_refuse(lambda: read_tbx(path, REGISTRY), path, text)
    import_file("tbx", path)


# CSV ---------------------------------------------------------------------------------------------

CSV_REAL = (INTERCHANGE / "spreadsheet.csv").read_text(encoding="utf-8")
CSV_HOSTILE = [
    *HOSTILE,
    *(",", '"', '""', '"a,b"', "\n", "\r", "\r\n", ",,,,", "zh-TW: 普丁", "zh-TW:", "xx: y", ": x", "id", "zh_TW"),
    *("kim-il-sung,", "joseph-stalin,people,person", "x,,,,,普 京", "a" * 200, "=cmd|' /C calc'!A0", "\ufeff"),
]
COLUMNS = ["id", "group", "kind", "origin", "note", "sources", "zh-Hans", "zh_TW", "zh-Hant-HK", "ko", "en"]
COLUMNS += ["admitted", "deprecated", "from", "xx", "", "id"]
CELL = st.one_of(st.sampled_from(NAMES[:300]), fragments(CSV_HOSTILE, max_size=4))


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    return buffer.getvalue()


CSV_TEXT = st.one_of(
    splicing(CSV_REAL, CSV_HOSTILE),
    st.builds(
        csv_text,
        st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=8),
        st.lists(st.lists(st.one_of(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True), CELL), max_size=9)),
    ),
)


@property_settings(100)
@given(CSV_TEXT)
@example('id,zh-Hans\nx,"a\n')
@example("id,zh-Hans,admitted\nx,普京,zh-TW\n")
def test_a_csv_file_imports_or_is_one_input_error(text: str) -> None:
    path = write("fuzz.csv", text)
    read_or_refuse(lambda: read_csv(path, REGISTRY), path, text)
    import_file("csv", path)


# Conversion groups: Lua and JSON -----------------------------------------------------------------

LUA_REAL = (INTERCHANGE / "CGroup-sample.lua").read_text(encoding="utf-8")
CGROUP_HOSTILE = [
    *LUA_FRAGMENTS,
    *("{", "}", "{" * 50, "}" * 50, "Item(", ")", "type = 'item'", "rule = ", "original = nil", "content = 1"),
    *(
        "'\\u{110000}'",
        "'\\u{7FFFFFFF}'",
        "'\\u{D800}'",
        "'\\999'",
        "'\\x'",
        "'\\xZZ'",
        "1e999",
        "0x",
        "--[==[",
        "]==]",
    ),
    *("zh-cn:斯大林; zh-tw:史達林;", "zh-tw:;", "-{", "}-", "}--{", "=>zh-tw:", "zh-xx:x", "\x00", "\u2028", "\r"),
]
RULE = fragments(CGROUP_HOSTILE, ARTICLE_LINES[:100], NAMES[:200], max_size=5)
LUA_TEXT = st.one_of(
    splicing(LUA_REAL, CGROUP_HOSTILE),
    st.builds(
        lambda items: (
            "return { name = 'g', content = {\n"
            + "".join(f"  {{ type = 'item', original = {lua_string(o)}, rule = {lua_string(r)} }},\n" for o, r in items)
            + "} }\n"
        ),
        st.lists(st.tuples(RULE, RULE), max_size=4),
    ),
)


@st.composite
def _small_cgroups(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(SMALL_CGROUPS)).read_text(encoding="utf-8")


#: The smallest of Chinese Wikipedia's groups (a large one adds cost, not cases).
SMALL_CGROUPS = sorted(
    (p for p in (SHARED / "data" / "cgroups").glob("*.json") if p.stat().st_size < 6000), key=lambda p: p.name
)[:20]
JSON_HOSTILE = [
    *CGROUP_HOSTILE,
    *('"', "\\", "\\u0000", "\\ud800", "[", "]", ",", ":", "null", "1e400", "-", "NaN", "Infinity", "[" * 2000),
    *('{"rules": []}', '"rules": 1', '"conv": null', '"conv": []', '"original": {}', '"name": []'),
]
JSON_TEXT = st.one_of(
    st.builds(
        lambda name, rules: json.dumps({"name": name, "rules": [{"original": o, "conv": c} for o, c in rules]}),
        RULE,
        st.lists(st.tuples(RULE, RULE), max_size=4),
    ),
    *([_small_cgroups().flatmap(lambda text: splicing(text, JSON_HOSTILE))] if SMALL_CGROUPS else []),
)


def read_cgroup(path: Path, text: str) -> None:
    try:
        groups = read_groups([path])
    except InputError as err:
        assert_one_input_error(err, path, text)
    else:
        import_groups(groups, REGISTRY, char_tables())


@property_settings(100)
@given(LUA_TEXT)
def test_a_lua_group_imports_or_is_one_input_error(text: str) -> None:
    path = write("fuzz.lua", text)
    read_cgroup(path, text)
    import_file("cgroup", path)


@property_settings(100)
@given(JSON_TEXT)
@example('{"name": "g", "rules": [{"original": "x", "conv": "zh-cn:斯大林; zh-tw:史達林;"}]}')
@example('{"name": "\\ud800g", "rules": [{"original": "x", "conv": "zh-cn:斯大林; zh-tw:史達林;"}]}')  # found: exit 70
def test_a_json_group_imports_or_is_one_input_error(text: str) -> None:
    path = write("fuzz.json", text)
    read_cgroup(path, text)
    import_file("cgroup", path)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("deep.lua", "return " + "{" * 1000 + "}" * 1000),  # RecursionError in lua._Parser
        ("deep.json", "[" * 2000 + "]" * 2000),  # RecursionError in json.loads (cgroup._json_group)
        ("escape.lua", "return { name = 'g', content = { Item('x', '\\u{110000}') } }"),  # ValueError: chr()
    ],
)
def test_deep_nesting_and_bad_escapes_in_a_group_are_one_input_error(name: str, text: str) -> None:
    path = write(name, text)
    with pytest.raises(InputError):
        read_groups([path])


@property_settings(20)
@given(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True), st.sampled_from(["", ",", ",,,", ",people,term"]))
@example("j", "")
def test_a_csv_line_with_no_form_is_refused_or_left_out(entry_id: str, cells: str) -> None:
    # Found: written as an entry with an empty row, the glossary written did not load (G007, G008).
    import_file("csv", write("fuzz.csv", f"{CSV_REAL.splitlines()[0]}\n{entry_id}{cells}\n"))


@property_settings(20)
@given(st.sampled_from(["\x1b", "\x00", "\x7f", "\x85", "\ufffe", "a\x01b"]))
@example("\x1b")
def test_a_group_name_with_a_control_character_is_written_readable(name: str) -> None:
    # Found: the file's header comment named the group's page as it is, and YAML refused the file.
    text = json.dumps({"name": name, "rules": [{"original": "Stalin", "conv": "zh-cn:斯大林; zh-tw:史達林;"}]})
    import_file("cgroup", write("fuzz.json", text))


@pytest.mark.parametrize("name", ["CGroup-sample.lua", "spreadsheet.csv", "weblate-glossary.tbx"])
def test_the_real_files_import(name: str) -> None:
    # The properties' starting points import cleanly as they are.
    kind = {".lua": "cgroup", ".csv": "csv", ".tbx": "tbx"}[Path(name).suffix]
    import_file(kind, INTERCHANGE / name)
