"""The to-do home pages in a real browser: a RAK submitted, returned with a note, changed,
resubmitted, read as a diff by the Ketua, approved and waiting for the Sekretaris's signature;
the reviewer's and Admin RI's homes; and "Salin ke" asking first, with and without JavaScript.

Each step leaves a full-page screenshot in the test's tmp_path (see test_dokumen_browser.py).
"""

import re

import pytest
from django.contrib.auth import get_user_model

from dokumen.baris import data_baris
from dokumen.models import Dokumen, StatusDokumen
from dokumen.services import KOLOM_KEPALA, dokumen_simpan
from tests.browser.conftest import CHROMIUM
from tests.browser.test_dokumen_browser import URL_UBAH, foto, masuk
from tests.conftest import dokumen_seed
from tests.factories import ajukan

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright tidak terpasang")
expect = sync_api.expect

if not CHROMIUM.exists():
    pytest.skip(f"Chromium tidak ada di {CHROMIUM}: tes peramban dilewati", allow_module_level=True)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def keluar(page) -> None:
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_load_state()


def ganti_pengguna(page, username: str) -> None:
    keluar(page)
    masuk(page, username)


def ubah_rak(rak: Dokumen, oleh) -> tuple[str, str]:
    """As the operator would in the editor: a new budget for the first row, and the last row of
    a sasaran with several moved to the sasaran before it. Returns both rows' activities."""
    data = data_baris(rak)
    data[0]["baris"][0]["anggaran"] = 9_999_000
    asal = next(i for i, s in enumerate(data) if i > 0 and len(s["baris"]) > 1)
    pindah = data[asal]["baris"].pop()
    data[asal - 1]["baris"].append(pindah)
    kepala = {kolom: getattr(rak, kolom) for kolom in KOLOM_KEPALA}
    dokumen_simpan(dokumen=rak, kepala=kepala, baris=data, suntingan=rak.suntingan, oleh=oleh)
    return data[0]["baris"][0]["kegiatan"], pindah["kegiatan"]


def test_a_returned_and_resubmitted_rak_through_every_home(page, tmp_path):
    akun = get_user_model().objects
    rak = ajukan(dokumen_seed("kab-lebak", "RAK"), oleh=akun.get(username="operator.kab-lebak"))

    # The Ketua sees it waiting, opens it and returns it with a note.
    masuk(page, "ketua.kab-lebak")
    foto(page, tmp_path, "01-ketua-menunggu-persetujuan")
    persetujuan = page.locator("#tugas-persetujuan")
    expect(persetujuan).to_contain_text("Rencana Aksi Kinerja (RAK) 2024")
    expect(persetujuan).to_contain_text("Diajukan oleh operator.kab-lebak")
    expect(persetujuan.locator("[data-perubahan]")).to_have_count(0)  # submitted once
    persetujuan.get_by_role("link", name=re.compile("RAK")).click()
    page.locator("#catatan-kembali").fill("Anggaran baris pertama belum sesuai DIPA.")
    page.get_by_role("button", name="Kembalikan…").click()
    page.locator("#dialog-konfirmasi").get_by_role("button", name="Ya, kembalikan").click()
    expect(page.locator(".alert-success")).to_contain_text("dikembalikan")

    # The operator sees the note and who wrote it.
    ganti_pengguna(page, "operator.kab-lebak")
    foto(page, tmp_path, "02-operator-dikembalikan")
    dikembalikan = page.locator("#tugas-dikembalikan")
    expect(dikembalikan).to_contain_text("Anggaran baris pertama belum sesuai DIPA.")
    expect(dikembalikan).to_contain_text("ketua.kab-lebak (Ketua, KPU Kabupaten Lebak)")
    expect(dikembalikan).to_contain_text("Draf · dikembalikan")

    # … changes it (saved as the editor saves) and submits it again from its page.
    rak.refresh_from_db()
    diubah, dipindah = ubah_rak(rak, akun.get(username="operator.kab-lebak"))
    dikembalikan.get_by_role("link", name=re.compile("RAK")).first.click()
    page.get_by_role("button", name="Ajukan ke Ketua…").click()
    page.locator("#dialog-konfirmasi").get_by_role("button", name="Ya, ajukan").click()
    expect(page.locator(".alert-success")).to_contain_text("diajukan")
    page.goto("/")
    expect(page.locator("#tugas-dikembalikan")).to_contain_text("Tidak ada dokumen")
    foto(page, tmp_path, "03-operator-setelah-ajukan-ulang")

    # The Ketua reads what changed since the first submission.
    ganti_pengguna(page, "ketua.kab-lebak")
    persetujuan = page.locator("#tugas-persetujuan")
    expect(persetujuan).to_contain_text("pengajuan ke-2")
    foto(page, tmp_path, "04-ketua-pengajuan-kedua")
    persetujuan.get_by_role("link", name="Apa yang berubah sejak pengajuan sebelumnya").click()
    expect(page).to_have_url(re.compile(rf"/dokumen/{rak.pk}/perubahan/$"))
    foto(page, tmp_path, "05-perubahan")
    expect(page.locator("#ringkasan-perubahan")).to_contain_text("1 diubah, 1 dipindah")
    baris_diubah = page.locator("[data-jenis=diubah]").filter(has_text=diubah[:40])
    expect(baris_diubah.locator("ins")).to_have_text("9.999.000")
    baris_pindah = page.locator("[data-pindah]").filter(has_text=dipindah[:40])
    expect(baris_pindah).to_contain_text("Dipindah dari Sasaran")

    # … and approves it: now it waits for the Sekretaris, who signs the RAK.
    page.get_by_role("link", name="Kembali ke dokumen").click()
    page.get_by_role("button", name="Setujui…").click()
    page.locator("#dialog-konfirmasi").get_by_role("button", name="Ya, setujui").click()
    expect(page.locator(".alert-success")).to_contain_text("disetujui")
    page.goto("/")
    expect(page.locator("#tugas-persetujuan")).to_contain_text("Tidak ada dokumen")
    expect(page.locator("#tugas-tanda-tangan")).to_contain_text("Tidak ada dokumen")
    ganti_pengguna(page, "sekretaris.kab-lebak")
    foto(page, tmp_path, "06-sekretaris-tanda-tangan")
    tanda_tangan = page.locator("#tugas-tanda-tangan")
    expect(tanda_tangan).to_contain_text("Rencana Aksi Kinerja (RAK) 2024")
    expect(tanda_tangan.locator("[data-perubahan]")).to_have_count(1)

    # The provinsi's reviewer has it in the queue; Admin RI sees the nation.
    ganti_pengguna(page, "reviewer.banten")
    foto(page, tmp_path, "07-reviewer")
    expect(page.locator("#tugas-reviu")).to_contain_text("KPU Kabupaten Lebak · RAK 2024")
    expect(
        page.locator("#jumlah-status tr[data-jenis=RAK] td[data-status=DISETUJUI]")
    ).to_have_text("1")
    ganti_pengguna(page, "admin.ri")
    foto(page, tmp_path, "08-admin-ri")
    expect(page.locator("#provinsi-tertinggal")).to_contain_text("KPU Provinsi Banten")


def test_salin_asks_first_and_a_stray_click_creates_nothing(page, tmp_path):
    masuk(page, "operator.kab-lebak")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.locator('[data-salin="IKU-2024"]').click()
    ya = page.locator('[data-salin-ya="IKU-2024"]')
    expect(ya).to_be_visible()
    # Brought into view and focused: at the bottom of the screen it would open out of sight.
    expect(ya).to_be_focused()
    assert ya.evaluate("el => el.getBoundingClientRect().bottom <= window.innerHeight")
    foto(page, tmp_path, "01-konfirmasi-salin")
    assert not Dokumen.objects.filter(satker__kode="kab-lebak", jenis="IKU", tahun=2025).exists()

    page.get_by_role("link", name="Batal").first.click()
    expect(ya).to_be_hidden()
    assert not Dokumen.objects.filter(satker__kode="kab-lebak", jenis="IKU", tahun=2025).exists()


def test_salin_confirms_without_javascript(browser, live_server, data_seed, tmp_path):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        masuk(page, "operator.kab-lebak")
        page.locator('[data-salin="RKT-2024"]').click()
        page.locator('[data-salin-ya="RKT-2024"]').click()
        expect(page).to_have_url(URL_UBAH)
        foto(page, tmp_path, "01-disalin-tanpa-js")
    finally:
        context.close()
    baru = Dokumen.objects.get(satker__kode="kab-lebak", jenis="RKT", tahun=2025)
    assert baru.status == StatusDokumen.DRAF
