"""Lookup: index build, cached load and query latency, real and 75,000-row glossaries.

For termloc's glossary and a synthetic one (``bench/synthetic.py``, Chinese,
Korean, North Korean, Russian and English forms), prints:

- the index build time in a fresh process with an empty cache (cold: reading
  the YAML, romanising, writing the cache);
- the cached load time in fresh processes (median; imports excluded, and the
  wall time of the whole ``termloc lookup`` command for comparison);
- p50/p99 in-process latency of ``Lookup.find`` (limit 10) for exact,
  prefix and fuzzy queries made from the glossary's own forms (a prefix: the
  first 60% of a form; fuzzy: one typo: a letter, jamo or character
  replaced, dropped or swapped), and how often the entry the query came from
  is first (or tied first) and in the top 10. A short prefix or a typo often
  names another entry as well, so these are below 100% by nature.

    python bench/lookup.py [--rows 75000] [--queries 1000]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import synthetic  # noqa: E402
from termloc.lookup import Lookup  # noqa: E402

LOAD = (
    "import time; from termloc.lookup import Lookup; t = time.perf_counter(); "
    "Lookup({paths!r}); print(time.perf_counter() - t)"
)

#: Targets from the issue, for the 75,000-row glossary (seconds).
TARGETS = {"load": 1.0, "exact": 0.001, "fuzzy": 0.050}


def fresh(paths: list[str], cache: str) -> float:
    """Seconds to construct a `Lookup` in a new process with cache folder ``cache``."""
    env = {**os.environ, "TERMLOC_CACHE": cache}
    code = LOAD.format(paths=paths)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return float(out.stdout)


def command(paths: list[str], cache: str, query: str) -> float:
    """Wall seconds of ``termloc lookup QUERY --glossary ...`` (cached)."""
    argv = [sys.executable, "-m", "termloc", "lookup", query]
    for path in paths:
        argv += ["--glossary", path]
    start = time.perf_counter()
    subprocess.run(argv, capture_output=True, env={**os.environ, "TERMLOC_CACHE": cache}, check=False)
    return time.perf_counter() - start


def typo(text: str, rng: random.Random) -> str:
    """``text`` with one slip: a letter (or a Hangul vowel) replaced, dropped or swapped."""
    letters = [i for i, c in enumerate(text) if c.isalpha()]
    i = rng.choice(letters)
    char = text[i]
    if "\uac00" <= char <= "\ud7a3":  # a Korean typo is one jamo, not a whole syllable
        code = ord(char) - 0xAC00
        vowel = (code % 588) // 28
        new = chr(0xAC00 + code - vowel * 28 + ((vowel + rng.randint(1, 20)) % 21) * 28)
        return text[:i] + new + text[i + 1 :]
    action = rng.choice(("replace", "drop", "swap")) if len(letters) > 3 else "replace"
    if action == "drop":
        return text[:i] + text[i + 1 :]
    if action == "swap" and i + 1 < len(text) and text[i + 1].isalpha():
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    pool = [c for c in text if c.isalpha() and c != char] or ["x"]
    return text[:i] + rng.choice(pool) + text[i + 1 :]


def queries(forms: list[tuple[str, str]], count: int, seed: int = 7) -> dict[str, list[tuple[str, str]]]:
    """(query, entry id) lists for exact, prefix and fuzzy lookups."""
    rng = random.Random(seed)
    picked = [rng.choice(forms) for _ in range(count)]
    long_enough = [(t, i) for t, i in forms if sum(c.isalpha() for c in t) >= 4]
    fuzzy = [rng.choice(long_enough) for _ in range(count)]
    return {
        "exact": picked,
        "prefix": [(text[: max(2, round(len(text) * 0.6))], entry) for text, entry in picked],
        "fuzzy": [(typo(text, rng), entry) for text, entry in fuzzy],
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def latency(finder: Lookup, cases: list[tuple[str, str]]) -> tuple[float, float, float, float]:
    """(p50, p99 seconds, share found first or tied first, share found in the top 10)."""
    for query, _ in cases[:50]:
        finder.find(query)  # warm up
    times, first, top = [], 0, 0
    for query, entry in cases:
        start = time.perf_counter()
        results = finder.find(query)
        times.append(time.perf_counter() - start)
        best = [r.id for r in results if r.score == results[0].score]
        first += entry in best
        top += entry in [r.id for r in results]
    return percentile(times, 0.5), percentile(times, 0.99), first / len(cases), top / len(cases)


def project_forms() -> list[tuple[str, str]]:
    from termloc.core import resources
    from termloc.glossary import load_glossary

    glossary, _ = load_glossary([resources.glossary_dir()], check=False)
    forms = [(f.text, e.id) for e in glossary.entries for row in e.rows for f in row.all_forms()]
    return [(text, entry) for text, entry in forms if any(c.isalnum() for c in text)]


def synthetic_forms(rows: int) -> list[tuple[str, str]]:
    forms = []
    for entry in synthetic.entries(rows):
        for row in entry["terms"]:  # type: ignore[attr-defined]
            for tag, value in row.items():
                texts = [t for values in value.values() for t in values] if tag == "admitted" else [value]
                forms += [(unicodedata.normalize("NFC", t), str(entry["id"])) for t in texts]
    return forms


def measure(label: str, paths: list[str], forms: list[tuple[str, str]], count: int, cache: str) -> None:
    cold = fresh(paths, cache)
    loads = [fresh(paths, cache) for _ in range(5)]
    walls = [command(paths, cache, forms[0][0]) for _ in range(3)]
    os.environ["TERMLOC_CACHE"] = cache
    finder = Lookup(paths)
    entries_of: dict[str, set[str]] = {}
    for text, entry in forms:
        entries_of.setdefault(text, set()).add(entry)
    shared = sum(len(entries_of[text]) > 1 for text, _ in forms) / len(forms)
    print(f"\n{label}: {len(finder):,} entries, {len(forms):,} forms ({shared:.1%} shared by several entries)")
    print(f"  index build, cold (fresh process, empty cache)  {cold:8.2f} s")
    print(f"  cached load (fresh process, median of 5)        {statistics.median(loads) * 1e3:8.1f} ms")
    print(f"  'termloc lookup' command, wall (median of 3)    {statistics.median(walls) * 1e3:8.1f} ms")
    for kind, cases in queries(forms, count).items():
        p50, p99, first, top = latency(finder, cases)
        print(
            f"  {kind:<6} p50 {p50 * 1e3:7.3f} ms  p99 {p99 * 1e3:7.3f} ms   "
            f"entry first {first:6.1%}  in top 10 {top:6.1%}   ({len(cases)} queries)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=75_000, help="rows of the synthetic glossary (default 75,000)")
    parser.add_argument("--queries", type=int, default=1000, help="queries of each kind (default 1,000)")
    args = parser.parse_args()
    from termloc.core import resources

    with tempfile.TemporaryDirectory(prefix="termloc-bench-lookup-") as scratch:
        cache, other_cache, folder = Path(scratch, "cache"), Path(scratch, "cache-75k"), Path(scratch, "glossary")
        paths = [str(resources.glossary_dir())]
        measure("termloc's glossary", paths, project_forms(), args.queries, str(cache))
        start = time.perf_counter()
        synthetic.write(args.rows, folder)
        print(f"\n(wrote {args.rows:,} synthetic rows in {time.perf_counter() - start:.1f} s)")
        label = f"synthetic, {args.rows:,} rows"
        measure(label, [str(folder)], synthetic_forms(args.rows), args.queries, str(other_cache))
    print(
        f"\ntargets (75,000 rows): cached load ≤ {TARGETS['load']:g} s, exact p99 < {TARGETS['exact'] * 1e3:g} ms, "
        f"fuzzy p99 < {TARGETS['fuzzy'] * 1e3:g} ms"
    )


if __name__ == "__main__":
    main()
