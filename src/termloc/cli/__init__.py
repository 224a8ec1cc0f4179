"""The ``termloc`` command line.

``main(argv)`` returns an exit code and never raises for bad input: errors
become one line on standard error. 0 fine, 1 data or check failed, 2 usage.
Each command family lives in a module of its own (`termloc.cli.convert`,
`explain`, `render`, `compare`, `po`, `xliff`, `glossary`, `lookup`, `interchange`, `serve`);
`termloc.cli.options` holds what they share.
"""

from __future__ import annotations

import argparse
import codecs
import errno
import io
import os
import signal
import sys
import traceback
import warnings
from collections.abc import Sequence
from types import FrameType
from typing import TextIO

from termloc.cli import (
    compare,
    convert,
    explain,
    glossary,
    interchange,
    lookup,
    po,
    reference,
    render,
    serve,
    xliff,
)
from termloc.cli.options import Parser
from termloc.core.errors import GlossaryError, TermlocError, TermlocWarning

__all__ = ["INTERNAL_ERROR", "Terminated", "build_parser", "main", "main_entry"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``termloc`` command."""
    parser = Parser(prog="termloc", description="Terminology-driven conversion of Chinese text between variants.")
    parser.add_argument("--debug", action="store_true", help="print the traceback of an internal error")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    commands.required = True
    for family in (convert, explain, render, compare, po, xliff, glossary, lookup, reference, interchange, serve):
        family.add_commands(commands)
    return parser


#: The exit code of an error termloc did not expect (BSD's EX_SOFTWARE); a bug to report.
INTERNAL_ERROR = 70


class Terminated(BaseException):
    """SIGTERM arrived: unwind (temporary files are removed on the way) and exit 143."""


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """A warning as one line on standard error, like every other message."""
    sys.stderr.write(f"termloc: warning: {message}\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv``; return the exit code."""
    with warnings.catch_warnings():
        warnings.simplefilter("always", TermlocWarning)
        warnings.showwarning = _show_warning
        return _run(list(sys.argv[1:] if argv is None else argv))


def _run(argv: list[str]) -> int:
    parser = build_parser()
    command = "termloc"
    try:
        args = parser.parse_args(argv)
        command = f"termloc {args.command}"
        code: int = args.run(args)
        _flush()
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
    except Terminated:
        return 143
    except OSError as err:  # reading and writing files is guarded where it happens: this is standard output
        where = f"{err.filename}" if err.filename else "cannot write standard output"
        sys.stderr.write(f"termloc: {where}: {err.strerror or err}\n")
        return 1
    except Exception as err:  # the guard: a bug is one line too, and asks for a report
        if "--debug" in argv or os.environ.get("TERMLOC_DEBUG"):
            traceback.print_exc()
        sys.stderr.write(
            f"termloc: internal error in '{command}': {type(err).__name__}: {err}; this is a bug, "
            "please report it with the command line (--debug or TERMLOC_DEBUG=1 prints the traceback)\n"
        )
        return INTERNAL_ERROR


def _flush() -> None:
    """Flush standard output now: a full disk behind it is found here, not at exit."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as err:
        raise TermlocError(f"cannot write standard output: {err.strerror or err}") from None


class _Closed(io.TextIOBase):
    """Standard output when the process was started with it closed: writing is an error."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed; nothing can be written")


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated


def _prepare_streams() -> None:
    """UTF-8 on standard output whatever the locale says (termloc's files are UTF-8 too);
    standard error never fails on a character it cannot show."""
    if sys.stdout is None:
        sys.stdout = _Closed()
    elif isinstance(sys.stdout, io.TextIOWrapper) and codecs.lookup(sys.stdout.encoding).name != "utf-8":
        sys.stdout.reconfigure(encoding="utf-8")
    if isinstance(sys.stderr, io.TextIOWrapper):
        sys.stderr.reconfigure(errors="backslashreplace")


def main_entry() -> None:
    """Console-script entry point: exit with `main`'s code."""
    _prepare_streams()
    signal.signal(signal.SIGTERM, _terminate)
    code = main()
    try:
        sys.stdout.flush()
    except OSError:
        # A reader that went away (``| head``): nothing more to say, and no noise at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(code)
