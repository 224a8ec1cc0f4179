"""Explained conversion: its throughput, and what it costs the plain convert path, in one run.

    python bench/explain.py [--megabytes 20] [--variant zh-TW] [--slice 2.5]
                            [--runs 5] [--before 9010e20]

Figures, all with the default options (termloc's glossary, ``--reference
auto``), on the input of ``bench/reference.py``'s throughput (the article
repeated to ``--megabytes``, mixed scripts):

- explain: ``Converter(variant).explain`` in this process, in MB/s of
  UTF-8 input, and the cost of writing its spans as ``termloc explain
  --json`` and as the table. Explaining is far slower than converting
  (20 MB took 335 s in one run on a busy machine), so only the input's
  first ``--slice`` megabytes (whole copies of the article; default 2.5,
  about 30 s) are explained and the time for the whole input extrapolated,
  in proportion (the output says so); ``--slice`` as large as
  ``--megabytes`` explains it all.
- convert: ``Converter(variant).convert`` of the whole input with this
  checkout's code and with the commit before explanation (``--before``, a
  temporary ``git worktree`` removed at the end), each run in a fresh
  process with its own warm cache and ``PYTHONPATH`` pointing at one of
  them, the two alternating; best and median of ``--runs`` each, and the
  ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))  # this checkout's code, as the convert runs below use it
ARTICLE = ROOT / "articles" / "dprk-russia-relations.zhwiki.txt"

#: Run by each convert process: the best of two conversions of the input, after one to warm up
#: (with ``auto``, the first conversion of a text chooses its reference groups and loads them).
CONVERT = """
import json, sys, time
import termloc
from termloc import Converter
text = open(sys.argv[1], encoding="utf-8").read()
converter = Converter(sys.argv[2])
converter.convert(text)
best = float("inf")
for _ in range(2):
    start = time.perf_counter()
    converter.convert(text)
    best = min(best, time.perf_counter() - start)
print(json.dumps({"package": termloc.__file__, "seconds": best}))
"""


def seconds(action: Callable[[], object]) -> float:
    """Wall time of one call of ``action``."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def unit() -> str:
    """One copy of the repeated input: the article and a line break (as `bench/reference.py`)."""
    return ARTICLE.read_text(encoding="utf-8") + "\n"


def megabytes_of(text: str) -> float:
    """The size of ``text`` in UTF-8, in MB."""
    return len(text.encode()) / 1e6


def explain(variant: str, megabytes: float, slice_megabytes: float) -> None:
    """Explain the input (or a slice of it, extrapolated) and print the figures."""
    from termloc import Converter
    from termloc.cli.explain import table

    piece = unit()
    copies = int(megabytes * 1e6 / len(piece.encode()) + 1)
    converter = Converter(variant)
    converter.explain(piece)  # the explainer and the reference groups chosen, read once
    whole = copies * len(piece.encode()) / 1e6
    used = max(1, min(copies, int(slice_megabytes * 1e6 / len(piece.encode()))))
    note = "the whole input" if used == copies else f"a slice: {used:,} of the {copies:,} copies"
    text = piece * used
    size = megabytes_of(text)
    print(f"explain, {variant}: {size:.2f} MB, {len(text) / 1e6:.2f} M chars, {note}")
    start = time.perf_counter()
    spans = converter.explain(text)
    took = time.perf_counter() - start
    json_lines = seconds(lambda: "".join(json.dumps(s.as_json(), ensure_ascii=False) + "\n" for s in spans))
    shown = seconds(lambda: table(text, spans))
    converted = min(seconds(lambda: converter.convert(text)) for _ in range(3))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  spans: {took:.1f} s, {size / took:.3f} MB/s, {len(spans):,} spans; peak memory {peak:.0f} MB")
    print(f"  as JSON Lines (--json): {json_lines:.1f} s more; as the table: {shown:.1f} s more")
    print(
        f"  convert of the same text: {converted:.2f} s ({size / converted:.1f} MB/s):"
        f" explain takes {took / converted:.0f}x as long"
    )
    if used != copies:
        print(
            f"  extrapolated to the whole {whole:.1f} MB: spans {took * whole / size:.0f} s,"
            f" with JSON Lines {(took + json_lines) * whole / size:.0f} s"
        )


def convert_before_and_now(variant: str, megabytes: float, runs: int, before: str) -> None:
    """Time the plain convert path with this checkout's code and with ``before``'s, alternating."""
    folder = Path(tempfile.mkdtemp(prefix="termloc-bench-explain-"))
    old = folder / "before"
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(old), before], check=True, capture_output=True
    )
    try:
        piece = unit()
        source = folder / "input.txt"
        source.write_text(piece * int(megabytes * 1e6 / len(piece.encode()) + 1), encoding="utf-8")
        trees = {"now": ROOT, before: old}
        times: dict[str, list[float]] = {name: [] for name in trees}

        def run(name: str) -> float:
            env = {
                **os.environ,
                "PYTHONPATH": str(trees[name] / "src"),
                "TERMLOC_CACHE": str(folder / f"cache-{name}"),
                "XDG_CACHE_HOME": str(folder / "xdg"),
            }
            done = subprocess.run(
                [sys.executable, "-c", CONVERT, str(source), variant],
                capture_output=True,
                text=True,
                check=True,
                env=env,
            )
            result = json.loads(done.stdout)
            assert result["package"].startswith(str(trees[name])), result  # the code meant, not the installed one
            return float(result["seconds"])

        for name in trees:
            run(name)  # compile each cache
        for _ in range(runs):
            for name in trees:
                times[name].append(run(name))
        size = megabytes_of(source.read_text(encoding="utf-8"))
        print(f"convert, {variant}, {size:.1f} MB, fresh processes alternating, {runs} runs each (best of 2 in each):")
        for name, found in times.items():
            print(
                f"  {name:<8} best {min(found):.2f} s ({size / min(found):.1f} MB/s),"
                f" median {statistics.median(found):.2f} s"
                f"  [{', '.join(f'{t:.2f}' for t in found)}]"
            )
        now, then = times["now"], times[before]
        print(
            f"  now / {before}: best {min(now) / min(then):.3f},"
            f" median {statistics.median(now) / statistics.median(then):.3f}"
            " (time; below 1 is faster)"
        )
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=False)
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=20.0, help="size of the input (UTF-8), default 20")
    parser.add_argument("--variant", default="zh-TW")
    parser.add_argument("--slice", type=float, default=2.5, help="MB of the input explained, default 2.5")
    parser.add_argument("--runs", type=int, default=5, help="convert runs of each code, default 5")
    parser.add_argument("--before", default="9010e20", help="the commit to compare the convert path with")
    args = parser.parse_args()
    os.environ.setdefault("TERMLOC_CACHE", tempfile.mkdtemp(prefix="termloc-bench-"))
    explain(args.variant, args.megabytes, args.slice)
    convert_before_and_now(args.variant, args.megabytes, args.runs, args.before)


if __name__ == "__main__":
    main()
