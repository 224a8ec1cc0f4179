"""OmegaT glossaries: one tab-separated .utf8 file per target, read as OmegaT's GlossaryReaderTSV reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from termloc import load_variants
from termloc.core.han import char_tables
from termloc.glossary import load_glossary
from termloc.interchange.omegat import HEADER, file_name, omegat_glossaries

from .conftest import GLOSSARY, Cli

REGISTRY = load_variants()
PROJECT, _ = load_glossary([GLOSSARY])


def omegat_read(path: Path) -> list[tuple[str, str, str]]:
    """A glossary file as OmegaT reads a ``.utf8`` one (GlossaryReaderTSV): UTF-8, a byte-order mark
    dropped, ``#`` lines skipped, cells split at tabs and trimmed, a line with fewer than two cells
    or an empty source skipped, the third cell the comment."""
    entries = []
    for line in path.read_bytes().decode("utf-8").removeprefix("\ufeff").splitlines():
        if line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) < 2 or not cells[0]:
            continue
        entries.append((cells[0], cells[1], cells[2] if len(cells) > 2 else ""))
    return entries


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from termloc.cli import main

    target = tmp_path_factory.mktemp("omegat")
    assert main(["export", "omegat", "-o", str(target)]) == 0
    return target


def test_one_file_per_target(folder: Path) -> None:
    names = sorted(p.name for p in folder.iterdir())
    targets = [v for v in REGISTRY.values() if v.tag != "zh-Hans"]
    assert names == sorted(file_name(v) for v in targets)
    for path in folder.iterdir():
        assert path.read_text(encoding="utf-8").splitlines()[0] == HEADER  # OmegaT's own first line


def test_zh_tw_and_zh_hk_stay_apart(folder: Path) -> None:
    """What OmegaT's TBX reader cannot do: Taiwan's and Hong Kong's forms of one term, each in its file."""
    taiwan = omegat_read(folder / "termloc-zh-TW.utf8")
    hong_kong = omegat_read(folder / "termloc-zh-HK.utf8")
    # Checked by hand against glossary/people.yaml and states-and-organisations.yaml.
    assert ("普京", "普丁", "vladimir-putin · preferred") in taiwan
    assert ("普京", "普京", "vladimir-putin · preferred") in hong_kong
    assert ("朝鲜", "北韓", "north-korea · preferred") in taiwan
    assert ("普京", "뿌찐", "vladimir-putin · preferred") in omegat_read(folder / "termloc-ko-KP.utf8")


def test_deprecated_forms_say_so(folder: Path) -> None:
    mainland = omegat_read(folder / "termloc-zh-CN.utf8")
    assert ("朝鲜", "北韩", "north-korea · deprecated: do not use; write 朝鲜") in mainland


def test_every_row_with_a_form_is_a_line(folder: Path) -> None:
    """Each file holds a line for every row the locale has a preferred form for; every line has its three cells."""
    tables = char_tables()
    for variant in REGISTRY.values():
        if variant.tag == "zh-Hans":
            continue
        read = omegat_read(folder / file_name(variant))
        preferred = {(target, comment.split(" · ")[0]) for _, target, comment in read if comment.endswith("preferred")}
        expected = {
            (form.text, entry.id)
            for entry in PROJECT.entries
            for row in entry.rows
            if (form := row.forms_for(variant, tables, name=entry.is_name).preferred) is not None
        }
        assert preferred == expected, variant.tag
        assert all(comment for _, _, comment in read)


def test_the_doctest_glossary_is_not_the_project(cli: Cli, tmp_path: Path) -> None:
    """Only the named glossary goes out: --glossary narrows the files too."""
    files, skipped = omegat_glossaries(PROJECT.select(["people"]), REGISTRY, char_tables())
    assert skipped == []
    assert all("korean-war" not in text for text in files.values())
    code, out, _ = cli("export", "omegat", "--group", "people", "-o", str(tmp_path))
    assert code == 0
    assert "OmegaT glossaries" in out
