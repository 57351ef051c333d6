"""Browser tests: a real headless Chromium (Playwright, sync API) against pytest-django's
live server.

Each test is transactional (`live_server` needs it), so the database is flushed after every
test and the seed data must be loaded again at the start of each one: see `data_seed`.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test.utils import override_settings

from dokumen.fixture import muat_fixture
from satker.demo import buat_akun_demo

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # the test module skips itself with a reason
    sync_playwright = None

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Playwright's sync API keeps an asyncio event loop "running" in the main thread for as long
# as Playwright is started (it lives in a greenlet), so Django refuses the tests' own ORM calls
# with SynchronousOnlyOperation. Allowing it is the standard set-up for Playwright + Django
# tests; the live server answers requests in its own threads, where no loop runs. It is allowed
# only while the browser runs, so the rest of the suite keeps Django's check.
IZIN_ASYNC = "DJANGO_ALLOW_ASYNC_UNSAFE"


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per module (launching takes about a second)."""
    if sync_playwright is None or not CHROMIUM.exists():
        pytest.skip(f"tes peramban butuh Playwright dan Chromium di {CHROMIUM}")
    sebelumnya = os.environ.get(IZIN_ASYNC)
    os.environ[IZIN_ASYNC] = "true"
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if sebelumnya is None:
            os.environ.pop(IZIN_ASYNC, None)
        else:
            os.environ[IZIN_ASYNC] = sebelumnya


@pytest.fixture
def data_seed(transactional_db, settings):
    """The seed documents and demo accounts, loaded again into the freshly flushed database.

    The live server speaks plain http, so the session and CSRF cookies must not be `Secure`
    (with DEBUG=0 the settings make them so).
    """
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        muat_fixture(Path(django_settings.BASE_DIR) / "fixtures")
        buat_akun_demo()


@pytest.fixture
def page(browser, live_server, data_seed):
    """A fresh browser context and page per test, with relative URLs against the live server.

    Uncaught JavaScript errors and failed static files fail the test at teardown.
    """
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="id-ID"
    )
    context.set_default_timeout(10_000)
    halaman = context.new_page()
    galat: list[str] = []

    def static_gagal(response) -> None:
        if "/static/" in response.url and response.status >= 400:
            galat.append(f"{response.status} {response.url}")

    halaman.on("pageerror", lambda exc: galat.append(f"JavaScript: {exc}"))
    halaman.on("response", static_gagal)
    yield halaman
    context.close()
    assert not galat, f"galat di peramban: {galat}"
