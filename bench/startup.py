"""Start-up: ``termloc convert --to zh-TW`` on one short line, fresh processes.

Compares the wall time of the termloc command (glossary already cached) with
that of ``python -c "import opencc; print(opencc.OpenCC('s2twp').convert('普京'))"``,
measured in the same run, alternating, and prints the ratio of the medians.

    python bench/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RAW = [sys.executable, "-c", "import opencc; print(opencc.OpenCC('s2twp').convert('普京'))"]


def wall(command: list[str], stdin: str) -> float:
    start = time.perf_counter()
    subprocess.run(command, input=stdin.encode(), capture_output=True, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    termloc = shutil.which("termloc", path=str(Path(sys.executable).parent)) or "termloc"
    ours = [termloc, "convert", "--to", "zh-TW"]
    os.environ.setdefault("TERMLOC_CACHE", tempfile.mkdtemp(prefix="termloc-startup-"))
    warm = subprocess.run(ours, input="普京\n".encode(), capture_output=True, check=True)
    print(
        f"termloc prints {warm.stdout.decode().strip()!r}; plain OpenCC prints "
        f"{subprocess.run(RAW, capture_output=True, check=True).stdout.decode().strip()!r}"
    )
    raw_times, our_times = [], []
    for _ in range(args.runs):
        raw_times.append(wall(RAW, ""))
        our_times.append(wall(ours, "普京\n"))
    raw, mine = statistics.median(raw_times), statistics.median(our_times)
    print(f"python -c 'import opencc ...' {raw * 1e3:7.1f} ms (median of {args.runs})")
    print(f"termloc convert --to zh-TW    {mine * 1e3:7.1f} ms (median of {args.runs}, cached glossary)")
    print(f"ratio termloc/OpenCC: {mine / raw:.2f}")


if __name__ == "__main__":
    main()
