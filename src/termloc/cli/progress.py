"""The progress bar of a long run: on a terminal only, never on a pipe, and a summary at the end."""

from __future__ import annotations

import argparse
import os
import sys
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from termloc.corpus.run import Summary

__all__ = ["Progress"]


class Progress:
    """Called with (input bytes, characters, files) as work is done; draws a tqdm bar on standard error
    when it is a terminal (files, characters, speed and time left) and says the run's summary at the end."""

    def __init__(self, shown: bool) -> None:
        self.shown = shown
        self._bar: Any = None
        self._files = 0
        self._characters = 0
        self._of_files: int | None = None

    @classmethod
    def for_run(cls, args: argparse.Namespace) -> Progress:
        """A bar when standard error is a terminal, unless ``--no-progress`` or ``NO_PROGRESS`` is set."""
        terminal = getattr(sys.stderr, "isatty", None)
        wanted = not args.no_progress and not os.environ.get("NO_PROGRESS")
        return cls(bool(wanted and terminal and terminal()))

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def expect(self, size: int | None, files: int | None = None) -> None:
        """How many bytes (None: not known) and files the run will read."""
        self._of_files = files
        if self.shown:
            from tqdm import tqdm

            self._bar = tqdm(total=size, unit="B", unit_scale=True, unit_divisor=1000, file=sys.stderr, leave=False)

    def __call__(self, read: int, characters: int, files: int) -> None:
        self._characters += characters
        self._files += files
        if self._bar is not None:
            of = f"/{self._of_files:,}" if self._of_files is not None else ""
            self._bar.set_postfix_str(f"{self._files:,}{of} files, {self._characters:,} characters", refresh=False)
            self._bar.update(read)

    def finish(self, summary: Summary, *, always: bool) -> None:
        """Say the summary on standard error: always for a tree of files, after a bar for one input."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        if always or self.shown:
            sys.stderr.write(f"termloc: {summary.line()}\n")
