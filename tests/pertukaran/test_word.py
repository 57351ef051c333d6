"""Word import (pertukaran.word, pertukaran.gabung): .docx files laid out as Word lays them
out, built in the tests (tests.pertukaran.docx_uji), read back into a document's rows."""

import time

import pytest

from dokumen.jenis import jenis_terdaftar
from pertukaran.gabung import hasil_docx
from pertukaran.word import baca_docx
from tests.conftest import dokumen_seed
from tests.pertukaran.docx_uji import baris_rak_besar, docx_dokumen, docx_rak_besar
from tests.pertukaran.test_pulang_pergi import SEED, bandingkan


@pytest.mark.django_db
@pytest.mark.parametrize(("satker", "jenis"), SEED)
@pytest.mark.parametrize("pecah", [1, 3])
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

    print(f"hasil_docx, 200-row RAK: {lama:.3f} s")
    assert hasil.peringatan == []
    bandingkan(baris_rak_besar(200), hasil.baris, "baris")
    assert lama < 5  # 2 s is the target; a loaded machine must not fail it
