"""A Word document's tables joined into the one table baca reads (pertukaran.gabung): split
tables with and without their header, tables around the main one, the PK's program table, and
messy hand-made tables reading with the warnings baca gives."""

from dokumen.jenis import jenis_terdaftar
from pertukaran.baca import Peringatan, baca_tabel
from pertukaran.gabung import asal_baris, hasil_docx, tabel_gabung
from tests.pertukaran.docx_uji import docx_tabel

RAK = jenis_terdaftar("RAK")
RKT = jenis_terdaftar("RKT")
IKU = jenis_terdaftar("IKU")
PK = jenis_terdaftar("PK")

KEPALA_RKT = [
    ["NO", "SASARAN PROGRAM/KEGIATAN", "INDIKATOR KINERJA", "TARGET", "NAMA KEGIATAN AKSI"],
    ["1", "2", "3", "4", "5"],
]
KEPALA_RAK = [
    ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "KEGIATAN", "TARGET KEGIATAN AKSI",
     "Pelaksanaan Kegiatan", "", "", "", "ANGGARAN", "PELAKSANA"],
    ["", "", "", "", "", "", "I", "II", "III", "IV", "", ""],
    ["1", "2", "3", "4", "5", "6", "7", "", "", "", "8", "9"],
]  # fmt: skip
GABUNG_RAK = [(0, c, 1, c) for c in (0, 1, 2, 3, 4, 5, 10, 11)] + [(0, 6, 0, 9), (2, 6, 2, 9)]


def _rkt(nomor: str, sasaran: str, indikator: str) -> list[str]:
    return [nomor, sasaran, indikator, "85%", f"Aksi {indikator}"]


def test_it_joins_a_split_table_with_and_without_its_repeated_header():
    judul = [["[logo]", "KOMISI PEMILIHAN UMUM KABUPATEN LEBAK"]]
    bagian = [
        [*KEPALA_RKT, _rkt("1", "Sasaran A", "Indikator 1")],
        [*KEPALA_RKT, _rkt("", "", "Indikator 2"), _rkt("2", "Sasaran B", "Indikator 3")],
        [_rkt("", "", "Indikator 4")],  # a part without header
        [["Rangkasbitung, 26 Januari 2024", ""], ["Ketua", ""]],  # the signature's layout
    ]

    tabel = tabel_gabung(RKT, [judul, *bagian])
    hasil = baca_tabel(RKT, tabel)

    assert tabel[0] == KEPALA_RKT[0]
    assert [[b["indikator"] for b in s["indikator"]] for s in hasil.baris] == [
        ["Indikator 1", "Indikator 2"],
        ["Indikator 3", "Indikator 4"],
    ]
    assert hasil.peringatan == []
    assert asal_baris(RKT, [judul, *bagian]) == [
        (2, 1), (2, 2), (2, 3), (3, 2), (3, 3), (3, 4), (4, 1)
    ]  # fmt: skip


def test_a_warning_names_the_word_table_and_row_it_is_on():
    baik = ["1", "Sasaran A", "Indikator A", "85%", "Kegiatan 1", "85%", "✓", "", "", "", "", "KUL"]
    bergeser = ["", "", "", "", "Kegiatan 2", "", "100%", "", "", "", "", "KUL"]
    bagian = [[*KEPALA_RAK, baik], [*KEPALA_RAK, bergeser]]

    hasil = baca_tabel(RAK, tabel_gabung(RAK, bagian))

    (peringatan,) = hasil.peringatan
    assert peringatan.pesan == "Kolom I berisi “100%”, bukan tanda ✓: dianggap tidak dicentang."
    assert asal_baris(RAK, bagian)[peringatan.baris - 1] == (2, 4)


def test_it_moves_a_part_whose_columns_stand_elsewhere_under_the_first_parts():
    lain = [["NO", "SASARAN PROGRAM/KEGIATAN", "NAMA KEGIATAN AKSI", "INDIKATOR KINERJA", "TARGET"]]

    tabel = tabel_gabung(
        RKT,
        [[*KEPALA_RKT, _rkt("1", "A", "I1")], [*lain, ["2", "B", "Aksi I2", "I2", "90%"]]],
    )

    assert tabel[-1] == ["2", "B", "I2", "90%", "Aksi I2"]


def test_it_keeps_the_rows_below_an_empty_row_inside_a_word_table():
    isi = docx_tabel([*KEPALA_RKT, _rkt("1", "A", "I1"), [""] * 5, _rkt("2", "B", "I2")])

    hasil, _ = hasil_docx(RKT, isi)

    assert [s["sasaran"] for s in hasil.baris] == ["A", "B"]
    assert hasil.peringatan == []


def test_it_reads_the_pks_program_table_below_its_main_table():
    utama = [
        ["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "TARGET"],
        ["1", "2", "3", "4"],
        ["1", "Sasaran A", "Indikator A", "100%"],
    ]
    program = [
        ["NO", "PROGRAM", "ANGGARAN (Rp)"],
        ["1", "2", "3"],
        ["1", "PROGRAM DUKUNGAN MANAJEMEN [076.01.WA]", "8.170.412.000"],
        ["Jumlah", "", "8.170.412.000"],
    ]

    hasil, _ = hasil_docx(PK, docx_tabel(utama, lain=[program]))

    assert [s["sasaran"] for s in hasil.baris] == ["Sasaran A"]
    assert hasil.tambahan["program"] == [
        {"program": "PROGRAM DUKUNGAN MANAJEMEN", "kode": "076.01.WA", "anggaran": 8_170_412_000}
    ]
    assert hasil.peringatan == []


def test_a_shifted_cell_gives_baca_s_warnings():
    tabel = [
        *KEPALA_RAK,
        ["1", "Sasaran A", "Indikator A", "85%", "Kegiatan 1", "", "100%", "", "", "",
         "Sub Bagian KUL", "✓"],
    ]  # fmt: skip

    hasil, _ = hasil_docx(RAK, docx_tabel(tabel, gabung=GABUNG_RAK))

    assert hasil.peringatan == [
        Peringatan(4, "Kolom I berisi “100%”, bukan tanda ✓: dianggap tidak dicentang."),
        Peringatan(4, "Kolom ANGGARAN berisi “Sub Bagian KUL”, bukan angka rupiah: dikosongkan."),
    ]
    assert hasil.peringatan == baca_tabel(RAK, tabel).peringatan
    assert hasil.baris[0]["baris"][0]["pelaksana"] == "✓"


def test_it_reads_ticks_and_rupiah_from_a_merged_rak_header():
    tabel = [
        *KEPALA_RAK,
        ["1", "Sasaran A", "Indikator A", "85%", "Kegiatan 1", "85%", "✓", "", "✓", "",
         "8.170.412.000", "Sub Bagian KUL"],
        ["", "", "", "", "Kegiatan 2", "2 Lap", "", "✓", "✓", "✓", "", "Sub Bagian KUL"],
    ]  # fmt: skip

    hasil, _ = hasil_docx(RAK, docx_tabel(tabel, gabung=[*GABUNG_RAK, (3, 0, 4, 0), (3, 1, 4, 1)]))

    pertama, kedua = hasil.baris[0]["baris"]
    assert (pertama["triwulan"], pertama["anggaran"]) == ([1, 3], 8_170_412_000)
    assert (kedua["triwulan"], kedua["kegiatan"]) == ([2, 3, 4], "Kegiatan 2")
    assert hasil.peringatan == []


def test_an_extra_unknown_column_is_left_out_with_baca_s_warning():
    tabel = [
        ["No", "Indikator Kinerja", "Cara Perhitungan", "Sumber Data", "Catatan Rapat"],
        ["1.", "Indikator 1", "Rumus 1", "Laporan", "dibahas"],
    ]

    hasil, _ = hasil_docx(IKU, docx_tabel(tabel))

    assert hasil.peringatan == [Peringatan(1, "Kolom “Catatan Rapat” tidak dikenali dan dilewati.")]
    assert hasil.baris[0]["sumber_data"] == "Laporan"


def test_a_table_without_header_and_a_document_without_table_read_nothing_and_say_so():
    tanpa_kepala, _ = hasil_docx(RKT, docx_tabel([_rkt("1", "A", "I1")], sesudah=["Catatan"]))
    tanpa_tabel, isi = hasil_docx(RKT, docx_tabel([], sebelum=["Hanya paragraf"]))

    pesan = [Peringatan(1, "Baris judul kolom RKT tidak ditemukan: tidak ada yang dibaca.")]
    assert (tanpa_kepala.baris, tanpa_kepala.peringatan) == ([], pesan)
    assert (tanpa_tabel.baris, tanpa_tabel.peringatan) == ([], pesan)
    assert isi.teks == ["Hanya paragraf"]
