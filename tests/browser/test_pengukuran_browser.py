"""The quarter's measurement in a real Chromium, as issue 14's walk-through: Lebak's sample
TW I is on the year page; the operator enters TW II and its evidence, submits; the Ketua
approves; the Sekretaris signs the TW report (real WeasyPrint and pyHanko), which the public
verification page accepts; the reviewer of Banten sees the approved quarter in the matrix,
with the roll-up. Screenshots of each step in the test's tmp_path."""

import re

import pytest

from dokumen.tte import init_pki
from pengukuran.contoh import muat_contoh_pengukuran
from pengukuran.models import LaporanTriwulan, StatusLaporan
from tests.browser.conftest import CHROMIUM
from tests.browser.test_dokumen_browser import foto, masuk
from tests.dua_faktor_uji import kode_untuk
from tests.pengukuran.berkas_contoh import PDF
from tests.test_cadangan import _di_utas_lain

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright tidak terpasang")
expect = sync_api.expect

if not CHROMIUM.exists():
    pytest.skip(f"Chromium tidak ada di {CHROMIUM}: tes peramban dilewati", allow_module_level=True)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TAHUN = "/pengukuran/kab-lebak/2024/"
TW2 = "/pengukuran/kab-lebak/2024/tw/2/"


@pytest.fixture
def contoh(data_seed, live_server, settings, tmp_path):
    """`make run`'s data: the seeds, the demo accounts, a PKI and Lebak's sample TW I."""
    settings.SITE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PKI_DIR = tmp_path / "pki"
    settings.TTE_PKCS12_PATH = ""
    settings.TTE_TIMESTAMP_URL = ""
    init_pki(settings.PKI_DIR)
    # pyHanko signs through asyncio.run(): not in the thread where Playwright's loop runs.
    _di_utas_lain(muat_contoh_pengukuran)


def _ganti_akun(page, username: str) -> None:
    page.context.clear_cookies()
    masuk(page, username)


def _konfirmasi(page, tombol: str, ya: str) -> None:
    page.get_by_role("button", name=tombol).click()
    page.locator("#dialog-konfirmasi").get_by_role("button", name=ya).click()
    page.wait_for_load_state()


def _isi_tw2(page) -> int:
    """Every indicator of the TW II form filled: a scale's first value, else 1."""
    jumlah = 0
    for fieldset in page.locator("fieldset.isian-indikator").all():
        skala = fieldset.locator("select[name$='-nilai_skala']")
        if skala.count():
            skala.select_option(index=1)
        else:
            fieldset.locator("input[name$='-nilai']").fill("1")
        jumlah += 1
    return jumlah


def test_a_quarter_is_entered_submitted_approved_signed_and_seen_by_the_provinsi(
    page, contoh, tmp_path
):
    page.set_viewport_size({"width": 1366, "height": 900})
    masuk(page, "operator.kab-lebak")

    page.goto(TAHUN)
    foto(page, tmp_path, "1-tahun-tw1")
    tabel = page.locator("#tabel-pengukuran")
    expect(tabel.locator("td.sel-tw[data-tw='1'] .nilai-realisasi").first).not_to_have_text("—")
    expect(page.locator("#status-laporan [data-tw='1'] [data-status]")).to_have_text("Diajukan")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366

    page.locator("[data-isi='2']").click()
    expect(page).to_have_url(re.compile(re.escape(TW2) + "$"))
    jumlah = _isi_tw2(page)
    foto(page, tmp_path, "2-isi-tw2")
    page.get_by_role("button", name="Simpan realisasi TW II").click()
    expect(page.locator(".alert-success")).to_contain_text("Realisasi TW II 2024 disimpan.")
    laporan = LaporanTriwulan.objects.get(satker__kode="kab-lebak", tahun=2024, tw=2)
    assert laporan.realisasi.count() == jumlah

    page.get_by_role("link", name="Unggah atau hapus bukti dukung").first.click()
    berkas = tmp_path / "Notulen rapat TW II.pdf"
    berkas.write_bytes(PDF)
    page.locator("input[type=file][name=berkas]").set_input_files(str(berkas))
    page.get_by_role("button", name="Unggah").click()
    expect(page.locator(".bukti-dukung")).to_contain_text("Notulen rapat TW II.pdf")
    foto(page, tmp_path, "3-bukti")

    page.goto(TW2)
    expect(page.locator(".bukti-ringkas").first).to_contain_text("Notulen rapat TW II.pdf")
    _konfirmasi(page, "Ajukan laporan…", "Ya, ajukan")
    expect(page.locator("#status-laporan-2")).to_have_text("Diajukan")

    _ganti_akun(page, "ketua.kab-lebak")
    page.goto(TW2)
    _konfirmasi(page, "Setujui…", "Ya, setujui")
    expect(page.locator("#status-laporan-2")).to_have_text("Disetujui")
    foto(page, tmp_path, "4-disetujui")

    _ganti_akun(page, "sekretaris.kab-lebak")
    page.goto(TW2)
    page.locator("#sandi-ttd-laporan").fill("demo12345")
    page.locator("#kode-ttd-laporan").fill(kode_untuk("sekretaris.kab-lebak"))
    page.get_by_role("button", name="Tandatangani laporan").click()
    expect(page.locator("#ttd-laporan")).to_contain_text("Ditandatangani secara elektronik")
    foto(page, tmp_path, "5-ditandatangani")
    # The signed file as the link serves it (shown inline), fetched with the page's session.
    alamat = page.get_by_role("link", name="PDF bertanda tangan").get_attribute("href")
    jawaban = page.request.get(alamat)
    assert jawaban.ok
    assert jawaban.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "laporan-tw2.pdf"
    pdf.write_bytes(jawaban.body())
    page.get_by_role("link", name="halaman verifikasi").click()
    expect(page.locator("#rincian-verifikasi")).to_contain_text("TW II")
    page.locator("input[type=file]").set_input_files(str(pdf))
    page.get_by_role("button", name="Periksa", exact=True).click()
    expect(page.locator("#hasil-verifikasi")).to_contain_text("asli")
    foto(page, tmp_path, "6-verifikasi")

    _ganti_akun(page, "reviewer.banten")
    page.goto("/pengukuran/rekap/prov-banten/2024/")
    lebak = page.locator("#matriks-pengukuran tr[data-satker='kab-lebak']")
    expect(lebak.locator("td[data-tw='2']")).to_have_attribute("data-status", "disetujui")
    expect(lebak.locator("td[data-tw='1']")).to_have_attribute("data-status", "diajukan")
    foto(page, tmp_path, "7-matriks")
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DISETUJUI
