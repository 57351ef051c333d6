"""The IKU editor grouped by program in a real Chromium: program groups are blocks; a row moved
to another group (by keyboard, by drag) is saved under that group's program, its key kept; a
group moved keeps its program; deleting a group asks and takes its rows. The rows stay stored
flat, each group's program on its first row only. Screenshots are left in tmp_path."""

import pytest

from dokumen.baris import data_baris
from indikator.models import BarisIku
from satker.models import Satker
from tests.browser.conftest import CHROMIUM
from tests.browser.test_dokumen_browser import foto, simpan
from tests.browser.test_editor_kelompok_browser import (
    URL_DETAIL,
    baris_di,
    blok,
    buka,
    seret,
    tunggu_lepas,
)
from tests.factories import IkuFactory

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright tidak terpasang")
expect = sync_api.expect

if not CHROMIUM.exists():
    pytest.skip(f"Chromium tidak ada di {CHROMIUM}: tes peramban dilewati", allow_module_level=True)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CQ = "PROGRAM PENYELENGGARAAN PEMILU DALAM PROSES KONSOLIDASI DEMOKRASI [076.01.CQ]"
WA = "PROGRAM DUKUNGAN MANAJEMEN [076.01.WA]"


def iku_berprogram():
    """A draft IKU of Lebak shaped like Banjarbaru's: CQ rows 1.–3., WA rows 1.–3."""
    baris = [
        {
            "program": program if nomor == 1 else "",
            "nomor": f"{nomor}.",
            "indikator": f"Indikator {kode} {nomor}",
            "cara_penghitungan": "Realisasi dibagi target",
            "sumber_data": "Laporan kegiatan",
        }
        for kode, program in (("CQ", CQ), ("WA", WA))
        for nomor in (1, 2, 3)
    ]
    return IkuFactory(satker=Satker.objects.get(kode="kab-lebak"), tahun=2030, baris=baris)


def kunci_indikator(iku) -> dict[str, str]:
    return {b["indikator"]: b["kunci"] for b in data_baris(iku)}


def program_per_kunci(iku) -> dict[str, str]:
    return {b["kunci"]: b["program"] for b in data_baris(iku)}


def nilai(lokasi) -> list[str]:
    return lokasi.evaluate_all("els => els.map(e => e.value)")


def test_rows_moved_to_another_program_by_keyboard_and_drag_are_saved_under_it(page, tmp_path):
    iku = iku_berprogram()
    kunci = kunci_indikator(iku)
    buka(page, iku)
    foto(page, tmp_path, "01-awal")
    expect(blok(page)).to_have_count(2)
    expect(blok(page).nth(0).locator("[name$=-program]")).to_have_value(CQ)

    # By keyboard: "Pindah ke kelompok program lain" on CQ 2, then WA in the dialog.
    baris_di(page, 0).nth(1).locator("[data-pindah-baris]").focus()
    page.keyboard.press("Enter")
    dialog = page.locator("#dialog-pindah")
    expect(dialog).to_be_visible()
    foto(page, tmp_path, "02-pindah-ke-program")
    dialog.locator("#pilihan-pindah button").filter(has_text="076.01.WA").focus()
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(baris_di(page, 1).locator("[name$=-indikator]").last).to_have_value("Indikator CQ 2")
    # The numbers follow, in each group.
    assert nilai(baris_di(page, 0).locator("[name$=-nomor]")) == ["1.", "2."]
    assert nilai(baris_di(page, 1).locator("[name$=-nomor]")) == ["1.", "2.", "3.", "4."]

    # By drag: WA 1 onto CQ's first row.
    page.set_viewport_size({"width": 1366, "height": 2400})
    seret(page, baris_di(page, 1).first.locator(".pegangan-baris"), baris_di(page, 0).first)
    tunggu_lepas(page)
    assert "Indikator WA 1" in nilai(baris_di(page, 0).locator("[name$=-indikator]"))
    foto(page, tmp_path, "03-diseret")

    # WA's block moves above CQ by Alt+Shift+↑, its program with it.
    blok(page).nth(1).locator("[name$=-program]").press("Alt+Shift+ArrowUp")
    expect(blok(page).nth(0).locator("[name$=-program]")).to_have_value(WA)
    urutan_cq = nilai(baris_di(page, 1).locator("[name$=-indikator]"))

    simpan(page)
    expect(page).to_have_url(URL_DETAIL)
    foto(page, tmp_path, "04-tersimpan")
    sesudah = data_baris(iku)
    assert [b["indikator"] for b in sesudah] == [
        "Indikator WA 2",
        "Indikator WA 3",
        "Indikator CQ 2",
        *urutan_cq,
    ]
    program = program_per_kunci(iku)
    assert program[kunci["Indikator WA 2"]] == WA  # now WA's first row
    assert program[kunci["Indikator CQ 2"]] == ""  # in WA, below its first row
    assert program[kunci[urutan_cq[0]]] == CQ
    assert all(program[kunci[i]] == "" for i in urutan_cq[1:])
    assert "Indikator WA 1" in urutan_cq
    assert set(program) == set(kunci.values())  # every row kept its key


def test_deleting_a_program_group_asks_and_takes_its_rows(page, tmp_path):
    iku = iku_berprogram()
    kunci = kunci_indikator(iku)
    buka(page, iku)

    baris_di(page, 0).nth(2).locator("[data-hapus-baris]").click()
    dialog = page.locator("#dialog-hapus")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("punya 3 baris")
    foto(page, tmp_path, "01-tanya-hapus")
    dialog.get_by_role("button", name="Hapus seluruh kelompok program beserta barisnya").click()
    expect(dialog).to_be_hidden()
    expect(baris_di(page, 0).locator(".nomor-urut")).to_have_text(["–", "–", "–"])

    simpan(page)
    expect(page).to_have_url(URL_DETAIL)
    assert program_per_kunci(iku) == {
        kunci["Indikator WA 1"]: WA,
        kunci["Indikator WA 2"]: "",
        kunci["Indikator WA 3"]: "",
    }
    assert not BarisIku.objects.filter(
        kunci__in=[kunci[f"Indikator CQ {i}"] for i in (1, 2, 3)]
    ).exists()


def test_a_program_groups_last_row_says_the_empty_group_cannot_be_saved(page, tmp_path):
    buka(page, iku_berprogram())
    dialog = page.locator("#dialog-hapus")
    for i in (0, 1):  # marked, the rows stay in place, struck through
        baris_di(page, 1).nth(i).locator("[data-hapus-baris]").click()
        dialog.get_by_role("button", name="Hapus baris ini saja").click()

    baris_di(page, 1).nth(2).locator("[data-hapus-baris]").click()
    expect(dialog).to_contain_text(
        f"Ini baris terakhir kelompok program {WA}; kelompok program tanpa baris tidak dapat "
        "disimpan: hapus seluruhnya, atau tambahkan baris lain sebelum menyimpan."
    )
    pilihan = dialog.locator("[data-hapus]:visible")
    expect(pilihan.first).to_have_text("Hapus seluruh kelompok program beserta barisnya")
    expect(pilihan.first).to_be_focused()
    foto(page, tmp_path, "01-baris-terakhir-program")


def test_the_program_grouped_iku_editor_fits_1366_pixels(page, tmp_path):
    buka(page, iku_berprogram())
    foto(page, tmp_path, "01-iku-berprogram-1366")
    page.screenshot(path=tmp_path / "02-layar-pertama.png")
    lebar = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= lebar
    kanan = page.locator(
        "#tabel-kelompok button:visible, #tabel-kelompok input:visible, #tabel-kelompok textarea"
    ).evaluate_all("els => Math.max(...els.map(e => e.getBoundingClientRect().right))")
    assert kanan <= lebar


def test_a_row_marked_for_deletion_shows_no_number_and_the_rows_after_close_the_gap(page, tmp_path):
    iku = iku_berprogram()
    buka(page, iku)
    dialog = page.locator("#dialog-hapus")
    nomor_cq = baris_di(page, 0).locator("[name$=-nomor]")
    nomor_cq.nth(2).fill("2.a")  # typed by hand: stays as typed

    baris_di(page, 0).nth(0).locator("[data-hapus-baris]").click()
    dialog.get_by_role("button", name="Hapus baris ini saja").click()
    expect(dialog).to_be_hidden()
    assert nilai(nomor_cq) == ["", "1.", "2.a"]
    expect(baris_di(page, 0).locator(".nomor-urut")).to_have_text(["–", "1.1", "1.2"])
    foto(page, tmp_path, "01-baris-dihapus-tanpa-nomor")

    # Undone, the row takes its place and number again; a hand-typed No comes back as typed.
    baris_di(page, 0).nth(0).locator("[data-hapus-baris]").click()
    assert nilai(nomor_cq) == ["1.", "2.", "2.a"]
    baris_di(page, 0).nth(2).locator("[data-hapus-baris]").click()
    dialog.get_by_role("button", name="Hapus baris ini saja").click()
    assert nilai(nomor_cq) == ["1.", "2.", ""]
    baris_di(page, 0).nth(2).locator("[data-hapus-baris]").click()
    assert nilai(nomor_cq) == ["1.", "2.", "2.a"]

    baris_di(page, 0).nth(1).locator("[data-hapus-baris]").click()
    dialog.get_by_role("button", name="Hapus baris ini saja").click()
    assert nilai(nomor_cq) == ["1.", "", "2.a"]
    simpan(page)
    expect(page).to_have_url(URL_DETAIL)
    assert [(b["indikator"], b["nomor"]) for b in data_baris(iku)[:2]] == [
        ("Indikator CQ 1", "1."),
        ("Indikator CQ 3", "2.a"),
    ]
