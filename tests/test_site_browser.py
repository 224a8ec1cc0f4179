"""The HTML pages in a real headless browser (Debian's Chromium via Playwright).

``make test`` installs Chromium when it is missing; run alone, these tests skip
without it (and fail under CI, where it must be there).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from termloc import load_variants
from termloc.cli import main

CHINESE = load_variants().chinese
#: Chromium as this machine's sandbox needs it: no background traffic.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str:
    found = os.environ.get("TERMLOC_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        message = "Chromium is not installed ('make test' installs Debian's chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    assert main(["render", "--all", "--format", "html", "--out-dir", str(folder)]) == 0
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _watched_page(browser: Any) -> tuple[Any, list[str]]:
    page = browser.new_page()
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: None if r.url.startswith("file://") else problems.append(f"request: {r.url}"))
    return page, problems


@pytest.mark.parametrize("variant", CHINESE, ids=[v.tag for v in CHINESE])
def test_page_loads_clean(site: Path, browser: Any, variant: Any) -> None:
    page, problems = _watched_page(browser)
    page.goto((site / f"{variant.tag}.html").as_uri())
    assert page.locator("html").get_attribute("lang") == variant.bcp47
    assert page.locator("h1").inner_text().strip()
    assert page.locator(".term").count() > 100
    assert page.locator("[lang='ru']").count() > 0
    assert page.locator("[lang|='ko']").count() > 0  # ko, ko-KR or ko-KP
    assert problems == []
    page.close()


def test_switcher_reaches_every_variant(site: Path, browser: Any) -> None:
    page, problems = _watched_page(browser)
    page.goto((site / "index.html").as_uri())
    page.locator("main a").first.click()
    for variant in CHINESE:
        page.locator("nav.variants a", has_text=variant.name).click()
        page.wait_for_load_state()
        assert page.url.endswith(f"/{variant.tag}.html")
        assert page.locator("html").get_attribute("lang") == variant.bcp47
        assert page.locator("nav.variants a[aria-current='page']").inner_text() == variant.name
    assert problems == []
    page.close()


def test_hover_shows_korean_and_russian_forms(site: Path, browser: Any) -> None:
    page, problems = _watched_page(browser)
    page.goto((site / "zh-TW.html").as_uri())
    term = page.locator("p .term[data-entry='vladimir-putin']").first
    card = term.locator(".term-card")
    assert term.inner_text().startswith("普丁")
    assert not card.is_visible()
    term.hover()
    assert card.is_visible()
    shown = card.inner_text()
    for form in ("푸틴", "뿌찐", "Путин", "Putin", "普京"):
        assert form in shown, form
    page.mouse.move(0, 0)
    assert not card.is_visible()
    assert problems == []
    page.close()
