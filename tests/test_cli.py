"""The command line, in process: output, files and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from termloc.cli import main

from .conftest import ARTICLE, DATA, GLOSSARY


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_variants_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "variants", "--json")
    assert code == 0
    data = json.loads(out)
    by_tag = {item["tag"]: item for item in data}
    assert by_tag["zh-TW"]["opencc_config"] == "s2twp"
    assert by_tag["zh-TW"]["fallbacks"] == ["zh-Hant", "zh-HK", "zh-MO"]
    assert by_tag["ko-KP"]["opencc_config"] is None
    assert by_tag["zh-HK"]["name"] == "香港繁體"
    assert {"tag", "opencc_config", "fallbacks", "name"} <= set(data[0])


def test_variants_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "variants")
    assert code == 0
    assert "臺灣正體" in out
    assert "s2twp" in out


def test_convert_file_to_stdout(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("俄罗斯总统普京与朝鲜劳动党总书记金正恩会谈。\n", encoding="utf-8")
    code, out, err = run(capsys, "convert", "--to", "zh-tw", str(source))
    assert (code, err) == (0, "")
    assert out == "俄羅斯總統普丁與朝鮮勞動黨總書記金正恩會談。\n"


def test_convert_to_file_atomically(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "zh-HK.txt"
    code, out, _ = run(capsys, "convert", "--to", "zh-Hant-HK", str(ARTICLE), "-o", str(target))
    assert (code, out) == (0, "")
    text = target.read_text(encoding="utf-8")
    assert "史太林" in text
    assert "普京" in text
    assert [p.name for p in tmp_path.iterdir()] == ["zh-HK.txt"]


def test_convert_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("斯大林".encode())))
    code, out, _ = run(capsys, "convert", "--to", "zh-TW")
    assert (code, out) == (0, "史達林")


def test_no_glossary_and_keep_punctuation(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("“普京”朴成哲", encoding="utf-8")
    assert (
        run(capsys, "convert", "--to", "zh-TW", "--no-glossary", "--punctuation", "keep", str(source))[1]
        == "“普京”樸成哲"
    )
    assert run(capsys, "convert", "--to", "zh-TW", str(source))[1] == "「普丁」朴成哲"


@pytest.mark.parametrize(
    "argv",
    [
        ["bogus"],
        ["convert"],
        ["convert", "--to", "zh-XX"],
        ["convert", "--to", "ko"],
        ["convert", "--to", "zh-TW", "--punctuation", "fancy"],
        ["convert", "--to", "zh-TW", "--frobnicate"],
        ["glossary"],
        ["glossary", "validate", "no/such/folder"],
    ],
)
def test_usage_errors_exit_2_with_one_line(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_missing_input_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "convert", "--to", "zh-TW", str(tmp_path / "absent.txt"))
    assert code == 1
    assert err == f"termloc: {tmp_path / 'absent.txt'}: no such file\n"


def test_non_utf8_input_exits_1_and_writes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "big5.txt"
    source.write_bytes("第一行\n".encode() + "普京".encode("big5"))
    target = tmp_path / "out.txt"
    code, _, err = run(capsys, "convert", "--to", "zh-TW", str(source), "-o", str(target))
    assert code == 1
    assert err.startswith(f"termloc: {source}:2: not UTF-8 text")
    assert not target.exists()


def test_invalid_glossary_exits_1_and_writes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    bad = DATA / "glossaries" / "bad-G006-ambiguous.yaml"
    code, out, err = run(capsys, "convert", "--to", "zh-TW", "--glossary", str(bad), str(ARTICLE), "-o", str(target))
    assert (code, out) == (1, "")
    assert "G006" in err
    assert "Traceback" not in err
    assert not target.exists()


def test_validate_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "glossary", "validate", str(GLOSSARY))
    assert code == 0
    entries, rows, forms = (int(n) for n in out.replace(",", "").split()[::2])
    assert out.strip() == f"{entries} entries, {rows} rows, {forms} forms"
    assert entries >= 20
    assert rows >= entries
    assert forms > rows


def test_validate_reports_every_problem(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys,
        "glossary",
        "validate",
        str(DATA / "glossaries" / "bad-G003-duplicate-id.yaml"),
        str(DATA / "glossaries" / "bad-G010-unknown-kind.yaml"),
    )
    assert code == 1
    assert "G003" in err
    assert "G010" in err


def test_show_entry(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "glossary", "show", "joseph-stalin")
    assert code == 0
    assert "史達林" in out
    assert "史太林" in out
    assert "斯大林" in out


def test_show_json_marks_derived_forms(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "glossary", "show", "pak-song-chol", "--json")
    assert code == 0
    data = json.loads(out)
    forms = data["rows"][0]["forms"]
    assert forms["zh-TW"] == {"text": "朴成哲", "from": "zh-Hans", "derived": True}
    assert forms["zh-Hans"]["derived"] is False
    assert data["sources"]


def test_show_unknown_id(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "glossary", "show", "nobody-at-all")
    assert code == 1
    assert "'nobody-at-all'" in err
