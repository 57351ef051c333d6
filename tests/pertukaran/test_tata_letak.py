"""The .xlsx of each type is laid out like its paper: titles, header rows, the number row,
merged cells, ✓, Rupiah as numbers in the Indonesian format, widths, print setup, signatures."""

import io

import pytest
from openpyxl import load_workbook

from dokumen.jenis import jenis_terdaftar
from pertukaran.gaya import FORMAT_RUPIAH_JUTA, FORMAT_RUPIAH_RIBU, bagi_kolom, format_rupiah
from pertukaran.lembar import baca_xlsx
from pertukaran.xlsx import xlsx_dokumen
from tests.conftest import dokumen_seed
from tests.factories import KabKotaFactory, PkFactory, RakFactory, program_pk


def lembar(dokumen, nama: str | None = None):
    """The sheet of the document's table (or the one called `nama`)."""
    buku = load_workbook(io.BytesIO(xlsx_dokumen(dokumen)))
    return buku[nama or dokumen.jenis_terdaftar.kolom_excel.nama_lembar]


def baris_berisi(ws, teks: str) -> int:
    for baris in ws.iter_rows():
        for sel in baris:
            if sel.value == teks:
                return sel.row
    raise AssertionError(f"{teks!r} tidak ada")


def gabungan(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


@pytest.mark.django_db
def test_it_lays_out_the_rak_landscape_with_two_header_rows_quarters_and_rupiah(rak_lebak):
    ws = lembar(rak_lebak)

    assert ws.title == "RAK"
    assert ws["A1"].value == "RENCANA AKSI KINERJA (RAK) TAHUN 2024"
    assert ws["A2"].value == "KOMISI PEMILIHAN UMUM KABUPATEN LEBAK"
    assert ws["A3"].value == "DRAF — belum ditandatangani"
    kepala = baris_berisi(ws, "NO")
    judul = [ws.cell(kepala, c).value for c in range(1, 13)]
    assert judul == [
        "NO", "SASARAN PROGRAM/KEGIATAN", "INDIKATOR KINERJA", "TARGET", "KEGIATAN",
        "TARGET KEGIATAN AKSI", "Pelaksanaan Kegiatan", None, None, None, "ANGGARAN",
        "PELAKSANA",
    ]  # fmt: skip
    assert [ws.cell(kepala + 1, c).value for c in range(7, 11)] == ["I", "II", "III", "IV"]
    assert f"G{kepala}:J{kepala}" in gabungan(ws)
    assert f"A{kepala}:A{kepala + 1}" in gabungan(ws)
    nomor = [ws.cell(kepala + 2, c).value for c in range(1, 13)]
    assert nomor == ["1", "2", "3", "4", "5", "6", "7", None, None, None, "8", "9"]
    assert f"G{kepala + 2}:J{kepala + 2}" in gabungan(ws)

    # Row 1: the first sasaran's merged cells, ticks, the anggaran as a number.
    data = kepala + 3
    assert ws.cell(data, 1).value == "1"
    assert [ws.cell(data, c).value for c in range(7, 11)] == ["✓"] * 4
    anggaran = ws.cell(data, 11)
    assert anggaran.value == 8_170_412_000
    assert anggaran.data_type == "n"
    assert anggaran.number_format == FORMAT_RUPIAH_JUTA
    # Row 8 of the seed is ticked for II and IV only.
    delapan = next(r for r in range(data, ws.max_row) if ws.cell(r, 1).value == "8")
    assert [ws.cell(delapan, c).value for c in range(7, 11)] == [None, "✓", None, "✓"]

    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == f"${kepala}:${kepala + 2}"
    assert ws.column_dimensions["K"].width == 17
    assert ws.cell(data, 5).alignment.wrap_text
    assert ws.cell(data, 5).border.left.style == "thin"


@pytest.mark.django_db
def test_it_merges_a_sasaran_over_its_indicators_in_the_rkt(rkt_lebak):
    ws = lembar(rkt_lebak)
    sasaran = jenis_terdaftar("RKT").baca_baris(rkt_lebak)
    panjang = next(s for s in sasaran if len(s["indikator"]) > 1)
    awal = baris_berisi(ws, panjang["sasaran"])
    akhir = awal + len(panjang["indikator"]) - 1

    assert f"A{awal}:A{akhir}" in gabungan(ws)
    assert f"B{awal}:B{akhir}" in gabungan(ws)
    assert [ws.cell(awal + i, 3).value for i in range(len(panjang["indikator"]))] == [
        i["indikator"] for i in panjang["indikator"]
    ]
    assert ws.page_setup.orientation == "portrait"
    kepala = baris_berisi(ws, "NO")
    assert [ws.cell(kepala + 1, c).value for c in range(1, 6)] == ["1", "2", "3", "4", "5"]


@pytest.mark.django_db
def test_it_prints_the_iku_program_groups_and_only_the_columns_used():
    ws = lembar(dokumen_seed("kota-banjarbaru", "IKU"))
    kepala = baris_berisi(ws, "No")

    assert ws["A1"].value == "LAMPIRAN 1"
    assert [ws.cell(kepala, c).value for c in range(1, 5)] == [
        "No", "Indikator Kinerja (Uraian)", "Cara Penghitungan", "Sumber Data",
    ]  # fmt: skip
    assert ws.cell(kepala, 5).value is None
    grup = baris_berisi(ws, "PROGRAM DUKUNGAN MANAJEMEN [076.01.WA]")
    assert f"A{grup}:D{grup}" in gabungan(ws)
    assert ws.cell(grup, 1).font.b
    assert baris_berisi(ws, "Tugas:") < kepala  # the identity block above the table


@pytest.mark.django_db
def test_it_merges_an_iku_continuation_row_into_the_cells_above():
    ws = lembar(dokumen_seed("kab-kutai-barat", "IKU"))
    kepala = baris_berisi(ws, "No")
    tiga = [r for r in range(kepala, ws.max_row + 1) if ws.cell(r, 1).value == "3."]

    # The first "3." row spans its two continuation rows (No and SASARAN cells).
    assert f"A{tiga[0]}:A{tiga[0] + 2}" in gabungan(ws)
    assert f"B{tiga[0]}:B{tiga[0] + 2}" in gabungan(ws)


@pytest.mark.django_db
def test_it_signs_the_pk_with_both_parties_and_totals_the_programs():
    pk = PkFactory(satker=KabKotaFactory(), tambahan={"program": program_pk(2)})
    ws = lembar(pk)

    kepala = baris_berisi(ws, "PROGRAM")
    assert ws.cell(kepala, 1).value == "NO"
    jumlah = baris_berisi(ws, "Jumlah")
    total = next(c for c in ws[jumlah] if isinstance(c.value, int))
    assert total.value == 3_000_000_000
    assert total.number_format == FORMAT_RUPIAH_JUTA
    assert baris_berisi(ws, "Program uji 1 [076.01.U1]") == kepala + 2
    # Pihak Kedua on the left, Pihak Pertama on the right, the date over the first party.
    kedua, pertama = baris_berisi(ws, "Pihak Kedua,"), baris_berisi(ws, "Pihak Pertama,")
    assert kedua == pertama
    kolom = {c.value: c.column for c in ws[kedua] if c.value}
    assert kolom["Pihak Kedua,"] < kolom["Pihak Pertama,"]
    assert ws.cell(kedua - 1, kolom["Pihak Pertama,"]).value.endswith("26 Januari 2024")
    assert ws.cell(kedua, 1).value is None or ws.cell(kedua, 1).value == "Pihak Kedua,"
    # The quarterly targets show because the factory's counts have them.
    kepala_pk = baris_berisi(ws, "SASARAN STRATEGIS")
    assert ws.cell(kepala_pk, 5).value == "TARGET TRIWULAN"


@pytest.mark.django_db
def test_it_reads_back_the_pk_on_its_paper_columns_and_its_programs():
    pk = PkFactory(satker=KabKotaFactory(), tambahan={"program": program_pk(2)})
    terdaftar = jenis_terdaftar("PK")

    hasil = baca_xlsx(terdaftar, xlsx_dokumen(pk))

    asli = terdaftar.baca_baris(pk)
    kolom = ("indikator", "target", "target_tw1", "target_tw2", "target_tw3", "target_tw4")
    assert [(s["nomor"], s["sasaran"]) for s in hasil.baris] == [
        (s["nomor"], s["sasaran"]) for s in asli
    ]
    assert [[{k: i[k] for k in kolom} for i in s["indikator"]] for s in hasil.baris] == [
        [{k: i[k] for k in kolom} for i in s["indikator"]] for s in asli
    ]
    assert hasil.tambahan["program"] == program_pk(2)
    assert hasil.peringatan == []


@pytest.mark.django_db
def test_a_published_document_exports_its_signed_rows_and_signer(
    rak_lebak, pki_aktif, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    rak = RakFactory(satker=rak_lebak.satker, tahun=2031, status="TERBIT")
    ws = lembar(rak)

    assert ws["A3"].value != "DRAF — belum ditandatangani"
    assert baris_berisi(ws, "(ditandatangani secara elektronik)")
    assert "DRAF" not in ws.oddFooter.left.text
    hasil = baca_xlsx(jenis_terdaftar("RAK"), xlsx_dokumen(rak))
    assert [b["kegiatan"] for s in hasil.baris for b in s["baris"]] == [
        b["kegiatan"] for s in jenis_terdaftar("RAK").baca_baris(rak) for b in s["baris"]
    ]


@pytest.mark.django_db
def test_a_text_starting_with_equals_stays_text(rak_lebak):
    rak = RakFactory(
        satker=rak_lebak.satker,
        tahun=2032,
        baris=[
            {
                "nomor": "1",
                "sasaran": '=HYPERLINK("http://contoh")',
                "baris": [{"indikator": "=1+1", "target": "100%", "kegiatan": "@SUM(A1)"}],
            }
        ],
    )
    ws = lembar(rak)
    sel = ws.cell(baris_berisi(ws, "=1+1"), 3)

    assert sel.data_type == "s"
    assert (
        baca_xlsx(jenis_terdaftar("RAK"), xlsx_dokumen(rak))
        .baris[0]["sasaran"]
        .startswith("=HYPERLINK")
    )


def test_the_rupiah_format_picks_its_groups_by_size():
    assert format_rupiah(22_880_000) == FORMAT_RUPIAH_JUTA
    assert format_rupiah(999_999) == FORMAT_RUPIAH_RIBU
    # Literal dots: the same "8.170.412.000" whatever the reader's locale.
    assert '"."' in FORMAT_RUPIAH_JUTA
    assert "," not in FORMAT_RUPIAH_JUTA


def test_a_smaller_table_spreads_over_the_sheet_columns():
    assert bagi_kolom([6, 32, 40, 13], [6, 60, 20]) == [(1, 1), (2, 3), (4, 4)]
    assert bagi_kolom([6, 32, 40, 13, 9, 9, 9, 9], [6, 60, 20])[0] == (1, 1)


@pytest.mark.django_db
def test_the_pk_opens_with_its_agreement_page_signed_by_both_parties():
    pk = PkFactory(satker=KabKotaFactory(nama_lengkap="Komisi Pemilihan Umum Kabupaten Uji"))
    buku = load_workbook(io.BytesIO(xlsx_dokumen(pk)))

    assert buku.sheetnames == ["Perjanjian", "Lampiran PK"]
    ws = buku["Perjanjian"]
    teks = [ws.cell(r, c).value for r in range(1, ws.max_row + 1) for c in (1, 2)]
    assert teks[:4] == ["KOMISI PEMILIHAN UMUM", None, "KABUPATEN UJI", None]
    assert "PERJANJIAN KINERJA TAHUN 2024" in teks
    assert any(t and t.startswith("Dalam rangka mewujudkan") for t in teks)
    assert any(t and t.startswith("1. Nama: ") and "pihak pertama." in t for t in teks)
    assert baris_berisi(ws, "Pihak Pertama,") == baris_berisi(ws, "Pihak Kedua,")
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("satker", "jenis"),
    [("kab-kutai-barat", "IKU"), ("kota-banjarbaru", "IKU"), ("kab-lebak", "RAK"),
     ("kab-lebak", "RKT"), ("kab-lebak", "PK")],
)  # fmt: skip
def test_no_two_merged_ranges_overlap(satker, jenis):
    """Excel refuses (repairs) a file whose merged ranges overlap."""
    buku = load_workbook(io.BytesIO(xlsx_dokumen(dokumen_seed(satker, jenis))))
    for ws in buku.worksheets:
        sel = [
            (r, c)
            for rentang in ws.merged_cells.ranges
            for r in range(rentang.min_row, rentang.max_row + 1)
            for c in range(rentang.min_col, rentang.max_col + 1)
        ]
        assert len(sel) == len(set(sel)), ws.title


def test_every_registered_type_declares_its_paper_columns():
    from dokumen.jenis import semua_jenis

    for terdaftar in semua_jenis():
        tata = terdaftar.kolom_excel
        assert tata is not None, terdaftar.kode
        kunci = {k.kunci for k in tata.kolom}
        # Every column maps to a field of the rows' shared shape (a sasaran's or a row's).
        assert all(k.kunci or k.jenis == "urut" for k in tata.kolom)
        assert set(tata.gabung) <= kunci
        assert set(tata.lanjutan) <= kunci
