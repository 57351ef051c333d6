"""Row keys in a real browser: sasaran and rows moved with the buttons keep their keys, and a
row added with "Tambah baris di bawah" starts without one (it is not a copy of another row's)
and gets its own."""

import re

import pytest

from dokumen.baris import data_baris
from tests.browser.conftest import CHROMIUM
from tests.browser.test_dokumen_browser import baris_editor, foto, masuk, simpan
from tests.conftest import dokumen_seed

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright tidak terpasang")
expect = sync_api.expect

if not CHROMIUM.exists():
    pytest.skip(f"Chromium tidak ada di {CHROMIUM}: tes peramban dilewati", allow_module_level=True)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_moved_rows_keep_their_keys_and_an_added_row_gets_a_new_one(page, tmp_path):
    rak = dokumen_seed("kab-lebak", "RAK")
    sebelum = data_baris(rak)
    datar = [b["kunci"] for s in sebelum for b in s["baris"]]
    masuk(page, "operator.kab-lebak")
    page.goto(f"/dokumen/{rak.pk}/ubah/")
    expect(baris_editor(page).nth(2).locator("[name$=-kunci]")).to_have_value(datar[2])

    # Sasaran 3 (with its row and its key) moves above sasaran 2 by its button; then a new row
    # below the last one, in the last sasaran.
    assert [len(s["baris"]) for s in sebelum[:3]] == [1, 1, 1]
    page.locator("#tabel-kelompok > tbody").nth(2).locator("[data-geser-sasaran=naik]").click()
    baris_editor(page).last.locator("[data-tambah=baris]").click()
    baru = baris_editor(page).last
    expect(baru.locator("[name$=-kunci]")).to_have_value("")
    expect(baru.locator("[name$=-induk]")).to_have_value(
        page.locator("#tabel-kelompok > tbody").last.get_attribute("data-sasaran")
    )
    baru.locator("[name$=-kegiatan]").fill("Kegiatan baru dari peramban")
    foto(page, tmp_path, "01-geser-dan-tambah")

    simpan(page)
    expect(page).to_have_url(re.compile(r"/dokumen/\d+/$"))
    expect(page.locator(".alert-success")).to_have_text("Dokumen disimpan.")

    sesudah = data_baris(rak)
    urutan_sasaran = [s["kunci"] for s in sebelum]
    urutan_sasaran[1:3] = [urutan_sasaran[2], urutan_sasaran[1]]
    assert [s["kunci"] for s in sesudah] == urutan_sasaran
    kunci = [b["kunci"] for s in sesudah for b in s["baris"]]
    assert kunci[:-1] == [datar[0], datar[2], datar[1], *datar[3:]]
    assert kunci[-1] not in datar
    assert sesudah[-1]["baris"][-1]["kegiatan"] == "Kegiatan baru dari peramban"
