"""Shared fixtures: real data (the article, the glossary, the test suites)."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
ARTICLE = ROOT / "articles" / "dprk-russia-relations.zhwiki.txt"
GLOSSARY = ROOT / "glossary"
OPENCC_CASES = SHARED / "data" / "testsuites" / "opencc-testcases.json"


#: The test run's own cache and user folders, set before any test module is
#: imported: several load the glossary at module level, which compiles and
#: dumps OpenCC's dictionaries into the cache.
SANDBOX = Path(tempfile.mkdtemp(prefix="termloc-tests-"))
os.environ["TERMLOC_CACHE"] = str(SANDBOX / "cache")
os.environ["XDG_CACHE_HOME"] = str(SANDBOX / "user-cache")


#: How many times its examples each property runs: 1 in ``make test``; ``make fuzz`` sets
#: TERMLOC_FUZZ_SCALE (the longer, still bounded run).
FUZZ_SCALE = max(1, int(os.environ.get("TERMLOC_FUZZ_SCALE") or "1"))


def property_settings(examples: int) -> settings:
    """Hypothesis settings for a property: ``examples`` inputs (times `FUZZ_SCALE`), no deadline,
    no example database (a run leaves nothing of its own in the tree)."""
    return settings(
        max_examples=examples * FUZZ_SCALE,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
    )


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the test run's cache."""
    del config
    shutil.rmtree(SANDBOX, ignore_errors=True)


@pytest.fixture(scope="session")
def article() -> str:
    return ARTICLE.read_text(encoding="utf-8")


def opencc_cases() -> list[dict[str, object]]:
    """OpenCC's own test cases (its file is JSON with trailing commas)."""
    if not OPENCC_CASES.is_file():
        pytest.skip(f"{OPENCC_CASES} is not here (../shared is laid beside the checkout in CI)")
    text = re.sub(r",\s*([}\]])", r"\1", OPENCC_CASES.read_text(encoding="utf-8"))
    cases: list[dict[str, object]] = json.loads(text)["cases"]
    return cases


#: Runs the command line in-process: ``cli("convert", "--to", "zh-TW")`` → (exit code, stdout, stderr).
Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """The ``termloc`` command line, run in-process with its output captured."""
    from termloc.cli import main

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


#: The packaged article's name, which names its catalogs.
ARTICLE_NAME = "dprk-russia-relations"
#: The locales ``termloc render --all`` renders besides the Chinese variants: those with a
#: translation of the article (catalogs in locales/, or on their way there).
TRANSLATED = ("ko", "ko-KP", "ru", "en")


@pytest.fixture(scope="session")
def every_catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalog folder with a catalog of the article for each of `TRANSLATED`: the project's
    own (locales/), and for a locale it has none of yet, a new one from ``po update``, all of
    whose units fall back to the source."""
    from termloc import load_variants
    from termloc.cli import main
    from termloc.translation.catalogs import catalog_path

    folder = tmp_path_factory.mktemp("catalogs")
    for po in (ROOT / "locales").glob("*/LC_MESSAGES/*.po"):
        target = folder / po.relative_to(ROOT / "locales")
        target.parent.mkdir(parents=True)
        shutil.copyfile(po, target)
    registry = load_variants()
    missing = [tag for tag in TRANSLATED if not catalog_path(folder, registry[tag], ARTICLE_NAME).is_file()]
    if missing:
        assert main(["po", "extract", "--locales-dir", str(folder)]) == 0
        assert main(["po", "update", "--locales-dir", str(folder), "--locale", ",".join(missing)]) == 0
    return folder
