"""The realisasi template in a real Chromium: Lebak's operator opens TW II, downloads its
template, fills it as a user would (openpyxl), uploads it, reads the preview and applies it;
the quarter's page then shows the figures. Screenshots of each step in the test's tmp_path."""

import io
import shutil

import pytest
from openpyxl import load_workbook

from dokumen.tte import init_pki
from pengukuran.contoh import muat_contoh_pengukuran
from pengukuran.models import Realisasi
from pengukuran.services import pk_terbit
from perjanjian_kinerja.models import NILAI_SKALA, Polaritas
from pertukaran.realisasi import NAMA_LEMBAR, indeks_kolom
from satker.models import Satker
from tests.browser.conftest import CHROMIUM
from tests.browser.test_dokumen_browser import foto, masuk
from tests.pertukaran.bantu_realisasi import baris_kunci, indikator_pk, simpan
from tests.test_cadangan import _di_utas_lain

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright tidak terpasang")
expect = sync_api.expect

if not CHROMIUM.exists():
    pytest.skip(f"Chromium tidak ada di {CHROMIUM}: tes peramban dilewati", allow_module_level=True)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TW2 = "/pengukuran/kab-lebak/2024/tw/2/"


@pytest.fixture
def lebak(data_seed, live_server, settings, tmp_path):
    """`make run`'s data: the seeds, the demo accounts, a PKI and Lebak's sample TW I."""
    settings.SITE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PKI_DIR = tmp_path / "pki"
    settings.TTE_PKCS12_PATH = ""
    settings.TTE_TIMESTAMP_URL = ""
    init_pki(settings.PKI_DIR)
    _di_utas_lain(muat_contoh_pengukuran)  # signs through asyncio.run(), off Playwright's loop
    return pk_terbit(Satker.objects.get(kode="kab-lebak"), 2024)


def _isi(berkas: bytes, pk) -> tuple[bytes, int]:
    """Every indicator's TW II realisasi typed in: a scale's best value, else "1,5"."""
    buku = load_workbook(io.BytesIO(berkas))
    ws = buku[NAMA_LEMBAR]
    daftar = indikator_pk(pk)
    for indikator in daftar:
        sel = ws.cell(row=baris_kunci(ws, indikator), column=indeks_kolom("nilai"))
        kualitatif = indikator.polaritas == Polaritas.KUALITATIF
        sel.value = NILAI_SKALA[indikator.skala][0] if kualitatif else "1,5"
    ws.cell(row=baris_kunci(ws, daftar[0]), column=indeks_kolom("kendala")).value = "Dari Excel"
    return simpan(buku), len(daftar)


def test_download_fill_upload_preview_apply(page, lebak, tmp_path):
    page.set_viewport_size({"width": 1366, "height": 900})
    masuk(page, "operator.kab-lebak")
    page.goto(TW2)
    page.locator("#tautan-excel").click()
    expect(page.locator("h1")).to_have_text("Isi realisasi TW II tahun 2024 lewat Excel")
    foto(page, tmp_path, "1-unggah")

    with page.expect_download() as unduhan:
        page.locator("#unduh-templat").click()
    assert unduhan.value.suggested_filename == "kab-lebak-templat-realisasi-2024-tw2.xlsx"
    jalur = tmp_path / unduhan.value.suggested_filename
    unduhan.value.save_as(jalur)
    terisi, jumlah = _isi(jalur.read_bytes(), lebak)
    (tmp_path / "terisi.xlsx").write_bytes(terisi)
    shutil.copy(jalur, tmp_path / "templat.xlsx")

    page.locator("input[type=file][name=berkas]").set_input_files(str(tmp_path / "terisi.xlsx"))
    page.get_by_role("button", name="Pratinjau").click()
    page.wait_for_load_state()
    foto(page, tmp_path, "2-pratinjau")
    tabel = page.locator("#tabel-pratinjau")
    expect(tabel.locator("tbody tr")).to_have_count(jumlah)
    expect(tabel.locator("tbody tr.table-danger")).to_have_count(0)
    expect(tabel.locator("tbody tr").first).to_contain_text("Kendala: — → Dari Excel")
    assert not Realisasi.objects.filter(laporan__tw=2).exists()  # nothing saved yet

    page.get_by_role("button", name=f"Terapkan {jumlah} perubahan").click()
    page.wait_for_load_state()
    foto(page, tmp_path, "3-diterapkan")
    expect(page.locator(".alert-success")).to_contain_text(f"{jumlah} indikator diubah")
    assert page.url.endswith(TW2)
    tersimpan = Realisasi.objects.filter(laporan__tw=2, laporan__satker__kode="kab-lebak")
    assert tersimpan.count() == jumlah
    assert tersimpan.get(indikator=indikator_pk(lebak)[0]).kendala == "Dari Excel"
    expect(page.locator("input[name$='-nilai']").first).to_have_value("1,5")

    # The TW report beside its PDF, as an .xlsx.
    with page.expect_download() as unduhan:
        page.locator("#laporan-xlsx").click()
    assert unduhan.value.suggested_filename == "kab-lebak-pengukuran-2024-tw2.xlsx"
    unduhan.value.save_as(tmp_path / "laporan.xlsx")
    ws = load_workbook(tmp_path / "laporan.xlsx").active
    assert ws["A1"].value == "LAPORAN PENGUKURAN KINERJA TRIWULAN II TAHUN 2024"
    assert ws.cell(row=7, column=7).value == "1,5"
