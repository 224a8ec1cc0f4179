"""What the commands share: the parser, output, glossary options and folders.

Every command module builds its parsers with `Parser` (bad usage is a
`UsageError`, exit 2) and reads the glossary options the same way.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from termloc.core import resources
from termloc.core.errors import UsageError
from termloc.glossary.selection import GlossarySelection

if TYPE_CHECKING:
    from termloc.documents.document import Document
    from termloc.engine.converter import Converter, ReferenceChoice
    from termloc.glossary.model import Glossary

__all__ = [
    "Parser",
    "add_conversion_options",
    "add_glossary_options",
    "add_reference_options",
    "catalogs_dir",
    "converter",
    "group_names",
    "inputs",
    "load",
    "out",
    "reference_choice",
    "say_topics",
    "selection",
    "warn",
]


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


def selection(args: argparse.Namespace, document: Document | None = None) -> GlossarySelection | None:
    """The glossary the options name, checked once for every command.

    ``--no-glossary``: None. ``--glossary PATH`` (repeatable, in order),
    else the glossaries ``document``'s front matter names (``glossary:
    paths:``) above termloc's own, else termloc's own; ``--group NAMES``,
    else the groups the front matter names when no ``--glossary`` is given.
    A missing path or an unknown group is reported when the glossary is
    compiled or loaded (`GlossarySelection`).
    """
    if getattr(args, "no_glossary", False):
        return None
    named = getattr(args, "glossary", None)
    groups = group_names(args)
    if named:
        return GlossarySelection.of(named, groups)
    if groups is None and document is not None and document.groups:
        groups = list(document.groups)
    if document is not None and document.glossaries:
        return GlossarySelection.of([*document.glossaries, resources.glossary_dir()], groups)
    return GlossarySelection.default(groups)


def reference_choice(args: argparse.Namespace, document: Document | None = None) -> ReferenceChoice:
    """The reference groups the options name: ``--no-reference`` (None), ``--reference auto`` or
    ``--reference GROUPS`` (comma-separated, repeatable), else the document's front matter
    (``reference:``), else ``auto``. An unknown group is a `UsageError` (exit 2)."""
    from termloc.glossary.reference import reference

    if getattr(args, "no_reference", False):
        return None
    named = getattr(args, "reference", None)
    if named:
        names = [name.strip() for value in named for name in value.split(",") if name.strip()]
        if names == ["auto"]:
            return "auto"
        if names == ["none"]:
            return None
        return reference().check(names)
    if document is not None and document.reference != "auto":
        return reference().check(document.reference) if document.reference is not None else None
    return "auto"


def group_names(args: argparse.Namespace) -> list[str] | None:
    """The groups ``--group`` names (comma-separated, repeatable), or None for all."""
    named = getattr(args, "group", None)
    if not named:
        return None
    return [name.strip() for value in named for name in value.split(",") if name.strip()]


def inputs(args: argparse.Namespace, *paths: str | Path | None) -> list[str | Path | None]:
    """What a command reads, which its outputs must not replace: ``paths`` and the glossary files."""
    chosen = selection(args)
    return [*paths, *(chosen.files() if chosen is not None else [])]


def load(args: argparse.Namespace, document: Document | None = None) -> Glossary:
    """The glossary the options name, loaded and validated (`GlossaryError`, `UsageError`, `InputError`)."""
    chosen = selection(args, document) or GlossarySelection.default()
    return chosen.load()


def add_reference_options(parser: argparse.ArgumentParser) -> None:
    """``--reference GROUPS|auto|none`` and ``--no-reference``, for commands that convert."""
    parser.add_argument(
        "--reference",
        action="append",
        metavar="GROUPS",
        help="reference groups under the glossary (comma-separated, repeatable; 'termloc reference list'), "
        "'auto' to choose them from the text (default) or 'none'",
    )
    parser.add_argument("--no-reference", action="store_true", help="no reference groups (as --reference none)")


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


def add_conversion_options(parser: argparse.ArgumentParser, *, text: bool = True) -> None:
    """The options of a command that converts text as ``termloc convert`` does (`converter` reads them):
    the glossary and reference options, ``--no-glossary`` and ``--punctuation``; with ``text`` (a
    command that converts a text as it is, not a document's units) also ``--explain-topics`` and
    ``--no-markup``."""
    add_glossary_options(parser)
    add_reference_options(parser)
    parser.add_argument("--no-glossary", action="store_true", help="no glossary (with --no-reference: plain OpenCC)")
    if text:
        parser.add_argument(
            "--explain-topics", action="store_true", help="say on standard error which reference groups apply, and why"
        )
        parser.add_argument(
            "--no-markup", action="store_true", help="leave MediaWiki -{...}- markup as text (default: resolve it)"
        )
    parser.add_argument(
        "--punctuation",
        choices=("auto", "keep"),
        default="auto",
        help="auto: the variant's quotation marks (default); keep: leave them",
    )


def converter(args: argparse.Namespace) -> Converter:
    """The converter into ``--to`` that the options of `add_conversion_options` name."""
    from termloc.engine.converter import Converter

    return Converter(args.to, glossary=selection(args), reference=reference_choice(args), punctuation=args.punctuation)


def say_topics(converter: Converter, text: str) -> None:
    """``--explain-topics``: say on standard error which reference groups apply to ``text``, and why."""
    if converter.auto:
        picks = converter.topics(text).picks
        lines = [f"reference groups chosen for the text (auto): {len(picks) or 'none'}"]
        lines += [f"  {pick.reason()}" for pick in picks]
    elif converter.reference:
        lines = [f"reference groups (named): {', '.join(converter.reference)}"]
    else:
        lines = ["no reference groups"]
    sys.stderr.write("".join(f"termloc: {line}\n" for line in lines))


def catalogs_dir(args: argparse.Namespace, *, writing: bool = False) -> Path:
    """Where catalogs live: ``--locales-dir``, else ``./locales``.

    Commands that only read catalogs fall back to termloc's own when there
    is no ``./locales`` (the packaged article's translations); commands that
    write them never write into termloc's own files.
    """
    if getattr(args, "locales_dir", None):
        return Path(args.locales_dir)
    here = Path("locales")
    return here if writing or here.is_dir() else resources.locales_dir()
