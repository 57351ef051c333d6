"""The document editor in a real browser: copy last year's RAK, add a row, reorder, errors.

Run only these with `pytest -m browser`. Each step leaves a full-page screenshot in the test's
tmp_path: /tmp/pytest-of-$USER/pytest-current/<test name>/, or under `--basetemp=DIR`.
"""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from dokumen.models import Dokumen
from dokumen.services import dokumen_salin
from dua_faktor.aturan import wajib_dua_faktor
from indikator.models import BarisIku
from rencana_aksi.models import BarisRak
from satker.demo import PASSWORD_DEMO
from tests.browser.conftest import CHROMIUM
from tests.conftest import dokumen_seed
from tests.dua_faktor_uji import isi_kode_di_peramban, kode_sekali

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright tidak terpasang")
expect = sync_api.expect

if not CHROMIUM.exists():
    pytest.skip(f"Chromium tidak ada di {CHROMIUM}: tes peramban dilewati", allow_module_level=True)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

URL_UBAH = re.compile(r"/dokumen/(\d+)/ubah/$")
URL_DETAIL = re.compile(r"/dokumen/(\d+)/$")


def masuk(page, username: str) -> None:
    """Log in through the real login form and land on the home page; an account that needs
    a second factor gets one set up for the test and types its code on the second step."""
    user = get_user_model().objects.get(username=username)
    kode = kode_sekali(user) if wajib_dua_faktor(user) else None
    page.goto("/masuk/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD_DEMO)
    page.get_by_role("button", name="Masuk").click()
    if kode:
        expect(page).to_have_url(re.compile(r"/akun/dua-langkah/verifikasi/"))
        isi_kode_di_peramban(page, kode)
    expect(page).to_have_url(re.compile(r"/$"))


def foto(page, tmp_path: Path, nama: str) -> None:
    page.screenshot(path=tmp_path / f"{nama}.png", full_page=True)


def baris_editor(page):
    """The editor's rows, in their blocks (RKT, RAK: sasaran; IKU: program groups)."""
    return page.locator("table.tabel-editor > tbody > tr.baris-form")


def simpan(page) -> None:
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_load_state()


def isi_rak(dokumen: Dokumen) -> list[tuple]:
    return list(
        BarisRak.objects.filter(sasaran__dokumen=dokumen)
        .order_by("sasaran__urutan", "urutan")
        .values_list("kegiatan", "anggaran", "tw1", "tw2", "tw3", "tw4", "pelaksana")
    )


def test_operator_copies_rak_to_next_year_and_adds_a_row(page, tmp_path):
    masuk(page, "operator.kab-lebak")
    foto(page, tmp_path, "01-beranda")

    page.locator('[data-salin="RAK-2024"]').click()
    page.locator('[data-salin-ya="RAK-2024"]').click()  # the copy asks first
    expect(page).to_have_url(URL_UBAH)
    foto(page, tmp_path, "02-ubah-rak-2025")
    expect(page.get_by_role("heading", level=1)).to_contain_text("2025")
    expect(page.locator(".alert-success")).to_contain_text("RAK 2025 disalin dari 2024")
    expect(baris_editor(page)).to_have_count(24)

    baris_editor(page).last.locator("[data-tambah=baris]").click()  # below the last row
    expect(baris_editor(page)).to_have_count(25)
    page.locator("[name=baris-24-kegiatan]").fill("Kegiatan uji peramban")
    page.locator("[name=baris-24-anggaran]").fill("1.500.000")
    page.locator("[name=baris-24-tw2]").check()
    page.locator("[name=baris-24-tw3]").check()
    foto(page, tmp_path, "03-baris-baru-diisi")

    simpan(page)
    expect(page).to_have_url(URL_DETAIL)
    foto(page, tmp_path, "04-detail-rak-2025")
    expect(page.locator(".alert-success")).to_have_text("Dokumen disimpan.")
    baris = page.locator("#tabel-rak tbody tr").filter(has_text="Kegiatan uji peramban")
    expect(baris).to_have_count(1)
    expect(baris.locator("td.centang")).to_have_text(["", "✓", "✓", ""])
    expect(baris.locator("td.anggaran")).to_have_text("Rp1.500.000")

    rak_2025 = Dokumen.objects.get(satker__kode="kab-lebak", jenis="RAK", tahun=2025)
    assert page.url.endswith(f"/dokumen/{rak_2025.pk}/")
    assert BarisRak.objects.filter(sasaran__dokumen=rak_2025).count() == 25
    baru = BarisRak.objects.get(sasaran__dokumen=rak_2025, kegiatan="Kegiatan uji peramban")
    assert baru.anggaran == 1_500_000
    assert baru.triwulan == [False, True, True, False]


def test_another_satkers_operator_gets_404_on_lebaks_documents(page, tmp_path):
    rak_2024 = dokumen_seed("kab-lebak", "RAK")
    rak_2025 = dokumen_salin(sumber=rak_2024, tahun=2025)
    masuk(page, "operator.kota-serang")
    foto(page, tmp_path, "01-beranda-serang")

    for nomor, url in enumerate(
        [
            f"/dokumen/{rak_2025.pk}/",
            f"/dokumen/{rak_2025.pk}/ubah/",
            f"/dokumen/{rak_2024.pk}/ubah/",
        ],
        start=2,
    ):
        response = page.goto(url)
        foto(page, tmp_path, f"0{nomor}-404")
        assert response.status == 404, url
        expect(page.locator("body")).not_to_contain_text("Kegiatan")


def test_a_bad_budget_is_shown_beside_its_field_and_nothing_is_saved(page, tmp_path):
    rak = dokumen_seed("kab-lebak", "RAK")
    sebelum = (isi_rak(rak), rak.suntingan)
    masuk(page, "operator.kab-lebak")
    page.goto(f"/dokumen/{rak.pk}/ubah/")
    anggaran = page.locator("[name=baris-4-anggaran]")
    anggaran.fill("abc")
    foto(page, tmp_path, "01-anggaran-abc")

    simpan(page)
    expect(page).to_have_url(URL_UBAH)
    anggaran.scroll_into_view_if_needed()  # the editor table scrolls sideways
    foto(page, tmp_path, "02-galat-anggaran")
    expect(page.locator(".alert-danger")).to_contain_text("Dokumen belum disimpan")
    expect(anggaran).to_have_value("abc")
    expect(anggaran).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(page.locator(".is-invalid")).to_have_count(1)
    sel = page.locator("td").filter(has=anggaran)
    expect(sel.locator(".invalid-feedback")).to_contain_text("Tulis anggaran sebagai angka rupiah")

    rak.refresh_from_db()
    assert (isi_rak(rak), rak.suntingan) == sebelum


def test_the_up_button_moves_a_row_and_the_order_is_saved(page, tmp_path):
    iku = dokumen_seed("kab-lebak", "IKU")
    sebelum = list(BarisIku.objects.filter(dokumen=iku).values_list("indikator", flat=True))
    masuk(page, "operator.kab-lebak")
    page.goto(f"/dokumen/{iku.pk}/ubah/")
    foto(page, tmp_path, "01-ubah-iku")

    baris_editor(page).nth(1).locator("[data-geser=naik]").click()
    expect(baris_editor(page).first.locator("[name$=-indikator]")).to_have_value(sebelum[1])
    # Lebak's IKU has no program: one block, its rows numbered 1.1, 1.2, …
    expect(baris_editor(page).locator(".nomor-urut")).to_have_text(
        [f"1.{i}" for i in range(1, len(sebelum) + 1)]
    )
    foto(page, tmp_path, "02-baris-2-naik")

    simpan(page)
    expect(page).to_have_url(URL_DETAIL)
    foto(page, tmp_path, "03-detail-iku")
    expect(page.locator(".alert-success")).to_have_text("Dokumen disimpan.")
    sesudah = list(BarisIku.objects.filter(dokumen=iku).values_list("indikator", flat=True))
    assert sesudah == [sebelum[1], sebelum[0], *sebelum[2:]]
