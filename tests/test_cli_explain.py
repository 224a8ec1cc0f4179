"""``termloc explain``, in process: the table, JSON Lines that concatenate to ``convert``, colour, errors."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from termloc.cli.explain import columns, table

from .conftest import ARTICLE, Cli

ANSI = re.compile(r"\x1b\[[0-9;]*m")

#: Options both commands take, so that each JSON test runs the same conversion twice.
OPTION_SETS = [
    [],
    ["--punctuation", "keep"],
    ["--no-markup"],
    ["--no-glossary", "--no-reference"],
]


def _rows(table: str) -> list[str]:
    """The span lines of a table: neither the header nor the summary."""
    lines = table.splitlines()
    assert lines[0].split() == ["start-end", "line", "source", "output", "kind", "reason"]
    return lines[1:-1]


def test_every_putin_line_of_the_taiwan_article_names_its_entry(cli: Cli) -> None:
    code, out, err = cli("explain", "--to", "zh-TW", str(ARTICLE))
    assert (code, err) == (0, "")
    putin = [row.split(None, 6) for row in _rows(out) if "普丁" in row]
    article = ARTICLE.read_text(encoding="utf-8")
    assert len(putin) == len(re.findall("普[京丁]", article)) == 11  # every one, 普丁 as written kept too
    for _, _, source, arrow, output, kind, reason in putin:
        assert (arrow, kind) == ("→", "glossary")
        assert reason.startswith("glossary vladimir-putin (zh-TW form)"), reason
        assert output.endswith("普丁"), output
        assert source[-2:] in ("普京", "普丁"), source
    assert sum(row[2] == "普京" for row in putin) == 9
    assert ["弗拉基米爾·普京", "→", "弗拉迪米爾·普丁"] in [row[2:5] for row in putin]  # the full name: one span
    for row in putin:  # the offsets and the line number point at the input's text
        start, end = (int(n) for n in row[0].split("-"))
        assert article[start:end] == row[2]
        assert int(row[1]) == article.count("\n", 0, start) + 1


@pytest.mark.parametrize("variant", ["zh-TW", "zh-HK", "zh-CN"])
@pytest.mark.parametrize("options", OPTION_SETS, ids=lambda o: " ".join(o) or "defaults")
def test_json_lines_concatenate_to_convert(cli: Cli, variant: str, options: list[str]) -> None:
    code, converted, err = cli("convert", "--to", variant, *options, str(ARTICLE))
    assert (code, err) == (0, "")
    code, out, err = cli("explain", "--to", variant, "--json", *options, str(ARTICLE))
    assert (code, err) == (0, "")
    spans = [json.loads(line) for line in out.splitlines()]
    assert "".join(span["output"] for span in spans).encode() == converted.encode()
    article = ARTICLE.read_text(encoding="utf-8")
    assert "".join(span["source"] for span in spans) == article
    position = 0
    for span in spans:  # offsets in characters of the input, one span after another
        assert span["start"] == position
        assert article[span["start"] : span["end"]] == span["source"]
        position = span["end"]
    assert "\\u" not in out  # ensure_ascii=False: the text is readable
    if variant == "zh-TW" and "--no-glossary" not in options:
        assert {"kind": "glossary", "entry": "vladimir-putin", "source": "普京", "output": "普丁"}.items() <= next(
            span for span in spans if span["source"] == "普京"
        ).items()


def test_json_of_markup_concatenates_to_convert(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("-{H|zh-cn:激光;zh-tw:雷射;}-激光器与-{普京}-和“普京”\n", encoding="utf-8")
    for options in (["--reference", "none"], ["--reference", "none", "--no-markup"]):
        _, converted, _ = cli("convert", "--to", "zh-TW", *options, str(source))
        code, out, err = cli("explain", "--to", "zh-TW", "--json", *options, str(source))
        assert (code, err) == (0, "")
        spans = [json.loads(line) for line in out.splitlines()]
        assert "".join(span["output"] for span in spans) == converted
    assert converted == "-{H|zh-cn:雷射;zh-tw:雷射;}-雷射器與-{普丁}-和「普丁」\n"  # --no-markup: markup is text
    code, out, _ = cli("explain", "--to", "zh-TW", "--json", "--reference", "none", str(source))
    by_source = {span["source"]: span for span in map(json.loads, out.splitlines())}
    assert by_source["-{H|zh-cn:激光;zh-tw:雷射;}-"]["output"] == ""
    assert by_source["激光"] == by_source["激光"] | {"output": "雷射", "kind": "markup"}
    assert by_source["-{普京}-"] == by_source["-{普京}-"] | {"output": "普京", "kind": "markup"}
    assert by_source["“"]["kind"] == "punctuation"


def test_the_table_shows_decided_spans_and_all_shows_every_one(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("朴成哲访问软件园。\n你好普京", encoding="utf-8")
    code, out, err = cli("explain", "--to", "zh-TW", "--reference", "none", str(source))
    assert (code, err) == (0, "")
    rows = [row.split(None, 6) for row in _rows(out)]
    assert [row[:6] for row in rows] == [
        ["0-3", "1", "朴成哲", "→", "朴成哲", "glossary"],  # kept: OpenCC alone writes 樸成哲
        ["3-5", "1", "访问", "→", "訪問", "opencc-character"],
        ["5-7", "1", "软件", "→", "軟體", "opencc-phrase"],
        ["7-8", "1", "园", "→", "園", "opencc-character"],
        ["12-14", "2", "普京", "→", "普丁", "glossary"],
    ]
    assert rows[0][6] == "glossary pak-song-chol (derived form)"
    assert rows[1][6] == "OpenCC STCharacters; OpenCC offers 訪問 / 存取"
    assert rows[4][6] == "glossary vladimir-putin (zh-TW form)"
    assert out.splitlines()[-1] == "5 of 6 spans changed or decided: glossary 2, opencc-phrase 1, opencc-character 2"

    code, every, _ = cli("explain", "--to", "zh-TW", "--reference", "none", "--all", str(source))
    assert code == 0
    all_rows = [row.split(None, 6) for row in _rows(every)]
    assert [row[0] for row in all_rows] == ["0-3", "3-5", "5-7", "7-8", "8-12", "12-14"]
    assert all_rows[4] == ["8-12", "1", "。\\n你好", "→", "。\\n你好", "unchanged", "unchanged"]  # a line break as \n
    assert [row for row in all_rows if row[5] != "unchanged"] == rows
    assert every.splitlines()[-1] == "6 spans: glossary 2, opencc-phrase 1, opencc-character 2, unchanged 1"

    code, decided, _ = cli("explain", "--to", "zh-TW", "--reference", "none", "--json", "--decided", str(source))
    assert [json.loads(line)["source"] for line in decided.splitlines()] == ["朴成哲", "访问", "软件", "园", "普京"]


def test_columns_are_aligned_by_display_width(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("俄罗斯总统普京与“朝鲜”劳动党", encoding="utf-8")
    code, out, _ = cli("explain", "--to", "zh-TW", "--reference", "none", str(source))
    assert code == 0
    rows = _rows(out)
    assert len({len(row.split()[2]) for row in rows}) > 1  # sources of 1, 2 and 3 characters
    for mark in ("→", " glossary ", " opencc-"):
        places = {columns(row[: row.index(mark)]) for row in rows if mark in row}
        assert len(places) == 1, (mark, rows)
    # The positive control: counted in code points, the same rows are not aligned.
    assert len({row.index("→") for row in rows}) > 1
    assert (columns("普京"), columns("“"), columns("a"), columns("e\u0301")) == (4, 1, 1, 1)


def test_each_span_is_one_line_of_the_table_and_an_unexplained_one_says_so() -> None:
    from termloc.engine.explain import Span

    rule = "-{H|zh-cn:激光;\nzh-tw:雷射;}-"
    assert len(rule) == 25
    text = rule + "激光\t" + "长" * 40
    spans = [
        Span(0, 25, rule, "", "markup", rule=rule),
        Span(25, 27, "激光", "雷射", "markup", rule=rule),
        Span(27, 28, "\t", "\t", "unchanged"),
        Span(28, 68, "长" * 40, "長" * 40, "opencc-phrase", dictionary="STPhrases", unexplained=True),
    ]
    lines = table(text, spans, every=True).splitlines()
    assert len(lines) == 6
    assert lines[1].split()[:4] == ["0-25", "1", "-{H|zh-cn:激光;\\nzh-tw:雷射;}-", "→"]
    assert lines[1].split()[4:6] == ["(empty)", "markup"]
    assert lines[2].endswith("markup -{H|zh-cn:激光;\\nzh-tw:雷射;}-")  # the rule as written, on one line
    assert lines[3].split()[:5] == ["27-28", "2", "\\t", "→", "\\t"]
    assert lines[4].split()[2:5] == ["长" * 14 + "…", "→", "長" * 14 + "…"]  # cut at 30 columns
    assert lines[4].endswith("OpenCC STPhrases; unexplained: the replay differed from OpenCC here")
    coloured = table(text, spans, every=True, colour=True).splitlines()[4]
    assert "\x1b[31munexplained" in coloured


def test_colour_only_on_a_terminal_and_never_under_no_color(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "in.txt"
    source.write_text("普京访问软件园", encoding="utf-8")
    argv = ["explain", "--to", "zh-TW", "--reference", "none", str(source)]
    monkeypatch.delenv("NO_COLOR", raising=False)
    plain = cli(*argv)[1]
    assert "\x1b" not in plain  # captured output is no terminal: a pipe
    always = cli(*argv, "--color", "always")[1]
    assert "\x1b[32m" in always  # glossary in green
    assert "\x1b[34m" in always  # a character in blue
    assert ANSI.sub("", always) == plain  # colour adds nothing else

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert cli(*argv)[1] == always  # a terminal: colour
    assert "\x1b" not in cli(*argv, "--color", "never")[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli(*argv)[1] == plain
    assert cli(*argv, "--color", "always")[1] == always  # asked for by name
    target = tmp_path / "table.txt"
    monkeypatch.delenv("NO_COLOR")
    assert cli(*argv, "-o", str(target)) == (0, "", "")
    assert target.read_text(encoding="utf-8") == plain  # a file is no terminal
    assert "\x1b" not in cli(*argv, "--json", "--color", "always")[1]


def test_standard_input(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("斯大林".encode())))
    code, out, _ = cli("explain", "--to", "zh-TW", "--json", "--reference", "none")
    assert code == 0
    [span] = [json.loads(line) for line in out.splitlines()]
    assert (span["source"], span["output"], span["kind"]) == ("斯大林", "史達林", "glossary")
    assert span["entry"] == "joseph-stalin"


def test_output_file_is_written_atomically_and_never_over_the_input(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("普京", encoding="utf-8")
    target = tmp_path / "spans.jsonl"
    assert cli("explain", "--to", "zh-TW", "--json", str(source), "-o", str(target)) == (0, "", "")
    assert json.loads(target.read_text(encoding="utf-8"))["output"] == "普丁"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt", "spans.jsonl"]
    code, out, err = cli("explain", "--to", "zh-TW", str(source), "-o", str(source))
    assert (code, out) == (2, "")
    assert err == f"termloc: {source}: the output is the input {str(source)!r}; name another output\n"
    assert source.read_text(encoding="utf-8") == "普京"


@pytest.mark.parametrize(
    "argv",
    [
        ["explain"],
        ["explain", "--to", "zh-XX"],
        ["explain", "--to", "ko"],
        ["explain", "--to", "zh-TW", "--color", "sometimes"],
        ["explain", "--to", "zh-TW", "--all", "--decided"],
        ["explain", "--to", "zh-TW", "--frobnicate"],
    ],
)
def test_usage_errors_exit_2_with_one_line(cli: Cli, argv: list[str]) -> None:
    code, out, err = cli(*argv)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert err.startswith("termloc: ")


def test_a_missing_file_is_one_line_as_convert_gives_it(cli: Cli, tmp_path: Path) -> None:
    missing = str(tmp_path / "absent.txt")
    assert cli("explain", "--to", "zh-TW", missing) == cli("convert", "--to", "zh-TW", missing)
    assert cli("explain", "--to", "zh-TW", missing) == (1, "", f"termloc: {missing}: no such file\n")
