"""The grouped editor (RKT, RAK) in a real Chromium: sasaran are blocks holding their rows; rows
and blocks move by keyboard and by drag and drop without changing group, numbers follow the
order, deleting a sasaran asks and takes its rows, it fits 1,366 px, and it saves without
JavaScript. Screenshots of each step are left in the test's tmp_path."""

import copy
import re

import pytest

from dokumen.baris import data_baris
from dokumen.services import KOLOM_KEPALA, dokumen_salin, dokumen_simpan
from rencana_aksi.models import BarisRak
from satker.models import Satker
from tests.browser.conftest import CHROMIUM
from tests.browser.test_dokumen_browser import foto, masuk, simpan
from tests.conftest import dokumen_seed
from tests.factories import RakFactory, RktFactory, sasaran_rak

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright tidak terpasang")
expect = sync_api.expect

if not CHROMIUM.exists():
    pytest.skip(f"Chromium tidak ada di {CHROMIUM}: tes peramban dilewati", allow_module_level=True)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEBAR = {"width": 1366, "height": 768}
URL_DETAIL = re.compile(r"/dokumen/\d+/$")


def blok(page):
    return page.locator("#tabel-kelompok > tbody.blok-sasaran")


def baris_di(page, nomor_blok: int):
    return blok(page).nth(nomor_blok).locator("tr.baris-form")


def seret(page, pegangan, tujuan) -> None:
    """Drag `pegangan` with the mouse, in steps, to just inside the top edge of `tujuan`; both
    must be on screen (a tall viewport), as a person sees them while dragging."""
    awal, akhir = pegangan.bounding_box(), tujuan.bounding_box()
    page.mouse.move(awal["x"] + awal["width"] / 2, awal["y"] + awal["height"] / 2)
    page.mouse.down()
    page.mouse.move(akhir["x"] + 10, akhir["y"] + 30, steps=12)
    page.mouse.move(akhir["x"] + 10, akhir["y"] + 4, steps=6)
    page.mouse.up()


def tunggu_lepas(page) -> None:
    """Wait until SortableJS has finished the drop (its classes gone, its onEnd run)."""
    page.wait_for_function(
        "!document.querySelector('.sortable-chosen, .sortable-ghost, .sortable-drag')"
    )
    page.wait_for_timeout(200)  # the 150 ms animation, after which the numbers are final


def rak_uji():
    """A draft RAK of Lebak: sasaran 1–3 of two rows each ("Kegiatan uji 2.1" …)."""
    satker = Satker.objects.get(kode="kab-lebak")
    return RakFactory(satker=satker, tahun=2030, baris=sasaran_rak(3, baris=2))


def buka(page, dokumen) -> None:
    page.set_viewport_size(LEBAR)
    masuk(page, "operator.kab-lebak")
    page.goto(f"/dokumen/{dokumen.pk}/ubah/")


def nomor_sasaran(page) -> list[str]:
    return blok(page).locator("[name$=-nomor]").evaluate_all("els => els.map(e => e.value)")


def kegiatan(page, nomor_blok: int) -> list[str]:
    return (
        baris_di(page, nomor_blok)
        .locator("[name$=-kegiatan]")
        .evaluate_all("els => els.map(e => e.value)")
    )


def test_rows_and_sasaran_move_by_keyboard_and_drag_keeping_their_group(page, tmp_path):
    rak = rak_uji()
    sebelum = data_baris(rak)
    kunci = {b["kegiatan"]: b["kunci"] for s in sebelum for b in s["baris"]}
    buka(page, rak)
    foto(page, tmp_path, "01-awal")
    expect(blok(page)).to_have_count(3)
    expect(baris_di(page, 0).locator(".nomor-urut")).to_have_text(["1.1", "1.2"])

    # Alt+↑ in a row's text moves the row up within its sasaran; the numbers follow.
    baris_di(page, 0).nth(1).locator("[name$=-kegiatan]").press("Alt+ArrowUp")
    assert kegiatan(page, 0) == ["Kegiatan uji 1.2", "Kegiatan uji 1.1"]
    expect(baris_di(page, 0).locator(".nomor-urut")).to_have_text(["1.1", "1.2"])
    # At the top of its sasaran a row stays in it: nothing regroups by moving.
    baris_di(page, 1).first.locator("[data-geser=naik]").click()
    assert kegiatan(page, 1) == ["Kegiatan uji 2.1", "Kegiatan uji 2.2"]

    # Sasaran 3 up one place by its button: its number follows its place, the focus stays.
    tombol = blok(page).nth(2).locator("[data-geser-sasaran=naik]")
    tombol.click()
    expect(blok(page).nth(1).locator("[data-geser-sasaran=naik]")).to_be_focused()
    assert nomor_sasaran(page) == ["1", "2", "3"]
    expect(blok(page).nth(1).locator("[name$=-sasaran]")).to_have_value("Sasaran kegiatan uji 3")
    assert kegiatan(page, 1) == ["Kegiatan uji 3.1", "Kegiatan uji 3.2"]
    foto(page, tmp_path, "02-baris-dan-sasaran-naik")

    # A number typed by hand stays as typed when the blocks move (Alt+Shift+↓ on the sasaran).
    blok(page).nth(0).locator("[name$=-nomor]").fill("1.a")
    blok(page).nth(0).locator("[name$=-sasaran]").press("Alt+Shift+ArrowDown")
    assert nomor_sasaran(page) == ["1", "1.a", "3"]

    # "Pindah ke sasaran…": uji 2.1 goes to the end of the first block (sasaran 3's).
    baris_di(page, 2).first.locator("[data-pindah-baris]").click()
    expect(page.locator("#dialog-pindah")).to_be_visible()
    foto(page, tmp_path, "03-pindah-ke-sasaran")
    page.locator("#pilihan-pindah button").filter(has_text="uji 3").click()
    assert kegiatan(page, 0) == ["Kegiatan uji 3.1", "Kegiatan uji 3.2", "Kegiatan uji 2.1"]
    expect(baris_di(page, 0).locator(".nomor-urut")).to_have_text(["1.1", "1.2", "1.3"])

    # Drag uji 2.2 by its handle onto the first row of the second block (sasaran 1's).
    page.set_viewport_size({"width": 1366, "height": 2000})
    seret(page, baris_di(page, 2).first.locator(".pegangan-baris"), baris_di(page, 1).first)
    tunggu_lepas(page)
    assert "Kegiatan uji 2.2" in kegiatan(page, 1)
    expect(baris_di(page, 2)).to_have_count(0)
    foto(page, tmp_path, "04-diseret")
    urutan_1 = kegiatan(page, 1)

    simpan(page)
    expect(page).to_have_url(URL_DETAIL)
    foto(page, tmp_path, "05-tersimpan")
    sesudah = data_baris(rak)
    assert [s["sasaran"] for s in sesudah] == [
        "Sasaran kegiatan uji 3",
        "Sasaran kegiatan uji 1",
        "Sasaran kegiatan uji 2",
    ]
    assert [s["nomor"] for s in sesudah] == ["1", "1.a", "3"]
    assert [s["kunci"] for s in sesudah] == [
        sebelum[2]["kunci"],
        sebelum[0]["kunci"],
        sebelum[1]["kunci"],
    ]
    by_kunci = [[b["kunci"] for b in s["baris"]] for s in sesudah]
    assert by_kunci[0] == [
        kunci["Kegiatan uji 3.1"],
        kunci["Kegiatan uji 3.2"],
        kunci["Kegiatan uji 2.1"],
    ]
    assert by_kunci[1] == [kunci[k] for k in urutan_1]
    assert by_kunci[2] == []  # sasaran 2 kept, emptied by the moves, never deleted silently


def test_deleting_a_sasaran_asks_and_takes_its_rows(page, tmp_path):
    rak = rak_uji()
    sebelum = data_baris(rak)
    buka(page, rak)

    baris_di(page, 1).nth(1).locator("[data-hapus-baris]").click()
    dialog = page.locator("#dialog-hapus")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("punya 2 baris")
    foto(page, tmp_path, "01-tanya-hapus")
    dialog.get_by_role("button", name="Hapus seluruh sasaran beserta barisnya").click()
    expect(dialog).to_be_hidden()
    expect(blok(page).nth(1)).to_have_class(re.compile(r"\bblok-dihapus\b"))
    expect(baris_di(page, 1).locator(".nomor-urut")).to_have_text(["–", "–"])
    # The deleted sasaran shows no number; the next one's follows, its rows stay its own.
    assert nomor_sasaran(page) == ["1", "", "2"]
    expect(baris_di(page, 2).locator(".nomor-urut")).to_have_text(["2.1", "2.2"])
    # Deleting one row of sasaran 1 asks too, and takes only that row.
    baris_di(page, 0).nth(0).locator("[data-hapus-baris]").click()
    dialog.get_by_role("button", name="Hapus baris ini saja").click()
    foto(page, tmp_path, "02-ditandai-hapus")

    simpan(page)
    expect(page).to_have_url(URL_DETAIL)
    sesudah = data_baris(rak)
    assert [s["kunci"] for s in sesudah] == [sebelum[0]["kunci"], sebelum[2]["kunci"]]
    assert [s["nomor"] for s in sesudah] == ["1", "2"]
    assert [b["kunci"] for b in sesudah[0]["baris"]] == [sebelum[0]["baris"][1]["kunci"]]
    assert [b["kunci"] for b in sesudah[1]["baris"]] == [b["kunci"] for b in sebelum[2]["baris"]]
    hilang = {b["kunci"] for b in sebelum[1]["baris"]}
    assert not BarisRak.objects.filter(kunci__in=hilang).exists()


def test_a_sasaran_marked_for_deletion_keeps_the_numbers_after_a_refused_save(page, tmp_path):
    buka(page, rak_uji())
    blok(page).nth(1).locator("[data-hapus-sasaran]").click()
    page.locator("#dialog-hapus").get_by_role(
        "button", name="Hapus seluruh sasaran beserta barisnya"
    ).click()
    baris_di(page, 0).nth(0).locator("[name$=-anggaran]").fill("abc")
    simpan(page)
    expect(page.locator(".alert-danger")).to_contain_text("Dokumen belum disimpan")
    # Shown again still marked, the sasaran has no number and holds no place.
    expect(blok(page).nth(1)).to_have_class(re.compile(r"\bblok-dihapus\b"))
    assert nomor_sasaran(page) == ["1", "", "2"]
    foto(page, tmp_path, "01-ditolak-sasaran-dihapus")
    # Undone, it takes its number back and the next one follows again.
    blok(page).nth(1).locator("[data-hapus-sasaran]").click()
    assert nomor_sasaran(page) == ["1", "2", "3"]


def test_deleting_a_sasarans_last_row_says_so_and_offers_the_whole_sasaran_first(page, tmp_path):
    rak = rak_uji()
    sebelum = data_baris(rak)
    buka(page, rak)
    dialog = page.locator("#dialog-hapus")
    pilihan = dialog.locator("[data-hapus]:visible")

    # Sasaran 2 keeps another row: the row comes first, as before.
    baris_di(page, 1).nth(0).locator("[data-hapus-baris]").click()
    expect(dialog).to_contain_text("Sasaran 2 punya 2 baris.")
    expect(pilihan.first).to_have_text("Hapus baris ini saja")
    pilihan.first.click()
    # Its other row is now the last one left.
    baris_di(page, 1).nth(1).locator("[data-hapus-baris]").click()
    expect(dialog).to_contain_text(
        "Ini baris terakhir sasaran 2; sasaran akan kosong dan dokumen tidak dapat diajukan "
        "sebelum diisi."
    )
    expect(pilihan).to_have_text(
        ["Hapus seluruh sasaran beserta barisnya", "Hapus baris ini saja", "Batal"]
    )
    expect(pilihan.first).to_be_focused()
    foto(page, tmp_path, "01-baris-terakhir")
    page.keyboard.press("Enter")  # the first choice
    expect(dialog).to_be_hidden()
    expect(blok(page).nth(1)).to_have_class(re.compile(r"\bblok-dihapus\b"))
    # Undone, a row of a sasaran with rows left asks as before again.
    blok(page).nth(1).locator("[data-hapus-sasaran]").click()
    baris_di(page, 0).nth(0).locator("[data-hapus-baris]").click()
    expect(pilihan.first).to_have_text("Hapus baris ini saja")
    pilihan.last.click()  # Batal
    blok(page).nth(1).locator("[data-hapus-baris]").first.click()  # restores that row
    baris_di(page, 1).nth(1).locator("[data-hapus-baris]").click()
    dialog.get_by_role("button", name="Hapus seluruh sasaran beserta barisnya").click()
    # Sasaran 3's rows deleted one by one, the last one too: the sasaran stays, empty, and
    # deleting it then says it has no row left.
    baris_di(page, 2).nth(0).locator("[data-hapus-baris]").click()
    dialog.get_by_role("button", name="Hapus baris ini saja").click()
    baris_di(page, 2).nth(1).locator("[data-hapus-baris]").click()
    expect(dialog).to_contain_text("Ini baris terakhir sasaran 2;")  # numbered as it stands
    dialog.get_by_role("button", name="Hapus baris ini saja").click()
    blok(page).nth(2).locator("[data-hapus-sasaran]").click()
    expect(dialog).to_contain_text(
        "Sasaran 2 tidak berisi baris lagi: hanya sasarannya yang dihapus."
    )
    pilihan.last.click()  # Batal: kept, empty

    simpan(page)
    expect(page).to_have_url(URL_DETAIL)
    sesudah = data_baris(rak)
    assert [s["kunci"] for s in sesudah] == [sebelum[0]["kunci"], sebelum[2]["kunci"]]
    assert sesudah[1]["baris"] == []  # saved empty, as the dialog said


def test_adding_rows_and_a_sasaran_anywhere_numbers_them_and_shows_the_total(page, tmp_path):
    rak = rak_uji()
    buka(page, rak)
    total = page.locator("#jumlah-kolom")
    expect(total).to_have_text("Rp9.000.000")  # 3 × (1 + 2) million, server-rendered

    baris_di(page, 0).first.locator("[data-tambah=baris]").click()
    baru = baris_di(page, 0).nth(1)
    expect(baru.locator("[name$=-indikator]")).to_be_focused()  # its first field
    baru.locator("[name$=-kegiatan]").fill("Kegiatan sisipan")
    baru.locator("[name$=-anggaran]").fill("1.500.000")
    expect(total).to_have_text("Rp10.500.000")
    expect(baris_di(page, 0).locator(".nomor-urut")).to_have_text(["1.1", "1.2", "1.3"])

    blok(page).nth(0).locator("[data-tambah=sasaran]").click()
    expect(blok(page)).to_have_count(4)
    assert nomor_sasaran(page) == ["1", "2", "3", "4"]
    sasaran_baru = blok(page).nth(1)
    sasaran_baru.locator("[name$=-sasaran]").fill("Sasaran sisipan")
    sasaran_baru.locator("tr.baris-form [name$=-kegiatan]").fill("Kegiatan sasaran sisipan")
    foto(page, tmp_path, "01-tambah")

    simpan(page)
    expect(page).to_have_url(URL_DETAIL)
    sesudah = data_baris(rak)
    assert [s["sasaran"] for s in sesudah][:2] == ["Sasaran kegiatan uji 1", "Sasaran sisipan"]
    assert [s["nomor"] for s in sesudah] == ["1", "2", "3", "4"]
    assert [b["kegiatan"] for b in sesudah[0]["baris"]] == [
        "Kegiatan uji 1.1",
        "Kegiatan sisipan",
        "Kegiatan uji 1.2",
    ]
    assert sesudah[0]["baris"][1]["anggaran"] == 1_500_000
    assert [b["kegiatan"] for b in sesudah[1]["baris"]] == ["Kegiatan sasaran sisipan"]


@pytest.mark.parametrize("jenis", ["RAK", "RKT"])
def test_the_lebak_editor_fits_1366_pixels(page, tmp_path, jenis):
    buka(page, dokumen_seed("kab-lebak", jenis))
    foto(page, tmp_path, f"01-{jenis.lower()}-lebak-1366")
    page.screenshot(path=tmp_path / "02-layar-pertama.png")

    lebar = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= lebar
    gulir = page.locator(".editor-gulir")
    assert gulir.evaluate("el => el.scrollWidth <= el.clientWidth")
    # Every control of the table, Pelaksana and the row buttons included, is on screen.
    kanan = page.locator(
        "#tabel-kelompok button:visible, #tabel-kelompok input:visible, #tabel-kelompok textarea"
    ).evaluate_all("els => Math.max(...els.map(e => e.getBoundingClientRect().right))")
    assert kanan <= lebar
    # The narrowest text column still takes a word or two per line.
    lebar_isian = (
        page.locator("tr.baris-form")
        .first.locator("textarea")
        .evaluate_all("els => els.map(e => e.getBoundingClientRect().width)")
    )
    assert min(lebar_isian) >= 80


def test_the_lebak_iku_editor_fits_1366_pixels_too(page, tmp_path):
    """The IKU editor (eight columns, its rows in one program block) also shows every control."""
    buka(page, dokumen_seed("kab-lebak", "IKU"))
    foto(page, tmp_path, "01-iku-lebak-1366")

    lebar = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= lebar
    tabel = page.locator("#tabel-kelompok")
    assert page.locator(".editor-gulir").evaluate("el => el.scrollWidth <= el.clientWidth")
    kanan = tabel.locator("button:visible, input:visible, textarea").evaluate_all(
        "els => Math.max(...els.map(e => e.getBoundingClientRect().right))"
    )
    assert kanan <= lebar
    lebar_isian = (
        page.locator("tr.baris-form")
        .first.locator("textarea")
        .evaluate_all("els => els.map(e => e.getBoundingClientRect().width)")
    )
    assert min(lebar_isian) >= 80


def test_without_javascript_the_page_saves_what_it_shows(browser, live_server, data_seed, tmp_path):
    rak = rak_uji()
    sebelum = data_baris(rak)
    context = browser.new_context(
        base_url=live_server.url, viewport=LEBAR, locale="id-ID", java_script_enabled=False
    )
    page = context.new_page()
    try:
        masuk(page, "operator.kab-lebak")
        page.goto(f"/dokumen/{rak.pk}/ubah/")
        expect(page.locator("[data-hapus-baris]").first).to_be_hidden()
        page.locator("[name=sasaran-2-ORDER]").fill("0")  # sasaran 3 first
        page.locator("[name=baris-0-pelaksana]").fill("Tanpa JS")
        page.locator("[name=sasaran-1-DELETE]").check()  # sasaran 2 with its rows
        foto(page, tmp_path, "01-tanpa-js")
        simpan(page)
        expect(page).to_have_url(URL_DETAIL)
    finally:
        context.close()
    sesudah = data_baris(rak)
    assert [s["kunci"] for s in sesudah] == [sebelum[2]["kunci"], sebelum[0]["kunci"]]
    assert sesudah[1]["baris"][0]["pelaksana"] == "Tanpa JS"
    assert [len(s["baris"]) for s in sesudah] == [2, 2]


def test_a_conflict_shows_their_change_and_saves_both_peoples_chosen_rows(page, tmp_path):
    rak = rak_uji()
    buka(page, rak)
    pertama = baris_di(page, 0).nth(0)
    pertama.locator("[name$=-pelaksana]").fill("Pelaksana saya")
    baris_di(page, 1).nth(1).locator("[name$=-kegiatan]").fill("Kegiatan saya")

    # Meanwhile someone else saves: the same row's pelaksana, and another row's kegiatan.
    mereka = copy.deepcopy(data_baris(rak))
    mereka[0]["baris"][0]["pelaksana"] = "Pelaksana mereka"
    mereka[0]["baris"][1]["kegiatan"] = "Kegiatan mereka"
    rak.refresh_from_db()
    dokumen_simpan(
        dokumen=rak,
        kepala={k: getattr(rak, k) for k in KOLOM_KEPALA},
        baris=mereka,
        suntingan=rak.suntingan,
    )

    simpan(page)
    panel = page.locator("#konflik")
    expect(panel).to_be_visible()
    expect(page.locator(".alert-danger")).to_contain_text(
        "baru saja diubah dan disimpan dari halaman lain"
    )
    expect(panel).to_contain_text("Pelaksana mereka")
    expect(panel).to_contain_text("Pelaksana saya")
    expect(panel).to_contain_text("Kegiatan mereka")
    expect(panel.locator("tr.pilihan-konflik")).to_have_count(3)
    foto(page, tmp_path, "01-konflik")

    # The row both changed has no preset choice: saving asks for one, and keeps everything.
    panel.get_by_role("button", name="Simpan dengan pilihan ini").click()
    expect(page.locator(".alert-danger")).to_contain_text("Pilih punya Anda atau punya mereka")
    expect(page.locator("#konflik tr.table-danger")).to_have_count(1)
    foto(page, tmp_path, "02-belum-dipilih")
    baris_ganda = page.locator("#konflik tr.table-danger")
    baris_ganda.get_by_label("Pakai punya mereka").check()
    expect(
        page.locator("#konflik td.sisi-dipilih").filter(has_text="Pelaksana mereka")
    ).to_have_count(1)
    page.locator("#konflik").get_by_role("button", name="Simpan dengan pilihan ini").click()
    expect(page).to_have_url(URL_DETAIL)
    foto(page, tmp_path, "03-tersimpan")

    tersimpan = data_baris(rak)
    assert tersimpan[0]["baris"][0]["pelaksana"] == "Pelaksana mereka"
    assert tersimpan[0]["baris"][1]["kegiatan"] == "Kegiatan mereka"
    assert tersimpan[1]["baris"][1]["kegiatan"] == "Kegiatan saya"
    assert [b["kunci"] for s in tersimpan for b in s["baris"]] == [
        b["kunci"] for s in mereka for b in s["baris"]
    ]


def test_a_whole_sasaran_is_dragged_with_its_rows(page, tmp_path):
    rak = rak_uji()
    sebelum = data_baris(rak)
    buka(page, rak)
    page.set_viewport_size({"width": 1366, "height": 2000})

    seret(page, blok(page).nth(2).locator(".pegangan-sasaran"), blok(page).nth(0))
    tunggu_lepas(page)
    foto(page, tmp_path, "01-sasaran-diseret")
    expect(blok(page).nth(0).locator("[name$=-sasaran]")).to_have_value("Sasaran kegiatan uji 3")
    assert nomor_sasaran(page) == ["1", "2", "3"]
    assert kegiatan(page, 0) == ["Kegiatan uji 3.1", "Kegiatan uji 3.2"]

    simpan(page)
    expect(page).to_have_url(URL_DETAIL)
    sesudah = data_baris(rak)
    assert [s["kunci"] for s in sesudah] == [s["kunci"] for s in (sebelum[2], *sebelum[:2])]
    assert [[b["kunci"] for b in s["baris"]] for s in sesudah] == [
        [b["kunci"] for b in s["baris"]] for s in (sebelum[2], *sebelum[:2])
    ]


def test_the_iku_editor_without_programs_moves_rows_by_drag_and_by_alt_arrow(page, tmp_path):
    iku = dokumen_seed("kab-lebak", "IKU")
    sebelum = [b["kunci"] for b in data_baris(iku)]
    buka(page, iku)
    page.set_viewport_size({"width": 1366, "height": 3000})
    expect(blok(page)).to_have_count(1)  # no program: one block, its header empty
    baris = baris_di(page, 0)

    seret(page, baris.nth(4).locator(".pegangan-baris"), baris.nth(0))
    tunggu_lepas(page)
    expect(baris.nth(0).locator("[name$=-kunci]")).to_have_value(sebelum[4])
    nama = baris.nth(0).locator("[name$=-indikator]").get_attribute("name")
    page.locator(f"[name={nama}]").press("Alt+ArrowDown")
    expect(page.locator(f"[name={nama}]")).to_be_focused()
    expect(baris.nth(1).locator("[name$=-kunci]")).to_have_value(sebelum[4])
    urut = [f"1.{i}" for i in range(1, len(sebelum) + 1)]
    expect(baris.locator(".nomor-urut")).to_have_text(urut)
    # Lebak's "1." … "7." follow the order.
    assert baris.locator("[name$=-nomor]").evaluate_all("els => els.map(e => e.value)") == [
        f"{i}." for i in range(1, len(sebelum) + 1)
    ]
    foto(page, tmp_path, "01-iku-diseret")

    simpan(page)
    expect(page).to_have_url(URL_DETAIL)
    harapan = [sebelum[0], sebelum[4], *sebelum[1:4], *sebelum[5:]]
    assert [b["kunci"] for b in data_baris(iku)] == harapan


def test_an_empty_rkt_gets_its_first_sasaran_and_row(page, tmp_path):
    rkt = RktFactory(satker=Satker.objects.get(kode="kab-lebak"), tahun=2031, baris=[])
    buka(page, rkt)
    expect(page.locator(".kosong-editor")).to_be_visible()

    page.locator("#tambah-sasaran").click()
    expect(page.locator(".kosong-editor")).to_have_count(0)
    expect(blok(page).first.locator("[name$=-sasaran]")).to_be_focused()
    page.keyboard.type("Sasaran pertama")
    baris_di(page, 0).first.locator("[name$=-indikator]").fill("Indikator pertama")
    foto(page, tmp_path, "01-sasaran-pertama")

    simpan(page)
    expect(page).to_have_url(URL_DETAIL)
    [sasaran] = data_baris(rkt)
    assert (sasaran["nomor"], sasaran["sasaran"]) == ("1", "Sasaran pertama")
    assert [b["indikator"] for b in sasaran["indikator"]] == ["Indikator pertama"]


def test_a_copied_rak_marks_the_texts_that_still_name_last_year(page, tmp_path):
    salinan = dokumen_salin(sumber=dokumen_seed("kab-lebak", "RAK"), tahun=2025)
    buka(page, salinan)
    ditandai = page.locator("textarea.tahun-lama")
    foto(page, tmp_path, "01-tahun-lama")
    jumlah = ditandai.count()
    assert jumlah > 0
    pertama = ditandai.first
    assert "2024" in pertama.input_value()
    expect(pertama).to_have_attribute("title", re.compile("Menyebut tahun 2024"))

    pertama.fill(pertama.input_value().replace("2024", "2025"))

    expect(page.locator("textarea.tahun-lama")).to_have_count(jumlah - 1)
