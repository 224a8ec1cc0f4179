"""OpenCC's own files: where its configs, dictionaries and tools are, and what they hold.

The official ``opencc`` wheel keeps its configs and ``.ocd2`` dictionaries
under ``opencc/clib/share/opencc/`` and its dictionary compiler at
``opencc/clib/bin/opencc_dict``. This is the only module that knows that.
A dictionary is read through a text dump made once per OpenCC version in
termloc's cache (``opencc_dict -f ocd2 -t text``), and kept in memory once
read; the entries returned are shared, so callers must not change them.
"""

from __future__ import annotations

import subprocess
import warnings
from functools import cache
from pathlib import Path
from typing import Any

from termloc.core.cache import CacheWarning, writing
from termloc.core.cache import folder as cache_folder
from termloc.core.errors import TermlocError
from termloc.core.files import replacing

__all__ = [
    "compile_dictionary",
    "convert",
    "converter",
    "dictionary_tool",
    "dump_dictionary",
    "entries_of",
    "open_config",
    "read_dictionary",
    "share_dir",
    "stock_config",
    "stock_dictionary",
    "version",
]


@cache
def _package() -> tuple[Path, Path, str]:
    import opencc

    folder = Path(opencc.__file__).resolve().parent
    return Path(opencc._opencc_share_dir), folder / "clib" / "bin" / "opencc_dict", str(opencc.__version__)


def share_dir() -> Path:
    """The folder of OpenCC's stock configs (``s2twp.json``) and dictionaries (``TSPhrases.ocd2``)."""
    return _package()[0]


def dictionary_tool() -> Path:
    """OpenCC's dictionary compiler, ``opencc_dict``."""
    return _package()[1]


def version() -> str:
    """The installed OpenCC's version (``1.1.9``)."""
    return _package()[2]


def stock_config(name: str) -> Path:
    """The path of OpenCC's own config ``name`` (``s2twp``)."""
    return share_dir() / f"{name}.json"


def stock_dictionary(name: str) -> Path:
    """The path of OpenCC's own dictionary ``name`` (``STCharacters``)."""
    return share_dir() / f"{name}.ocd2"


@cache
def converter(config: str) -> Any:
    """An ``opencc.OpenCC`` for a stock config name or a config file's path, made once a process."""
    import opencc

    return opencc.OpenCC(config)


def open_config(config: Path) -> Any:
    """A new ``opencc.OpenCC`` for the config file ``config`` (OpenCC's own errors pass through)."""
    import opencc

    return opencc.OpenCC(str(config))


def convert(converter: Any, text: str) -> str:
    """``text`` through an ``opencc.OpenCC``, every code point kept.

    OpenCC reads its input as a C string, so a NUL would end it (``a\\0b`` came
    back as ``a``): each piece between NULs is converted alone (no key holds a NUL).

        >>> convert(converter("s2t"), "汉字\\0汉字")
        '漢字\\x00漢字'
    """
    if "\0" not in text:
        return str(converter.convert(text))
    return "\0".join(str(converter.convert(piece)) for piece in text.split("\0"))


#: What `convert_many` joins texts with: a control character that no dictionary key holds, so that no
#: match crosses it and OpenCC passes it through.
_JOIN = "\x1f"


def convert_many(converter: Any, texts: list[str]) -> list[str]:
    """`convert` of each of ``texts``, in one call to OpenCC (a call costs about 5 µs besides its text).

    >>> convert_many(converter("s2t"), ["汉", "字", ""])
    ['漢', '字', '']
    """
    if len(texts) < 2 or any(_JOIN in text for text in texts):
        return [convert(converter, text) for text in texts]
    converted = convert(converter, _JOIN.join(texts)).split(_JOIN)
    if len(converted) != len(texts):  # a dictionary that writes the joiner: one call each after all
        return [convert(converter, text) for text in texts]
    return converted


def _run_tool(source: Path, target: Path, source_format: str, target_format: str) -> None:
    """Convert ``source`` with ``opencc_dict``, termloc writing ``target`` itself.

    The tool writes to its standard output where there is one to name, and
    termloc writes the bytes: the tool exits 0 with a short file on a full
    disk, where Python's write raises.
    """
    tool = dictionary_tool()
    if not tool.is_file():
        raise TermlocError(f"OpenCC's dictionary tool is missing at {str(tool)!r}; reinstall the 'opencc' package")
    piped = Path(_STDOUT).exists()
    output = _STDOUT if piped else str(target)
    result = subprocess.run(
        [str(tool), "-i", str(source), "-o", output, "-f", source_format, "-t", target_format],
        capture_output=True,
    )
    if result.returncode != 0 or (piped and not result.stdout):
        problem = (result.stderr or result.stdout).decode("utf-8", "replace").strip() or "no output"
        raise TermlocError(f"OpenCC could not convert {str(source)!r} to {target_format}: {problem}")
    if piped:
        target.write_bytes(result.stdout)


#: Where ``opencc_dict`` writes so that termloc gets the bytes.
_STDOUT = "/dev/stdout"
#: The last line of a dictionary dump: an empty key and the number of entries before it.
_TRAILER = "\t{}\n"


def dump_dictionary(ocd2: Path) -> Path:
    """A text dump (key TAB values) of one of OpenCC's ``.ocd2`` dictionaries, made once.

    The dump ends in a line that counts its entries, so a dump cut short
    (a full disk, a copy interrupted) is found and made again.
    """
    target = cache_folder() / f"opencc-{version()}-dumps" / f"{ocd2.stem}.txt"
    if target.is_file():
        if _complete(target):
            return target
        warnings.warn(f"the cached dictionary {str(target)!r} was damaged; made it again", CacheWarning, stacklevel=2)
    with writing(target), replacing(_made(target.parent) / target.name) as temporary:
        _run_tool(ocd2, temporary, "ocd2", "text")
        body = temporary.read_bytes()
        body += b"" if body.endswith(b"\n") or not body else b"\n"
        temporary.write_bytes(body + _TRAILER.format(body.count(b"\n")).encode())
    return target


def _made(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _complete(dump: Path) -> bool:
    """Whether ``dump`` ends in the trailer that counts the lines before it."""
    data = dump.read_bytes()
    if not data.endswith(b"\n"):
        return False
    start = data.rfind(b"\n", 0, len(data) - 1) + 1  # where the last line starts
    return data[start:] == _TRAILER.format(data.count(b"\n", 0, start)).encode()


def _parsed(dump: Path) -> dict[str, str]:
    """The entries of a dictionary's text dump (key TAB values a line; the trailer has no key)."""
    entries: dict[str, str] = {}
    with dump.open(encoding="utf-8") as stream:
        for line in stream:
            key, _, values = line.rstrip("\n").partition("\t")
            if key and values:
                entries[key] = values
    return entries


@cache
def _read(path: str) -> dict[str, str]:
    return _parsed(dump_dictionary(Path(path)))


def read_dictionary(ocd2: Path) -> dict[str, str]:
    """The entries of one of OpenCC's dictionaries: key → its candidates, separated by spaces.

    Read once a process; the mapping is shared, do not change it.
    """
    return _read(str(ocd2))


@cache
def _entries_of(path: str, signature: tuple[int, int]) -> dict[str, str]:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="termloc-dump-") as folder:
        dump = Path(folder) / "entries.txt"
        _run_tool(Path(path), dump, Path(path).suffix[1:], "text")
        return _parsed(dump)


def entries_of(path: Path) -> dict[str, str]:
    """The entries of any dictionary OpenCC reads (``.ocd`` or ``.ocd2``): key → candidates.

    For the dictionaries termloc compiles; read once a process while the file
    stays as it is (shared: do not change it). OpenCC's own are read through
    their cached dumps (`read_dictionary`).
    """
    if path.parent == share_dir() and path.suffix == ".ocd2":
        return read_dictionary(path)
    stat = path.stat()
    return _entries_of(str(path), (stat.st_mtime_ns, stat.st_size))


def compile_dictionary(entries: dict[str, str], target: Path) -> None:
    """Write ``entries`` as an OpenCC dictionary at ``target`` (``.ocd`` Darts or ``.ocd2`` Marisa)."""
    text = target.with_suffix(".txt")
    with text.open("w", encoding="utf-8", newline="\n") as stream:
        for key in sorted(entries):
            stream.write(f"{key}\t{entries[key]}\n")
    try:
        _run_tool(text, target, "text", target.suffix[1:])
    finally:
        text.unlink()
