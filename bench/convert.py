"""termloc's conversion against raw OpenCC, same config, same input, one run.

Converts ~20 MB of text (the article repeated) into zh-TW and zh-Hans with
raw OpenCC and with termloc (the project's glossary, then a synthetic
glossary of 10,000 entries) and prints throughput in M chars/s and the
ratio termloc/OpenCC. Also times building a converter from a cached
glossary against building raw OpenCC with the same config.

    python bench/convert.py [--megabytes 20] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import opencc  # noqa: E402

import synthetic  # noqa: E402
from termloc import Converter, load_variants  # noqa: E402


def seconds(action: Callable[[], object]) -> float:
    """Wall time of one call of ``action``."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


BUILD_RAW = "import opencc, time; t = time.perf_counter(); opencc.OpenCC({config!r}); print(time.perf_counter() - t)"
BUILD_OURS = (
    "import opencc, time; from termloc.engine.converter import Converter; "
    "from termloc.core.variants import load_variants; "
    "r = load_variants(); t = time.perf_counter(); "
    "Converter({tag!r}, glossary={paths!r}, registry=r); print(time.perf_counter() - t)"
)


def cold_build(code: str, runs: int) -> float:
    """Median build time in fresh processes (imports excluded), in seconds."""
    times = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(runs)
    ]
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=20.0, help="size of the input (UTF-8), default 20")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best counts")
    parser.add_argument("--entries", type=int, default=10_000, help="size of the synthetic glossary")
    args = parser.parse_args()

    os.environ.setdefault("TERMLOC_CACHE", tempfile.mkdtemp(prefix="termloc-bench-"))
    article = (ROOT / "articles" / "dprk-russia-relations.zhwiki.txt").read_text(encoding="utf-8")
    copies = max(1, int(args.megabytes * 1_000_000 / len(article.encode())))
    text = article * copies
    print(f"input: the article x {copies} = {len(text.encode()) / 1e6:.1f} MB, {len(text) / 1e6:.2f} M chars")
    synthetic_dir = synthetic.write(args.entries, Path(tempfile.mkdtemp(prefix="termloc-synthetic-")))

    registry = load_variants()
    glossaries: list[tuple[str, list[Path]]] = [
        ("project glossary", [ROOT / "glossary"]),
        (f"{args.entries:,} synthetic entries", [synthetic_dir]),
    ]
    # "termloc" converts as 'termloc convert' does, regional quotation marks
    # included (zh-TW: “” → 「」); "marks kept" is --punctuation keep, the same
    # work as OpenCC's.
    print(
        f"{'variant':<8} {'glossary':<26} {'OpenCC M/s':>10} {'termloc M/s':>11} {'ratio':>6}"
        f" {'marks kept M/s':>14} {'ratio':>6}"
    )
    for tag in ("zh-TW", "zh-Hans"):
        config = str(registry[tag].opencc_config)
        raw = opencc.OpenCC(config)
        for label, paths in glossaries:
            ours = Converter(tag, glossary=paths, punctuation="auto")
            kept = Converter(tag, glossary=paths, punctuation="keep")
            raw_time = ours_time = kept_time = float("inf")
            for _ in range(args.repeat):  # interleaved, so all see the same machine
                raw_time = min(raw_time, seconds(partial(raw.convert, text)))
                ours_time = min(ours_time, seconds(partial(ours.convert, text)))
                kept_time = min(kept_time, seconds(partial(kept.convert, text)))
            raw_speed, ours_speed, kept_speed = (len(text) / s / 1e6 for s in (raw_time, ours_time, kept_time))
            print(
                f"{tag:<8} {label:<26} {raw_speed:>10.2f} {ours_speed:>11.2f} {ours_speed / raw_speed:>6.2f}"
                f" {kept_speed:>14.2f} {kept_speed / raw_speed:>6.2f}"
            )

    print()
    print("building a converter from a cached glossary against raw OpenCC, fresh processes, median of 7:")
    for tag in ("zh-TW", "zh-Hans"):
        config = str(registry[tag].opencc_config)
        for label, paths in glossaries:
            Converter(tag, glossary=paths)  # make sure the cache is warm
            raw_build = cold_build(BUILD_RAW.format(config=config), 7)
            ours_build = cold_build(BUILD_OURS.format(tag=tag, paths=[str(p) for p in paths]), 7)
            print(
                f"{tag:<8} {label:<26} OpenCC {raw_build * 1e3:6.1f} ms  termloc {ours_build * 1e3:6.1f} ms"
                f"  ratio {ours_build / raw_build:.2f}"
            )


if __name__ == "__main__":
    main()
