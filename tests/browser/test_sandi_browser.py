"""The user menu in a real browser: the navbar stays one line at 1,280 px with the longest
role text, and its menu opens on "Ubah kata sandi"."""

import pytest

from tests.browser.conftest import CHROMIUM
from tests.browser.test_dokumen_browser import masuk

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright tidak terpasang")
expect = sync_api.expect

if not CHROMIUM.exists():
    pytest.skip(f"Chromium tidak ada di {CHROMIUM}: tes peramban dilewati", allow_module_level=True)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_user_menu_opens_the_password_change(page):
    masuk(page, "sekretaris.kab-lebak")
    tinggi = page.locator("nav.navbar").evaluate("el => el.getBoundingClientRect().height")
    assert tinggi < 70, f"navbar {tinggi} px: wrapped onto a second line"

    page.locator("#menu-pengguna").click()
    page.get_by_role("link", name="Ubah kata sandi").click()

    expect(page.get_by_role("heading", name="Ubah kata sandi")).to_be_visible()
    expect(page.get_by_label("Sandi lama")).to_be_visible()
