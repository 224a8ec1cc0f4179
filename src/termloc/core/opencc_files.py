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
from functools import cache
from pathlib import Path
from typing import Any

from termloc.core import resources
from termloc.core.errors import TermlocError
from termloc.core.files import replacing

__all__ = [
    "compile_dictionary",
    "converter",
    "dictionary_tool",
    "dump_dictionary",
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


def _run_tool(source: Path, target: Path, source_format: str, target_format: str) -> None:
    tool = dictionary_tool()
    if not tool.is_file():
        raise TermlocError(f"OpenCC's dictionary tool is missing at {str(tool)!r}; reinstall the 'opencc' package")
    result = subprocess.run(
        [str(tool), "-i", str(source), "-o", str(target), "-f", source_format, "-t", target_format],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        problem = result.stderr.strip() or result.stdout.strip()
        raise TermlocError(f"OpenCC could not convert {str(source)!r} to {target_format}: {problem}")


def dump_dictionary(ocd2: Path) -> Path:
    """A text dump (key TAB values) of one of OpenCC's ``.ocd2`` dictionaries, made once."""
    target = resources.cache_dir() / f"opencc-{version()}" / f"{ocd2.stem}.txt"
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with replacing(target) as temporary:
        _run_tool(ocd2, temporary, "ocd2", "text")
    return target


@cache
def _read(path: str) -> dict[str, str]:
    entries: dict[str, str] = {}
    with dump_dictionary(Path(path)).open(encoding="utf-8") as stream:
        for line in stream:
            key, _, values = line.rstrip("\n").partition("\t")
            if key and values:
                entries[key] = values
    return entries


def read_dictionary(ocd2: Path) -> dict[str, str]:
    """The entries of one of OpenCC's dictionaries: key → its candidates, separated by spaces.

    Read once a process; the mapping is shared, do not change it.
    """
    return _read(str(ocd2))


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
