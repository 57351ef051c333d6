"""Issue 15's "done when", in a real Chromium: an operator uploads a Word file of a RAK laid out
like the seeds (the table split over pages, merged sasaran cells, ✓ marks, the signature
block), sees every row of it in the preview with the header fields found, confirms, lands in
the new draft's editor and edits it; a file that is no document is refused next to the field.
Screenshots are left in the test's tmp_path."""

import re

import pytest

from dokumen.jenis import jenis_terdaftar
from dokumen.models import Dokumen, JejakPerubahan
from rencana_aksi.models import BarisRak
from tests.browser.conftest import CHROMIUM
from tests.browser.test_dokumen_browser import foto, masuk, simpan
from tests.conftest import dokumen_seed
from tests.pertukaran.docx_uji import docx_dokumen

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright tidak terpasang")
expect = sync_api.expect

if not CHROMIUM.exists():
    pytest.skip(f"Chromium tidak ada di {CHROMIUM}: tes peramban dilewati", allow_module_level=True)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _ke_unggah(page, jenis: str, tahun: int, berkas) -> None:
    page.goto("/dokumen/baru/kab-lebak/")
    page.get_by_role("link", name="Impor dari berkas").click()
    expect(page).to_have_url(re.compile(r"/pertukaran/impor/kab-lebak/$"))
    page.get_by_label("Jenis dokumen").select_option(jenis)
    page.get_by_label("Tahun").fill(str(tahun))
    page.get_by_label("Berkas Word (.docx) atau Excel (.xlsx)").set_input_files(str(berkas))
    page.get_by_role("button", name="Lihat pratinjau").click()


def test_an_operator_imports_a_word_rak_checks_the_preview_and_edits_the_draft(page, tmp_path):
    seed = dokumen_seed("kab-lebak", "RAK")
    terdaftar = jenis_terdaftar("RAK")
    daun = terdaftar.daun(terdaftar.baca_baris(seed))
    berkas = tmp_path / "RAK Lebak.docx"
    berkas.write_bytes(docx_dokumen(seed, pecah=3))
    masuk(page, "operator.kab-lebak")

    _ke_unggah(page, "RAK", 2031, berkas)

    expect(page).to_have_url(re.compile(r"/pertukaran/impor/kab-lebak/\d+/$"))
    expect(page.get_by_role("heading", name="Pratinjau impor: RAK 2031")).to_be_visible()
    expect(page.locator("#pratinjau-baris tbody tr[data-baris]")).to_have_count(len(daun))
    expect(page.locator("#pratinjau-baris")).to_contain_text("tabel 3, baris")
    expect(page.locator("#kepala-ditemukan")).to_contain_text("cocok dengan pejabat")
    expect(page.locator("#pratinjau-baris")).to_contain_text(daun[0]["kegiatan"])
    foto(page, tmp_path, "1-pratinjau")

    page.get_by_role("button", name=f"Buat draf dengan {len(daun)} baris").click()

    expect(page).to_have_url(re.compile(r"/dokumen/\d+/ubah/$"))
    expect(page.get_by_text(f"dibuat dari RAK Lebak.docx dengan {len(daun)} baris")).to_be_visible()
    baru = Dokumen.objects.get(satker=seed.satker, jenis="RAK", tahun=2031)
    assert JejakPerubahan.objects.get(dokumen=baru).ringkasan.startswith(
        "Diimpor dari RAK Lebak.docx."
    )
    kegiatan = page.locator("textarea[name$='-kegiatan']").first
    expect(kegiatan).to_have_value(daun[0]["kegiatan"])
    kegiatan.fill("Inventarisasi logistik (diperbarui setelah impor)")
    foto(page, tmp_path, "2-editor")
    simpan(page)

    expect(page).to_have_url(re.compile(r"/dokumen/\d+/$"))
    baris = BarisRak.objects.filter(sasaran__dokumen=baru).order_by("sasaran__urutan", "urutan")
    assert baris.count() == len(daun)
    assert baris.first().kegiatan == "Inventarisasi logistik (diperbarui setelah impor)"


def test_a_program_renamed_docx_is_refused_next_to_the_field(page, tmp_path):
    berkas = tmp_path / "RAK.docx"
    berkas.write_bytes(b"MZ\x90\x00\x03" + b"\x00" * 200)
    masuk(page, "operator.kab-lebak")

    _ke_unggah(page, "RAK", 2031, berkas)

    expect(page).to_have_url(re.compile(r"/pertukaran/impor/kab-lebak/$"))
    expect(page.locator(".invalid-feedback, .text-danger").first).to_contain_text(
        "program (executable)"
    )
    foto(page, tmp_path, "ditolak")
    assert not Dokumen.objects.filter(satker__kode="kab-lebak", tahun=2031).exists()
