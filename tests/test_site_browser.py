"""The HTML pages in a real headless browser (Debian's Chromium via Playwright, `tests.browser`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from termloc import load_variants
from termloc.cli import main

from .browser import launched_chromium
from .browser import watched_page as _watched_page
from .conftest import TRANSLATED

REGISTRY = load_variants()
CHINESE = REGISTRY.chinese
#: Every version ``render --all`` writes with a catalog for each translated locale, in the switcher's order.
VERSIONS = [v for v in REGISTRY.values() if v.is_chinese or v.tag in TRANSLATED]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, every_catalog: Path) -> Path:
    folder = tmp_path_factory.mktemp("site")
    argv = ["render", "--all", "--format", "html", "--out-dir", str(folder), "--locales-dir", str(every_catalog)]
    assert main(argv) == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(["index.html", *(f"{v.tag}.html" for v in VERSIONS)])
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launched_chromium() as launched:
        yield launched


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


_TRANSLATED = [v for v in VERSIONS if not v.is_chinese]


@pytest.mark.parametrize("variant", _TRANSLATED, ids=[v.tag for v in _TRANSLATED])
def test_translated_page_loads_clean(site: Path, browser: Any, variant: Any) -> None:
    page, problems = _watched_page(browser)
    page.goto((site / f"{variant.tag}.html").as_uri())
    assert page.evaluate("document.documentElement.lang") == variant.bcp47
    assert page.locator("h1").inner_text().strip()
    assert page.locator("[lang|='zh']").count() > 0  # a quoted original, or a unit left in the source
    assert page.locator("footer[lang='en']").count() == 1
    assert problems == []
    page.close()


#: The computed font list of the first element a selector finds.
_FONT = "s => getComputedStyle(document.querySelector(s)).fontFamily"


@pytest.mark.parametrize(
    ("tag", "selector", "first"),
    [
        ("ko", "p", '"Noto Sans KR"'),
        ("ko-KP", "p", '"Noto Sans KR"'),
        ("ru", "p", '"Noto Sans", "PT Sans"'),
        ("en", "p", '"Noto Sans", "Segoe UI"'),
        ("ko", "[lang='zh-Hans']", '"Noto Sans CJK SC"'),
        ("en", "[lang='zh-Hant']", '"Noto Sans CJK TC"'),
        ("zh-TW", "p", '"Noto Sans CJK TC"'),
        ("zh-HK", "p", '"Noto Sans CJK HK"'),
        ("zh-TW", "p [lang='ko-KP']", '"Noto Sans KR"'),
        ("zh-CN", "p [lang='ru']", '"Noto Sans", "PT Sans"'),
    ],
)
def test_text_has_the_fonts_of_its_language(site: Path, browser: Any, tag: str, selector: str, first: str) -> None:
    page, problems = _watched_page(browser)
    page.goto((site / f"{tag}.html").as_uri())
    assert page.evaluate(_FONT, selector).startswith(first)
    assert problems == []
    page.close()


def test_the_index_names_each_version_in_its_own_language(site: Path, browser: Any) -> None:
    page, problems = _watched_page(browser)
    page.goto((site / "index.html").as_uri())
    links = page.locator("main a")
    assert links.count() == len(VERSIONS)
    for i, variant in enumerate(VERSIONS):
        assert (links.nth(i).inner_text(), links.nth(i).get_attribute("lang")) == (variant.autonym, variant.bcp47)
    assert [links.nth(i).inner_text() for i in range(len(VERSIONS))][-4:] == ["한국어", "조선말", "Русский", "English"]
    links.nth(len(VERSIONS) - 1).click()
    page.wait_for_load_state()
    assert page.url.endswith("/en.html")
    assert problems == []
    page.close()


def _click_version(page: Any, variant: Any) -> None:
    """Click ``variant``'s name in the switcher; check that its page opened, in its language."""
    link = page.locator("nav.variants").get_by_role("link", name=variant.autonym, exact=True)
    assert link.get_attribute("lang") == variant.bcp47
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/{variant.tag}.html")
    assert page.evaluate("document.documentElement.lang") == variant.bcp47
    assert page.locator("nav.variants a[aria-current='page']").inner_text() == variant.autonym


@pytest.mark.parametrize("number", range(len(VERSIONS)), ids=[v.tag for v in VERSIONS])
def test_switcher_reaches_every_other_version(site: Path, browser: Any, number: int) -> None:
    """Clicks between this version and each one after it, there and back: the twelve tests
    together go from every page to every other by a click on its name in its own language."""
    variant = VERSIONS[number]
    page, problems = _watched_page(browser)
    page.goto((site / f"{variant.tag}.html").as_uri())
    assert page.evaluate("document.documentElement.lang") == variant.bcp47
    assert page.locator("nav.variants a").count() == len(VERSIONS)
    for other in VERSIONS[number + 1 :]:
        _click_version(page, other)
        _click_version(page, variant)
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


#: The element that holds the keyboard's focus: its text (a term's card left out) and classes.
_FOCUSED = "() => { const e = document.activeElement; return [e.firstChild && e.firstChild.textContent, e.className]; }"
#: Each focusable element in the order Tab reaches them (no tabindex above 0 on these pages).
_STOPS = "[tabindex='0'], a[href], input"


def _tab_to(page: Any, locator: Any) -> None:
    """Focus the stop before ``locator`` and press Tab: the keyboard, not a script, focuses it."""
    stops = page.locator(_STOPS)
    handle = locator.element_handle()
    index = page.evaluate("([stops, target]) => stops.indexOf(target)", [stops.element_handles(), handle])
    assert index > 0
    stops.nth(index - 1).focus()
    page.keyboard.press("Tab")


def test_hovering_or_focusing_a_term_shows_its_reason(site: Path, browser: Any) -> None:
    page, problems = _watched_page(browser)
    page.goto((site / "zh-TW.html").as_uri())
    term = page.locator("p .term[data-entry='vladimir-putin']").first
    assert term.get_attribute("title") == "普丁 ← 普京: glossary vladimir-putin (zh-TW form)"
    assert term.get_attribute("data-kind") == "glossary"
    why = term.locator(".term-why")
    assert not why.is_visible()
    term.hover()
    assert why.is_visible()
    assert "glossary vladimir-putin" in why.inner_text()
    page.mouse.move(0, 0)
    assert not why.is_visible()
    _tab_to(page, term)
    assert page.evaluate(_FOCUSED) == ["普丁", "term x x-glossary"]
    assert why.is_visible()  # the card, with the reason, shows on focus too
    assert problems == []
    page.close()


def test_focusing_a_change_shows_its_reason_in_a_tooltip(site: Path, browser: Any) -> None:
    page, problems = _watched_page(browser)
    page.goto((site / "zh-TW.html").as_uri())
    change = page.locator("p .x-opencc-phrase:not(.term)").first
    reason = change.get_attribute("title")
    assert reason is not None
    assert " ← " in reason
    assert ": OpenCC " in reason
    after = "e => { const s = getComputedStyle(e, '::after'); return [s.content, s.display, s.position]; }"
    assert change.evaluate(after)[0] == "none"  # no tooltip before focus
    _tab_to(page, change)
    assert page.evaluate(_FOCUSED)[1] == "x x-opencc-phrase"
    content, display, position = change.evaluate(after)
    assert content == f'"{reason}"'
    assert (display, position) == ("block", "absolute")
    assert problems == []
    page.close()


def test_the_checkbox_highlights_changes_by_kind(site: Path, browser: Any) -> None:
    page, problems = _watched_page(browser)
    page.goto((site / "zh-TW.html").as_uri())
    kinds = ("glossary", "reference", "document-rule", "opencc-phrase", "opencc-character")
    samples = {kind: page.locator(f"article .x-{kind}").first for kind in kinds}
    background = "e => getComputedStyle(e).backgroundColor"
    assert {kind: sample.evaluate(background) for kind, sample in samples.items()} == dict.fromkeys(
        kinds, "rgba(0, 0, 0, 0)"
    )
    box = page.get_by_label("Highlight changes")
    _tab_to(page, box)
    page.keyboard.press("Space")  # the keyboard can toggle it, as the mouse can
    assert box.is_checked()
    colours = {kind: sample.evaluate(background) for kind, sample in samples.items()}
    assert "rgba(0, 0, 0, 0)" not in colours.values()
    assert len(set(colours.values())) == len(kinds)  # one colour a kind: glossary is not OpenCC's
    legend = page.locator(".changes .swatch")
    assert {legend.nth(i).evaluate(background) for i in range(legend.count())} == set(colours.values())
    box.click()
    assert not box.is_checked()
    assert samples["glossary"].evaluate(background) == "rgba(0, 0, 0, 0)"
    assert problems == []
    page.close()
