"""Corpus scale: a 1 GB corpus through raw OpenCC, termloc with --jobs 1 and 2, and Dask with 1 and 2 workers.

Generates its corpus outside the repository (``--dir``, default a temporary folder): ``--files`` files
made of real text (the article, the dev set's Wikipedia lines in five topics, OpenCC's test inputs),
paragraphs shuffled per file with a fixed seed, ``--gigabytes`` in all. Reports, in one run:

- throughput of raw OpenCC (``s2twp``, one core, file by file) and of ``termloc convert --to zh-TW
  DIR --out-dir OUT`` with ``--jobs 1`` and ``--jobs 2`` (default options: glossary, reference auto);
- the same through Dask (`termloc.corpus.cluster.convert_folder`) on a LocalCluster of 1 and 2 workers;
- the peak memory of the largest process of each run;
- a projection for a 3 GB dump on 1, 8 and 64 cores.

    python bench/corpus.py [--gigabytes 1] [--files 64] [--dir DIR] [--skip-dask]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "articles" / "dprk-russia-relations.zhwiki.txt"
DEVSET = ROOT / "tests" / "data" / "devset"
CASES = ROOT.parent / "shared" / "data" / "testsuites" / "opencc-testcases.json"


def paragraphs() -> list[str]:
    """Real paragraphs: the article's, the dev set's lines, OpenCC's inputs."""
    found = [p for p in ARTICLE.read_text(encoding="utf-8").split("\n") if p.strip()]
    for path in sorted(DEVSET.glob("*.yaml")):
        found += [line["input"] for line in yaml.safe_load(path.read_text(encoding="utf-8"))["lines"]]
    if CASES.is_file():
        import re

        cases = json.loads(re.sub(r",\s*([}\]])", r"\1", CASES.read_text(encoding="utf-8")))["cases"]
        found += [str(case["input"]).replace("\n", " ") for case in cases]
    return found


def generate(folder: Path, gigabytes: float, files: int) -> int:
    """Write the corpus; its size in bytes."""
    pieces = [(p + "\n").encode("utf-8") for p in paragraphs()]
    per_file = int(gigabytes * 1e9 / files)
    rng = random.Random(17)
    total = 0
    for i in range(files):
        order = list(range(len(pieces)))
        rng.shuffle(order)
        block = b"".join(pieces[j] for j in order)
        data = block * (per_file // len(block) + 1)
        data = data[: data.rfind(b"\n", 0, per_file) + 1]
        (folder / f"part-{i:03d}.txt").write_bytes(data)
        total += len(data)
    return total


def raw_opencc(folder: Path, out: Path) -> float:
    """Seconds for OpenCC's s2twp, file by file, read and written, in a fresh process."""
    code = (
        "import opencc,sys,time,pathlib\n"
        "c=opencc.OpenCC('s2twp.json');o=pathlib.Path(sys.argv[2]);t=time.perf_counter()\n"
        "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.txt')):\n"
        "    (o/p.name).write_text(c.convert(p.read_text(encoding='utf-8')),encoding='utf-8')\n"
        "print(time.perf_counter()-t)\n"
    )
    out.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", code, str(folder), str(out)], capture_output=True, text=True, check=True
    )
    return float(done.stdout)


def measured(command: list[str]) -> tuple[float, float]:
    """(seconds, peak MB of the largest process) of a command, in a fresh process that waits for it."""
    probe = (
        "import resource,subprocess,sys,time\n"
        "t=time.perf_counter();subprocess.run(sys.argv[1:],check=True,stderr=subprocess.DEVNULL)\n"
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True)
    seconds, peak = done.stdout.split()
    return float(seconds), float(peak)


def on_dask(folder: Path, out: Path, workers: int) -> tuple[float, float]:
    """(seconds, peak MB of the largest worker) of `convert_folder` on a LocalCluster of ``workers``."""
    from distributed import Client, LocalCluster

    from termloc.corpus.cluster import convert_folder
    from termloc.corpus.run import Settings
    from termloc.engine.converter import Converter

    settings = Settings(Converter("zh-TW"))
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        start = time.perf_counter()
        convert_folder(settings, [str(folder)], out, client)
        seconds = time.perf_counter() - start
        peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return seconds, max(peaks.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gigabytes", type=float, default=1.0)
    parser.add_argument("--files", type=int, default=64)
    parser.add_argument("--dir", type=Path, help="where to write the corpus and outputs (default: a temporary folder)")
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="termloc-corpus-", dir=args.dir))
    try:
        run(args, base)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def run(args: argparse.Namespace, base: Path) -> None:
    corpus = base / "corpus"
    corpus.mkdir()
    size = generate(corpus, args.gigabytes, args.files)
    mb = size / 1e6
    print(f"corpus: {args.files} files, {mb:,.0f} MB of real text (zh-TW, default options)")
    termloc = [sys.executable, "-m", "termloc", "convert", "--to", "zh-TW", str(corpus)]
    subprocess.run([*termloc[:-1], "-"], input="预热".encode(), capture_output=True, check=True)  # compile once
    rows: list[tuple[str, float, float]] = [("raw OpenCC s2twp, one core", raw_opencc(corpus, base / "o0"), 0.0)]
    for jobs in (1, 2):
        seconds, peak = measured([*termloc, "--out-dir", str(base / f"o{jobs}"), "--jobs", str(jobs)])
        rows.append((f"termloc --jobs {jobs}", seconds, peak))
    if not args.skip_dask:
        for workers in (1, 2):
            seconds, peak = on_dask(corpus, base / f"d{workers}", workers)
            rows.append((f"termloc on Dask, {workers} local worker{'s' * (workers > 1)}", seconds, peak))
    identical = all(
        (base / "o1" / p.name).read_bytes() == (base / other / p.name).read_bytes()
        for p in sorted(corpus.iterdir())
        for other in (["o2", "d1", "d2"] if not args.skip_dask else ["o2"])
    )
    print("| run | seconds | MB/s | vs raw OpenCC | peak MB (largest process) |")
    print("|---|---|---|---|---|")
    raw = rows[0][1]
    for name, seconds, peak in rows:
        shown = f"{peak:.0f}" if peak else "-"
        print(f"| {name} | {seconds:.1f} | {mb / seconds:.1f} | {raw / seconds:.2f}× | {shown} |")
    by = {name: seconds for name, seconds, _ in rows}
    print(f"--jobs 2 against --jobs 1: {by['termloc --jobs 1'] / by['termloc --jobs 2']:.2f}× (target ≥ 1.7)")
    if not args.skip_dask:
        two = by["termloc on Dask, 2 local workers"]
        print(f"Dask 2 workers against 1: {by['termloc on Dask, 1 local worker'] / two:.2f}× (target ≥ 1.5)")
    print(f"outputs byte-identical across --jobs and Dask: {identical}")
    per_core = mb / by["termloc --jobs 1"]
    for cores in (1, 8, 64):
        seconds = 3000 / (per_core * cores)
        print(f"projection, 3 GB dump on {cores} cores at {per_core:.1f} MB/s a core: {seconds / 60:.1f} min")


if __name__ == "__main__":
    main()
