"""The reverse mapping of a clean table (pertukaran.baca): pure, strings in, rows and per-row
warnings out, the way a later import from Excel, Word or a paste will use it."""

from dokumen.jenis import jenis_terdaftar
from pertukaran.baca import Peringatan, baca_rupiah, baca_tabel

RAK = jenis_terdaftar("RAK")
IKU = jenis_terdaftar("IKU")
RKT = jenis_terdaftar("RKT")

KEPALA_RAK = [
    ["NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "KEGIATAN", "TARGET KEGIATAN AKSI",
     "Pelaksanaan Kegiatan", "", "", "", "ANGGARAN", "PELAKSANA"],
    ["", "", "", "", "", "", "I", "II", "III", "IV", "", ""],
    ["1", "2", "3", "4", "5", "6", "7", "", "", "", "8", "9"],
]  # fmt: skip


def test_it_reads_a_pasted_rak_with_its_header_variants_and_merged_cells():
    tabel = KEPALA_RAK + [
        ["1", "Sasaran A", "Indikator A", "85%", "Kegiatan 1", "85%", "✓", "", "v", "",
         "Rp 8.170.412.000,00", "KUL"],
        ["", "", "", "", "Kegiatan 2", "2 Lap", "", "✔", "", "x", "", "KUL"],
        ["2", "Sasaran B", "Indikator B", "90%", "Kegiatan 3", "", "", "", "", "1",
         "22,880,000", "Teknis"],
    ]  # fmt: skip

    hasil = baca_tabel(RAK, tabel)

    assert hasil.peringatan == []
    assert [s["sasaran"] for s in hasil.baris] == ["Sasaran A", "Sasaran B"]
    pertama, kedua = hasil.baris[0]["baris"]
    assert pertama["triwulan"] == [1, 3]
    assert pertama["anggaran"] == 8_170_412_000
    assert kedua == {
        "indikator": "", "target": "", "kegiatan": "Kegiatan 2", "target_kegiatan_aksi": "2 Lap",
        "triwulan": [2, 4], "anggaran": None, "pelaksana": "KUL",
    }  # fmt: skip
    assert hasil.baris[1]["baris"][0]["anggaran"] == 22_880_000


def test_it_warns_on_a_shifted_row_and_keeps_the_rest():
    tabel = KEPALA_RAK + [
        ["1", "Sasaran A", "Indikator A", "85%", "Kegiatan 1", "", "100%", "", "", "",
         "Sub Bagian KUL", "✓"],
    ]  # fmt: skip

    hasil = baca_tabel(RAK, tabel)

    baris = hasil.baris[0]["baris"][0]
    assert baris["triwulan"] == []
    assert baris["anggaran"] is None
    assert baris["pelaksana"] == "✓"
    assert hasil.peringatan == [
        Peringatan(4, "Kolom I berisi “100%”, bukan tanda ✓: dianggap tidak dicentang."),
        Peringatan(4, "Kolom ANGGARAN berisi “Sub Bagian KUL”, bukan angka rupiah: dikosongkan."),
    ]


def test_it_names_unknown_and_missing_columns():
    tabel = [
        ["NO", "SASARAN PROGRAM/KEGIATAN", "INDIKATOR KINERJA", "CATATAN"],
        ["1", "Sasaran", "Indikator", "abc"],
    ]

    hasil = baca_tabel(RKT, tabel)

    assert hasil.baris == [
        {"nomor": "1", "sasaran": "Sasaran",
         "indikator": [{"indikator": "Indikator", "target": "", "kegiatan_aksi": ""}]}
    ]  # fmt: skip
    assert hasil.peringatan == [
        Peringatan(1, "Kolom “CATATAN” tidak dikenali dan dilewati."),
        Peringatan(1, "Kolom TARGET, NAMA KEGIATAN AKSI tidak ada; isinya dikosongkan."),
    ]


def test_it_reads_iku_program_groups_and_skips_repeated_headers():
    kepala = ["No", "Indikator Kinerja", "Cara Perhitungan", "Sumber Data"]
    tabel = [
        ["INDIKATOR KINERJA UTAMA (IKU) TAHUN 2024", "", "", ""],
        kepala,
        ["1", "2", "3", "4"],
        ["PROGRAM DUKUNGAN MANAJEMEN [076.01.WA]", "", "", ""],
        ["1.", "Indikator 1", "Rumus 1", "Laporan"],
        kepala,  # a page break's repeated header
        ["2.", "Indikator 2", "Rumus 2", "Laporan"],
        ["", "", "", ""],
        ["Rangkasbitung, 26 Januari 2024", "", "", ""],
    ]

    hasil = baca_tabel(IKU, tabel)

    assert [(b["nomor"], b["program"], b["cara_penghitungan"]) for b in hasil.baris] == [
        ("1.", "PROGRAM DUKUNGAN MANAJEMEN [076.01.WA]", "Rumus 1"),
        ("2.", "PROGRAM DUKUNGAN MANAJEMEN [076.01.WA]", "Rumus 2"),
    ]
    assert hasil.baris[0]["sasaran"] == ""
    assert hasil.peringatan == []


def test_no_header_reads_nothing_and_says_so():
    hasil = baca_tabel(RKT, [["a", "b"], ["c", "d"]])

    assert hasil.baris == []
    assert hasil.peringatan == [
        Peringatan(1, "Baris judul kolom RKT tidak ditemukan: tidak ada yang dibaca.")
    ]


def test_it_reads_rupiah_written_every_usual_way():
    assert baca_rupiah("8.170.412.000") == 8_170_412_000
    assert baca_rupiah("Rp8.170.412.000") == 8_170_412_000
    assert baca_rupiah("Rp 8.170.412.000,00") == 8_170_412_000
    assert baca_rupiah("8,170,412,000") == 8_170_412_000
    assert baca_rupiah("8170412000") == 8_170_412_000
    assert baca_rupiah("8170412000.0") == 8_170_412_000
    assert baca_rupiah("Sub Bagian KUL") is None
    assert baca_rupiah("1,5") is None
