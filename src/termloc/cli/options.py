"""What the commands share: the parser, output, glossary options and folders.

Every command module builds its parsers with `Parser` (bad usage is a
`UsageError`, exit 2) and reads the glossary options the same way.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from termloc.core import resources
from termloc.core.errors import GlossaryError, UsageError

__all__ = ["Parser", "add_glossary_options", "catalogs_dir", "glossary_paths", "group_names", "load", "out", "warn"]


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are `UsageError` s (exit 2), not exits."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def out(text: str) -> None:
    """Write ``text`` and a final newline to standard output."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def warn(lines: Sequence[str]) -> None:
    """Each line as a warning on standard error."""
    for line in lines:
        sys.stderr.write(f"termloc: warning: {line}\n")


def glossary_paths(args: argparse.Namespace) -> list[Path] | None:
    """The glossary files or folders the options name (None: ``--no-glossary``)."""
    if getattr(args, "no_glossary", False):
        return None
    paths = getattr(args, "glossary", None)
    return [Path(p) for p in paths] if paths else [resources.glossary_dir()]


def group_names(args: argparse.Namespace) -> list[str] | None:
    """The groups ``--group`` names (comma-separated, repeatable), or None for all."""
    named = getattr(args, "group", None)
    if not named:
        return None
    return [name.strip() for value in named for name in value.split(",") if name.strip()]


def load(args: argparse.Namespace) -> Any:
    """The glossary the options (or positional ``paths``) name; `GlossaryError` if invalid."""
    from termloc.glossary import load_glossary

    paths = [Path(p) for p in args.paths] if getattr(args, "paths", None) else glossary_paths(args)
    glossary, problems = load_glossary(paths or [])
    if problems:
        raise GlossaryError(problems)
    return glossary


def add_glossary_options(parser: argparse.ArgumentParser) -> None:
    """``--glossary PATH`` and ``--group NAMES``, as every command takes them."""
    parser.add_argument(
        "--glossary",
        action="append",
        metavar="PATH",
        help="glossary file or folder (repeatable; default: termloc's glossary)",
    )
    parser.add_argument(
        "--group", action="append", metavar="NAMES", help="use only these glossary groups (comma-separated, repeatable)"
    )


def catalogs_dir(args: argparse.Namespace) -> Path:
    """Where catalogs live: ``--locales-dir``, else ``./locales``, else termloc's own."""
    if getattr(args, "locales_dir", None):
        return Path(args.locales_dir)
    here = Path("locales")
    return here if here.is_dir() else resources.locales_dir()
