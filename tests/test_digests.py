"""File digests remembered by stat signature, and the compiled-glossary cache that uses them."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

from termloc import Converter
from termloc.core.digests import DigestMemo

from .conftest import GLOSSARY


def _settled(path: Path) -> None:
    """Date ``path`` a minute back, past the racy window."""
    past = time.time_ns() - 60 * 10**9
    os.utime(path, ns=(past, past))


def test_a_settled_file_is_hashed_once_and_then_known_by_its_signature(tmp_path: Path) -> None:
    file = tmp_path / "people.yaml"
    shutil.copy(GLOSSARY / "people.yaml", file)
    _settled(file)
    first = DigestMemo(tmp_path / "digests.json")
    assert first.digest(file) == hashlib.sha256(file.read_bytes()).hexdigest()
    first.save()
    # Same size, same inode, mtime put back: the signature is unchanged, so
    # the record is trusted and the file is not read again.
    status = file.stat()
    with file.open("r+b") as stream:
        stream.write(b"#")
    os.utime(file, ns=(status.st_atime_ns, status.st_mtime_ns))
    again = DigestMemo(tmp_path / "digests.json")
    assert again.digest(file) == first.digest(file)
    assert again.digest(file) != hashlib.sha256(file.read_bytes()).hexdigest()


def test_a_changed_file_is_hashed_again(tmp_path: Path) -> None:
    file = tmp_path / "places.yaml"
    shutil.copy(GLOSSARY / "places.yaml", file)
    _settled(file)
    memo = DigestMemo(tmp_path / "digests.json")
    before = memo.digest(file)
    with file.open("a", encoding="utf-8") as stream:
        stream.write("\n")
    after = DigestMemo(tmp_path / "digests.json").digest(file)
    assert after != before
    assert after == hashlib.sha256(file.read_bytes()).hexdigest()


def test_a_file_modified_just_now_is_not_remembered(tmp_path: Path) -> None:
    file = tmp_path / "fresh.yaml"
    file.write_text("group: fresh\n", encoding="utf-8")
    memo = DigestMemo(tmp_path / "digests.json")
    assert memo.digest(file) == hashlib.sha256(b"group: fresh\n").hexdigest()
    assert os.path.abspath(file) not in memo.entries
    memo.save()
    assert not (tmp_path / "digests.json").exists()


def test_a_damaged_record_is_ignored(tmp_path: Path) -> None:
    record = tmp_path / "digests.json"
    record.write_text('{"/x": [1, 2', encoding="utf-8")
    file = tmp_path / "a.yaml"
    file.write_text("x\n", encoding="utf-8")
    assert DigestMemo(record).digest(file) == hashlib.sha256(b"x\n").hexdigest()


def test_an_edited_glossary_is_compiled_anew(tmp_path: Path) -> None:
    folder = tmp_path / "glossary"
    shutil.copytree(GLOSSARY, folder)
    for file in folder.glob("*.yaml"):
        _settled(file)
    first = Converter("zh-TW", glossary=[folder], reference=None)
    assert first.convert("普京") == "普丁"
    people = folder / "people.yaml"
    text = people.read_text(encoding="utf-8")
    assert "zh-TW: 普丁" in text
    people.write_text(text.replace("zh-TW: 普丁", "zh-TW: 蒲亭"), encoding="utf-8")
    second = Converter("zh-TW", glossary=[folder], reference=None)
    assert second.config != first.config
    assert second.convert("普京") == "蒲亭"
