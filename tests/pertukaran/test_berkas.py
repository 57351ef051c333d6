"""What an import refuses before any parser opens the file, and the sheet reader's bounds: each
refusal is a message saying what to do (pertukaran.berkas, pertukaran.lembar)."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from pertukaran import berkas as b
from pertukaran.berkas import BerkasDitolak, Format, periksa_berkas
from pertukaran.lembar import lembar_xlsx
from tests.pengukuran import berkas_contoh as contoh


def xlsx(isi_sel: dict[str, object], *, baris_kosong: int = 0) -> bytes:
    buku = Workbook()
    ws = buku.active
    for alamat, nilai in isi_sel.items():
        ws[alamat] = nilai
    for nomor in range(baris_kosong):
        ws.cell(row=nomor + 1, column=1, value=f"baris {nomor + 1}")
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def test_a_workbook_and_a_word_document_pass():
    assert periksa_berkas("iku.xlsx", xlsx({"A1": "No"})) == Format.XLSX
    assert periksa_berkas("iku.docx", contoh.ooxml("docx")) == Format.DOCX


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("iku.docx", contoh.EXE, "program (executable)"),
        ("iku.xlsx", contoh.SKRIP, "program (executable)"),
        ("iku.doc", contoh.ole("WordDocument"), "Word lama (.doc)"),
        ("iku.xls", contoh.ole("Workbook"), "Excel lama (.xls)"),
        ("iku.docx", contoh.ole("EncryptedPackage"), "dikunci kata sandi"),
        ("iku.xlsm", contoh.ooxml("xlsx", tambahan={"xl/vbaProject.bin": "x"}), "bermakro"),
        ("iku.xlsx", contoh.bom_zip(), "terlalu besar bila dibuka"),
        ("iku.xlsx", contoh.zip_biasa(), "bukan dokumen Word, Excel"),
        ("iku.pdf", contoh.PDF, "bukan dokumen Word (.docx) atau lembar kerja Excel (.xlsx)"),
        ("iku.pptx", contoh.ooxml("pptx"), "presentasi PowerPoint, bukan"),
        ("iku.xlsx", contoh.ooxml("docx"), "namanya berakhiran “.xlsx”"),
        ("iku.xlsx", b"", "kosong"),
    ],
)
def test_what_is_not_a_table_file_is_refused_with_what_to_do(nama, isi, pesan):
    with pytest.raises(BerkasDitolak) as galat:
        periksa_berkas(nama, isi)
    assert pesan in galat.value.pesan


def test_only_the_formats_asked_for_pass():
    with pytest.raises(BerkasDitolak, match=r"bukan lembar kerja Excel \(.xlsx\)"):
        periksa_berkas("iku.docx", contoh.ooxml("docx"), boleh=(Format.XLSX,))


def test_a_file_over_the_size_limit_is_refused_before_it_is_opened(monkeypatch):
    monkeypatch.setattr(b, "BATAS_UKURAN", 1000)
    with pytest.raises(BerkasDitolak, match="lebih dari"):
        periksa_berkas("iku.xlsx", xlsx({"A1": "x" * 2000}))


def test_a_file_too_large_unpacked_is_refused(monkeypatch):
    monkeypatch.setattr(b, "BATAS_ISI", 2000)
    with pytest.raises(BerkasDitolak, match="terlalu besar untuk diimpor"):
        periksa_berkas("iku.xlsx", xlsx({f"A{n}": "teks panjang" * 10 for n in range(1, 50)}))


def test_a_sheet_reads_as_the_text_its_cells_show():
    isi = xlsx({"A1": "No", "B1": "Anggaran", "A2": 1, "B2": 8170412000, "C2": 87.5})
    [(judul, tabel)] = lembar_xlsx(isi)
    assert judul == "Sheet"
    assert tabel == [["No", "Anggaran", ""], ["1", "8170412000", "87,5"]]


def ganti_lembar(isi: bytes, lama: str, baru: str) -> bytes:
    """The workbook with `lama` replaced by `baru` in its first sheet's XML."""
    masuk, keluar = zipfile.ZipFile(io.BytesIO(isi)), io.BytesIO()
    with masuk, zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as tujuan:
        for info in masuk.infolist():
            data = masuk.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(lama.encode(), baru.encode())
            tujuan.writestr(info, data)
    return keluar.getvalue()


def test_formulas_with_their_saved_values_read_as_the_values():
    # As Excel saves it: the formula's last value beside it (openpyxl, which cannot compute,
    # writes none).
    isi = ganti_lembar(xlsx({"A1": 2, "A2": "=A1*2"}), "<f>A1*2</f><v></v>", "<f>A1*2</f><v>4</v>")
    [(_, tabel)] = lembar_xlsx(isi)
    assert tabel == [["2"], ["4"]]


def test_formulas_without_saved_values_are_refused_naming_the_cells():
    isi = xlsx({"A1": 2, "A2": "=A1*2", "B7": "=SUM(A1:A2)"})
    with pytest.raises(BerkasDitolak) as galat:
        lembar_xlsx(isi)
    assert "Sheet!A2, Sheet!B7" in galat.value.pesan
    assert "simpan ulang" in galat.value.pesan


def test_five_thousand_rows_are_refused_without_reading_them_all(monkeypatch):
    with pytest.raises(BerkasDitolak, match="lebih dari 2.000 baris"):
        lembar_xlsx(xlsx({}, baris_kosong=5000))


def test_a_broken_workbook_is_refused():
    isi = xlsx({"A1": "No"})
    rusak = ganti_lembar(isi, "<sheetData>", "<sheetData><row><<")
    with pytest.raises(BerkasDitolak, match="rusak"):
        lembar_xlsx(rusak)
