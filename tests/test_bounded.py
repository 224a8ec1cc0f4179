"""Hostile input stays cheap: each case costs time in proportion to its size.

Each test times one input at size n and at size 8n and bounds the ratio:
about 8 for linear work, 64 for quadratic, so a bound of 24 leaves room for
noise while a quadratic algorithm fails it clearly. No wall-clock budget:
the machine's speed cancels out. The inputs are those a hostile-input review
measured in minutes at 100 kB (issue 14), made smaller.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from termloc import load_variants
from termloc.core.han import char_tables
from termloc.documents.segment import split_sentences
from termloc.engine.markup import MarkupConverter
from termloc.engine.punctuation import convert_quotes
from termloc.glossary.validate import MAX_FORM_LENGTH
from termloc.interchange.cgroup import SourceGroup, SourceItem, import_groups

from .conftest import Cli

#: The larger input is this many times the smaller.
FACTOR = 8
#: The most the larger input may cost, in multiples of the smaller one's time.
BOUND = 3 * FACTOR
REGISTRY = load_variants()


def _best(run: Callable[[], object]) -> float:
    """The least time of three runs of ``run`` (the others met noise)."""
    times = []
    for _ in range(3):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def growth(run: Callable[[str], object], make: Callable[[int], str], n: int) -> float:
    """How many times longer ``run(make(FACTOR * n))`` takes than ``run(make(n))``."""
    small, large = make(n), make(FACTOR * n)
    return _best(lambda: run(large)) / _best(lambda: run(small))


def _markup(text: str) -> str:
    """``text`` with its markup resolved for zh-TW, plain text left as it is."""
    return MarkupConverter("zh-TW", lambda plain, code: plain, REGISTRY).convert(text).text


def test_script_mixed_spellings_of_a_long_form() -> None:
    # Once it has too many mixes, a form had one spelling per character, each as long as the form.
    tables = char_tables()
    ratio = growth(lambda form: sum(map(len, tables.spellings(form))), lambda n: ("朝鲜劳动党国际部" * n)[:n], 1_000)
    assert ratio < BOUND


def test_a_form_too_long_is_a_glossary_problem(cli: Cli, tmp_path: Path) -> None:
    form = "朝鲜劳动党" * 1_000
    path = tmp_path / "long.yaml"
    path.write_text(
        f"group: long\nentries:\n  - id: long\n    kind: term\n    sources: [x]\n    terms:\n      - zh-Hans: {form}\n",
        encoding="utf-8",
    )
    code, _, err = cli("glossary", "validate", str(path))
    assert code == 1
    assert f"{path}:7: G013: " in err
    assert f"at most {MAX_FORM_LENGTH} characters" in err
    assert len(err) < 1_000, "the form is not quoted whole"


def test_unpaired_quotation_marks() -> None:
    # Every ’ searched the whole stack of “ for its partner.
    quotes = ("「", "」", "『", "』")
    assert growth(lambda text: convert_quotes(text, quotes), lambda n: "“" * n + "’" * n, 1_000) < BOUND


def test_a_rule_with_a_semicolon_and_many_spaces() -> None:
    # The spaces after ';' were given back one by one, each time scanning the rest of the rule.
    assert growth(_markup, lambda n: "-{;" + " " * n + "b}-", 1_000) < BOUND


def test_many_distinct_hidden_rules() -> None:
    # Each -{H|...}- rule rebuilt a regular expression of every rule before it.
    def document(n: int) -> str:
        return "".join(f"-{{H|zh-cn:甲{i}乙;zh-tw:丙{i}丁;}}-甲{i}乙与甲{i + 1}乙。" for i in range(n))

    assert growth(_markup, document, 100) < BOUND


def test_a_conversion_group_rule_with_many_spaces() -> None:
    tables = char_tables()

    def imported(rule: str) -> object:
        group = SourceGroup(
            "hostile", "hostile", "", "Module:CGroup/hostile", "hostile.json", (SourceItem(1, "", rule),)
        )
        return import_groups([group], REGISTRY, tables)

    assert growth(imported, lambda n: "zh-cn:甲;" + " " * n + "x", 1_000) < BOUND


def test_unbalanced_brackets_in_sentence_splitting() -> None:
    # Each closer searched the whole stack of openers for its own.
    assert growth(split_sentences, lambda n: "(" * n + "]" * n + "。", 1_000) < BOUND
