"""Hostile input: each is one line on standard error naming file:line, exit 1, never a traceback.

Invalid glossaries live in ``tests/data/glossaries/`` (named by their code);
these are the rest: YAML in general, locale files, front matter, documents,
the importers and unreadable files.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from termloc.core.errors import InputError
from termloc.core.variants import load_variants
from termloc.core.yamltext import MAX_CHARS, YAMLInputError, load_yaml, parse_yaml

from .conftest import GLOSSARY, ROOT, Cli

FRONT = "---\ntitle: T\nsource_language: zh\n"


def one_error_line(err: str) -> str:
    """The one line of ``err`` (and that there is just one, with no traceback)."""
    assert "Traceback" not in err
    assert err.count("\n") == 1, err
    return err.rstrip("\n")


# --- YAML ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("a: &a [x, x]\nb: [*a, *a]\n", 2, "an alias (*a)"),
        ("a: &a\n  - *a\n", 2, "an alias (*a)"),
        ("a: !!binary aGVsbG8=\n", 1, "the explicit tag '!!binary'"),
        ("a: !!int abc\n", 1, "the explicit tag '!!int'"),
        ("a: !!python/name:os.system x\n", 1, "the explicit tag '!!python/name:os.system'"),
        ("a: !!set {x}\n", 1, "the explicit tag '!!set'"),
        ("a: !local x\n", 1, "the explicit tag '!local'"),
        ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a' (first at line 1)"),
        ("a:\n  b: 1\n  b: 2\n", 3, "duplicate key 'b' (first at line 2)"),
        ("? [a]\n: x\n", 1, "a list or mapping as a mapping key"),
        ("a: 2024-02-30\n", 1, "'2024-02-30' is not a date (day is out of range for month)"),
        ("a: 2024-13-45\n", 1, "'2024-13-45' is not a date (month must be in 1..12)"),
        ("x: 1\na: " + "1" * 5000 + "\n", 2, "an integer of 5,000 digits; termloc reads at most 4,300"),
        ("a: " + "[" * 100 + "]" * 100 + "\n", 1, "nested deeper than 64 levels"),
        ("a: [x\n", 2, "did not find expected ',' or ']'"),
    ],
)
def test_yaml_that_termloc_refuses(text: str, line: int, problem: str) -> None:
    with pytest.raises(YAMLInputError) as caught:
        parse_yaml(text)
    assert problem in caught.value.problem
    assert caught.value.line == line
    assert caught.value.hint


def test_a_billion_laughs_is_refused_at_once() -> None:
    # 292 bytes that expanded to 9**9 strings (72 s and 3.7 GB before aliases were refused).
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, previous in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    with pytest.raises(YAMLInputError, match=r"an alias \(\*a\)") as caught:
        parse_yaml("\n".join(lines))
    assert caught.value.line == 2


def test_yaml_longer_than_the_limit_is_refused_before_it_is_parsed() -> None:
    with pytest.raises(YAMLInputError, match="termloc reads at most") as caught:
        parse_yaml("a: " + "x" * MAX_CHARS)
    assert caught.value.line == 1


def test_plain_yaml_reads_as_before() -> None:
    text = "a: 1\nb: [x, 'y']\nc: {d: 2024-11-05, e: null, f: true, g: 1.5}\nno: key\n"
    assert load_yaml(text) == {
        "a": 1,
        "b": ["x", "y"],
        "c": {"d": __import__("datetime").date(2024, 11, 5), "e": None, "f": True, "g": 1.5},
        "no": "key",  # the key as written, not False
    }
    assert load_yaml("a: !!str 12\n") == {"a": "12"}  # a tag that changes nothing is harmless
    assert load_yaml("") is None


def test_the_real_yaml_uses_no_aliases_or_tags() -> None:
    # What the reader refuses, termloc's own files never need.
    for path in [*sorted((ROOT / "locales").glob("*.yaml")), *sorted(GLOSSARY.glob("*.yaml"))]:
        assert parse_yaml(path.read_text(encoding="utf-8")) is not None


# --- locale files ----------------------------------------------------------------------------------


def test_a_locale_file_with_a_duplicate_key(tmp_path: Path) -> None:
    for path in (ROOT / "locales").glob("*.yaml"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    bad = tmp_path / "zh-TW.yaml"
    bad.write_text(bad.read_text(encoding="utf-8") + "\norder: 99\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_variants(tmp_path)
    assert str(caught.value).startswith(f"{bad}:")
    assert "duplicate key 'order'" in str(caught.value)
    assert caught.value.line == bad.read_text(encoding="utf-8").count("\n")


# --- front matter and documents -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front", "line", "problem"),
    [
        ("infoboxes: 5\n", 4, "front-matter 'infoboxes' must be a list"),
        ("infoboxes:\n  - 5\n", 5, "each infobox needs 'section' and 'title'"),
        ("infoboxes:\n  - {section: lead, title: [t]}\n", 5, "infobox 'title' must be a non-empty string"),
        ("infoboxes:\n  - {section: [s], title: t}\n", 5, "infobox 'section' must be a non-empty string"),
        ("infoboxes:\n  - {section: s, title: t, missions: 5}\n", 5, "'missions' must be a mapping"),
        (
            "infoboxes:\n  - section: s\n    title: t\n    missions:\n      label: [a, b]\n",
            8,
            "infobox 't': missions 'label' must be a non-empty string",
        ),
        (
            "infoboxes:\n  - section: s\n    title: t\n    missions:\n      items: [{text: x, lang: [ko]}]\n",
            8,
            "mission 'lang' must be a non-empty string",
        ),
        ("infoboxes:\n  - {section: s, title: t, map: {a: b}}\n", 5, "infobox 't': 'map' must be"),
        ("retrieved: 2024-13-45\n", 4, "'2024-13-45' is not a date (month must be in 1..12)"),
        ("retrieved: [2024]\n", 4, "front-matter 'retrieved' must be a date"),
        ("title: U\n", 4, "duplicate key 'title' (first at line 2)"),
        ("rules: &r [*r]\n", 4, "an alias (*r)"),
        ("glossary: [people]\n", 4, "'glossary' must be a mapping"),
        ("licence: {a: b}\n", 4, "front-matter 'licence' must be a non-empty string"),
    ],
)
def test_front_matter_of_the_wrong_type(cli: Cli, tmp_path: Path, front: str, line: int, problem: str) -> None:
    path = tmp_path / "bad.md"
    path.write_text(FRONT + front + "---\n正文。\n", encoding="utf-8")
    code, out, err = cli("render", str(path), "--to", "zh-TW", "--format", "md", "--no-reference")
    assert (code, out) == (1, "")
    message = one_error_line(err)
    assert message.startswith(f"termloc: {path}:{line}: "), message
    assert problem in message


def test_valid_front_matter_reads_as_before(tmp_path: Path) -> None:
    from termloc.documents.document import load_document

    path = tmp_path / "good.md"
    path.write_text(
        FRONT + "retrieved: 2024-11-05\nglossary:\n  groups: [people]\nreference: none\ninfoboxes:\n"
        "  - section: lead\n    title: 朝鲜\n    map: 地图\n    missions:\n      label: 使团\n"
        "      items: [平壤, {text: 평양, lang: ko, label: 朝鲜语}]\n---\n正文。\n",
        encoding="utf-8",
    )
    document = load_document(path)
    assert document.groups == ("people",)
    assert document.reference is None
    (box,) = document.infoboxes
    assert (box.section, box.title, box.map, box.missions_label) == ("lead", "朝鲜", "地图", "使团")
    assert [(m.text, m.lang, m.label) for m in box.missions] == [("平壤", None, None), ("평양", "ko", "朝鲜语")]


def test_a_reference_marker_of_thousands_of_digits_is_text(cli: Cli, tmp_path: Path) -> None:
    # int() of a 5,000-digit marker raised ValueError (Python's limit is 4,300 digits).
    path = tmp_path / "long.md"
    marker = "[" + "1" * 5000 + "]"
    path.write_text(FRONT + f"---\n参见{marker}。\n\n1. 注释\n", encoding="utf-8")
    code, out, err = cli("render", str(path), "--to", "zh-TW", "--format", "html", "--no-reference")
    assert (code, err) == (0, "")
    assert f"參見{marker}。" in re.sub(r"<[^>]*>", "", out)  # text (參見 is an element with its reason)
    assert "ref-1111" not in out
    path.write_text(FRONT + "---\n参见[1]。\n\n1. 注释\n", encoding="utf-8")
    code, out, err = cli("render", str(path), "--to", "zh-TW", "--format", "html", "--no-reference")
    assert '<sup class="ref"><a href="#ref-1">[1]</a></sup>' in out


# --- the importers ---------------------------------------------------------------------------------

LUA_ITEM = "{ type = 'item', original = 'x', rule = 'zh-cn:甲; zh-tw:乙;' }"


@pytest.mark.parametrize(
    ("name", "text", "line", "problem"),
    [
        (
            "escape.lua",
            "return {\n name = 'T',\n content = {\n  { type = 'item', rule = 'zh-cn:\\u{110000};' },\n },\n}\n",
            4,
            "cannot read the Lua module: the escape '\\u{110000}' is beyond Unicode",
        ),
        (
            "key.lua",
            f"return {{\n name = 'T',\n [{{}}] = 1,\n content = {{ {LUA_ITEM} }},\n}}\n",
            3,
            "a table key must be a string, number or boolean, not a table",
        ),
        ("nil-key.lua", f"return {{ [nil] = 1, content = {{ {LUA_ITEM} }} }}\n", 1, "not nil"),
        ("name.lua", f"return {{\n name = {{'T'}},\n content = {{ {LUA_ITEM} }},\n}}\n", 2, "'name' must be a string"),
        (
            "type.lua",
            "return {\n name = 'T',\n content = {\n  { type = {'item'}, rule = 'zh-cn:甲;' },\n },\n}\n",
            4,
            "an item's 'type' must be a string, not a table",
        ),
        ("deep.lua", "return " + "{" * 100_000 + "}" * 100_000 + "\n", 1, "tables nested deeper than 100 levels"),
        ("deep.json", '{"name": "T",\n "rules":\n' + "[" * 100_000 + "]" * 100_000 + "}", 3, "nested deeper"),
        (
            "number.json",
            '{"name": "T",\n "rules": [{"conv": "zh-cn:甲;", "n": ' + "1" * 5000 + "}]}",
            2,
            "a number of 5,000 digits",
        ),
        ("name.json", '{"name": ["T"], "rules": []}', 1, "'name' must be a string, not a list"),
        ("original.json", '{"name": "T", "rules": [{"original": {}, "conv": "x"}]}', 1, "rule 1: 'original'"),
    ],
)
def test_conversion_groups_that_cannot_be_imported(
    cli: Cli, tmp_path: Path, name: str, text: str, line: int, problem: str
) -> None:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    code, out, err = cli("import", "cgroup", str(source), "-o", str(tmp_path / "out"))
    assert (code, out) == (1, "")
    message = one_error_line(err)
    assert message.startswith(f"termloc: {source}:{line}: "), message
    assert problem in message
    assert not (tmp_path / "out").exists()


def test_a_group_name_too_long_for_a_file_name(cli: Cli, tmp_path: Path) -> None:
    # 300 bytes of group name: the file name was the name, and the file system refused it (OSError).
    long_name = "长" * 100
    source = tmp_path / "long.json"
    source.write_text(
        '{"name": "' + long_name + '", "rules": [{"original": "x", "conv": "zh-cn:甲; zh-tw:乙;"}]}', encoding="utf-8"
    )
    code, _, err = cli("import", "cgroup", str(source), "-o", str(tmp_path / "out"))
    assert (code, err) == (0, "")
    (written,) = (p for p in (tmp_path / "out").iterdir() if p.suffix == ".yaml")
    assert len(written.name.encode()) <= 255
    assert written.name == "长" * 66 + ".yaml"  # 198 bytes of the name
    assert f"group: {long_name}\n" in written.read_text(encoding="utf-8")  # the name itself is whole


def test_an_output_folder_name_too_long(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "g.json"
    source.write_text('{"name": "g", "rules": [{"original": "x", "conv": "zh-cn:甲; zh-tw:乙;"}]}', encoding="utf-8")
    folder = tmp_path / ("长" * 100)
    code, _, err = cli("import", "cgroup", str(source), "-o", str(folder))
    assert code == 1
    assert one_error_line(err) == f"termloc: {folder}: cannot write the folder: File name too long"
    assert [p.name for p in tmp_path.iterdir()] == ["g.json"]


# --- unreadable files ------------------------------------------------------------------------------


def _refuse_reading(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Make ``path`` unreadable as chmod 000 does for anyone but root (the tests run as root here)."""
    read_bytes, read_text = Path.read_bytes, Path.read_text

    def refuse(self: Path) -> None:
        if self.resolve() == path.resolve():
            raise PermissionError(13, "Permission denied", str(self))

    def refused_bytes(self: Path) -> bytes:
        refuse(self)
        return read_bytes(self)

    def refused_text(self: Path, *args: Any, **kwargs: Any) -> str:
        refuse(self)
        return read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", refused_bytes)
    monkeypatch.setattr(Path, "read_text", refused_text)


@pytest.mark.parametrize("command", ["convert", "lookup"])
def test_an_unreadable_glossary(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    # chmod 000 gave a PermissionError traceback (convert and lookup hash the files before reading them).
    text = tmp_path / "in.txt"
    text.write_text("普京\n", encoding="utf-8")
    glossary = tmp_path / "g.yaml"
    glossary.write_text(
        "group: g\nentries:\n  - id: putin\n    kind: person\n    sources: [x]\n    terms:\n"
        "      - zh-Hans: 普京\n        zh-TW: 普丁\n",
        encoding="utf-8",
    )
    _refuse_reading(monkeypatch, glossary)
    argv = ["convert", str(text), "--to", "zh-TW"] if command == "convert" else ["lookup", "普京"]
    code, out, err = cli(*argv, "--glossary", str(glossary))
    assert (code, out) == (1, "")
    assert one_error_line(err) == f"termloc: {glossary}: cannot read: Permission denied"


def test_a_file_made_unreadable_after_its_digest_was_recorded_is_read_again(tmp_path: Path) -> None:
    from termloc.core.digests import DigestMemo

    file = tmp_path / "g.yaml"
    file.write_text("group: g\n", encoding="utf-8")
    past = file.stat().st_mtime_ns - 10**10  # settled: its digest is recorded
    os.utime(file, ns=(past, past))
    memo = DigestMemo(tmp_path / "digests.json")
    memo.digest(file)
    memo.save()
    file.chmod(0)  # changes the mode only: size, mtime and inode are the same
    try:
        with pytest.MonkeyPatch.context() as patch:
            _refuse_reading(patch, file)  # as the file system does for anyone but root
            with pytest.raises(InputError, match="cannot read: Permission denied"):
                DigestMemo(tmp_path / "digests.json").digest(file)
    finally:
        file.chmod(0o644)


def test_yes_no_on_and_off_are_words_not_booleans(tmp_path: Path) -> None:
    # YAML 1.1 read 'en: no' as False and 'en: On' as True: a form became "False" (the Norway problem).
    assert load_yaml("a: yes\nb: no\nc: On\nd: OFF\ne: true\nf: False\n") == {
        **{"a": "yes", "b": "no", "c": "On", "d": "OFF"},
        **{"e": True, "f": False},
    }
    from termloc.glossary import load_glossary

    path = tmp_path / "words.yaml"
    path.write_text(
        "group: words\nentries:\n- id: norway-code\n  kind: term\n  sources: [ISO 639-1]\n"
        "  terms:\n  - {zh-Hans: 挪威语, en: no}\n",
        encoding="utf-8",
    )
    glossary, problems = load_glossary([path])
    assert problems == []
    assert glossary.entries[0].rows[0].forms["en"] == "no"
