"""The realisasi template and the TW report's .xlsx as LibreOffice prints them: A4 landscape,
the indicators on the page, the hidden key column not printed; the pages are left as PNG in
the test's tmp_path to look at."""

import subprocess
from decimal import Decimal as D

import pytest

from dokumen.models import StatusDokumen
from pengukuran.selectors import tabel_pengukuran
from pengukuran.services import laporan_buka, realisasi_simpan
from pertukaran.realisasi import xlsx_templat_realisasi
from pertukaran.realisasi_laporan import xlsx_laporan
from satker.models import Peran
from tests.factories import PkFactory, akun_satker
from tests.pertukaran.bantu_realisasi import indikator_pk
from tests.pertukaran.gambar_xlsx import SOFFICE, pdf_ke_png, xlsx_ke_pdf

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) tidak terpasang"),
]


def _teks(pdf) -> str:
    keluaran = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(keluaran.split())


def _lanskap_a4(pdf) -> bool:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    ukuran = next(b for b in info.stdout.splitlines() if b.startswith("Page size"))
    lebar, tinggi = (round(float(x)) for x in ukuran.split(":")[1].split("pts")[0].split(" x "))
    return (lebar, tinggi) == (842, 595)


def test_the_template_and_the_report_print_as_a4_landscape(pki_aktif, tmp_path):
    pk = PkFactory(status=StatusDokumen.TERBIT)
    operator = akun_satker(pk.satker, Peran.OPERATOR)
    jumlah, *_ = indikator_pk(pk)
    laporan = laporan_buka(satker=pk.satker, tahun=2024, tw=1)
    isian = {jumlah.pk: {"nilai": D(2), "kendala": "Sinyal lemah"}}
    laporan = realisasi_simpan(laporan=laporan, isian=isian, suntingan=0, oleh=operator)
    tabel = tabel_pengukuran(pk.satker, 2024, sampai_tw=4)

    templat = xlsx_ke_pdf(xlsx_templat_realisasi(pk.satker, tabel, 1), tmp_path, "templat")
    cetak_laporan = xlsx_ke_pdf(xlsx_laporan(laporan), tmp_path, "laporan")

    for pdf in (templat, cetak_laporan):
        assert _lanskap_a4(pdf)
        teks = _teks(pdf)
        assert jumlah.indikator in teks
        assert "Sinyal lemah" in teks
        assert pdf_ke_png(pdf)
    assert "TEMPLAT REALISASI TW I TAHUN 2024" in _teks(templat)
    assert str(jumlah.kunci) not in _teks(templat)  # the key column is hidden
    assert "66,67 %" in _teks(cetak_laporan)
