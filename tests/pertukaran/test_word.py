"""Word import (pertukaran.word, pertukaran.gabung): .docx files laid out as Word lays them
out, built in the tests (tests.pertukaran.docx_uji), read back into a document's rows."""

import io
import time
import zipfile

import pytest
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from dokumen.jenis import jenis_terdaftar
from pertukaran.gabung import hasil_docx
from pertukaran.word import MAKS_KOLOM, DocxRusak, IsiDocx, baca_docx
from tests.conftest import dokumen_seed
from tests.pertukaran.docx_uji import baris_rak_besar, docx_dokumen, docx_rak_besar, docx_tabel
from tests.pertukaran.test_pulang_pergi import SEED, bandingkan


@pytest.mark.django_db
@pytest.mark.parametrize(("satker", "jenis"), SEED)
@pytest.mark.parametrize("pecah", [1, 2, 3])
def test_it_reads_every_seed_document_from_word_cell_by_cell(satker, jenis, pecah):
    dokumen = dokumen_seed(satker, jenis)
    terdaftar = jenis_terdaftar(jenis)

    hasil, isi = hasil_docx(terdaftar, docx_dokumen(dokumen, pecah=pecah))

    assert len(isi.tabel) == pecah
    bandingkan(terdaftar.baca_baris(dokumen), hasil.baris, terdaftar.kunci_anak)
    assert hasil.peringatan == []


def test_it_reads_a_200_row_rak_quickly():
    rak = jenis_terdaftar("RAK")
    isi = docx_rak_besar(200)

    awal = time.perf_counter()
    hasil, _ = hasil_docx(rak, isi)
    lama = time.perf_counter() - awal

    assert hasil.peringatan == []
    bandingkan(baris_rak_besar(200), hasil.baris, "baris")
    assert lama < 5  # 2 s is the target; a loaded machine must not fail it


def _docx(isi) -> bytes:
    """A .docx written by `isi(doc)` with python-docx."""
    doc = Document()
    isi(doc)
    keluaran = io.BytesIO()
    doc.save(keluaran)
    return keluaran.getvalue()


def _sym(run, font: str, kode: str) -> None:
    sym = OxmlElement("w:sym")
    sym.set(qn("w:font"), font)
    sym.set(qn("w:char"), kode)
    run._r.append(sym)


def test_it_reads_merged_cells_as_baca_expects_them():
    isi = docx_tabel(
        [["Program", "", ""], ["1.", "a", "b"], ["", "c", "d"], ["2.", "e", "f"]],
        gabung=[(0, 0, 0, 2), (1, 0, 2, 0)],
    )

    assert baca_docx(isi).tabel == [
        [["Program", "", ""], ["1.", "a", "b"], ["", "c", "d"], ["2.", "e", "f"]]
    ]


def test_it_reads_every_way_word_writes_a_check_mark_as_one():
    def isi(doc):
        tabel = doc.add_table(rows=1, cols=7)
        sel = tabel.rows[0].cells
        _sym(sel[0].paragraphs[0].add_run(), "Wingdings", "F0FC")
        _sym(sel[1].paragraphs[0].add_run(), "Wingdings 2", "F050")
        _sym(sel[2].paragraphs[0].add_run(), "Symbol", "F0D6")
        wingdings = sel[3].paragraphs[0].add_run("ü")  # typed in the Wingdings font
        wingdings.font.name = "Wingdings"
        sel[4].text = "✔"
        sel[5].text = " √ "
        _sym(sel[6].paragraphs[0].add_run("x"), "Wingdings", "F04A")  # ☺: no text

    assert baca_docx(_docx(isi)).tabel == [[["✓", "✓", "✓", "✓", "✓", "✓", "x"]]]


def test_it_joins_a_cells_paragraphs_and_a_nested_tables_text():
    def isi(doc):
        sel = doc.add_table(rows=1, cols=2).rows[0].cells
        sel[0].text = "Baris satu"
        sel[0].add_paragraph("")
        sel[0].add_paragraph("Baris dua")
        dalam = sel[1].add_table(rows=2, cols=2)
        for r, baris in enumerate([["a", "b"], ["c", ""]]):
            for c, teks in enumerate(baris):
                dalam.cell(r, c).text = teks

    assert baca_docx(_docx(isi)).tabel == [[["Baris satu\nBaris dua", "a b\nc"]]]


def test_it_lists_the_lines_outside_tables_in_order():
    def isi(doc):
        doc.add_paragraph("INDIKATOR KINERJA UTAMA")
        doc.add_paragraph("   ")
        doc.add_paragraph("Fungsi :")
        doc.add_paragraph("Menjabarkan program", style="List Number")
        doc.add_paragraph("1. Bernomor sendiri", style="List Number")
        doc.add_table(rows=1, cols=1).cell(0, 0).text = "No"
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        ttd = doc.add_paragraph().add_run("Rangkasbitung, 26 Januari 2024")
        ttd.add_break()
        ttd.add_text("Sekretaris")

    hasil = baca_docx(_docx(isi))

    assert hasil.teks == [
        "INDIKATOR KINERJA UTAMA",
        "Fungsi :",
        "• Menjabarkan program",
        "1. Bernomor sendiri",
        "Rangkasbitung, 26 Januari 2024",
        "Sekretaris",
    ]
    assert hasil.teks_sebelum == 4
    assert hasil.tabel == [[["No"]]]


def test_a_document_without_tables_or_text_reads_empty():
    assert baca_docx(_docx(lambda doc: None)) == IsiDocx(tabel=[], teks=[], teks_sebelum=0)
    assert baca_docx(_docx(lambda doc: doc.add_paragraph("Judul"))).teks_sebelum == 1


def test_odd_content_reads_bounded_and_without_error():
    def isi(doc):
        tabel = doc.add_table(rows=2, cols=2)
        tabel.cell(0, 0).text = "Lebar"
        tabel.cell(1, 1).text = "Isi"
        span = OxmlElement("w:gridSpan")
        span.set(qn("w:val"), "1000000")  # a cell claiming a million columns
        tabel.cell(0, 0)._tc.get_or_add_tcPr().append(span)
        # A row inside a content control (a repeating section).
        sdt, konten = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
        baris = tabel.rows[1]._tr
        baris.addprevious(sdt)
        sdt.append(konten)
        konten.append(baris)

    tabel = baca_docx(_docx(isi)).tabel[0]

    assert len(tabel[0]) == MAKS_KOLOM
    assert tabel[0][0] == "Lebar"
    assert tabel[1][:2] == ["", "Isi"]


def test_a_cell_merged_the_old_way_reads_empty_after_its_first():
    def isi(doc):
        sel = doc.add_table(rows=1, cols=3).rows[0].cells
        for teks, s in zip(["Program", "salinan", "x"], sel, strict=True):
            s.text = teks
        for nilai, s in (("restart", sel[0]), ("continue", sel[1])):
            merge = OxmlElement("w:hMerge")
            merge.set(qn("w:val"), nilai)
            s._tc.get_or_add_tcPr().append(merge)

    assert baca_docx(_docx(isi)).tabel == [[["Program", "", "x"]]]


def test_a_broken_document_part_is_a_clear_error():
    keluaran = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx_tabel([["No", "Uraian"]]))) as asli,
        zipfile.ZipFile(keluaran, "w") as rusak,
    ):
        for nama in asli.namelist():
            isi = asli.read(nama)
            rusak.writestr(nama, isi[: len(isi) // 2] if nama == "word/document.xml" else isi)

    with pytest.raises(DocxRusak, match="Berkas Word tidak dapat dibaca"):
        baca_docx(keluaran.getvalue())
