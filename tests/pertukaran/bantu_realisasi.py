"""Helpers of the realisasi template tests: download a quarter's template, fill it as a user
would (openpyxl, by the row's hidden key), upload it, apply its preview."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from perjanjian_kinerja.models import IndikatorPk
from pertukaran.realisasi import BARIS_KEPALA, NAMA_LEMBAR, indeks_kolom


def indikator_pk(pk) -> list[IndikatorPk]:
    return list(
        IndikatorPk.objects.filter(sasaran__dokumen=pk).order_by("sasaran__urutan", "urutan")
    )


def url_templat(pk, tw=1) -> str:
    return reverse("pertukaran:realisasi-templat", args=[pk.satker.kode, pk.tahun, tw])


def url_unggah(pk, tw=1) -> str:
    return reverse("pertukaran:realisasi-unggah", args=[pk.satker.kode, pk.tahun, tw])


def url_tw(pk, tw=1) -> str:
    return reverse("pengukuran:triwulan", args=[pk.satker.kode, pk.tahun, tw])


def unduh(client, pk, tw=1):
    response = client.get(url_templat(pk, tw))
    assert response.status_code == 200, response.status_code
    return load_workbook(io.BytesIO(response.content))


def baris_kunci(ws, indikator: IndikatorPk) -> int:
    for r in range(BARIS_KEPALA + 1, ws.max_row + 1):
        if ws.cell(row=r, column=1).value == str(indikator.kunci):
            return r
    raise AssertionError(f"no row for {indikator}")


def isi(buku, isian: dict[IndikatorPk, dict]) -> bytes:
    """The template with `isian` ({indicator: {column key: value}}) typed into its rows."""
    ws = buku[NAMA_LEMBAR]
    for indikator, kolom in isian.items():
        r = baris_kunci(ws, indikator)
        for kunci, nilai in kolom.items():
            ws.cell(row=r, column=indeks_kolom(kunci)).value = nilai
    return simpan(buku)


def simpan(buku) -> bytes:
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def unggah(client, pk, isi_berkas: bytes, tw=1, nama="templat-terisi.xlsx"):
    berkas = io.BytesIO(isi_berkas)
    berkas.name = nama
    return client.post(url_unggah(pk, tw), {"berkas": berkas})


def terapkan(client, pk, response, tw=1):
    token = response.context["token"]
    return client.post(url_unggah(pk, tw), {"token": token})
