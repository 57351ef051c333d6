"""Pasting rows copied from Word or Excel into the editor, in a real Chromium: the clipboard
(text/html and text/plain in a DataTransfer, dispatched as a paste event: real clipboard
permissions are unreliable headless) fills rows and sasaran, warnings stand beside their rows,
and the rows are saved with the draft's Simpan. Screenshots are left in the test's tmp_path."""

import re

import pytest

from dokumen.baris import data_baris
from satker.models import Satker
from tests.browser.conftest import CHROMIUM
from tests.browser.test_dokumen_browser import foto, masuk, simpan
from tests.factories import (
    IkuFactory,
    PkFactory,
    RakFactory,
    RktFactory,
    sasaran_pk,
    sasaran_rak,
    sasaran_rkt,
)

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright tidak terpasang")
expect = sync_api.expect

if not CHROMIUM.exists():
    pytest.skip(f"Chromium tidak ada di {CHROMIUM}: tes peramban dilewati", allow_module_level=True)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

URL_DETAIL = re.compile(r"/dokumen/\d+/$")

# Two sasaran of a RAK as Word copies them: its header rows (the quarters under "Pelaksanaan
# Kegiatan"), the number row, the sasaran merged over its rows, paragraphs and &nbsp;.
RAK_WORD = """<html><head><style>p.MsoNormal{margin:0}</style></head><body><!--StartFragment-->
<table class=MsoTableGrid border=1>
<tr><td rowspan=2><p class=MsoNormal>NO</p></td><td rowspan=2>SASARAN PROGRAM/KEGIATAN</td>
<td rowspan=2>INDIKATOR KINERJA</td><td rowspan=2>TARGET</td><td rowspan=2>KEGIATAN</td>
<td rowspan=2>TARGET KEGIATAN AKSI</td><td colspan=4>Pelaksanaan Kegiatan</td>
<td rowspan=2>ANGGARAN</td><td rowspan=2>PELAKSANA</td></tr>
<tr><td>I</td><td>II</td><td>III</td><td>IV</td></tr>
<tr><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td><td colspan=4>7</td><td>8</td>
<td>9</td></tr>
<tr><td rowspan=2><p class=MsoNormal>4.</p></td>
<td rowspan=2><p class=MsoNormal>Meningkatnya kualitas</p><p class=MsoNormal>data pemilih</p></td>
<td>Persentase data pemilih mutakhir</td><td>100%</td><td>Coklit</td><td>1 Laporan</td>
<td>✓</td><td>✓</td><td>&nbsp;</td><td>&nbsp;</td><td>8.170.412.000</td><td>Subbagian Data</td></tr>
<tr><td>&nbsp;</td><td>&nbsp;</td><td>Rekapitulasi</td><td>2 Laporan</td>
<td>&nbsp;</td><td>&nbsp;</td><td>✓</td><td>&nbsp;</td><td>delapan juta</td>
<td>Subbagian Data</td></tr>
<tr><td>5.</td><td>Terwujudnya tata kelola</td><td>Nilai SAKIP</td><td>B</td><td>Reviu LKj</td>
<td>1 Dokumen</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>✓</td><td>2.034.943.000</td>
<td>Subbagian Perencanaan</td></tr>
</table><!--EndFragment--></body></html>"""

TEMPEL = """([el, html, teks]) => {
    const dt = new DataTransfer();
    if (html) dt.setData("text/html", html);
    dt.setData("text/plain", teks);
    el.focus();
    const awal = {clipboardData: dt, bubbles: true, cancelable: true};
    el.dispatchEvent(new ClipboardEvent("paste", awal));
}"""


def tempel(page, sasaran, html: str = "", teks: str = "") -> None:
    """Paste `html`/`teks` as a clipboard into the element `sasaran` (a locator)."""
    page.evaluate(TEMPEL, [sasaran.element_handle(), html, teks])


def blok(page):
    return page.locator("#tabel-kelompok > tbody.blok-sasaran")


def nilai(page, nomor_blok: int, nama: str) -> list[str]:
    return (
        blok(page)
        .nth(nomor_blok)
        .locator(f"tr.baris-form [name$=-{nama}]")
        .evaluate_all("els => els.map(e => e.type === 'checkbox' ? e.checked : e.value)")
    )


def buka(page, dokumen) -> None:
    masuk(page, "operator.kab-lebak")
    page.goto(f"/dokumen/{dokumen.pk}/ubah/")


def lebak() -> Satker:
    return Satker.objects.get(kode="kab-lebak")


def test_rak_rows_copied_from_word_fill_sasaran_with_warnings_and_save(page, tmp_path):
    rak = RakFactory(satker=lebak(), tahun=2030, baris=sasaran_rak(3, baris=2))
    buka(page, rak)
    expect(blok(page)).to_have_count(3)

    page.get_by_role("button", name="Tempel dari Word/Excel").click()
    dialog = page.locator("#dialog-tempel")
    expect(dialog).to_be_visible()
    foto(page, tmp_path, "01-kotak-tempel")
    tempel(page, page.locator("#kotak-tempel"), html=RAK_WORD, teks="diabaikan\tkarena ada HTML")

    expect(dialog).to_be_hidden()
    expect(blok(page)).to_have_count(5)
    kepala = blok(page).nth(3).locator("tr.kepala-sasaran")
    expect(kepala.locator("[name$=-nomor]")).to_have_value("4.")
    expect(kepala.locator("[name$=-sasaran]")).to_have_value("Meningkatnya kualitas\ndata pemilih")
    assert nilai(page, 3, "kegiatan") == ["Coklit", "Rekapitulasi"]
    assert nilai(page, 3, "anggaran") == ["8.170.412.000", ""]
    assert nilai(page, 3, "tw1") == [True, False]
    assert nilai(page, 3, "tw3") == [False, True]
    assert nilai(page, 4, "tw4") == [True]
    # The warning stands in its row, and the summary says nothing is saved yet.
    baris_salah = blok(page).nth(3).locator("tr.baris-form").nth(1)
    expect(baris_salah).to_have_class(re.compile(r"\btable-warning\b"))
    expect(baris_salah.locator(".peringatan-tempel")).to_have_text(
        re.compile("Baris 5: Kolom ANGGARAN berisi “delapan juta”, bukan angka rupiah")
    )
    expect(blok(page).nth(4).locator(".peringatan-tempel")).to_contain_text("Tidak ada angka")
    ringkasan = page.locator("#hasil-tempel")
    expect(ringkasan).to_be_visible()
    expect(ringkasan).to_contain_text("3 baris ditempel dari Word/Excel")
    expect(ringkasan).to_contain_text("belum ada yang tersimpan")
    expect(page.locator("#jumlah-kolom")).to_have_text("Rp10.214.355.000")
    baris_salah.scroll_into_view_if_needed()
    foto(page, tmp_path, "02-sesudah-tempel")
    assert len(data_baris(rak)) == 3  # nothing saved by the paste

    simpan(page)
    expect(page).to_have_url(URL_DETAIL)
    foto(page, tmp_path, "03-tersimpan")
    sesudah = data_baris(rak)
    assert [s["nomor"] for s in sesudah] == ["1", "2", "3", "4.", "5."]
    # A text area sends its line breaks as CRLF (as typed ones are saved).
    assert sesudah[3]["sasaran"].replace("\r\n", "\n") == "Meningkatnya kualitas\ndata pemilih"
    baru = sesudah[3]["baris"]
    assert [(b["kegiatan"], b["anggaran"], b["triwulan"]) for b in baru] == [
        ("Coklit", 8_170_412_000, [1, 2]),
        ("Rekapitulasi", None, [3]),
    ]
    assert baru[0]["indikator"] == "Persentase data pemilih mutakhir"
    assert sesudah[4]["baris"][0]["pelaksana"] == "Subbagian Perencanaan"
    assert sesudah[4]["baris"][0]["anggaran"] == 2_034_943_000


def test_tsv_pasted_into_a_cell_adds_rows_below_it_in_its_sasaran(page, tmp_path):
    rkt = RktFactory(satker=lebak(), tahun=2030, baris=sasaran_rkt(2, indikator=1))
    buka(page, rkt)

    sel = blok(page).nth(0).locator("tr.baris-form").first.locator("[name$=-indikator]")
    teks = (
        'Indeks "kepuasan"\t85%\t"Survei\r\nkepuasan"\r\n'
        "Jumlah laporan\t12 Laporan\tPenyusunan laporan\r\n"
    )
    tempel(page, sel, teks=teks)

    expect(blok(page)).to_have_count(2)
    expect(blok(page).nth(0).locator("tr.baris-form")).to_have_count(3)
    assert nilai(page, 0, "indikator") == [
        "Persentase indikator uji 1.1",
        'Indeks "kepuasan"',
        "Jumlah laporan",
    ]
    assert nilai(page, 0, "kegiatan_aksi")[1] == "Survei\nkepuasan"
    expect(page.locator("#hasil-tempel")).to_contain_text(
        "sel dibaca berurutan sebagai kolom INDIKATOR KINERJA, TARGET, NAMA KEGIATAN AKSI"
    )
    foto(page, tmp_path, "01-tempel-di-sel")
    # One cell copied from Excel (a one-cell table) pastes into the cell as usual: no rows.
    satu_sel = "<table><tr><td>Teks satu sel</td></tr></table>"
    page.locator("#tutup-hasil-tempel").click()
    tempel(page, sel, html=satu_sel, teks="Teks satu sel\r\n")
    page.wait_for_timeout(300)
    expect(page.locator("#hasil-tempel")).to_be_hidden()
    expect(blok(page).nth(0).locator("tr.baris-form")).to_have_count(3)

    simpan(page)
    expect(page).to_have_url(URL_DETAIL)
    sesudah = data_baris(rkt)
    assert [i["target"] for i in sesudah[0]["indikator"]] == ["91%", "85%", "12 Laporan"]
    assert len(sesudah[1]["indikator"]) == 1


def test_iku_rows_fill_a_new_drafts_empty_group_and_open_program_groups(page, tmp_path):
    iku = IkuFactory(satker=lebak(), tahun=2030, baris=[])
    buka(page, iku)
    expect(page.locator("tr.baris-form")).to_have_count(0)

    page.get_by_role("button", name="Tempel dari Word/Excel").click()
    teks = (
        "No\tSasaran Strategis\tIndikator Kinerja\tTarget\n"
        "1.\tMeningkatnya tata kelola\tNilai SAKIP\t75\n"
        "\t\tOpini BPK\tWTP\n"
        "PROGRAM PENYELENGGARAAN PEMILU\n"
        "2.\tPemilu berkualitas\tPartisipasi pemilih\t77,5%\n"
    )
    tempel(page, page.locator("#kotak-tempel"), teks=teks)

    expect(blok(page)).to_have_count(2)
    expect(blok(page).nth(1).locator("[name$=-program]")).to_have_value(
        "PROGRAM PENYELENGGARAAN PEMILU"
    )
    assert nilai(page, 0, "indikator") == ["Nilai SAKIP", "Opini BPK"]
    foto(page, tmp_path, "01-iku-ditempel")

    simpan(page)
    expect(page).to_have_url(URL_DETAIL)
    sesudah = data_baris(iku)
    assert [(b["nomor"], b["indikator"], b["program"]) for b in sesudah] == [
        ("1.", "Nilai SAKIP", ""),
        ("", "Opini BPK", ""),
        ("2.", "Partisipasi pemilih", "PROGRAM PENYELENGGARAAN PEMILU"),
    ]


def test_a_refused_paste_says_why_and_changes_nothing(page):
    rkt = RktFactory(satker=lebak(), tahun=2030, baris=sasaran_rkt(1, indikator=1))
    buka(page, rkt)

    page.get_by_role("button", name="Tempel dari Word/Excel").click()
    tempel(page, page.locator("#kotak-tempel"), html="<p>bukan tabel</p>", teks="")

    expect(page.locator("#galat-tempel")).to_have_text(
        "Tidak ada tabel yang ditempel: salin baris tabel dari Word atau Excel."
    )
    expect(page.locator("tr.baris-form")).to_have_count(1)


def test_pk_indicators_with_quarterly_targets_are_pasted_and_saved(page, tmp_path):
    pk = PkFactory(satker=lebak(), tahun=2030, baris=sasaran_pk(1, indikator=1))
    buka(page, pk)

    page.get_by_role("button", name="Tempel dari Word/Excel").click()
    teks = (
        "NO\tSASARAN STRATEGIS\tINDIKATOR KINERJA\tTARGET\tTW I\tTW II\tTW III\tTW IV\n"
        "2.\tMeningkatnya partisipasi\tPersentase partisipasi pemilih\t80%\t20%\t40%\t60%\t80%\n"
    )
    tempel(page, page.locator("#kotak-tempel"), teks=teks)

    expect(blok(page)).to_have_count(2)
    assert nilai(page, 1, "target_tw3") == ["60%"]
    foto(page, tmp_path, "01-pk-ditempel")
    simpan(page)
    expect(page).to_have_url(URL_DETAIL)
    baru = data_baris(pk)[1]
    assert baru["sasaran"] == "Meningkatnya partisipasi"
    (indikator,) = baru["indikator"]
    assert indikator["indikator"] == "Persentase partisipasi pemilih"
    assert [indikator[f"target_tw{n}"] for n in range(1, 5)] == ["20%", "40%", "60%", "80%"]


def test_undoing_a_paste_takes_back_only_its_rows_and_blocks(page, tmp_path):
    rak = RakFactory(satker=lebak(), tahun=2030, baris=sasaran_rak(1, baris=1))
    sebelum = data_baris(rak)
    buka(page, rak)
    sel = blok(page).nth(0).locator("tr.baris-form").first.locator("[name$=-kegiatan]")
    tempel(page, sel, teks="Rapat\t1 Laporan\t✓\nSurvei\t2 Laporan\t\t✓\n")
    expect(blok(page).nth(0).locator("tr.baris-form")).to_have_count(3)
    assert nilai(page, 0, "kegiatan") == ["Kegiatan uji 1.1", "Rapat", "Survei"]
    page.get_by_role("button", name="Tempel dari Word/Excel").click()
    tempel(page, page.locator("#kotak-tempel"), html=RAK_WORD)
    expect(blok(page)).to_have_count(3)

    # Undo takes back the last paste: its blocks go, the rows pasted before stay.
    page.get_by_role("button", name="Batalkan tempel").click()

    expect(page.locator("#hasil-tempel")).to_be_hidden()
    expect(page.locator("#tabel-kelompok > tbody.blok-sasaran:visible")).to_have_count(1)
    expect(blok(page).nth(0).locator("tr.baris-form:visible")).to_have_count(3)
    tempel(page, sel, teks="Rapat lagi\t1 Laporan\n")
    expect(blok(page).nth(0).locator("tr.baris-form:visible")).to_have_count(4)
    page.get_by_role("button", name="Batalkan tempel").click()
    expect(blok(page).nth(0).locator("tr.baris-form:visible")).to_have_count(3)
    foto(page, tmp_path, "01-dibatalkan")
    simpan(page)
    expect(page).to_have_url(URL_DETAIL)
    sesudah = data_baris(rak)
    assert len(sesudah) == 1
    assert [b["kegiatan"] for b in sesudah[0]["baris"]] == ["Kegiatan uji 1.1", "Rapat", "Survei"]
    assert sesudah[0]["baris"][0] == sebelum[0]["baris"][0]
