"""Debian's Chromium driven by Playwright, as every browser test drives it.

``make test`` installs Chromium when it is missing; run alone, a browser test
skips without it (and fails under CI, where it must be there). Playwright's own
browser downloads are never used: the executable is Debian's.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

__all__ = ["CHROMIUM_ARGS", "Served", "chromium", "free_port", "launched_chromium", "serving", "watched_page"]

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


def chromium() -> str:
    """The Chromium executable (``TERMLOC_CHROMIUM``, else ``chromium`` on the path); skipped where
    there is none, failed in CI."""
    found = os.environ.get("TERMLOC_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        message = "Chromium is not installed ('make test' installs Debian's chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


@contextmanager
def launched_chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, through Playwright (skipped where it is missing, failed in CI)."""
    executable = chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def watched_page(browser: Any, origin: str = "file://") -> tuple[Any, list[str]]:
    """A new page and the problems seen on it: console errors and warnings (a refused
    Content-Security-Policy is one), page errors, and any request not to ``origin``."""
    page = browser.new_page()
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: None if r.url.startswith(origin) else problems.append(f"request: {r.url}"))
    return page, problems


def free_port() -> int:
    """A loopback port free now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Served:
    """A ``termloc serve`` process: its address, and its exit code once stopped."""

    def __init__(self, process: subprocess.Popen[str], url: str) -> None:
        self.process = process
        self.url = url
        self.code: int | None = None


@contextmanager
def serving(*argv: str, wait: float = 60.0) -> Iterator[Served]:
    """``termloc serve`` on a free loopback port, in a process of its own, until Ctrl-C (SIGINT) at the end."""
    port = free_port()
    command = [sys.executable, "-m", "termloc", "serve", "--port", str(port), *argv]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    served = Served(process, f"http://127.0.0.1:{port}/")
    try:
        deadline = time.monotonic() + wait
        assert process.stdout is not None
        line = process.stdout.readline()  # the address, once the glossary is loaded and the port bound
        if line != f"termloc serve: {served.url}\n" or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"termloc serve did not start: {line!r} {process.communicate()[1]!r}")
        yield served
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        served.code = process.returncode
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
