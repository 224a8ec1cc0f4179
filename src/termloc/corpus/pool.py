"""Chunks converted in worker processes, given back in order.

`Workers.run` takes the chunks of one input after another, each with its
`Task`, and gives back each chunk's converted bytes in the order it took
them, with an end marker after each input. At most two chunks per worker
are in flight, so memory does not grow with the input. A chunk that markup
ties to the chunks before it (`termloc.corpus.work.plain_chunk`) is
converted here, in order, by the input's own markup resolver.

Workers start only once there is a second chunk to convert (one line is
converted here, without starting any), with the ``forkserver`` method (no
fork of a process that may hold threads); each rebuilds the converter from
the compile cache once, and leaves Ctrl-C to this process.
"""

from __future__ import annotations

import itertools
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from termloc.corpus.chunks import Chunk, decoded
from termloc.corpus.work import Task, convert_chunk, plain_chunk

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from termloc.engine.markup import MarkupConverter

__all__ = ["Done", "Workers", "default_jobs"]


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Done:
    """The converted bytes of one chunk (``chunk`` None: the input ended)."""

    task: Task
    chunk: Chunk | None
    data: bytes = b""
    characters: int = 0


#: What `Workers.run` takes: a chunk of an input, or (None) the input's end.
Item = tuple[Task, Chunk | None]


class Workers:
    """``jobs`` worker processes (one job: every chunk is converted in this process)."""

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(cancel=exc[0] is not None)

    def close(self, *, cancel: bool = False) -> None:
        """Stop the workers (dropping the chunks not started, after an error or an interrupt)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=cancel)
            self._executor = None

    def _started(self) -> ProcessPoolExecutor:
        if self._executor is None:
            # Imported here: a one-line `termloc convert` never starts a pool (40 ms of imports).
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            context = multiprocessing.get_context("forkserver")
            self._executor = ProcessPoolExecutor(self.jobs, mp_context=context, initializer=_worker_started)
        return self._executor

    def run(self, items: Iterable[Item]) -> Iterator[Done]:
        """Each chunk of ``items`` converted, and each input's end, in the order of ``items``."""
        documents = _Documents()
        items = iter(items)
        held = list(itertools.islice(items, 2))
        if self.jobs == 1 or sum(chunk is not None for _, chunk in held) < 2:
            for task, chunk in itertools.chain(held, items):
                yield Done(task, chunk, *documents.convert(task, chunk)) if chunk is not None else Done(task, None)
            return
        yield from self._parallel(documents, itertools.chain(held, items))

    def _parallel(self, documents: _Documents, items: Iterable[Item]) -> Iterator[Done]:
        executor = self._started()
        pending: deque[tuple[Task, Chunk | None, Future[tuple[bytes, int]] | None]] = deque()
        for task, chunk in items:
            if chunk is not None and documents.ordered(task, chunk):
                while pending:  # everything before it first, then the chunk here
                    yield _done(pending.popleft())
                yield Done(task, chunk, *documents.convert(task, chunk))
                continue
            work = executor.submit(convert_chunk, task, chunk) if chunk is not None else None
            pending.append((task, chunk, work))
            while len(pending) > 2 * self.jobs:
                yield _done(pending.popleft())
        while pending:
            yield _done(pending.popleft())


def _done(item: tuple[Task, Chunk | None, Future[tuple[bytes, int]] | None]) -> Done:
    task, chunk, work = item
    return Done(task, chunk, *work.result()) if work is not None else Done(task, chunk)


def _worker_started() -> None:
    """A worker ignores Ctrl-C: the command stops it, and it finishes the chunk it holds."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Documents:
    """The markup state of the input being read: once one of its chunks holds markup, that chunk and
    every later one of the input are converted here, in order (markup rules last to the input's end)."""

    def __init__(self) -> None:
        self._task: Task | None = None
        self._markup: MarkupConverter | None = None

    def ordered(self, task: Task, chunk: Chunk) -> bool:
        """Whether the chunk must be converted here, after the chunks before it."""
        if task is not self._task:
            self._task, self._markup = task, None
        return self._markup is not None or not plain_chunk(task, chunk)

    def convert(self, task: Task, chunk: Chunk) -> tuple[bytes, int]:
        """The chunk converted, keeping the input's markup rules from chunk to chunk."""
        if not self.ordered(task, chunk):
            return convert_chunk(task, chunk)
        converter = task.converter
        if self._markup is None:
            self._markup = converter.markup()
        text = converter.quoted(self._markup.convert(decoded(chunk, task.name)).text)
        return text.encode("utf-8"), len(text)
