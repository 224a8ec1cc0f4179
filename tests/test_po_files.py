"""``termloc po`` loses nothing: hostile catalogs, merged or refused, never mangled.

The catalogs are the project's own (locales/ru_RU, locales/ko_KP) with one
change made by hand; small PO snippets stand in for the odd characters and
the broken files. Expected texts are written out here, not produced by termloc.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from termloc.translation.pofiles import read_catalog

from .conftest import ROOT, Cli

DOMAIN = "dprk-russia-relations"
ARTICLE = ROOT / "articles" / f"{DOMAIN}.md"
RU = Path("ru_RU") / "LC_MESSAGES" / f"{DOMAIN}.po"
KO_KP = Path("ko_KP") / "LC_MESSAGES" / f"{DOMAIN}.po"
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    """A copy of the project's catalogs and template."""
    folder = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) by ``new`` in a UTF-8 file, line ends untouched."""
    text = path.read_bytes().decode("utf-8")
    assert old in text
    path.write_bytes(text.replace(old, new, 1).encode("utf-8"))


def without_dates(data: bytes) -> list[bytes]:
    """The file's lines less the revision date, which every update sets."""
    return [line for line in data.split(b"\n") if not line.startswith(b'"PO-Revision-Date:')]


def msgfmt_check(path: Path) -> None:
    """``msgfmt --check`` accepts ``path`` (when gettext is installed)."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return
    result = subprocess.run([msgfmt, "--check", "-o", os.devnull, str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def one_line_error(err: str, where: str) -> None:
    """stderr is one line: termloc's error at ``where`` (file:line)."""
    assert err.count("\n") == 1, err
    assert err.startswith(f"termloc: {where}: "), err


# -- update loses nothing -------------------------------------------------------------


def test_plural_forms_survive_a_singular_template(cli: Cli, locales: Path) -> None:
    path = locales / RU
    edit(
        path,
        'msgid "朝鲜"\nmsgstr "КНДР"\n',
        'msgid "朝鲜"\nmsgid_plural "朝鲜们"\nmsgstr[0] "КНДР"\nmsgstr[1] "две КНДР"\nmsgstr[2] "пять КНДР"\n',
    )
    code, out, err = cli("po", "update", "--locales-dir", str(locales), "--locale", "ru")
    assert code == 0, err
    assert "0 new" in out
    text = path.read_text(encoding="utf-8")
    assert (
        '# msgstr[1] "две КНДР"\n# msgstr[2] "пять КНДР"\n#. infobox\n'
        "#. 朝鲜 [north-korea]: ko 북한 · ko-KP 조선 · ru КНДР · en North Korea · zh-TW 北韓 · zh-HK 北韓\n"
        '#: dprk-russia-relations.md:1\n#, fuzzy\n#| msgid "朝鲜"\n#| msgid_plural "朝鲜们"\n'
        'msgid "朝鲜"\nmsgstr "КНДР"\n'
    ) in text
    msgfmt_check(path)
    before = path.read_bytes()
    assert cli("po", "update", "--locales-dir", str(locales), "--locale", "ru")[0] == 0
    assert without_dates(path.read_bytes()) == without_dates(before)


def test_a_singular_translation_survives_a_plural_template(cli: Cli, locales: Path) -> None:
    plural = 'msgid "朝鲜"\nmsgid_plural "朝鲜们"\nmsgstr[0] ""\nmsgstr[1] ""\n'
    edit(locales / f"{DOMAIN}.pot", 'msgid "朝鲜"\nmsgstr ""\n', plural)
    code, _, err = cli("po", "update", "--locales-dir", str(locales), "--locale", "ru")
    assert code == 0, err
    text = (locales / RU).read_text(encoding="utf-8")
    assert '#, fuzzy\nmsgid "朝鲜"\nmsgid_plural "朝鲜们"\nmsgstr[0] "КНДР"\nmsgstr[1] ""\nmsgstr[2] ""\n' in text
    msgfmt_check(locales / RU)


def test_a_duplicated_msgid_is_refused_with_its_line(cli: Cli, locales: Path) -> None:
    path = locales / RU
    lines = path.read_text(encoding="utf-8").split("\n")
    first = lines.index('msgid "朝鲜"') + 1
    with path.open("a", encoding="utf-8") as stream:
        stream.write('\n#: dprk-russia-relations.md:1\nmsgid "朝鲜"\nmsgstr "Северная Корея"\n')
    before = path.read_bytes()
    for command in ("update", "stats"):
        code, out, err = cli("po", command, "--locales-dir", str(locales), "--locale", "ru")
        assert (code, out) == (1, "")
        one_line_error(err, f"{path}:{len(lines) + 2}")  # after the file's lines, a blank one and the #: line
        assert f"msgid '朝鲜' is defined twice (first at line {first})" in err
    assert path.read_bytes() == before


def _update_from(cli: Cli, article: Path, locales: Path) -> str:
    assert cli("po", "extract", str(article), "--locales-dir", str(locales))[0] == 0
    code, out, err = cli("po", "update", str(article), "--locales-dir", str(locales), "--locale", "ru")
    assert code == 0, err
    return out


def test_obsolete_translations_survive_repeated_updates(cli: Cli, locales: Path, tmp_path: Path) -> None:
    # The section heading 历史 goes, comes back, goes and comes back again.
    with_heading = tmp_path / "with" / f"{DOMAIN}.md"
    without = tmp_path / "without" / f"{DOMAIN}.md"
    for article, heading in ((with_heading, "## 历史\n"), (without, "## 沿革\n")):
        article.parent.mkdir()
        article.write_text(ARTICLE.read_text(encoding="utf-8").replace("## 历史\n", heading), encoding="utf-8")
    path = locales / RU
    edit(path, 'msgid "历史"\nmsgstr "История"\n', '#, fuzzy\nmsgid "历史"\nmsgstr "История"\n')
    for round_ in range(2):
        out = _update_from(cli, without, locales)
        assert "1 obsolete" in out
        assert '#, fuzzy\n#~ msgid "历史"\n#~ msgstr "История"\n' in path.read_text(encoding="utf-8")
        if round_:
            assert "1 revived from obsolete" in out  # 沿革, obsolete since the last update, is back
        out = _update_from(cli, with_heading, locales)
        assert "0 new" in out
        assert "1 revived from obsolete" in out
        catalog = read_catalog(path)
        assert catalog["历史"].string == "История"
        assert catalog["历史"].fuzzy  # still to be reviewed: obsolete, it kept its flag
        assert "历史" not in catalog.obsolete
        msgfmt_check(path)


def test_a_catalog_holding_a_msgid_twice_from_an_earlier_update_keeps_the_translation(cli: Cli, locales: Path) -> None:
    # What termloc wrote before it revived obsolete translations: the msgid back, empty, and the translation in #~.
    path = locales / RU
    edit(path, 'msgid "历史"\nmsgstr "История"\n', 'msgid "历史"\nmsgstr ""\n')
    with path.open("a", encoding="utf-8") as stream:
        stream.write('\n#~ msgid "历史"\n#~ msgstr "История"\n')
    code, out, err = cli("po", "update", "--locales-dir", str(locales), "--locale", "ru")
    assert code == 0, err
    assert "0 obsolete, 1 revived from obsolete" in out
    assert read_catalog(path)["历史"].string == "История"
    msgfmt_check(path)
    # Two different translations: refused, the line of the obsolete one named.
    lines = path.read_text(encoding="utf-8").split("\n")
    held = lines.index('msgid "历史"') + 1
    with path.open("a", encoding="utf-8") as stream:
        stream.write('\n#~ msgid "历史"\n#~ msgstr "Хроника"\n')
    code, _, err = cli("po", "update", "--locales-dir", str(locales), "--locale", "ru")
    assert code == 1
    one_line_error(err, f"{path}:{len(lines) + 1}")  # after the file's lines and a blank one
    assert f"has two translations, here (obsolete, #~) and at line {held}" in err


def test_the_previous_msgid_of_a_fuzzy_message_survives_the_next_update(cli: Cli, locales: Path) -> None:
    path = locales / RU
    edit(path, 'msgid "历史"\nmsgstr "История"\n', '#, fuzzy\n#| msgid "历史沿革"\nmsgid "历史"\nmsgstr "История"\n')
    before = path.read_bytes()
    assert cli("po", "update", "--locales-dir", str(locales), "--locale", "ru")[0] == 0
    assert without_dates(path.read_bytes()) == without_dates(before)


def test_repeated_translator_comments_survive_an_update(cli: Cli, locales: Path) -> None:
    path = locales / RU
    edit(path, 'msgid "历史"\nmsgstr "История"\n', '# checked\n# by Anna\n# checked\nmsgid "历史"\nmsgstr "История"\n')
    assert cli("po", "update", "--locales-dir", str(locales), "--locale", "ru")[0] == 0
    assert read_catalog(path)["历史"].user_comments == ["checked", "by Anna", "checked"]


@pytest.mark.parametrize("odd", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\r", "\t", "\x1c"])
def test_odd_characters_in_comments_round_trip(cli: Cli, locales: Path, odd: str) -> None:
    path = locales / RU
    edit(path, "# FIRST AUTHOR", f"# Reviewed{odd}by Anna\n# FIRST AUTHOR")
    edit(path, "#. infobox\n", f"# note{odd}to self\n#\n# see | above\n#. infobox\n")
    before = path.read_bytes()
    msgfmt_check(path)
    code, _, err = cli("po", "update", "--locales-dir", str(locales), "--locale", "ru")
    assert code == 0, err
    assert without_dates(path.read_bytes()) == without_dates(before)
    assert cli("po", "stats", "--locales-dir", str(locales), "--locale", "ru")[0] == 0
    msgfmt_check(path)


def test_odd_characters_in_translations_and_previous_msgids_round_trip(cli: Cli, locales: Path) -> None:
    path = locales / RU
    odd = "\u2028\x85\x0b\x0c\x1c"
    odd_entry = f'#, fuzzy\n#| msgid "历{odd}史"\nmsgid "历史"\nmsgstr "Ист{odd}ория"\n'
    edit(path, 'msgid "历史"\nmsgstr "История"\n', odd_entry)
    code, _, err = cli("po", "update", "--locales-dir", str(locales), "--locale", "ru")
    assert code == 0, err
    message = read_catalog(path)["历史"]
    assert (message.string, message.previous_id) == (f"Ист{odd}ория", [f"历{odd}史"])
    msgfmt_check(path)


# -- charsets --------------------------------------------------------------------------


def test_a_gb18030_catalog_is_read_in_its_charset_and_written_in_utf8(cli: Cli, locales: Path) -> None:
    path = locales / RU
    original = path.read_text(encoding="utf-8")
    translated = _translated(path)
    assert translated > 30
    text = original.replace("charset=utf-8", "charset=GB18030")
    text = text.replace("# FIRST AUTHOR", "# 审校：张三\n# FIRST AUTHOR")
    path.write_bytes(text.encode("gb18030"))
    code, out, err = cli("po", "stats", "--locales-dir", str(locales), "--locale", "ru", "--json")
    assert code == 0, err
    assert f'"translated": {translated}' in out
    assert read_catalog(path)["朝鲜"].string == "КНДР"
    code, out, err = cli("po", "update", "--locales-dir", str(locales), "--locale", "ru")
    assert code == 0, err
    assert out.endswith("; converted from gb18030 to UTF-8\n")
    expected = original.replace("# FIRST AUTHOR", "# 审校：张三\n# FIRST AUTHOR").encode("utf-8")
    assert without_dates(path.read_bytes()) == without_dates(expected)
    msgfmt_check(path)


def test_a_latin1_catalog_is_read_in_its_charset(locales: Path) -> None:
    path = locales / RU
    path.write_bytes(
        (
            "# Révisé par Zoë\n"
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
            'msgid "Korea"\nmsgstr "Corée"\n'
        ).encode("latin-1")
    )
    catalog = read_catalog(path)
    assert catalog.header_comment == "# Révisé par Zoë"
    assert catalog["Korea"].string == "Corée"


@pytest.mark.parametrize(
    ("header", "body", "line", "problem"),
    [
        ("charset=GB18030", b'msgid "a"\nmsgstr "\x81 "\n', 6, "not GB18030 text (byte 0x81), although the header"),
        ("charset=utf-8", b'msgid "a"\nmsgstr "\xff"\n', 6, "not utf-8 text (byte 0xff), although the header"),
        ("charset=klingon", b'msgid "a"\nmsgstr "b"\n', 3, "unknown charset 'klingon' in the header"),
    ],
)
def test_text_not_in_the_declared_charset_is_refused(
    cli: Cli, locales: Path, header: str, body: bytes, line: int, problem: str
) -> None:
    path = locales / RU
    path.write_bytes(f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; {header}\\n"\n\n'.encode() + body)
    code, _, err = cli("po", "stats", "--locales-dir", str(locales), "--locale", "ru")
    assert code == 1
    one_line_error(err, f"{path}:{line}")
    assert problem in err


# -- extract never replaces translations ---------------------------------------------


def test_extract_refuses_to_replace_a_catalog_with_translations(cli: Cli, locales: Path) -> None:
    path = locales / RU
    before = path.read_bytes()
    code, out, err = cli("po", "extract", "-o", str(path))
    assert (code, out) == (1, "")
    one_line_error(err, str(path))
    assert f"holds {_translated(path)} translations" in err
    assert "'termloc po update --locale TAG'" in err
    assert "--force" in err
    assert path.read_bytes() == before
    code, out, _ = cli("po", "extract", "-o", str(path), "--force")
    assert (code, out) == (0, f"wrote 99 messages to {path}\n")
    assert read_catalog(path)["朝鲜"].string == ""


def test_extract_replaces_a_template(cli: Cli, locales: Path) -> None:
    code, out, err = cli("po", "extract", "--locales-dir", str(locales))
    assert code == 0, err
    assert out == f"wrote 99 messages to {locales / f'{DOMAIN}.pot'}\n"


# -- malformed catalogs: one line, file:line, exit 1, nothing written ------------------

MALFORMED = [
    ('msgid "a\nmsgstr "b"\n', 5, "expected one quoted string, got '\"a'"),
    ('msgid "a"\n', 5, "the entry has no msgstr"),
    ('msgid "a" junk\nmsgstr "b"\n', 5, "expected one quoted string, got '\"a\" junk'"),
    ('msgid "a"\nmsgstr "b" "c"\n', 6, "expected one quoted string"),
    ('msgstr "b"\n', 5, "expected msgctxt or msgid, got msgstr"),
    ('msgctxt "c"\nmsgstr "b"\n', 6, "expected msgid, got msgstr"),
    ('msgctxt "c"\n# note\nmsgid "a"\nmsgstr "b"\n', 6, "expected msgid, got a comment"),
    ('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', 7, "expected msgctxt or msgid, got msgstr"),
    ('msgid "a"\nmsgstr "\\101"\n', 6, "the escape '\\\\101' is not supported"),
    ('msgid "a"\nmsgstr "\\x41"\n', 6, "the escape '\\\\x41' is not supported"),
    ('msgid "a"\nmsgstr[0] "b"\n', 6, "expected msgid_plural or msgstr, got msgstr[0]"),
    ('msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', 7, "expected msgstr[N], got msgstr"),
    ('msgid "a"\nmsgid_plural "as"\nmsgstr[1] "b"\n', 7, "msgstr[1] out of order (expected msgstr[0])"),
    ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[2] "c"\n', 8, "msgstr[2] out of order"),
    ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[1] "c"\nmsgstr[2] "d"\nmsgstr[3] "e"\n', 5, "more trans"),
    ('msgid "a"\nmsgstr[x] "b"\n', 6, "'msgstr[x]' is not a PO keyword"),
    ('msgid a\nmsgstr "b"\n', 5, "expected one quoted string, got 'a'"),
    ('msgid "a"\n#~ msgstr "b"\n', 6, "an entry that is obsolete (#~) only in part"),
    ('#~ msgid "a"\n#~ msgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n', 8, "obsolete msgid 'a' is defined twice"),
    ('msgctxt "k"\nmsgid "a"\nmsgstr "b"\n\nmsgctxt "k"\nmsgid "a"\nmsgstr "c"\n', 9, "(msgctxt 'k') is defined"),
    ('#| msgid "a\nmsgid "a"\nmsgstr "b"\n', 5, "expected one quoted string, got '\"a'"),
    ('#| msgstr "a"\nmsgid "a"\nmsgstr "b"\n', 5, "'msgstr' in a '#|' line"),
    ('#: \u2068a.md\nmsgid "a"\nmsgstr "b"\n', 5, "location comment contains more First Strong Isolate"),
    ('#-#-#-#-#  a.po  #-#-#-#-#\nmsgid "a"\nmsgstr "b"\n', 5, "cannot parse po file with conflicts"),
    ('msgid "a"\nmsgstr "b"\n# note\n"orphan"\n', 8, "a string outside msgctxt, msgid or msgstr"),
]


@pytest.mark.parametrize(("body", "line", "problem"), MALFORMED)
def test_malformed_catalogs_are_refused_with_their_line(
    cli: Cli, locales: Path, body: str, line: int, problem: str
) -> None:
    path = locales / RU
    path.write_text(HEADER + body, encoding="utf-8")
    template = locales / f"{DOMAIN}.pot"
    before = {p: p.read_bytes() for p in (path, template, locales / KO_KP)}
    for argv in (["stats"], ["update", "--locale", "ko-KP"], ["check", "--locale", "ko-KP"]):
        code, out, err = cli("po", *argv, "--locales-dir", str(locales), "--locale", "ru")
        assert (code, out) == (1, ""), argv
        one_line_error(err, f"{path}:{line}")
        assert problem in err
    # ko-KP, merged first, is not written either.
    assert {p: p.read_bytes() for p in before} == before


def test_a_malformed_header_is_refused_with_its_line(cli: Cli, locales: Path) -> None:
    path = locales / RU
    path.write_text('\n\nmsgid ""\nmsgstr ""\n"Plural-Forms: nplurals=x; plural=0;\\n"\n', encoding="utf-8")
    code, _, err = cli("po", "stats", "--locales-dir", str(locales), "--locale", "ru")
    assert code == 1
    one_line_error(err, f"{path}:3")
    assert "the header cannot be read" in err


def test_gettexts_obsolete_previous_msgid_is_read(locales: Path) -> None:
    path = locales / RU
    path.write_text(HEADER + '#, fuzzy\n#~| msgid "old"\n#~ msgid "a"\n#~ msgstr "b"\n', encoding="utf-8")
    obsolete = read_catalog(path).obsolete["a"]
    assert (obsolete.string, obsolete.fuzzy, obsolete.previous_id) == ("b", True, ["old"])


def _translated(path: Path) -> int:
    """How many messages of the catalog at ``path`` are translated and not fuzzy."""
    return sum(1 for message in read_catalog(path) if message.id and message.string and not message.fuzzy)
