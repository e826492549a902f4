"""Browser tests: Playwright drives Debian's Chromium against a live test server.

Playwright cannot download a browser here, so the path to Chromium is passed explicitly
(CHROMIUM_PATH, /usr/bin/chromium by default).
"""

import os
from datetime import datetime

import pytest
import time_machine
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures
# here are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(autouse=True)
def _fixed_today():
    # The clock keeps running (the browser and server need it) from the same Monday as the
    # rest of the suite.
    with time_machine.travel(datetime(2026, 11, 23, 10, 0), tick=True):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The live server shares this process's cache, where allauth counts sign-ins per
    # address for its rate limit: each test starts with none, as a real person would.
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(scope="session")
def browser():
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
