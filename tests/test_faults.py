"""Faults and hostile input: a cache that cannot be poisoned, text in is text out,
outputs that never replace what they should not, and one line for every failure.

Each test here failed before the fix it guards (see the comments).
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from termloc import Converter
from termloc.cli import INTERNAL_ERROR, Terminated, _terminate, main
from termloc.core import cache, opencc_files
from termloc.core.cache import MANIFEST, CacheWarning
from termloc.core.files import replacing
from termloc.core.han import ScriptRuns
from termloc.engine.compiler import compiled_config
from termloc.glossary.selection import GlossarySelection
from tests.conftest import ARTICLE, ROOT

TERMLOC = str(Path(sys.executable).parent / "termloc")


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh cache folder of the test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("TERMLOC_CACHE", str(folder))
    return folder


def _run(argv: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([TERMLOC, *argv], capture_output=True, check=False, timeout=300, **kwargs)  # type: ignore[call-overload,no-any-return]


def _one_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8")
    assert "Traceback" not in text
    assert text.count("\n") == 1, text
    return text


# -- the cache ------------------------------------------------------------------------------------


@pytest.fixture
def small_disk() -> Iterator[Path]:
    """A 3 MB file system (a tmpfs): too small for a compiled Traditional variant (6 MB)."""
    folder = Path(tempfile.mkdtemp(prefix="termloc-small-"))
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        folder.rmdir()
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)
        folder.rmdir()


def test_a_full_disk_is_one_line_and_poisons_nothing(small_disk: Path) -> None:
    # Before: OpenCC's opencc_dict exited 0 with a short file on a full disk, the short file was
    # renamed into the cache, and every later run wrote 鼠標和軟件 for 滑鼠和軟體, exit 0.
    environment = {**os.environ, "TERMLOC_CACHE": str(small_disk / "cache")}
    argv = ["convert", "--to", "zh-TW", "--reference", "none"]
    full = _run(argv, input="鼠标和软件\n".encode(), env=environment)
    assert full.returncode == 1
    assert "No space left on device" in _one_line(full.stderr)
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    later = _run(argv, input="鼠标和软件\n".encode(), env=environment)
    assert (later.returncode, later.stdout.decode()) == (0, "滑鼠和軟體\n")


def _selection() -> GlossarySelection:
    return GlossarySelection.default()


def test_a_damaged_compiled_glossary_is_made_again(own_cache: Path) -> None:
    # Before: a truncated .ocd gave an OpenCC traceback on every later run, and one damaged in
    # place (same size) was read as it was.
    assert Converter("zh-TW", reference=None).convert("鼠标和软件，普京") == "滑鼠和軟體，普丁"
    folder = next((own_cache / "glossary").glob("*/zh-TW"))
    largest = max(folder.glob("*.ocd"), key=lambda path: path.stat().st_size)
    largest.write_bytes(largest.read_bytes()[:1000])
    with pytest.warns(CacheWarning, match="damaged"):
        assert Converter("zh-TW", reference=None).convert("鼠标和软件，普京") == "滑鼠和軟體，普丁"
    data = bytearray(largest.read_bytes())
    data[100:200] = bytes(100)
    largest.write_bytes(bytes(data))
    with pytest.warns(CacheWarning, match="damaged"):
        assert Converter("zh-TW", reference=None).convert("鼠标和软件，普京") == "滑鼠和軟體，普丁"


def test_a_cut_dictionary_dump_is_made_again(own_cache: Path) -> None:
    source = opencc_files.stock_dictionary("TWPhrases")
    dump = opencc_files.dump_dictionary(source)
    whole = dump.read_bytes()
    dump.write_bytes(whole[: len(whole) // 2])  # cut at a line's end or not: both are found
    with pytest.warns(CacheWarning, match="damaged"):
        assert opencc_files.dump_dictionary(source).read_bytes() == whole
    lines = whole.split(b"\n")
    dump.write_bytes(b"\n".join(lines[:100]) + b"\n")
    with pytest.warns(CacheWarning, match="damaged"):
        assert opencc_files.dump_dictionary(source).read_bytes() == whole


def test_the_cache_can_move(own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Before: the compiled config named its dictionaries by absolute path, so a moved cache broke.
    variant = Converter("zh-TW", reference=None).variant
    first = compiled_config(variant, _selection(), Converter("zh-TW", reference=None).registry)
    assert str(own_cache) not in first.read_text(encoding="utf-8")
    moved = tmp_path / "moved"
    shutil.move(str(own_cache), moved)
    monkeypatch.setenv("TERMLOC_CACHE", str(moved))
    before = {path: path.stat().st_mtime_ns for path in moved.rglob("*.ocd")}
    assert Converter("zh-TW", reference=None).convert("鼠标和软件，普京") == "滑鼠和軟體，普丁"  # no warning
    assert {path: path.stat().st_mtime_ns for path in moved.rglob("*.ocd")} == before  # nothing rebuilt
    assert all((path.parent / MANIFEST).is_file() for path in before)


def test_an_unusable_cache_folder_gives_way_to_a_temporary_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Before: a cache path that was a file crashed even 'termloc lookup' with a traceback.
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("TERMLOC_CACHE", str(blocker))
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # the fallback lands here, not in the system's folder
    monkeypatch.setattr(tempfile, "tempdir", None)
    monkeypatch.setattr(cache, "_fallbacks", {})
    with pytest.warns(CacheWarning, match="cannot be written"):
        used = cache.folder()
    assert used != blocker
    assert used.is_dir()
    assert used.parent == tmp_path
    assert cache.folder() == used  # warned once a process
    result = _run(["convert", "--to", "zh-TW"], input="普京\n".encode(), env={**os.environ})
    assert (result.returncode, result.stdout.decode()) == (0, "普丁\n")
    assert "cannot be written" in _one_line(result.stderr)


# -- text in is text out ------------------------------------------------------------------------------


@pytest.mark.parametrize(("variant", "expected"), [("zh-TW", "普丁"), ("zh-HK", "普京"), ("zh-CN", "普京")])
def test_a_nul_byte_keeps_the_text_after_it(variant: str, expected: str) -> None:
    # Before: OpenCC read its input as a C string: 'a\0b普京' came back as 'a普丁', and with
    # --no-glossary as 'a'.
    for reference in (None, "auto"):
        converter = Converter(variant, reference=reference)
        assert converter.convert("a\0b普京\0") == f"a\0b{expected}\0"
    plain = Converter(variant, glossary=None, reference=None)
    assert plain.convert("a\0b鼠标\0\0") == "a\0b" + plain.convert("鼠标") + "\0\0"


def _non_han() -> str:
    """Every code point but surrogates, Han (and CJK symbols) and the quotation marks variants change."""
    excluded = [(0xD800, 0xE000), (0x2E80, 0xA000), (0xF900, 0xFB00), (0x20000, 0x32000), (0xFF00, 0xFFF0)]
    quotes = set("“”‘’")
    return "".join(chr(c) for c in range(0x110000) if not any(a <= c < b for a, b in excluded) and chr(c) not in quotes)


def test_every_other_code_point_survives_conversion() -> None:
    text = _non_han()
    for variant in ("zh-TW", "zh-HK", "zh-CN", "zh-Hant", "zh-Hans"):
        assert Converter(variant, reference=None).convert(text) == text


def test_markup_keeps_the_characters_it_used_inside() -> None:
    # Before: a \x01 inside -{...}- came out as ';' (the resolver held entities' semicolons as \x01).
    converter = Converter("zh-TW", reference=None)
    assert converter.convert_markup("-{H|zh-cn:激\x01光;zh-tw:雷射;}-激\x01光&amp;") == "雷射&amp;"
    assert converter.convert_markup("-{zh-cn:甲&amp;乙;zh-tw:丙&lt;丁;}-") == "丙&lt;丁"


def test_the_clause_splitter_is_not_fooled_by_its_own_marks() -> None:
    # Before: the text's own \x01 passed for a Traditional letter, so '\x01台' took the Traditional path.
    runs = ScriptRuns("灣敘", "湾叙")
    assert runs.split("\x01台") == [("\x01台", False)]
    assert runs.split("\x02灣") == [("\x02灣", True)]


# -- outputs ----------------------------------------------------------------------------------------


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text("普京\n", encoding="utf-8")
    return path


def test_an_output_that_is_the_input_is_refused(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: 'convert x -o x' and 'render a.md -o a.md' replaced the input.
    link = tmp_path / "link.txt"
    link.symlink_to(article)
    hard = tmp_path / "hard.txt"
    os.link(article, hard)
    for output in (article, link, hard):
        assert main(["convert", "--to", "zh-TW", str(article), "-o", str(output)]) == 2
        assert "the output is the input" in capsys.readouterr().err
        assert article.read_text(encoding="utf-8") == "普京\n"
    document = tmp_path / "a.md"
    shutil.copy(ROOT / "articles" / "dprk-russia-relations.md", document)
    before = document.read_bytes()
    assert main(["render", str(document), "--to", "zh-TW", "-o", str(document)]) == 2
    assert document.read_bytes() == before


def test_an_import_never_replaces_its_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Before: 'import cgroup cg -o cg --force' deleted the source folder.
    source = tmp_path / "cg"
    source.mkdir()
    (source / "Country.lua").write_text(
        'return {\n  name = "Country",\n  content = {\n'
        "    { type = 'item', rule = 'zh-cn:朝鲜; zh-tw:北韓; zh-hk:北韓;' },\n  },\n}\n",
        encoding="utf-8",
    )
    for output in (source, source / "inside"):
        assert main(["import", "cgroup", str(source), "-o", str(output), "--force"]) == 2
        assert "input" in capsys.readouterr().err
        assert sorted(p.name for p in source.iterdir()) == ["Country.lua"]


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_an_output_that_is_no_regular_file_is_refused(
    kind: str, article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: -o onto a FIFO or device replaced it with a regular file (as root, /dev/null itself).
    if kind == "fifo":
        target = tmp_path / "fifo"
        os.mkfifo(target)
    elif kind == "device":
        target = Path(os.devnull)
    else:
        target = tmp_path
    before = target.lstat()
    assert main(["convert", "--to", "zh-TW", str(article), "-o", str(target)]) == 2
    assert ("is a folder" if kind == "folder" else "not a regular file") in capsys.readouterr().err
    after = target.lstat()
    assert (stat.S_IFMT(after.st_mode), after.st_ino) == (stat.S_IFMT(before.st_mode), before.st_ino)


def test_links_and_modes_are_kept(article: Path, tmp_path: Path) -> None:
    # Before: outputs were always mode 0600, and a symbolic or hard link was replaced by a file.
    previous = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.txt"
        assert main(["convert", "--to", "zh-TW", str(article), "-o", str(fresh)]) == 0
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        kept = tmp_path / "kept.txt"
        kept.write_text("old\n", encoding="utf-8")
        kept.chmod(0o640)
        other = tmp_path / "other-name.txt"
        os.link(kept, other)
        link = tmp_path / "link.txt"
        link.symlink_to(kept)
        assert main(["convert", "--to", "zh-TW", str(article), "-o", str(link)]) == 0
        assert link.is_symlink()
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
        assert kept.read_text(encoding="utf-8") == other.read_text(encoding="utf-8") == "普丁\n"
    finally:
        os.umask(previous)


def test_render_out_dir_writes_the_whole_set_or_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Before: the files before the one that failed were written; the set was left half-made.
    out = tmp_path / "out"
    out.mkdir()
    (out / "zh-TW.html").mkdir()  # cannot be replaced by a file
    assert main(["render", "--to", "zh-CN,zh-TW", "--out-dir", str(out)]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["zh-TW.html"]
    shutil.rmtree(out / "zh-TW.html")
    assert main(["render", "--to", "zh-CN,zh-TW", "--out-dir", str(out)]) == 0
    assert len(list(out.iterdir())) == 7  # 2 variants × 3 formats and the index


def test_sigterm_inside_a_write_leaves_nothing(tmp_path: Path) -> None:
    # Before: SIGTERM killed the process where it stood, leaving the hidden temporary file.
    target = tmp_path / "out.txt"
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        with pytest.raises(Terminated), replacing(target) as temporary:  # noqa: PT012 (the write, then the signal)
            temporary.write_text("half", encoding="utf-8")
            os.kill(os.getpid(), signal.SIGTERM)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert list(tmp_path.iterdir()) == []


# -- one line for every failure ------------------------------------------------------------------------


def test_an_unexpected_error_is_one_line_and_exit_70(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from termloc.cli import convert

    def broken(args: object) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr(convert, "cmd_convert", broken)
    assert main(["convert", "--to", "zh-TW", str(ARTICLE)]) == INTERNAL_ERROR
    err = capsys.readouterr().err
    assert err == (
        "termloc: internal error in 'termloc convert': RuntimeError: a bug; this is a bug, please report it "
        "with the command line (--debug or TERMLOC_DEBUG=1 prints the traceback)\n"
    )
    assert main(["--debug", "convert", "--to", "zh-TW", str(ARTICLE)]) == INTERNAL_ERROR
    assert "Traceback" in capsys.readouterr().err


def test_standard_output_closed_full_or_ascii() -> None:
    # Before: a traceback for a closed or full standard output, and UnicodeEncodeError for ASCII.
    closed = subprocess.run(
        f"{TERMLOC} convert --to zh-TW >&-", shell=True, input="普京\n".encode(), capture_output=True, check=False
    )
    assert closed.returncode == 1
    assert "standard output is closed" in _one_line(closed.stderr)
    with open("/dev/full", "wb") as full_device:
        full = subprocess.run(
            [TERMLOC, "convert", "--to", "zh-TW"], input="普京\n".encode(), stdout=full_device, stderr=subprocess.PIPE
        )
    assert full.returncode == 1
    assert "No space left on device" in _one_line(full.stderr)
    ascii_locale = {**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C"}
    plain = _run(["convert", "--to", "zh-TW"], input="普京\n".encode(), env=ascii_locale)
    assert (plain.returncode, plain.stdout.decode("utf-8")) == (0, "普丁\n")  # termloc writes UTF-8
    missing = _run(["convert", "--to", "zh-TW", "/no/such/普京.txt"], env=ascii_locale)
    assert missing.returncode == 1
    assert "no such file" in _one_line(missing.stderr)


def _without_override(argv: list[str]) -> list[str]:
    """``argv`` run without the power to override file permissions (root's, in the test machine)."""
    if os.geteuid() != 0:
        return argv
    if shutil.which("setpriv") is None:
        pytest.skip("root without setpriv cannot be refused a folder")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--", *argv]


@pytest.mark.parametrize("command", ["convert", "render"])
def test_a_folder_that_cannot_be_written_is_one_line(command: str, article: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    if command == "convert":
        argv = [TERMLOC, "convert", "--to", "zh-TW", str(article), "-o", str(locked / "x.txt")]
    else:
        argv = [TERMLOC, "render", "--to", "zh-TW", "--out-dir", str(locked / "out")]
    result = subprocess.run(_without_override(argv), capture_output=True, check=False, timeout=300)
    assert result.returncode == 1
    assert "Permission denied" in _one_line(result.stderr)
    assert list(locked.iterdir()) == []


def test_auto_compiles_only_the_configs_its_texts_use(own_cache: Path) -> None:
    """With ``auto`` a converter hands each text to the converter of the text's groups, and compiles
    its own config (no groups) only when a text chooses none: a cold run compiles one config, not two."""
    converter = Converter("zh-TW")

    def compiled() -> int:
        return len(list(own_cache.rglob("config.json")))

    assert compiled() == 0
    assert converter.convert("特朗普访问悉尼") == "川普訪問雪梨"
    assert compiled() == 1
    assert converter.convert("今天天气很好") == "今天天氣很好"
    assert compiled() == 2
    # Positive control: a converter of fixed groups (none) compiles when it is made.
    Converter("zh-HK", reference=None)
    assert compiled() == 3
