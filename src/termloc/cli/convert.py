"""``termloc variants`` and ``termloc convert``."""

from __future__ import annotations

import argparse
import io
import json
import os
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from termloc.cli.options import add_conversion_options, converter, inputs, out, say_topics
from termloc.cli.progress import Progress
from termloc.core.errors import UsageError

if TYPE_CHECKING:
    from termloc.corpus.pool import Workers
    from termloc.corpus.run import Settings
    from termloc.engine.converter import Converter

__all__ = ["add_commands", "cmd_convert", "cmd_variants"]


def cmd_variants(args: argparse.Namespace) -> int:
    """``termloc variants``: list the variants and locales."""
    from termloc.core.variants import load_variants

    registry = load_variants()
    if args.json:
        out(json.dumps([v.as_dict() for v in registry.values()], ensure_ascii=False, indent=2))
        return 0
    width = max(len(tag) for tag in registry)
    for variant in registry.values():
        config = variant.opencc_config or "-"
        fallbacks = " → ".join(variant.fallbacks) or "-"
        described = f"{variant.name}  ({variant.english_name})"
        out(f"{variant.tag:<{width}}  {described}; OpenCC {config}; falls back to {fallbacks}")
    return 0


def cmd_convert(args: argparse.Namespace) -> int:
    """``termloc convert``: convert files or standard input, streaming, on ``--jobs`` cores."""
    from termloc.corpus.run import Settings

    if len(args.inputs) > 1 and not args.out_dir:
        raise UsageError("several inputs need --out-dir DIR (one output file each)")
    if args.out_dir and args.output:
        raise UsageError("give -o FILE for one input or --out-dir DIR for a tree, not both")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs {args.jobs}: the number of worker processes must be 1 or more")
    chosen = converter(args)
    settings = Settings(chosen, markup=not args.no_markup, field=args.jsonl_field, announce=_announce(args))
    if args.dask:
        return _on_cluster(args, settings)
    with _workers(args) as workers, Progress.for_run(args) as progress:
        if args.out_dir:
            return _tree(args, settings, workers, progress)
        return _stream(args, settings, workers, progress)


def _announce(args: argparse.Namespace) -> Callable[[Converter, str, str], None] | None:
    """``--explain-topics``: which groups each input's text chose."""
    if not args.explain_topics:
        return None

    def announce(converter: Converter, text: str, name: str) -> None:
        if args.out_dir or len(args.inputs) > 1:
            sys.stderr.write(f"termloc: {name}:\n")
        say_topics(converter, text)

    return announce


def _workers(args: argparse.Namespace) -> Workers:
    from termloc.corpus.pool import Workers, default_jobs

    return Workers(args.jobs or default_jobs())


def _stream(args: argparse.Namespace, settings: Settings, workers: Workers, progress: Progress) -> int:
    from termloc.core.files import refuse_inputs, replacing
    from termloc.corpus.run import convert_stream

    name = args.inputs[0] if args.inputs else "-"
    with _opened(name) as (source, size):
        progress.expect(size)
        if args.output:
            refuse_inputs(Path(args.output), inputs(args, None if name == "-" else name))
            with replacing(Path(args.output)) as temporary, temporary.open("wb") as written:
                summary = convert_stream(settings, source, _shown(name), written, workers, size=size, progress=progress)
        else:
            sys.stdout.flush()
            sink = getattr(sys.stdout, "buffer", None) or _Text(sys.stdout)
            summary = convert_stream(settings, source, _shown(name), sink, workers, size=size, progress=progress)
            sink.flush()
    progress.finish(summary, always=False)
    return 0


def _tree(args: argparse.Namespace, settings: Settings, workers: Workers, progress: Progress) -> int:
    from termloc.core.files import refuse_inputs
    from termloc.corpus.inputs import plan
    from termloc.corpus.run import convert_files

    if not args.inputs:
        raise UsageError("--out-dir needs the files or folders to convert")
    out_dir = Path(args.out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir}: exists and is not a folder; name a folder for the files")
    refuse_inputs(out_dir, inputs(args, *args.inputs))
    planned = plan(args.inputs, out_dir)
    progress.expect(sum(p.source.stat().st_size for p in planned), files=len(planned))
    summary = convert_files(settings, planned, out_dir, workers, progress=progress)
    progress.finish(summary, always=True)
    return 0


@contextmanager
def _opened(name: str) -> Iterator[tuple[BinaryIO, int | None]]:
    """The input to read, and its size when it is a file that can seek."""
    if name == "-":
        yield sys.stdin.buffer, None
        return
    from termloc.core.files import open_input

    with open_input(name, " (a folder needs --out-dir DIR)") as source:
        info = os.fstat(source.fileno())
        yield source, info.st_size if stat.S_ISREG(info.st_mode) else None


class _Text(io.RawIOBase):
    """Bytes written to a text stream that has no binary buffer (a closed standard output says so)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, data: Any) -> int:
        self.stream.write(bytes(data).decode("utf-8"))
        return len(data)

    def flush(self) -> None:
        self.stream.flush()


def _shown(name: str) -> str:
    return "<stdin>" if name == "-" else name


def _on_cluster(args: argparse.Namespace, settings: Settings) -> int:
    from termloc.corpus.cluster import convert_on_cluster

    if not args.out_dir:
        raise UsageError("--dask converts files into --out-dir DIR (each file a task on the cluster)")
    with Progress.for_run(args) as progress:
        out_dir = Path(args.out_dir)
        summary = convert_on_cluster(
            args.dask, settings, args.inputs, out_dir, timeout=args.dask_timeout, progress=progress
        )
        progress.finish(summary, always=True)
    return 0


def add_commands(commands: Any) -> None:
    """Add ``variants`` and ``convert`` to the top-level subcommands."""
    variants = commands.add_parser("variants", help="list the variants and locales")
    variants.add_argument("--json", action="store_true", help="print JSON")
    variants.set_defaults(run=cmd_variants)

    convert = commands.add_parser("convert", help="convert text into a Chinese variant")
    convert.add_argument("inputs", nargs="*", metavar="INPUT", help="files, folders or globs (default: standard input)")
    convert.add_argument("--to", required=True, metavar="VARIANT", help="target variant: zh-TW, zh-Hans, zh-hk ...")
    convert.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of standard output")
    convert.add_argument(
        "--out-dir", metavar="DIR", help="convert every input file into DIR, mirroring folders; up-to-date files skip"
    )
    convert.add_argument(
        "--jobs", "-j", type=int, metavar="N", help="worker processes (default: the machine's cores; 1: this process)"
    )
    convert.add_argument("--jsonl-field", metavar="FIELD", help="the input is JSON Lines: convert this field only")
    convert.add_argument("--dask", metavar="ADDRESS", help="convert on this Dask cluster (tcp://host:8786)")
    convert.add_argument(
        "--dask-timeout", type=float, default=10, metavar="SECONDS", help="how long to try to reach it (default 10)"
    )
    convert.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")
    add_conversion_options(convert)
    convert.set_defaults(run=cmd_convert)
