"""``termloc serve`` in a real browser: the server in a process of its own on a free loopback port,
Debian's Chromium through Playwright (`tests.browser`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("starlette", reason="termloc serve needs the extra termloc[serve]")
pytest.importorskip("playwright", reason="the browser tests need playwright (the dev extra)")

from .browser import Served, launched_chromium, serving, watched_page

#: How long a page may take (the first conversion into a variant compiles its converter).
SLOW = 120_000


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    with serving() as found:
        yield found
    assert found.code == 0  # Ctrl-C is a clean exit


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launched_chromium() as launched:
        yield launched


def test_typing_a_name_shows_its_card(served: Served, browser: Any) -> None:
    page, problems = watched_page(browser, served.url)
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/api/lookup" in r.url else None)
    page.goto(served.url)
    page.locator("#q").press_sequentially("普丁", delay=50)
    card = page.locator('.card[data-id="vladimir-putin"]')
    card.wait_for(timeout=SLOW)
    assert "Путин" in card.inner_text()
    assert "뿌찐" in card.inner_text()
    assert card.locator("mark").inner_text() == "普丁"
    assert asked  # the script asked the API: no form was sent
    assert page.url.startswith(served.url)
    assert problems == []
    page.close()


def test_the_lookup_form_works_without_the_script(served: Served, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served.url)
    page.fill("#q", "Путин")
    page.click("#lookup button")
    page.wait_for_url("**/?q=*", timeout=SLOW)
    assert "뿌찐" in page.locator('.card[data-id="vladimir-putin"]').inner_text()
    context.close()


def _deprecated_form() -> tuple[str, str, str]:
    """An entry of the glossary with a deprecated form: its id, the form and its tag."""
    from termloc.glossary.selection import GlossarySelection

    for entry in GlossarySelection.default().load().entries:
        for row in entry.rows:
            for tag, forms in row.deprecated.items():
                return entry.id, forms[0], tag
    raise AssertionError("the glossary has no deprecated form")


def test_the_script_draws_the_cards_the_server_draws(served: Served, browser: Any) -> None:
    """The cards the script draws from the API read as those of the page without it, a deprecated form
    struck through in both."""
    entry, form, tag = _deprecated_form()
    card = f'.card[data-id="{entry}"]'
    page, problems = watched_page(browser, served.url)
    page.goto(served.url)
    page.locator("#q").press_sequentially(form, delay=30)
    page.locator(card).wait_for(timeout=SLOW)
    drawn = page.locator(card).inner_text()
    struck = page.locator(f'{card} del span[lang="{tag}"]').first.inner_text()
    assert problems == []
    page.close()
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(f"{served.url}?q={form}")
    assert plain.locator(card).inner_text() == drawn
    assert plain.locator(f'{card} del span[lang="{tag}"]').first.inner_text() == struck == form
    context.close()


def test_preview_shows_each_variant_with_its_reasons(served: Served, browser: Any) -> None:
    page, problems = watched_page(browser, served.url)
    page.goto(served.url + "preview")
    page.fill("#text", "俄罗斯总统普京访问了朝鲜。")
    page.click("form.preview button")
    page.wait_for_selector(".columns", timeout=SLOW)
    mainland = page.locator('.column[data-variant="zh-CN"] .x-glossary', has_text="普京")
    taiwan = page.locator('.column[data-variant="zh-TW"] .x-glossary', has_text="普丁")
    assert "glossary vladimir-putin (zh-Hans form)" in (mainland.get_attribute("title") or "")
    assert "glossary vladimir-putin (zh-TW form)" in (taiwan.get_attribute("title") or "")
    assert page.locator('.column[data-variant="zh-HK"]').count() == 1
    assert problems == []
    page.close()


def test_the_switcher_changes_the_articles_version(served: Served, browser: Any) -> None:
    page, problems = watched_page(browser, served.url)
    page.goto(served.url + "articles")
    page.click('a[href="/articles/zh-CN"]')
    page.wait_for_url("**/articles/zh-CN", timeout=SLOW)
    assert page.evaluate("document.documentElement.lang") == "zh-Hans-CN"
    page.click('nav.variants a[hreflang="zh-Hant-TW"]', timeout=SLOW)
    page.wait_for_url("**/articles/zh-TW.html", timeout=SLOW)
    assert page.evaluate("document.documentElement.lang") == "zh-Hant-TW"
    assert page.locator('nav.variants a[aria-current="page"]').inner_text() == "臺灣正體"
    assert "普丁" in page.locator("main").inner_text()
    assert problems == []  # the inline stylesheet passed the CSP by its hash
    page.close()


def test_a_planted_csp_violation_is_seen(served: Served, browser: Any) -> None:
    """The positive control of the pages' clean console: an inline script the CSP refuses."""
    page, problems = watched_page(browser, served.url)
    page.goto(served.url + "glossary")
    page.evaluate(
        "() => { const s = document.createElement('style'); s.textContent = 'p{}'; document.head.append(s); }"
    )
    page.wait_for_timeout(200)
    assert any("Content Security Policy" in problem for problem in problems), problems
    page.close()
