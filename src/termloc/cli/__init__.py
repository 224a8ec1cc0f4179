"""The ``termloc`` command line.

``main(argv)`` returns an exit code and never raises for bad input: errors
become one line on standard error. 0 fine, 1 data or check failed, 2 usage.
Each command family lives in a module of its own (`termloc.cli.convert`,
`render`, `po`, `glossary`, `lookup`, `interchange`); `termloc.cli.options`
holds what they share.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from termloc.cli import convert, glossary, interchange, lookup, po, reference, render
from termloc.cli.options import Parser
from termloc.core.errors import GlossaryError, TermlocError

__all__ = ["build_parser", "main", "main_entry"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``termloc`` command."""
    parser = Parser(prog="termloc", description="Terminology-driven conversion of Chinese text between variants.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    commands.required = True
    for family in (convert, render, po, glossary, lookup, reference, interchange):
        family.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv``; return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        code: int = args.run(args)
        return code
    except GlossaryError as err:
        for problem in err.problems:
            sys.stderr.write(f"{problem}\n")
        sys.stderr.write("the glossary is invalid; 'termloc glossary validate' lists the problems\n")
        return err.exit_code
    except TermlocError as err:
        sys.stderr.write(f"termloc: {err}\n")
        return err.exit_code
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


def main_entry() -> None:
    """Console-script entry point: exit with `main`'s code."""
    sys.exit(main())
