"""Converting a stream, or a tree of files, chunk by chunk.

Memory stays bounded whatever the input's size: the reader holds one block,
`termloc.corpus.pool.Workers` a few chunks per worker, and output is written
as it comes, into a temporary file beside the target that is renamed over it
when the input is done (`termloc.core.files.replacing`). An error or an
interrupt leaves every output finished before it and no partial one.

A folder run is resumable: an output is up to date when it is newer than its
input and than the run's settings file (`SETTINGS`, rewritten whenever the
variant, glossary, reference, punctuation, markup or field change), and an
up-to-date output is skipped.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol

from termloc.core.errors import InputError
from termloc.core.files import open_input, replacing, write_atomic
from termloc.corpus.chunks import chunks
from termloc.corpus.inputs import Planned, sample_bytes, sample_text
from termloc.corpus.pool import Item, Workers
from termloc.corpus.work import Task
from termloc.engine.converter import Converter

__all__ = [
    "SETTINGS",
    "Progress",
    "Settings",
    "Summary",
    "convert_files",
    "convert_stream",
    "settings_file",
    "up_to_date",
]

#: The file in an output folder that records the settings its outputs were made with.
SETTINGS = ".termloc-convert.json"


class Sink(Protocol):
    """Where converted bytes go: a binary file or standard output's buffer."""

    def write(self, data: bytes, /) -> int | None: ...


#: Told of each chunk done: (input bytes, characters written, files finished).
Progress = Callable[[int, int, int], None]


@dataclass(frozen=True)
class Settings:
    """What a run does to each input: convert with ``converter`` (groups chosen per input with ``auto``),
    resolving markup or not, the text or one JSON Lines field."""

    converter: Converter
    markup: bool = True
    field: str | None = None
    #: Told of each input's text to choose from: (the converter, that text, the input's name).
    announce: Callable[[Converter, str, str], None] | None = None

    def task(self, sampled: bytes, name: str) -> Task:
        """The task of one input, its reference groups chosen from ``sampled``."""
        converter = self.converter
        if converter.auto or self.announce is not None:
            text = sample_text(sampled, self.field)
            if self.announce is not None:
                self.announce(converter, text, name)
            converter = converter.settled(text)
        return Task(converter, self.markup, self.field, name)

    def digest(self) -> dict[str, object]:
        """What the outputs depend on, to tell whether an output folder was made with these settings."""
        from importlib.metadata import version  # 30 ms of imports: only for a folder of outputs

        converter = self.converter
        return {
            "termloc": version("termloc"),
            "variant": converter.variant.tag,
            "config": str(converter.config.parent.parent.name if converter.selection else converter.config),
            "reference": "auto" if converter.auto else list(converter.reference),
            "punctuation": converter.punctuation,
            "markup": self.markup,
            "field": self.field,
        }


@dataclass
class Summary:
    """What a run did."""

    files: int = 0
    skipped: int = 0
    bytes: int = 0
    characters: int = 0
    seconds: float = 0.0
    started: float = field(default_factory=time.perf_counter)

    def line(self) -> str:
        """The summary line a command prints at the end."""
        self.seconds = time.perf_counter() - self.started
        speed = self.bytes / 1e6 / self.seconds if self.seconds else 0.0
        skipped = f" ({self.skipped:,} up to date, skipped)" if self.skipped else ""
        return (
            f"converted {self.files:,} file{'s' * (self.files != 1)}{skipped}: {self.characters:,} characters, "
            f"{self.bytes / 1e6:,.1f} MB in {self.seconds:.1f} s ({speed:.1f} MB/s)"
        )


def convert_stream(
    settings: Settings,
    source: BinaryIO,
    name: str,
    sink: Sink,
    workers: Workers,
    *,
    size: int | None = None,
    progress: Progress | None = None,
) -> Summary:
    """Convert ``source`` (a file of ``size`` bytes, or a stream that cannot seek) into ``sink``."""
    summary = Summary()
    for done in workers.run(_items(settings, source, name, size)):
        if done.chunk is None:
            summary.files += 1
            continue
        sink.write(done.data)
        _count(summary, progress, len(done.chunk.data), done.characters)
    return summary


def _items(settings: Settings, source: BinaryIO, name: str, size: int | None) -> Iterator[Item]:
    sampled, head = sample_bytes(source, size)
    task = settings.task(sampled, name)
    del sampled
    for chunk in chunks(source, name, head=head):
        yield task, chunk
    yield task, None


def _count(summary: Summary, progress: Progress | None, read: int, characters: int) -> None:
    summary.bytes += read
    summary.characters += characters
    if progress is not None:
        progress(read, characters, 0)


def convert_files(
    settings: Settings, planned: list[Planned], out_dir: Path, workers: Workers, *, progress: Progress | None = None
) -> Summary:
    """Convert each planned input into its target under ``out_dir``, skipping targets that are up to date."""
    summary = Summary()
    marker = settings_file(out_dir, settings)
    todo = [p for p in planned if not up_to_date(p, marker)]
    summary.skipped = len(planned) - len(todo)
    targets = {str(p.source): p.target for p in todo}
    with contextlib.ExitStack() as stack:
        writing: BinaryIO | None = None
        for done in workers.run(_file_items(settings, todo)):
            if writing is None:
                target = targets[done.task.name]
                _made(target.parent)
                writing = stack.enter_context(stack.enter_context(replacing(target)).open("wb"))
            if done.chunk is not None:
                writing.write(done.data)
                _count(summary, progress, len(done.chunk.data), done.characters)
                continue
            stack.close()  # closes the file and renames it over its target
            writing = None
            summary.files += 1
            if progress is not None:
                progress(0, 0, 1)
    return summary


def _file_items(settings: Settings, todo: list[Planned]) -> Iterator[Item]:
    for planned in todo:
        with open_input(planned.source) as source:
            yield from _items(settings, source, str(planned.source), os.fstat(source.fileno()).st_size)


def _made(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(folder, f"cannot make the output folder: {err.strerror}") from None


def settings_file(out_dir: Path, settings: Settings) -> Path:
    """The output folder's settings file, rewritten (so newer than every output) when they changed."""
    marker = out_dir / SETTINGS
    wanted = settings.digest()
    try:
        found = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        found = None
    if found != wanted:
        _made(out_dir)
        write_atomic(marker, json.dumps(wanted, ensure_ascii=False, indent=1) + "\n")
    return marker


def up_to_date(planned: Planned, marker: Path) -> bool:
    try:
        made = planned.target.stat().st_mtime_ns
    except OSError:
        return False
    return made >= planned.source.stat().st_mtime_ns and made >= marker.stat().st_mtime_ns
