"""The bell in a real browser: the operator submits Lebak's RAK, the Ketua's email arrives at a
real SMTP server and their bell shows 1; the Ketua opens the notification from the list,
lands on the document, and it is marked read. Screenshots in the test's tmp_path."""

import re

import pytest

from dokumen.models import StatusDokumen
from notifikasi.models import Notifikasi
from tests.browser.conftest import CHROMIUM
from tests.browser.test_beranda_browser import ganti_pengguna
from tests.browser.test_dokumen_browser import masuk
from tests.conftest import _user, dokumen_seed
from tests.surel_uji import smtp  # noqa: F401 — the fixture

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright tidak terpasang")
expect = sync_api.expect

if not CHROMIUM.exists():
    pytest.skip(f"Chromium tidak ada di {CHROMIUM}: tes peramban dilewati", allow_module_level=True)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_submitted_document_rings_the_ketuas_bell_and_mailbox(page, smtp, tmp_path):  # noqa: F811
    ketua = _user("ketua.kab-lebak")
    ketua.email = "ketua@kpu-lebak.go.id"
    ketua.save()
    rak = dokumen_seed("kab-lebak", "RAK")
    assert rak.status == StatusDokumen.DRAF

    masuk(page, "operator.kab-lebak")
    expect(page.locator("#lonceng")).to_be_visible()
    expect(page.locator("#lonceng-jumlah")).to_have_count(0)
    page.goto(f"/dokumen/{rak.pk}/")
    page.get_by_role("button", name="Ajukan ke Ketua…").click()
    page.locator("#dialog-konfirmasi").get_by_role("button", name="Ya, ajukan").click()
    expect(page.locator(".alert-success")).to_contain_text("diajukan")

    [pesan] = smtp.tunggu(1)
    assert pesan["To"] == "ketua@kpu-lebak.go.id"
    assert pesan["Subject"] == f"[SAKIP KPU] {rak} menunggu persetujuan Anda"
    assert f"https://kinerja.kpu.go.id/dokumen/{rak.pk}/" in pesan.get_content()

    ganti_pengguna(page, "ketua.kab-lebak")
    expect(page.locator("#lonceng-jumlah")).to_have_text("1")
    tinggi = page.locator("nav.navbar").evaluate("el => el.getBoundingClientRect().height")
    assert tinggi < 70, f"navbar {tinggi} px: wrapped onto a second line"
    page.locator("nav.navbar").screenshot(path=tmp_path / "01-navbar-lonceng.png")

    page.locator("#lonceng").click()
    expect(page.get_by_role("heading", name="Notifikasi")).to_be_visible()
    page.screenshot(path=tmp_path / "02-daftar-notifikasi.png", full_page=True)
    page.get_by_role("button", name=re.compile("menunggu persetujuan Anda")).click()

    expect(page).to_have_url(re.compile(rf"/dokumen/{rak.pk}/$"))
    expect(page.locator("#lonceng-jumlah")).to_have_count(0)
    assert Notifikasi.objects.get(penerima=ketua).dibaca_pada is not None
    page.locator("nav.navbar").screenshot(path=tmp_path / "03-navbar-setelah-dibaca.png")

    # The switches, from the user menu: one email kind off.
    page.locator("#menu-pengguna").click()
    page.get_by_role("link", name="Pengaturan notifikasi").click()
    page.get_by_label("Dokumen diterbitkan — Surel").uncheck()
    page.get_by_role("button", name="Simpan pengaturan").click()
    expect(page.locator(".alert-success")).to_contain_text("Pengaturan notifikasi disimpan.")
    expect(page.get_by_label("Dokumen diterbitkan — Surel")).not_to_be_checked()
    expect(page.get_by_label("Dokumen diterbitkan — Di situs")).to_be_checked()
    page.screenshot(path=tmp_path / "04-pengaturan.png", full_page=True)
