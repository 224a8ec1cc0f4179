"""Where termloc finds its own data: glossary, locales and articles.

An installed wheel carries copies under ``termloc/data/``; a source checkout
uses the folders at the top of the repository.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "articles_dir",
    "default_article",
    "glossary_dir",
    "glossary_files",
    "locales_dir",
    "reference_dir",
]

#: The article ``termloc render`` renders when given none.
DEFAULT_ARTICLE = "dprk-russia-relations.md"

#: The ``termloc`` package folder (this module lives in ``termloc/core/``).
_PACKAGE = Path(__file__).resolve().parent.parent


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


def reference_dir() -> Path:
    """The reference termbase (Chinese Wikipedia's conversion groups, see `termloc.glossary.reference`)."""
    return _data("reference")


def articles_dir() -> Path:
    """The folder of packaged articles."""
    return _data("articles")


def default_article() -> Path:
    """The packaged article (``articles/dprk-russia-relations.md``)."""
    return articles_dir() / DEFAULT_ARTICLE


def glossary_files(paths: Iterable[Path]) -> list[Path]:
    """The ``*.yaml`` files named by ``paths`` (files, or folders searched)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.glob("*.yaml") if p.is_file()))
        else:
            files.append(path)
    return files
