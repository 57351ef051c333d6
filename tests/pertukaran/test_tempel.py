"""Pasted clipboards read as tables (pertukaran.tempel): Excel's tab-separated text with quoted
multi-line cells, Word's and LibreOffice's HTML with rowspan/colspan, with or without the
header row; and those tables as the editor's blocks, each warning at the row it concerns."""

import csv
import io
from html import escape

import pytest
from openpyxl import load_workbook

from dokumen.jenis import jenis_terdaftar
from pertukaran.baca import cari_kepala
from pertukaran.lembar import tabel_lembar
from pertukaran.tempel import (
    BARIS_TABEL_MAKS,
    KOLOM_MAKS,
    TempelDitolak,
    baca_tempel,
    tabel_html,
    tabel_papan_klip,
    tabel_teks,
)
from pertukaran.xlsx import xlsx_dokumen
from tests.conftest import dokumen_seed
from tests.pertukaran.test_pulang_pergi import SEED

RAK = jenis_terdaftar("RAK")
RKT = jenis_terdaftar("RKT")
IKU = jenis_terdaftar("IKU")
PK = jenis_terdaftar("PK")


def rapi(tabel) -> list[list[str]]:
    """Rows without their trailing empty cells, empty rows kept (as []): grids compared."""
    hasil = []
    for baris in tabel:
        baris = list(baris)
        while baris and not baris[-1]:
            baris.pop()
        hasil.append(baris)
    return hasil


# --- Excel's and LibreOffice's tab-separated text ----------------------------------------


def test_it_reads_excels_tsv_with_quoted_multi_line_cells_and_quotes():
    teks = (
        '1.\t"Meningkatnya kualitas\r\nlayanan ""pemilu"""\tIndikator A\t85%\r\n'
        '\t\tIndikator "B"\t12 Laporan\r\n'
    )

    assert tabel_teks(teks) == [
        ["1.", 'Meningkatnya kualitas\nlayanan "pemilu"', "Indikator A", "85%"],
        ["", "", 'Indikator "B"', "12 Laporan"],
    ]


def test_a_row_wider_than_the_limit_is_cut_and_too_many_rows_are_refused():
    assert len(tabel_teks("\t".join("x" * (KOLOM_MAKS + 20)))[0]) == KOLOM_MAKS

    with pytest.raises(TempelDitolak, match="paling banyak 1000 baris"):
        tabel_teks("a\tb\n" * (BARIS_TABEL_MAKS + 1))


# --- Word's and LibreOffice's HTML --------------------------------------------------------

WORD = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<style><!-- p.MsoNormal {margin:0cm;} td {border:solid} --></style></head>
<body lang=EN-ID><!--StartFragment-->
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>
 <tr style='height:12pt'>
  <td width=40 rowspan=2 valign=top><p class=MsoNormal>1.<o:p></o:p></p></td>
  <td width=200 rowspan=2 valign=top><p class=MsoNormal>Meningkatnya
  kualitas<o:p></o:p></p><p class=MsoNormal>penyelenggaraan&nbsp;pemilu</p></td>
  <td><p class=MsoNormal>Indeks kepuasan<br>layanan</p></td>
  <td><p class=MsoNormal align=center>85%</p></td>
 </tr>
 <tr>
  <td><p class=MsoNormal>Jumlah laporan</p></td>
  <td><p class=MsoNormal>&nbsp;<o:p></o:p></p></td>
 </tr>
</table>
<!--EndFragment--></body></html>"""


def test_it_turns_words_merged_cells_into_a_clean_grid():
    assert tabel_html(WORD) == [
        ["1.", "Meningkatnya kualitas\npenyelenggaraan pemilu", "Indeks kepuasan\nlayanan", "85%"],
        ["", "", "Jumlah laporan", ""],
    ]


def test_it_reads_libreoffice_html_with_colspan_header_rows_and_a_nested_table():
    html = """<meta charset="utf-8"><table cellspacing="0" border="0">
    <colgroup width="40"></colgroup><colgroup span="3" width="30"></colgroup>
    <tbody><tr><td rowspan=2 align="center">NO</td><td colspan=3 align="center">Pelaksanaan</td>
    <td rowspan="2">ANGGARAN</td></tr>
    <tr><td>I</td><td>II</td><td>III</td></tr>
    <tr><td>1</td><td sdval="1">✓</td><td></td><td>✓</td>
    <td sdval="8170412000" sdnum="1057;0;#.##0">8.170.412.000</td></tr>
    <tr><td colspan="5">PROGRAM <table><tr><td>dalam</td></tr></table></td></tr>
    </tbody></table>"""

    assert rapi(tabel_html(html)) == [
        ["NO", "Pelaksanaan", "", "", "ANGGARAN"],
        ["", "I", "II", "III"],
        ["1", "✓", "", "✓", "8.170.412.000"],
        ["PROGRAM\ndalam"],
    ]


def test_a_huge_rowspan_or_colspan_stays_within_the_pasted_table():
    html = (
        '<table><tr><td rowspan="100000">a</td><td colspan="99999">b</td></tr>'
        "<tr><td>c</td></tr></table>"
    )

    tabel = tabel_html(html)

    assert len(tabel) == 2
    assert len(tabel[0]) == KOLOM_MAKS
    assert tabel[1] == ["", "c"]


def test_html_without_a_table_falls_back_to_the_text_and_nothing_at_all_is_refused():
    assert tabel_papan_klip(html="<p>halo</p>", teks="a\tb") == [["a", "b"]]

    with pytest.raises(TempelDitolak, match="Tidak ada tabel"):
        tabel_papan_klip(html="<p> </p>", teks="\n\n")
    with pytest.raises(TempelDitolak, match="terlalu besar"):
        tabel_papan_klip(teks="x" * 1_000_001)
    with pytest.raises(TempelDitolak, match="paling banyak 1000 baris"):
        tabel_papan_klip(html="<table>" + "<tr><td>a</td></tr>" * 1001 + "</table>")


def sebagai_html(ws) -> str:
    """A sheet copied as LibreOffice copies it: merged cells as rowspan/colspan, the cells they
    cover left out, line breaks as <br>."""
    tutup, awal = set(), {}
    for rentang in ws.merged_cells.ranges:
        awal[(rentang.min_row, rentang.min_col)] = rentang
        for r in range(rentang.min_row, rentang.max_row + 1):
            for k in range(rentang.min_col, rentang.max_col + 1):
                if (r, k) != (rentang.min_row, rentang.min_col):
                    tutup.add((r, k))
    baris = []
    for r, sel_baris in enumerate(tabel_lembar(ws), start=1):
        sel = []
        for k, teks in enumerate(sel_baris, start=1):
            if (r, k) in tutup:
                continue
            rentang = awal.get((r, k))
            atribut = (
                f' rowspan="{rentang.max_row - rentang.min_row + 1}"'
                f' colspan="{rentang.max_col - rentang.min_col + 1}"'
                if rentang
                else ""
            )
            sel.append(f"<td{atribut}>{escape(teks).replace(chr(10), '<br>')}</td>")
        baris.append(f"<tr>{''.join(sel)}</tr>")
    return f"<table>{''.join(baris)}</table>"


def sebagai_tsv(ws) -> str:
    """A sheet copied as Excel copies it: tabs, CRLF rows, cells with line breaks quoted."""
    keluar = io.StringIO()
    csv.writer(keluar, delimiter="\t", lineterminator="\r\n").writerows(tabel_lembar(ws))
    return keluar.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(("satker", "jenis"), SEED)
def test_every_seed_document_copied_whole_reads_back_as_its_rows(satker, jenis):
    dokumen = dokumen_seed(satker, jenis)
    terdaftar = jenis_terdaftar(jenis)
    buku = load_workbook(io.BytesIO(xlsx_dokumen(dokumen)))
    ws = buku[terdaftar.kolom_excel.nama_lembar]
    kelompok = terdaftar.ke_form(terdaftar.baca_baris(dokumen))
    anak = terdaftar.formset.kunci_anak or terdaftar.kunci_anak

    dari_html = tabel_html(sebagai_html(ws))
    dari_tsv = tabel_teks(sebagai_tsv(ws))

    assert rapi(dari_html) == rapi(tabel_lembar(ws))
    assert rapi(dari_tsv) == rapi(tabel_lembar(ws))
    hasil = baca_tempel(terdaftar, dari_html)
    assert not hasil.tanpa_judul
    # Below the table: the signature block, not rows.
    assert all("di bawah baris kosong tidak dibaca" in p for p in hasil.peringatan)
    assert [len(b["baris"]) for b in hasil.blok] == [len(k[anak]) for k in kelompok]
    for blok, asli in zip(hasil.blok, kelompok, strict=True):
        for baris, row in zip(blok["baris"], asli[anak], strict=True):
            assert baris["isian"]["indikator"] == row["indikator"]
            assert baris["isian"]["target"] == row["target"]


# --- tables as the editor's rows ----------------------------------------------------------


@pytest.mark.parametrize("jenis", ["IKU", "RKT", "RAK", "PK"])
def test_the_header_assumed_for_rows_without_one_reads_each_column_as_itself(jenis):
    tata = jenis_terdaftar(jenis).kolom_excel

    kepala, peringatan = cari_kepala(tata, [[k.judul for k in tata.kolom]])

    assert peringatan == []
    assert kepala.posisi == dict(enumerate(tata.kolom))


def test_rows_without_header_are_read_as_the_papers_columns_with_each_warning_at_its_row():
    teks = (
        "1.\tMeningkatnya kualitas\tIndeks kepuasan\t85%\tSurvei\t1 Laporan\t✓\t\t✓\t\t"
        "8.170.412.000\tSubbag Umum\n"
        "\t\t\t\tRapat\t4 kali\t\t✓\t\t\tdelapan juta\tSekretaris\n"
        "2.\tSasaran dua\tIndikator dua\tWTP\tAudit\t1\t\t\t\tV\t1.000.000\tKPA\n"
    )

    hasil = baca_tempel(RAK, tabel_teks(teks))

    assert hasil.tanpa_judul
    assert hasil.jumlah_baris == 3
    assert hasil.peringatan == [
        "Tanpa baris judul kolom: sel dibaca berurutan sebagai kolom NO, SASARAN PROGRAM/KEGIATAN, "
        "INDIKATOR KINERJA, TARGET, KEGIATAN, TARGET KEGIATAN AKSI, I, II, III, IV, ANGGARAN, "
        "PELAKSANA."
    ]
    satu, dua = hasil.blok
    assert satu["kepala"] == {"nomor": "1.", "sasaran": "Meningkatnya kualitas"}
    pertama, kedua = satu["baris"]
    assert pertama["isian"] | {} == {
        "indikator": "Indeks kepuasan",
        "target": "85%",
        "kegiatan": "Survei",
        "target_kegiatan_aksi": "1 Laporan",
        "tw1": True,
        "tw2": False,
        "tw3": True,
        "tw4": False,
        "anggaran": "8.170.412.000",
        "pelaksana": "Subbag Umum",
    }
    assert pertama["peringatan"] == []
    assert kedua["isian"]["anggaran"] == ""
    assert kedua["peringatan"] == [
        {
            "pesan": "Baris 2: Kolom ANGGARAN berisi “delapan juta”, bukan angka rupiah: "
            "dikosongkan.",
            "kolom": "anggaran",
        }
    ]
    assert dua["kepala"] == {"nomor": "2.", "sasaran": "Sasaran dua"}
    assert dua["baris"][0]["isian"]["tw4"] is True
    (catatan,) = dua["baris"][0]["peringatan"]
    assert catatan["kolom"] == "target"
    assert "Tidak ada angka yang terbaca dari target ini" in catatan["pesan"]


def test_rows_below_an_empty_row_are_not_read_and_the_warning_says_which():
    teks = "\t\tIndikator A\t1\tKegiatan\n\n\t\tIndikator B\t2\tRapat\nKetua\n"

    hasil = baca_tempel(RKT, tabel_teks(teks), mulai="nomor")

    assert [b["isian"]["indikator"] for b in hasil.blok[0]["baris"]] == ["Indikator A"]
    assert hasil.peringatan[-1] == (
        "Baris 3, 4 di bawah baris kosong tidak dibaca (di luar tabel): tempel baris tersebut "
        "tersendiri bila termasuk tabel."
    )


def test_a_row_opening_a_sasaran_keeps_its_cells_warnings_in_its_row():
    teks = "1.\tMeningkatnya mutu\tIndeks mutu\t85%\tSurvei\t1\t✓\t\t\t\tdelapan juta\tKPA\n"

    (blok,) = baca_tempel(RAK, tabel_teks(teks)).blok

    assert blok["peringatan"] == []
    assert blok["baris"][0]["peringatan"] == [
        {
            "pesan": "Baris 1: Kolom ANGGARAN berisi “delapan juta”, bukan angka rupiah: "
            "dikosongkan.",
            "kolom": "anggaran",
        }
    ]


def test_a_pasted_header_row_is_found_and_its_columns_used_in_its_order():
    html = """<table>
    <tr><td>Target</td><td>Indikator Kinerja</td><td>Kegiatan Aksi</td></tr>
    <tr><td>90%</td><td>Indeks A</td><td>Sosialisasi</td></tr>
    <tr><td>10 kali</td><td>Indeks B</td><td>Rapat</td></tr></table>"""

    hasil = baca_tempel(RKT, tabel_html(html))

    assert not hasil.tanpa_judul
    assert hasil.peringatan == [
        "Baris 1: Kolom NO, SASARAN PROGRAM/KEGIATAN tidak ada; isinya dikosongkan."
    ]
    (blok,) = hasil.blok
    assert blok["kepala"] == {"nomor": "", "sasaran": ""}
    assert blok["peringatan"] == [
        {"pesan": "Baris 2: Baris ini tidak berada di bawah sasaran mana pun.", "kolom": ""}
    ]
    assert [b["isian"] for b in blok["baris"]] == [
        {"indikator": "Indeks A", "target": "90%", "kegiatan_aksi": "Sosialisasi"},
        {"indikator": "Indeks B", "target": "10 kali", "kegiatan_aksi": "Rapat"},
    ]


def test_rows_pasted_into_a_cell_start_at_its_column_and_join_its_block():
    teks = "Indeks A\t90%\tSosialisasi\nIndeks B\t10 kali\tRapat\tlebih\n"

    hasil = baca_tempel(RKT, tabel_teks(teks), mulai="indikator", lanjut=True)

    assert hasil.peringatan == [
        "Tanpa baris judul kolom: sel dibaca berurutan sebagai kolom INDIKATOR KINERJA, TARGET, "
        "NAMA KEGIATAN AKSI.",
        "Baris 2: sel di kanan kolom NAMA KEGIATAN AKSI tidak punya kolom dan dilewati.",
    ]
    (blok,) = hasil.blok
    assert blok["peringatan"] == []
    assert [b["isian"]["indikator"] for b in blok["baris"]] == ["Indeks A", "Indeks B"]


def test_rak_quarters_pasted_into_a_tick_start_at_that_quarter():
    hasil = baca_tempel(RAK, tabel_teks("✓\t\t✓\t1.500.000\n"), mulai="tw2", lanjut=True)

    isian = hasil.blok[0]["baris"][0]["isian"]
    assert [isian[f"tw{n}"] for n in range(1, 5)] == [False, True, False, True]
    assert isian["anggaran"] == "1.500.000"


def test_iku_program_rows_open_program_groups():
    teks = (
        "PROGRAM DUKUNGAN MANAJEMEN\n"
        "1.\tMeningkatnya tata kelola\tNilai SAKIP\tRumus A\t75\n"
        "\t\tOpini BPK\tRumus B\tWTP\n"
        "PROGRAM PENYELENGGARAAN PEMILU\n"
        "2.\tPemilu berkualitas\tPartisipasi\tRumus C\t77,5%\n"
    )

    hasil = baca_tempel(IKU, tabel_teks(teks))

    assert [b["kepala"] for b in hasil.blok] == [
        {"program": "PROGRAM DUKUNGAN MANAJEMEN"},
        {"program": "PROGRAM PENYELENGGARAAN PEMILU"},
    ]
    assert [[r["isian"]["indikator"] for r in b["baris"]] for b in hasil.blok] == [
        ["Nilai SAKIP", "Opini BPK"],
        ["Partisipasi"],
    ]
    assert hasil.blok[0]["baris"][1]["isian"]["nomor"] == ""
    assert hasil.blok[0]["baris"][1]["peringatan"][0]["pesan"].startswith("Tidak ada angka")


def test_pk_rows_with_the_programs_table_below_say_the_programs_are_not_pasted():
    teks = (
        "NO\tSASARAN STRATEGIS\tINDIKATOR KINERJA\tTARGET\n"
        "1.\tSasaran PK\tIndikator PK\t100%\n"
        "\n"
        "NO\tPROGRAM\tANGGARAN (Rp)\n"
        "1\tPROGRAM X [076.01.WA]\t2.034.943.000\n"
    )

    hasil = baca_tempel(PK, tabel_teks(teks))

    assert hasil.jumlah_baris == 1
    assert hasil.blok[0]["baris"][0]["isian"]["indikator"] == "Indikator PK"
    assert any("program dan anggaran" in p for p in hasil.peringatan)


def test_more_rows_than_the_editor_holds_are_refused():
    teks = "".join(f"\t\tIndikator {n}\t1\tKegiatan\n" for n in range(501))

    with pytest.raises(TempelDitolak, match="paling banyak 500 baris"):
        baca_tempel(RKT, tabel_teks(teks))
