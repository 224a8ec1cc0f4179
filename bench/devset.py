"""Scores converters on the development set (tests/data/devset/): real Wikipedia text in regional views.

    python bench/devset.py [--variants zh-TW,zh-HK,zh-CN,zh-Hant] [--json] [--misses]

Every page's input lines are converted, in one run, by each converter into
each variant that a line has an expectation for — the page as one text, as
``termloc convert PAGE`` converts it (``--by-line``: each line alone) — and
scored per line, per variant and converter:

- lines: the output equals the expected text exactly;
- names: for every name of a file that has a form for the variant, and every
  line of that file whose expected text contains that form, one check: the
  converter's output of that line contains the form too. (A name that occurs
  in three lines counts three times.)

Converters (a converter whose package is missing is skipped, with a line
saying so):

- ``termloc``: ``Converter(variant)``, the default glossary;
- ``termloc-plain``: ``Converter(variant, glossary=None, reference=None, punctuation="keep")``,
  OpenCC with termloc's configs and no glossary;
- ``opencc``: ``opencc.OpenCC(config)`` with s2twp (zh-TW), s2hk (zh-HK),
  tw2sp (zh-CN: Taiwan phrases back to mainland ones, then characters),
  s2tw (zh-Hant) and t2s (zh-Hans);
- ``zhconv-rs``: ``zhconv_rs.zhconv(text, variant)``, MediaWiki's tables.

``--misses`` lists the lines termloc gets wrong (input, expected, got), marking
those whose expected text holds a form from the page's own conversion rules
(the line's ``page_rules``: no converter can know them from the text);
``--json`` prints the scores as JSON instead of a table.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "data" / "devset"
DEFAULT_VARIANTS = ("zh-TW", "zh-HK", "zh-CN", "zh-Hant")
KNOWN_VARIANTS = ("zh-TW", "zh-HK", "zh-CN", "zh-Hant", "zh-Hans")
OPENCC_CONFIGS = {"zh-TW": "s2twp", "zh-HK": "s2hk", "zh-CN": "tw2sp", "zh-Hant": "s2tw", "zh-Hans": "t2s"}

Convert = Callable[[str], str]
#: A converter's name and its factory: variant → function (None: cannot convert into that variant).
Factory = Callable[[str], Convert | None]


@dataclass
class Line:
    """One input line with its expected text in one variant and the name forms to find in it."""

    page: str
    input: str
    expected: str
    names: list[str]
    #: Forms in ``expected`` that come from the page's own conversion rules (-{…}-, NoteTA).
    page_rules: list[str] = field(default_factory=list)
    #: Every input line of the page, and this line's place among them (pages are converted whole).
    page_inputs: tuple[str, ...] = ()
    index: int = 0


@dataclass
class Score:
    """One converter's results in one variant."""

    lines: int = 0
    lines_right: int = 0
    names: int = 0
    names_right: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "lines": self.lines,
            "lines_right": self.lines_right,
            "lines_pct": percent(self.lines_right, self.lines),
            "names": self.names,
            "names_right": self.names_right,
            "names_pct": percent(self.names_right, self.names),
        }


def percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def load_lines(folder: Path, variant: str) -> list[Line]:
    """The dev set's lines that have an expectation in ``variant``, each with its name forms."""
    lines = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        forms = [name[variant] for name in data.get("names") or [] if variant in name]
        inputs = tuple(line["input"] for line in data["lines"])
        for index, line in enumerate(data["lines"]):
            if variant in line:
                expected = line[variant]
                names = [form for form in forms if form in expected]
                rules = list((line.get("page_rules") or {}).get(variant, []))
                lines.append(Line(path.stem, line["input"], expected, names, rules, inputs, index))
    return lines


def termloc_factory(**options: Any) -> Factory | str:
    try:
        from termloc import Converter
    except ImportError as error:
        return f"termloc is not importable ({error})"

    def make(variant: str) -> Convert | None:
        if variant not in KNOWN_VARIANTS:
            return None
        return Converter(variant, **options).convert

    return make


def opencc_factory() -> Factory | str:
    try:
        opencc = importlib.import_module("opencc")
    except ImportError:
        return "opencc is not installed"

    def make(variant: str) -> Convert | None:
        config = OPENCC_CONFIGS.get(variant)
        if config is None:
            return None
        convert: Convert = opencc.OpenCC(config).convert
        return convert

    return make


def zhconv_factory() -> Factory | str:
    try:
        zhconv_rs = importlib.import_module("zhconv_rs")
    except ImportError:
        return "zhconv-rs is not installed (pip install zhconv-rs)"

    def make(variant: str) -> Convert | None:
        target = variant.lower()

        def convert(text: str) -> str:
            result: str = zhconv_rs.zhconv(text, target)
            return result

        return convert

    return make


def converters() -> tuple[dict[str, Factory], list[str]]:
    """The available converters by name, and a note for each one skipped."""
    candidates: dict[str, Factory | str] = {
        "termloc": termloc_factory(),
        "termloc-plain": termloc_factory(glossary=None, reference=None, punctuation="keep"),
        "opencc": opencc_factory(),
        "zhconv-rs": zhconv_factory(),
    }
    found = {name: factory for name, factory in candidates.items() if not isinstance(factory, str)}
    skipped = [f"skipped {name}: {why}" for name, why in candidates.items() if isinstance(why, str)]
    return found, skipped


def converted(convert: Convert, line: Line, by_line: bool, pages: dict[str, list[str]]) -> str:
    """``line`` converted: alone with ``by_line``, else as a line of its whole page, converted once as
    one text (as ``termloc convert PAGE`` would: the reference's topics chosen from the whole page)."""
    if by_line or not line.page_inputs:
        return convert(line.input)
    if line.page not in pages:
        lines = convert("\n".join(line.page_inputs)).split("\n")
        pages[line.page] = lines if len(lines) == len(line.page_inputs) else [convert(t) for t in line.page_inputs]
    return pages[line.page][line.index]


def score(convert: Convert, lines: Iterable[Line], keep_misses: bool, by_line: bool = False) -> Score:
    result = Score()
    pages: dict[str, list[str]] = {}
    for line in lines:
        got = converted(convert, line, by_line, pages)
        result.lines += 1
        if got == line.expected:
            result.lines_right += 1
        elif keep_misses:
            result.misses.append(
                {
                    "page": line.page,
                    "input": line.input,
                    "expected": line.expected,
                    "got": got,
                    "page_rules": line.page_rules,
                }
            )
        result.names += len(line.names)
        result.names_right += sum(1 for form in line.names if form in got)
    return result


def run(
    variants: list[str], folder: Path = DEVSET, by_line: bool = False
) -> tuple[dict[str, dict[str, Score]], list[str]]:
    """Scores of every available converter in every variant, and notes on what was skipped."""
    found, notes = converters()
    scores: dict[str, dict[str, Score]] = {}
    for variant in variants:
        lines = load_lines(folder, variant)
        if not lines:
            notes.append(f"no lines with a {variant} expectation")
            continue
        for name, factory in found.items():
            convert = factory(variant)
            if convert is None:
                notes.append(f"skipped {name} for {variant}: no such variant")
                continue
            scores.setdefault(variant, {})[name] = score(convert, lines, name == "termloc", by_line)
    return scores, notes


def table(scores: dict[str, dict[str, Score]]) -> str:
    rows = [("variant", "converter", "lines", "%", "names", "%")]
    for variant, by_converter in scores.items():
        for name, result in by_converter.items():
            rows.append(
                (
                    variant,
                    name,
                    f"{result.lines_right}/{result.lines}",
                    f"{percent(result.lines_right, result.lines):.1f}",
                    f"{result.names_right}/{result.names}",
                    f"{percent(result.names_right, result.names):.1f}",
                )
            )
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows)


def misses_text(scores: dict[str, dict[str, Score]]) -> str:
    out = []
    for variant, by_converter in scores.items():
        result = by_converter.get("termloc")
        misses = result.misses if result else []
        for miss in misses:
            rules = f"\n  page rules: {', '.join(miss['page_rules'])}" if miss["page_rules"] else ""
            out.append(
                f"[{variant}] {miss['page']}\n  input:    {miss['input']}\n"
                f"  expected: {miss['expected']}\n  got:      {miss['got']}{rules}"
            )
        ruled = sum(1 for miss in misses if miss["page_rules"])
        if misses:
            out.append(f"[{variant}] {len(misses)} misses, {ruled} of them on forms from the page's own rules")
    return "\n".join(out) if out else "termloc gets every line right"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--variants", default=",".join(DEFAULT_VARIANTS), help="comma-separated target variants")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--misses", action="store_true", help="list the lines termloc gets wrong")
    parser.add_argument("--by-line", action="store_true", help="convert each line alone, not each page as one text")
    args = parser.parse_args(argv)
    variants = [variant.strip() for variant in args.variants.split(",") if variant.strip()]
    unknown = [variant for variant in variants if variant not in KNOWN_VARIANTS]
    if unknown:
        parser.error(f"unknown variants {unknown}; choose from {', '.join(KNOWN_VARIANTS)}")
    scores, notes = run(variants, by_line=args.by_line)
    if args.json:
        report: dict[str, Any] = {
            "scores": {v: {name: s.as_dict() for name, s in by.items()} for v, by in scores.items()},
            "notes": notes,
        }
        if args.misses:
            report["misses"] = {v: by["termloc"].misses for v, by in scores.items() if "termloc" in by}
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for note in notes:
        print(note)
    print(table(scores))
    if args.misses:
        print()
        print(misses_text(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
