"""Two-step verification in a real Chromium: the Ketua sets up an authenticator app from the
user menu (the QR code drawn, the code typed), keeps the recovery codes, and the next login
asks for a code before any page. Screenshots in the test's tmp_path."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from satker.demo import PASSWORD_DEMO
from tests.browser.conftest import CHROMIUM
from tests.browser.test_dokumen_browser import foto
from tests.dua_faktor_uji import isi_kode_di_peramban, kode_totp

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright tidak terpasang")
expect = sync_api.expect

if not CHROMIUM.exists():
    pytest.skip(f"Chromium tidak ada di {CHROMIUM}: tes peramban dilewati", allow_module_level=True)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _masuk_sandi(page, username: str) -> None:
    page.goto("/masuk/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD_DEMO)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()


def test_the_ketua_sets_up_an_app_and_is_asked_its_code_at_the_next_login(page, tmp_path):
    _masuk_sandi(page, "ketua.kab-lebak")
    expect(page).to_have_url(re.compile(r"/$"))

    page.locator("#menu-pengguna").click()
    page.get_by_role("link", name="Verifikasi dua langkah").click()
    expect(page.locator("#status-dua-langkah")).to_contain_text("wajib")
    page.get_by_role("button", name="Pasang verifikasi dua langkah").click()
    expect(page.locator("#qr-dua-langkah svg")).to_be_visible()
    kotak = page.locator("#qr-dua-langkah svg").bounding_box()
    assert kotak["width"] > 150
    assert abs(kotak["width"] - kotak["height"]) < 2
    foto(page, tmp_path, "1-pasang")

    perangkat = TOTPDevice.objects.get(user__username="ketua.kab-lebak", confirmed=False)
    page.get_by_label("Kode dari aplikasi").fill(kode_totp(perangkat))
    page.get_by_role("button", name="Aktifkan").click()
    expect(page.locator("#daftar-kode li")).to_have_count(10)
    foto(page, tmp_path, "2-kode-pemulihan")

    page.get_by_role("button", name="Keluar").click()
    _masuk_sandi(page, "ketua.kab-lebak")
    expect(page).to_have_url(re.compile(r"/akun/dua-langkah/verifikasi/"))
    foto(page, tmp_path, "3-verifikasi")
    page.goto("/dokumen/")  # no other page before the code
    expect(page).to_have_url(re.compile(r"/akun/dua-langkah/verifikasi/"))

    perangkat.refresh_from_db()
    isi_kode_di_peramban(page, kode_totp(perangkat, geser=1))
    expect(page).to_have_url(re.compile(r"/dokumen/$"))
