"""Screenshots of termloc serve's pages for the README, taken in Debian's Chromium: docs/screenshots/*.png.

    python tools/screenshots.py            # or: make screenshots

It starts ``termloc serve`` on a free loopback port (as the browser tests do,
`tests.browser`), drives each page as a person would (types a name, pastes a
sentence, opens a version, filters the glossary) and saves what the browser
shows. CJK text needs Debian's fonts-noto-cjk (``make tools`` installs it).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import launched_chromium, serving  # noqa: E402 (the checkout's root is on the path above)

#: Where the screenshots go, and the window they are taken in.
OUT = ROOT / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 820}
#: How long a page may take (the first conversion into a variant compiles its converter).
SLOW = 120_000


def lookup(page: Any, url: str) -> None:
    page.goto(url)
    page.locator("#q").press_sequentially("普丁", delay=60)
    page.wait_for_selector('.card[data-id="vladimir-putin"]', timeout=SLOW)


def preview(page: Any, url: str) -> None:
    page.goto(url + "preview")
    page.fill("#text", "俄罗斯总统普京访问了朝鲜，与金正恩在平壤签署了《全面战略伙伴关系条约》。")
    page.click("form.preview button")
    page.wait_for_selector(".columns", timeout=SLOW)
    page.locator('.column[data-variant="zh-TW"] .x-glossary', has_text="普丁").focus()


def article(page: Any, url: str) -> None:
    page.goto(url + "articles/zh-TW", timeout=SLOW)


def glossary(page: Any, url: str) -> None:
    page.goto(url + "glossary?lacking=ko-KP")


def entry(page: Any, url: str) -> None:
    page.goto(url + "glossary/vladimir-putin", timeout=SLOW)


#: Each screenshot: its file name and how to get the page to show it.
SHOTS = {"lookup": lookup, "preview": preview, "article": article, "glossary": glossary, "entry": entry}


def main() -> int:
    """Take every screenshot of `SHOTS` into `OUT`; 0 when all were taken."""
    OUT.mkdir(parents=True, exist_ok=True)
    with serving() as served, launched_chromium() as browser:
        page = browser.new_page(viewport=VIEWPORT)
        for name, show in SHOTS.items():
            show(page, served.url)
            page.wait_for_timeout(300)  # the fonts settle
            target = OUT / f"{name}.png"
            page.screenshot(path=str(target))
            print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
