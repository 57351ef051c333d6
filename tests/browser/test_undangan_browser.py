"""Invitations end to end in a real Chromium, through a real SMTP server: Admin RI invites a
reviewer of KPU Provinsi Banten, who opens the emailed link, sets a password, sets up the
authenticator app and logs in with its code; then Lebak's Sekretaris (a satker of Banten)
invites an operator, who accepts and logs in. Screenshots in the test's tmp_path."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.akun.uji import SANDI, tautan
from tests.browser.conftest import CHROMIUM
from tests.browser.test_dokumen_browser import foto, masuk
from tests.dua_faktor_uji import isi_kode_di_peramban, kode_totp
from tests.surel_uji import smtp  # noqa: F401 (the fixture)

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright tidak terpasang")
expect = sync_api.expect

if not CHROMIUM.exists():
    pytest.skip(f"Chromium tidak ada di {CHROMIUM}: tes peramban dilewati", allow_module_level=True)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _keluar(page) -> None:
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_load_state()


def _undang(page, email: str, nama: str) -> None:
    page.get_by_label("Alamat surel").fill(email)
    page.get_by_label("Nama lengkap").fill(nama)
    page.get_by_role("button", name="Kirim undangan").click()
    expect(page.locator(".alert-success")).to_contain_text(f"Undangan dikirim ke {email}")


def _terima(page, jalur: str, username: str) -> None:
    page.goto(jalur)
    expect(page.get_by_role("heading", name="Aktifkan akun Anda")).to_be_visible()
    page.get_by_label("Nama pengguna").fill(username)
    page.locator("input[name=password1]").fill(SANDI)
    page.locator("input[name=password2]").fill(SANDI)
    page.get_by_role("button", name="Aktifkan akun").click()
    expect(page.locator(".alert-success")).to_contain_text(f"Akun {username} aktif")


def _masuk_sandi(page, username: str) -> None:
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(SANDI)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()


def test_a_reviewer_and_an_operator_are_invited_and_log_in(page, smtp, tmp_path):  # noqa: F811
    masuk(page, "admin.ri")
    page.locator("#menu-pengguna").click()
    page.get_by_role("link", name="Reviewer provinsi").click()
    page.locator("tr[data-provinsi=prov-banten]").get_by_role(
        "link", name="Undang reviewer"
    ).click()
    expect(page.get_by_label("Peran")).to_have_value("REVIEWER_PROVINSI")
    _undang(page, "reviewer.baru@kpu-banten.go.id", "Dewi Lestari")
    foto(page, tmp_path, "1-undangan-terkirim")

    [pesan] = smtp.tunggu(1)
    assert pesan["To"] == "reviewer.baru@kpu-banten.go.id"
    assert "Reviewer Provinsi" in pesan["Subject"]
    _keluar(page)

    page.goto(tautan(pesan))
    foto(page, tmp_path, "2-aktifkan-akun")
    _terima(page, tautan(pesan), "dewi.lestari")
    foto(page, tmp_path, "3-masuk-setelah-aktif")
    _masuk_sandi(page, "dewi.lestari")
    expect(page).to_have_url(re.compile(r"/akun/dua-langkah/$"))
    expect(page.locator("#status-dua-langkah")).to_contain_text("wajib")
    page.get_by_role("button", name="Pasang verifikasi dua langkah").click()
    perangkat = TOTPDevice.objects.get(user__username="dewi.lestari", confirmed=False)
    page.get_by_label("Kode dari aplikasi").fill(kode_totp(perangkat))
    page.get_by_role("button", name="Aktifkan").click()
    expect(page.locator("#daftar-kode li")).to_have_count(10)
    _keluar(page)

    _masuk_sandi(page, "dewi.lestari")
    expect(page).to_have_url(re.compile(r"/akun/dua-langkah/verifikasi/"))
    perangkat.refresh_from_db()
    isi_kode_di_peramban(page, kode_totp(perangkat, geser=1))
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("#menu-pengguna")).to_contain_text("dewi.lestari · Reviewer Provinsi")
    _keluar(page)
    masuk(page, "admin.ri")
    page.goto("/akun/reviewer/")
    dewi = page.locator("tr[data-provinsi=prov-banten] [data-username='dewi.lestari']")
    expect(dewi).to_contain_text(re.compile(r"terakhir masuk \d+ \w+ \d{4} pukul"))
    expect(dewi).not_to_contain_text("dua langkah belum")  # hers is set up
    foto(page, tmp_path, "5-reviewer-provinsi")
    _keluar(page)

    masuk(page, "sekretaris.kab-lebak")
    page.locator("#menu-pengguna").click()
    page.get_by_role("link", name="Orang dan akun").click()
    page.get_by_role("link", name="Undang").click()
    _undang(page, "operator.baru@kpu-lebak.go.id", "Rudi Hartono")
    pesan = smtp.tunggu(2)[1]
    _keluar(page)

    _terima(page, tautan(pesan), "rudi.hartono")
    _masuk_sandi(page, "rudi.hartono")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("#menu-pengguna")).to_contain_text("rudi.hartono · Operator")
    _keluar(page)

    masuk(page, "sekretaris.kab-lebak")
    page.goto("/satker/kab-lebak/orang/")
    baris = page.locator("tr[data-username='rudi.hartono']")
    expect(baris).to_contain_text("Aktif")
    expect(baris).to_contain_text("WIB")  # last login, just now
    expect(page.locator("#riwayat-akun")).to_contain_text("Akun rudi.hartono")
    lebar = page.evaluate("document.documentElement.scrollWidth")
    assert lebar <= 1280, f"the people page scrolls sideways ({lebar} px)"
    foto(page, tmp_path, "4-orang-dan-akun")
