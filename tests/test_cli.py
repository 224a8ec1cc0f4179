"""The command line, in process: output, files and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import ARTICLE, DATA, GLOSSARY, ROOT, Cli


def test_variants_json(cli: Cli) -> None:
    code, out, _ = cli("variants", "--json")
    assert code == 0
    data = json.loads(out)
    by_tag = {item["tag"]: item for item in data}
    assert by_tag["zh-TW"]["opencc_config"] == "s2twp"
    assert by_tag["zh-TW"]["fallbacks"] == ["zh-Hant", "zh-HK", "zh-MO"]
    assert by_tag["ko-KP"]["opencc_config"] is None
    assert by_tag["zh-HK"]["name"] == "香港繁體"
    assert {"tag", "opencc_config", "fallbacks", "name"} <= set(data[0])


def test_variants_table(cli: Cli) -> None:
    code, out, _ = cli("variants")
    assert code == 0
    assert "臺灣正體" in out
    assert "s2twp" in out


def test_convert_file_to_stdout(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("俄罗斯总统普京与朝鲜劳动党总书记金正恩会谈。\n", encoding="utf-8")
    code, out, err = cli("convert", "--to", "zh-tw", str(source))
    assert (code, err) == (0, "")
    assert out == "俄羅斯總統普丁與朝鮮勞動黨總書記金正恩會談。\n"


def test_convert_to_file_atomically(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "zh-HK.txt"
    code, out, _ = cli("convert", "--to", "zh-Hant-HK", str(ARTICLE), "-o", str(target))
    assert (code, out) == (0, "")
    text = target.read_text(encoding="utf-8")
    assert "史太林" in text
    assert "普京" in text
    assert [p.name for p in tmp_path.iterdir()] == ["zh-HK.txt"]


def test_convert_stdin(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("斯大林".encode())))
    code, out, _ = cli("convert", "--to", "zh-TW")
    assert (code, out) == (0, "史達林")


def test_no_glossary_and_keep_punctuation(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("“普京”朴成哲", encoding="utf-8")
    assert cli("convert", "--to", "zh-TW", "--no-glossary", "--punctuation", "keep", str(source))[1] == "“普京”樸成哲"
    assert cli("convert", "--to", "zh-TW", str(source))[1] == "「普丁」朴成哲"


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
    ],
)
def test_usage_errors_exit_2_with_one_line(cli: Cli, argv: list[str]) -> None:
    code, out, err = cli(*argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_missing_input_exits_1(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("convert", "--to", "zh-TW", str(tmp_path / "absent.txt"))
    assert code == 1
    assert err == f"termloc: {tmp_path / 'absent.txt'}: no such file\n"


def test_non_utf8_input_exits_1_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "big5.txt"
    source.write_bytes("第一行\n".encode() + "普京".encode("big5"))
    target = tmp_path / "out.txt"
    code, _, err = cli("convert", "--to", "zh-TW", str(source), "-o", str(target))
    assert code == 1
    assert err.startswith(f"termloc: {source}:2: not UTF-8 text")
    assert not target.exists()


def test_invalid_glossary_exits_1_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    bad = DATA / "glossaries" / "bad-G006-ambiguous.yaml"
    code, out, err = cli("convert", "--to", "zh-TW", "--glossary", str(bad), str(ARTICLE), "-o", str(target))
    assert (code, out) == (1, "")
    assert "G006" in err
    assert "Traceback" not in err
    assert not target.exists()


def test_validate_summary(cli: Cli) -> None:
    code, out, _ = cli("glossary", "validate", str(GLOSSARY))
    assert code == 0
    entries, rows, forms = (int(n) for n in out.replace(",", "").split()[::2])
    assert out.strip() == f"{entries} entries, {rows} rows, {forms} forms"
    assert entries >= 20
    assert rows >= entries
    assert forms > rows


def test_validate_reports_every_problem(cli: Cli) -> None:
    code, _, err = cli(
        "glossary",
        "validate",
        str(DATA / "glossaries" / "bad-G003-duplicate-id.yaml"),
        str(DATA / "glossaries" / "bad-G010-unknown-kind.yaml"),
    )
    assert code == 1
    assert "G003" in err
    assert "G010" in err


def test_show_entry(cli: Cli) -> None:
    code, out, _ = cli("glossary", "show", "joseph-stalin")
    assert code == 0
    assert "史達林" in out
    assert "史太林" in out
    assert "斯大林" in out


def test_show_json_marks_derived_forms(cli: Cli) -> None:
    code, out, _ = cli("glossary", "show", "pak-song-chol", "--json")
    assert code == 0
    data = json.loads(out)
    forms = data["rows"][0]["forms"]
    assert forms["zh-TW"] == {"text": "朴成哲", "from": "zh-Hans", "derived": True}
    assert forms["zh-Hans"]["derived"] is False
    assert data["sources"]


def test_show_unknown_id(cli: Cli) -> None:
    code, _, err = cli("glossary", "show", "nobody-at-all")
    assert code == 1
    assert "'nobody-at-all'" in err


# --- one glossary selection for every command ---------------------------------------------------

#: Every command that takes --glossary and --group, with what else it needs.
GLOSSARY_COMMANDS = [
    ["convert", "--to", "zh-TW", str(ARTICLE)],
    ["explain", "--to", "zh-TW", str(ARTICLE)],
    ["render", "--to", "zh-TW"],
    ["compare", "--to", "zh-TW", "-o", "OUT/x.html"],
    ["lookup", "Putin"],
    ["glossary", "show", "vladimir-putin"],
    ["glossary", "audit", str(ARTICLE), "--to", "zh-TW"],
    ["po", "extract", "-o", "OUT/x.pot"],
    ["po", "update", "--locale", "ru", "--locales-dir", "OUT"],
    ["po", "check", "--locale", "ru"],
    ["export", "tbx", "-o", "OUT/x.tbx"],
    ["export", "csv", "-o", "OUT/x.csv"],
    ["export", "opencc", "--to", "zh-TW", "-o", "OUT/x.txt"],
    ["export", "cgroup", "-o", "OUT/x.lua"],
]


def _argv(command: list[str], folder: Path) -> list[str]:
    return [part.replace("OUT", str(folder)) for part in command]


@pytest.mark.parametrize("command", GLOSSARY_COMMANDS, ids=" ".join)
def test_a_missing_glossary_path_is_exit_1_everywhere(cli: Cli, tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "nonexistent" / "x.yaml"
    code, out, err = cli(*_argv(command, tmp_path), "--glossary", str(missing))
    assert (code, out) == (1, "")
    assert err == f"termloc: {missing}: no such glossary file or folder\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", GLOSSARY_COMMANDS, ids=" ".join)
def test_an_unknown_group_is_exit_2_everywhere(cli: Cli, tmp_path: Path, command: list[str]) -> None:
    code, out, err = cli(*_argv(command, tmp_path), "--group", "people,nonsense")
    assert (code, out) == (2, "")
    assert err.startswith("termloc: unknown glossary group 'nonsense'; the groups are ")
    assert "people, places, " in err
    assert len(err.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_glossary_validate_of_a_missing_path_is_exit_1(cli: Cli) -> None:
    code, out, err = cli("glossary", "validate", "no/such/folder")
    assert (code, out, err) == (1, "", "termloc: no/such/folder: no such glossary file or folder\n")


def test_convert_with_a_known_group_applies_it(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("普京在朝鲜", encoding="utf-8")
    assert cli("convert", "--to", "zh-TW", "--group", "people", str(source))[:2] == (0, "普丁在朝鮮")
    assert cli("convert", "--to", "zh-TW", "--group", "people,states-and-organisations", str(source))[:2] == (
        0,
        "普丁在北韓",
    )


def test_po_extract_honours_glossary(cli: Cli, tmp_path: Path) -> None:
    everything, people = tmp_path / "all.pot", tmp_path / "people.pot"
    assert cli("po", "extract", "-o", str(everything))[0] == 0
    assert cli("po", "extract", "-o", str(people), "--glossary", str(GLOSSARY / "people.yaml"))[0] == 0
    assert "[pyongyang]" in everything.read_text(encoding="utf-8")
    hints = people.read_text(encoding="utf-8")
    assert "[vladimir-putin]" in hints
    assert "[pyongyang]" not in hints  # a place: not in people.yaml


def test_catalogs_are_written_under_the_current_folder(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def contents() -> dict[Path, bytes]:
        return {p: p.read_bytes() for p in (ROOT / "locales").rglob("*") if p.is_file()}

    own = contents()
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli("po", "extract")
    assert code == 0
    assert out == "wrote 99 messages to locales/dprk-russia-relations.pot\n"
    assert (tmp_path / "locales" / "dprk-russia-relations.pot").is_file()
    code, out, _ = cli("po", "update", "--locale", "ru")
    assert code == 0
    assert (tmp_path / "locales" / "ru_RU" / "LC_MESSAGES" / "dprk-russia-relations.po").is_file()
    assert contents() == own


def test_the_suite_writes_nothing_under_the_user_cache(tmp_path: Path) -> None:
    """Collecting the tests (module-level glossaries compile and dump OpenCC) touches no real user cache."""
    import os
    import subprocess
    import sys

    environment = {k: v for k, v in os.environ.items() if k not in ("TERMLOC_CACHE", "XDG_CACHE_HOME")}
    environment.update(HOME=str(tmp_path / "home"), XDG_CACHE_HOME=str(tmp_path / "user-cache"))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", str(ROOT / "tests")],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "test_the_suite_writes_nothing_under_the_user_cache" in result.stdout
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written == []
