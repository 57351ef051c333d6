"""The TW report as an .xlsx: the PDF's table (the same rows and capaian, from
`pengukuran.laporan.isi_laporan`), behind the PDF's access rule, linked beside the PDF."""

import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dokumen.models import StatusDokumen
from pengukuran.laporan import isi_laporan
from pengukuran.services import laporan_buka, realisasi_simpan
from pertukaran.views import JENIS_XLSX
from satker.models import Peran
from tests.factories import PkFactory, ReviewerFactory, akun_satker
from tests.pertukaran.bantu_realisasi import indikator_pk, url_tw

pytestmark = pytest.mark.django_db


@pytest.fixture
def laporan(pki_aktif):
    pk = PkFactory(status=StatusDokumen.TERBIT)
    operator = akun_satker(pk.satker, Peran.OPERATOR)
    jumlah, persen, *_ = indikator_pk(pk)
    laporan = laporan_buka(satker=pk.satker, tahun=pk.tahun, tw=1)
    isian = {
        jumlah.pk: {"nilai": D(2), "kendala": "Sinyal lemah", "solusi": "Modem baru"},
        persen.pk: {"nilai": D(92)},
    }
    return realisasi_simpan(laporan=laporan, isian=isian, suntingan=0, oleh=operator)


def _url(laporan) -> str:
    return reverse("pertukaran:laporan-xlsx", args=[laporan.pk])


def test_it_is_the_pdfs_table(client, laporan):
    client.force_login(akun_satker(laporan.satker, Peran.OPERATOR))

    response = client.get(_url(laporan))

    assert response.status_code == 200
    assert response["Content-Type"] == JENIS_XLSX
    nama = f"{laporan.satker.kode}-pengukuran-2024-tw1.xlsx"
    assert response["Content-Disposition"] == f'attachment; filename="{nama}"'
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws["A1"].value == "LAPORAN PENGUKURAN KINERJA TRIWULAN I TAHUN 2024"
    assert [ws.cell(row=5, column=c).value for c in range(1, 12)] == [
        "NO",
        "SASARAN",
        "INDIKATOR",
        "SATUAN",
        "TARGET TAHUN",
        "TARGET TW I",
        "REALISASI TW I",
        "CAPAIAN",
        "KATEGORI",
        "KENDALA",
        "TINDAK LANJUT",
    ]
    assert [ws.cell(row=6, column=c).value for c in range(1, 12)] == list(range(1, 12))
    isi = isi_laporan(laporan)
    pertama = isi.sasaran[0].baris[0]
    baris = [ws.cell(row=7, column=c).value for c in range(1, 12)]
    assert baris == [
        "1",
        "Sasaran strategis uji 1",
        pertama.indikator,
        "Laporan",
        "12 Laporan",
        "3",
        "2",
        f"{pertama.capaian} [1]",
        pertama.kategori,
        "Sinyal lemah",
        "Modem baru",
    ]
    assert pertama.capaian == "66,67 %"
    # The sasaran merged over its indicators; the category's tint on the capaian.
    assert "B7:B8" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.cell(row=7, column=8).fill.fgColor.rgb.endswith(pertama.warna.lstrip("#").upper())
    # The explanations below the table, numbered as the cells cite them.
    catatan = [
        (ws.cell(row=r, column=1).value, ws.cell(row=r, column=2).value)
        for r in range(1, ws.max_row + 1)
        if str(ws.cell(row=r, column=1).value or "").startswith("[")
    ]
    assert catatan == [(f"[{nomor}]", penjelasan) for nomor, penjelasan in isi.catatan]
    assert ws.print_title_rows == "$5:$6"


def test_the_reviewer_of_its_provinsi_downloads_it_another_satker_gets_a_404(
    client, laporan, pki_aktif
):
    client.force_login(ReviewerFactory(satker=laporan.satker.induk))
    assert client.get(_url(laporan)).status_code == 200

    lain = PkFactory(status=StatusDokumen.TERBIT)
    client.force_login(akun_satker(lain.satker, Peran.OPERATOR))
    assert client.get(_url(laporan)).status_code == 404


def test_the_quarter_page_links_it_beside_the_pdf(client, laporan):
    client.force_login(akun_satker(laporan.satker, Peran.OPERATOR))

    html = client.get(url_tw(laporan.perjanjian)).content.decode()

    assert f'id="laporan-xlsx" href="{_url(laporan)}"' in html
    unggah = reverse(
        "pertukaran:realisasi-unggah", args=[laporan.satker.kode, laporan.tahun, laporan.tw]
    )
    assert f'id="tautan-excel" href="{unggah}"' in html
