"""Where termloc finds its own data: glossary, locales and articles.

An installed wheel carries copies under ``termloc/data/``; a source checkout
uses the folders at the top of the repository.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

__all__ = ["articles_dir", "cache_dir", "glossary_dir", "glossary_files", "locales_dir"]

_PACKAGE = Path(__file__).resolve().parent


def _data(name: str) -> Path:
    packaged = _PACKAGE / "data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent.parent / name


def glossary_dir() -> Path:
    """The default glossary folder."""
    return _data("glossary")


def locales_dir() -> Path:
    """The folder of variant and locale declarations."""
    return _data("locales")


def articles_dir() -> Path:
    """The folder of packaged articles."""
    return _data("articles")


def cache_dir() -> Path:
    """termloc's user cache folder (``$TERMLOC_CACHE`` overrides it)."""
    import os

    override = os.environ.get("TERMLOC_CACHE")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("termloc", appauthor=False))


def glossary_files(paths: Iterable[Path]) -> list[Path]:
    """The ``*.yaml`` files named by ``paths`` (files, or folders searched)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.glob("*.yaml") if p.is_file()))
        else:
            files.append(path)
    return files
