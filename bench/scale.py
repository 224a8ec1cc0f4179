"""Scale: all of Chinese Wikipedia's conversion groups, imported, validated, converting.

Imports the 444 groups (73,850 rules) in ``../shared/data/cgroups`` with
``termloc import cgroup`` and reports, in one run:

- import time (read the groups, settle the conflicts, write the glossary files);
- validation time (``termloc glossary validate`` on the result);
- compiled-glossary build time, cold (nothing of this glossary cached), and the
  time to build a converter from the cache in a fresh process, against raw OpenCC;
- zh-TW throughput with the whole glossary against raw OpenCC's s2twp, on the
  article repeated (best of ``--repeat``, interleaved), and with the few groups
  an article on the subject would select (``--select``);
- peak memory of this process and of the dictionary compiler it ran;
- agreement: every form of every rule converted to zh-CN, zh-TW and zh-HK,
  against the rule's own form for that variant (MediaWiki's fallback chain for
  two-way rules, the named variant for one-way ones), except the conversions
  the import's report lists as dropped.

    python bench/scale.py [--megabytes 20] [--repeat 3] [--groups DIR] [--select GROUPS]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # termloc is imported only once main() has set its cache folder
    from termloc.engine.rules import Rule

ROOT = Path(__file__).resolve().parent.parent
CGROUPS = ROOT.parent / "shared" / "data" / "cgroups"

#: MediaWiki's fallback chains for the three variants checked.
CHAINS = {
    "zh-CN": ("zh-cn", "zh-hans", "zh-sg", "zh-my"),
    "zh-TW": ("zh-tw", "zh-hant", "zh-hk", "zh-mo"),
    "zh-HK": ("zh-hk", "zh-mo", "zh-hant", "zh-tw"),
}
LOAD = (
    "import time; from termloc.engine.converter import Converter; from termloc.core.variants import load_variants; "
    "r = load_variants(); t = time.perf_counter(); Converter({tag!r}, glossary=[{path!r}], registry=r); "
    "print(time.perf_counter() - t)"
)
LOAD_RAW = "import opencc, time; t = time.perf_counter(); opencc.OpenCC({config!r}); print(time.perf_counter() - t)"


def fresh_process(code: str, runs: int) -> float:
    """Median wall time printed by ``code`` in fresh processes, in seconds."""
    times = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(runs)
    ]
    return statistics.median(times)


def peak_mb(who: int) -> float:
    """Peak resident memory in MB (Linux reports KB)."""
    return resource.getrusage(who).ru_maxrss / 1024


def agreement(result: object, converters: dict[str, Any]) -> tuple[Counter[str], list[str]]:
    """Check every rule's forms against the converters; count and show disagreements."""
    from termloc.engine.rules import RuleSyntaxError, parse_rule
    from termloc.interchange.cgroup import CGroupImport

    assert isinstance(result, CGroupImport)
    lost = {(d.group, d.rule, v, d.form) for d in result.dropped if d.what != "ignored" for v in d.variants}
    ignored = {(d.group, d.rule) for d in result.dropped if d.what == "ignored"}
    counts: Counter[str] = Counter()
    examples: list[str] = []
    for source in result.sources:
        for item in source.items:
            if (source.name, item.number) in ignored:
                counts["rules ignored"] += 1
                continue
            try:
                rule = parse_rule(item.rule)
            except RuleSyntaxError:
                counts["rules ignored"] += 1
                continue
            counts["rules"] += 1
            for (form, tag), want in predict_conversions(rule).items():
                if (source.name, item.number, tag, form) in lost or not want or re.search(r"\s", form + want):
                    counts["conversions dropped (listed in the report)"] += 1
                    continue
                got = converters[tag].convert(form)
                counts["conversions checked"] += 1
                if got == want:
                    counts["agree"] += 1
                else:
                    counts["disagree"] += 1
                    if len(examples) < 10:
                        examples.append(f"{source.name} #{item.number} {form} → {tag} {got}, rule says {want}")
    return counts, examples


def predict_conversions(rule: Rule) -> dict[tuple[str, str], str]:
    """What the rule itself says each of its forms becomes in each checked variant, by (form, variant)."""
    wanted: dict[tuple[str, str], str] = {}
    for tag, chain in CHAINS.items():
        code = next((c for c in chain if c in rule.two_way), None)
        if code is not None:
            for form in rule.two_way.values():
                wanted[(form, tag)] = rule.two_way[code]
        for source_form, target in rule.one_way.get(tag.lower(), {}).items():
            wanted[(source_form, tag)] = target  # MediaWiki: one-way wins
    return wanted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=20.0, help="size of the throughput input, default 20")
    parser.add_argument("--repeat", type=int, default=3, help="runs per throughput measurement; the best counts")
    parser.add_argument("--groups", type=Path, default=CGROUPS, help="the conversion groups (default: shared data)")
    parser.add_argument(
        "--select",
        default="People,Military,政治人物,地名",
        help="groups to measure alone too, as an article selects them (comma-separated)",
    )
    args = parser.parse_args()
    os.environ["TERMLOC_CACHE"] = tempfile.mkdtemp(prefix="termloc-scale-cache-")
    work = Path(tempfile.mkdtemp(prefix="termloc-scale-"))
    target = work / "cgroups"

    import opencc

    from termloc.core.files import write_folder
    from termloc.core.han import char_tables
    from termloc.core.variants import load_variants
    from termloc.engine.converter import Converter
    from termloc.glossary import Glossary, load_glossary
    from termloc.glossary.validate import check_entry
    from termloc.interchange.cgroup import import_groups, read_groups
    from termloc.interchange.cgroup_report import report_tsv
    from termloc.interchange.writer import file_name, group_yaml

    registry = load_variants()
    char_tables()  # OpenCC's character tables, dumped once per OpenCC version: not the import's cost
    start = time.perf_counter()
    # What 'termloc import cgroup' does, step by step, keeping the result for the agreement check.
    result = import_groups(read_groups([args.groups]), registry, char_tables())
    glossary = Glossary(tuple(result.groups))
    assert not [p for entry in glossary.entries for p in check_entry(entry)]
    taken = {"conflicts.tsv"}
    files = [(file_name(group.name, taken), group_yaml(group)) for group in result.groups]
    write_folder(target, [*files, ("conflicts.tsv", report_tsv(result.dropped))])
    import_time = time.perf_counter() - start
    counts = result.counts()
    entries = sum(len(g.entries) for g in result.groups)
    print(f"groups: {len(result.sources)}, rules: {result.rules:,}, entries written: {entries:,}")
    print(
        f"report: {counts['conflict']:,} conversions dropped in conflicts, {counts['unrepresentable']:,} forms "
        f"OpenCC cannot hold, {counts['ignored']:,} rules that convert nothing"
    )
    print(f"import (read, settle conflicts, write files): {import_time:6.1f} s   (target < 60 s)")

    start = time.perf_counter()
    _, problems = load_glossary([target])
    elapsed = time.perf_counter() - start
    print(f"validation (load + every check):             {elapsed:7.1f} s   {len(problems)} problems")

    converters = {}
    for tag in ("zh-TW", "zh-CN", "zh-HK"):
        start = time.perf_counter()
        converters[tag] = Converter(tag, glossary=[target], punctuation="keep")
        print(f"compiled-glossary build, cold, {tag}:         {time.perf_counter() - start:7.1f} s")
    raw_load = fresh_process(LOAD_RAW.format(config="s2twp"), 5)
    ours_load = fresh_process(LOAD.format(tag="zh-TW", path=str(target)), 5)
    print(
        f"converter from the cache, fresh process, zh-TW: OpenCC {raw_load * 1e3:.0f} ms, "
        f"termloc {ours_load * 1e3:.0f} ms, ratio {ours_load / raw_load:.2f}"
    )

    article = (ROOT / "articles" / "dprk-russia-relations.zhwiki.txt").read_text(encoding="utf-8")
    copies = max(1, int(args.megabytes * 1_000_000 / len(article.encode())))
    text = article * copies
    raw = opencc.OpenCC("s2twp")
    selected = [name.strip() for name in args.select.split(",") if name.strip()]
    candidates = [
        ("all groups", Converter("zh-TW", glossary=[target], punctuation="auto")),
        (f"{len(selected)} groups", Converter("zh-TW", glossary=[target], groups=selected, punctuation="auto")),
    ]
    for label, ours in candidates:
        raw_time = ours_time = float("inf")
        for _ in range(args.repeat):  # interleaved, so both see the same machine
            start = time.perf_counter()
            raw.convert(text)
            raw_time = min(raw_time, time.perf_counter() - start)
            start = time.perf_counter()
            ours.convert(text)
            ours_time = min(ours_time, time.perf_counter() - start)
        raw_speed, ours_speed = len(text) / raw_time / 1e6, len(text) / ours_time / 1e6
        print(
            f"throughput zh-TW, {len(text) / 1e6:.1f} M chars: OpenCC {raw_speed:.2f} M chars/s, termloc with "
            f"{label} {ours_speed:.2f} M chars/s, ratio {ours_speed / raw_speed:.2f}   (target >= 0.75)"
        )

    start = time.perf_counter()
    agreed, examples = agreement(result, converters)
    rate = agreed["agree"] / max(1, agreed["conversions checked"])
    print(
        f"agreement with the groups' own rules ({agreed['rules']:,} rules, zh-CN/zh-TW/zh-HK): "
        f"{agreed['agree']:,} of {agreed['conversions checked']:,} conversions = {rate:.4%}; "
        f"{agreed['conversions dropped (listed in the report)']:,} dropped as the report lists, "
        f"{agreed['rules ignored']:,} rules ignored ({time.perf_counter() - start:.0f} s)"
    )
    for example in examples:
        print(f"  disagrees: {example}")
    print(
        f"peak memory: this process {peak_mb(resource.RUSAGE_SELF):.0f} MB, "
        f"its largest child (the OpenCC dictionary compiler, a fresh converter) "
        f"{peak_mb(resource.RUSAGE_CHILDREN):.0f} MB"
    )


if __name__ == "__main__":
    main()
