"""The reference termbase on: cold start, warm start, throughput and memory, in one run.

    python bench/reference.py [--megabytes 20] [--runs 11] [--variant zh-TW]

Figures (issue 13's targets in brackets), all with the default options
(termloc's glossary, ``--reference auto``):

- cold: ``termloc convert`` of a 10,000-character article (the project's
  article followed by the development set's lines, real text) in a fresh
  process with an empty cache, the median of ``--cold-runs``: wall time [at most 5 s], and the peak memory
  of that process and its children (the dictionary compiler) [under 300 MB];
- warm: ``termloc convert`` of one line, cache filled, against ``python -c
  "import opencc; print(opencc.OpenCC('s2twp').convert('普京'))"``, medians of
  alternating runs [at most 2x];
- throughput: ``Converter(variant).convert`` of ``--megabytes`` of text (the
  article repeated), in this process, against ``opencc.OpenCC(config)``
  of the variant, best of three, interleaved [at least 0.9x].
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "articles" / "dprk-russia-relations.zhwiki.txt"
DEVSET = ROOT / "tests" / "data" / "devset"
CONFIGS = {"zh-TW": "s2twp", "zh-HK": "s2hk", "zh-CN": "tw2sp", "zh-Hant": "s2t"}


def article(size: int = 10_000) -> str:
    """``size`` characters of real text: the article, then the development set's input lines."""
    parts = [ARTICLE.read_text(encoding="utf-8")]
    for path in sorted(DEVSET.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        parts += [line["input"] for line in data["lines"]]
    text = "\n".join(parts)
    while len(text) < size:
        text += "\n" + text
    return text[:size]


def installed(env: dict[str, str] | None = None) -> dict[str, str]:
    """``env`` (or this process's) as an installed termloc runs: with its bytecode. A shell that sets
    PYTHONDONTWRITEBYTECODE makes every run compile termloc's modules again (60 ms a run here),
    which pip's install of a wheel never leaves to the first run."""
    return {key: value for key, value in (env or os.environ).items() if key != "PYTHONDONTWRITEBYTECODE"}


def wall(command: list[str], stdin: bytes = b"", env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, input=stdin, capture_output=True, check=True, env=installed(env))
    return time.perf_counter() - start


def cold(termloc: str, variant: str, text: str) -> tuple[float, float]:
    """Seconds and peak MB of a first run with nothing cached."""
    folder = Path(tempfile.mkdtemp(prefix="termloc-cold-"))
    try:
        source = folder / "article.txt"
        source.write_text(text, encoding="utf-8")
        env = {**os.environ, "TERMLOC_CACHE": str(folder / "cache"), "XDG_CACHE_HOME": str(folder / "xdg")}
        seconds = wall([termloc, "convert", "--to", variant, str(source)], env=env)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        return seconds, peak
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def warm(termloc: str, variant: str, runs: int) -> tuple[float, float]:
    """Median seconds of a one-line termloc convert and of raw OpenCC in Python."""
    raw = [sys.executable, "-c", f"import opencc; print(opencc.OpenCC('{CONFIGS[variant]}').convert('普京'))"]
    ours = [termloc, "convert", "--to", variant]
    subprocess.run(ours, input="普京\n".encode(), capture_output=True, check=True, env=installed())  # fill the caches
    raw_times, our_times = [], []
    for _ in range(runs):
        raw_times.append(wall(raw))
        our_times.append(wall(ours, "普京\n".encode()))
    return statistics.median(our_times), statistics.median(raw_times)


def throughput(variant: str, megabytes: float) -> tuple[float, float]:
    """Best seconds of termloc's and raw OpenCC's conversion of ``megabytes`` of text."""
    import opencc

    from termloc import Converter

    unit = ARTICLE.read_text(encoding="utf-8") + "\n"
    text = unit * int(megabytes * 1e6 / len(unit.encode()) + 1)
    ours = Converter(variant)
    ours.convert(text[:1000])
    raw = opencc.OpenCC(CONFIGS[variant])
    our_best = raw_best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        raw.convert(text)
        raw_best = min(raw_best, time.perf_counter() - start)
        start = time.perf_counter()
        ours.convert(text)
        our_best = min(our_best, time.perf_counter() - start)
    return our_best, raw_best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=20.0)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--cold-runs", type=int, default=3, help="cold runs, each with an empty cache")
    parser.add_argument("--variant", default="zh-TW", choices=sorted(CONFIGS))
    args = parser.parse_args()
    termloc = shutil.which("termloc", path=str(Path(sys.executable).parent)) or "termloc"
    os.environ["TERMLOC_CACHE"] = tempfile.mkdtemp(prefix="termloc-bench-")
    text = article()
    colds = sorted(cold(termloc, args.variant, text) for _ in range(args.cold_runs))
    seconds, peak = statistics.median(s for s, _ in colds), max(p for _, p in colds)
    spread = ", ".join(f"{s:.2f}" for s, _ in colds)
    print(
        f"cold: {len(text):,} characters to {args.variant}, empty cache: median {seconds:.2f} s of {spread} "
        "(target <= 5 s)"
    )
    print(f"peak memory of the cold run (process and compiler): {peak:.0f} MB (target < 300 MB)")
    mine, raw = warm(termloc, args.variant, args.runs)
    print(
        f"warm one line: termloc {mine * 1e3:.0f} ms, python -c 'import opencc ...' {raw * 1e3:.0f} ms: "
        f"{mine / raw:.2f}x (target <= 2x)"
    )
    ours, opencc_seconds = throughput(args.variant, args.megabytes)
    print(
        f"throughput, {args.megabytes:g} MB: termloc {args.megabytes / ours:.1f} MB/s, "
        f"OpenCC {args.megabytes / opencc_seconds:.1f} MB/s: {opencc_seconds / ours:.2f}x (target >= 0.9x)"
    )


if __name__ == "__main__":
    main()
