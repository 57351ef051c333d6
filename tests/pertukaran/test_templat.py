"""The application's own Excel template per type (pertukaran.templat): the paper's columns, an
example row the import names as such, and, filled in, a new draft's rows."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dokumen.jenis import jenis_terdaftar
from pertukaran.impor import pratinjau_buat
from pertukaran.templat import AWALAN_CONTOH, xlsx_templat
from satker.models import Peran, Satker
from tests.factories import akun_satker

JENIS = ["IKU", "RKT", "RAK", "PK"]


def _pratinjau(jenis: str, isi: bytes):
    return pratinjau_buat(
        satker=Satker.objects.get(kode="kab-lebak"),
        terdaftar=jenis_terdaftar(jenis),
        tahun=2031,
        nama_berkas="templat.xlsx",
        isi=isi,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("jenis", JENIS)
def test_the_template_reads_back_as_its_example_row_named_as_such(jenis):
    pratinjau = _pratinjau(jenis, xlsx_templat(jenis_terdaftar(jenis)))

    assert pratinjau.jumlah_baris == 1
    assert pratinjau.bisa_diterapkan, pratinjau.galat
    [baris] = pratinjau.baris_tampil()
    assert "Baris ini masih baris contoh templat: ganti atau hapus." in baris.peringatan
    assert all(
        k.judul in pratinjau.judul_kolom
        for k in jenis_terdaftar(jenis).kolom_excel.kolom
        if k.kunci
    )


@pytest.mark.django_db
def test_a_filled_rak_template_imports_its_rows():
    buku = load_workbook(io.BytesIO(xlsx_templat(jenis_terdaftar("RAK"))))
    ws = buku.active
    for baris in ws.iter_rows():
        for sel in baris:
            if isinstance(sel.value, str) and sel.value.startswith(AWALAN_CONTOH):
                sel.value = sel.value.removeprefix(AWALAN_CONTOH) + " Lebak"
    keluaran = io.BytesIO()
    buku.save(keluaran)

    pratinjau = _pratinjau("RAK", keluaran.getvalue())

    assert pratinjau.hasil.peringatan == []
    [sasaran] = pratinjau.baris
    assert sasaran["sasaran"] == "Sasaran program/kegiatan Lebak"
    [row] = sasaran["baris"]
    assert (row["kegiatan"], row["anggaran"], row["triwulan"]) == (
        "Kegiatan Lebak",
        100_000_000,
        [1, 2, 3, 4],
    )


@pytest.mark.django_db
def test_the_template_downloads_for_a_signed_in_user(client):
    client.force_login(akun_satker(Satker.objects.get(kode="kab-lebak"), Peran.OPERATOR))

    respons = client.get(reverse("pertukaran:templat", args=["rak"]))

    assert respons.status_code == 200
    assert respons["Content-Disposition"] == 'attachment; filename="templat-rak.xlsx"'
    assert load_workbook(io.BytesIO(respons.content)).active.title == "RAK"
    assert client.get(reverse("pertukaran:templat", args=["lkjip"])).status_code == 404
