"""Validation: one bad glossary per code, and the real glossary passes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from termloc.glossary import CODES, load_glossary

from .conftest import DATA, GLOSSARY

BAD = DATA / "glossaries"


def expected_lines() -> dict[str, int]:
    """The README's table of bad file → line of its problem."""
    table = {}
    for line in (BAD / "README.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| (bad-[^ |/]+?)(?:\.yaml)?/? \| (G\d{3}) \| (\d+) \|", line)
        if match:
            table[match.group(1)] = int(match.group(3))
    return table


BAD_FILES = sorted(p for p in BAD.iterdir() if p.name.startswith("bad-"))


def test_every_code_has_a_bad_file() -> None:
    covered = {p.name.split("-")[1] for p in BAD_FILES}
    assert covered == set(CODES)


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.name)
def test_bad_file_fails_with_its_code_and_line(path: Path) -> None:
    code = path.name.split("-")[1]
    _, problems = load_glossary([path])
    matching = [p for p in problems if p.code == code]
    assert matching, f"{path.name}: expected {code}, got {[str(p) for p in problems]}"
    stem = path.name.removesuffix(".yaml")
    assert matching[0].line == expected_lines()[stem]
    assert matching[0].hint, "every problem says how to fix it"
    assert str(matching[0]).startswith(f"{matching[0].file}:{matching[0].line}: {code}: ")


def test_problems_are_all_reported_at_once(tmp_path: Path) -> None:
    # Three bad files in one run: each problem is reported, none hides another.
    for name in ("bad-G002-unknown-key.yaml", "bad-G009-malformed-id.yaml", "bad-G010-unknown-kind.yaml"):
        (tmp_path / name).write_bytes((BAD / name).read_bytes())
    _, problems = load_glossary([tmp_path])
    assert {"G002", "G009", "G010"} <= {p.code for p in problems}


def test_ambiguity_names_both_entries() -> None:
    _, problems = load_glossary([BAD / "bad-G006-ambiguous.yaml"])
    (problem,) = [p for p in problems if p.code == "G006"]
    assert "'north-korea'" in problem.message
    assert "'joseon'" in problem.message
    assert "zh-TW" in problem.message


def test_the_real_glossary_is_valid() -> None:
    glossary, problems = load_glossary([GLOSSARY])
    assert problems == []
    assert len(glossary.entries) >= 20
