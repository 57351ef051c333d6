"""Cached fragments (dokumen/tabel.py, dokumen/kemajuan.py): read once, never served stale."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dokumen.alur import dokumen_transisi
from dokumen.baris import data_baris
from dokumen.models import AksiDokumen, Dokumen, StatusDokumen
from dokumen.services import KOLOM_KEPALA, dokumen_simpan
from dokumen.tabel import kunci_tabel
from satker.models import Satker

KEMAJUAN = reverse("admin:dokumen_dokumen_kemajuan")


def _kueri(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as kueri:
        response = client.get(url)
    assert response.status_code == 200
    return len(kueri), response.content.decode()


def _tabel(html: str) -> str:
    awal = html.index('<table class="table table-bordered tabel-dokumen"')
    return html[awal : html.index("</table>", awal)]


def _sel(html: str, jenis: str, status: str) -> int:
    return html.count(f'class="sel" data-jenis="{jenis}" data-status="{status}"')


@pytest.mark.django_db
class TestTabelDokumen:
    def test_the_second_view_does_not_read_the_rows_again(self, client, operator_lebak, rak_lebak):
        client.force_login(operator_lebak)
        url = reverse("dokumen:detail", args=[rak_lebak.pk])
        pertama, html_pertama = _kueri(client, url)
        kedua, html_kedua = _kueri(client, url)
        assert kedua < pertama
        assert _tabel(html_kedua) == _tabel(html_pertama)
        assert "Rp" in _tabel(html_kedua)

    def test_a_saved_row_shows_at_once(self, client, operator_lebak, rak_lebak):
        client.force_login(operator_lebak)
        url = reverse("dokumen:detail", args=[rak_lebak.pk])
        assert "Kegiatan sesudah disimpan" not in client.get(url).content.decode()

        baris = data_baris(rak_lebak)
        baris[0]["baris"][0]["kegiatan"] = "Kegiatan sesudah disimpan"
        kepala = {kolom: getattr(rak_lebak, kolom) for kolom in KOLOM_KEPALA}
        dokumen_simpan(dokumen=rak_lebak, kepala=kepala, baris=baris, suntingan=rak_lebak.suntingan)

        assert "Kegiatan sesudah disimpan" in client.get(url).content.decode()

    def test_any_save_of_the_document_moves_the_key(self, rak_lebak):
        """The admin saves the document before its row inlines: that alone must move it."""
        sebelum = kunci_tabel(rak_lebak)
        rak_lebak.save()
        assert kunci_tabel(Dokumen.objects.get(pk=rak_lebak.pk)) != sebelum


@pytest.mark.django_db
class TestMatriksKemajuan:
    def test_the_second_view_is_served_from_the_cache(self, client, reviewer_banten):
        client.force_login(reviewer_banten)
        pertama, html_pertama = _kueri(client, KEMAJUAN)
        kedua, html_kedua = _kueri(client, KEMAJUAN)
        assert kedua < pertama
        matriks = html_kedua.index('id="matriks"')
        assert html_kedua[matriks:] == html_pertama[matriks:]
        assert "Lebak" in html_kedua[matriks:]

    def test_a_workflow_step_shows_at_once(self, client, reviewer_banten, operator_lebak):
        client.force_login(reviewer_banten)
        draf = Dokumen.objects.filter(satker__induk__kode="prov-banten", tahun=2024).filter(
            status=StatusDokumen.DRAF
        )
        dokumen = draf.first()
        _, sebelum = _kueri(client, KEMAJUAN)

        dokumen_transisi(dokumen=dokumen, user=operator_lebak, aksi=AksiDokumen.AJUKAN)

        _, sesudah = _kueri(client, KEMAJUAN)
        assert (
            _sel(sesudah, dokumen.jenis, "DIAJUKAN") == _sel(sebelum, dokumen.jenis, "DIAJUKAN") + 1
        )
        assert _sel(sesudah, dokumen.jenis, "DRAF") == _sel(sebelum, dokumen.jenis, "DRAF") - 1

    def test_a_new_or_deleted_document_shows_at_once(self, client, reviewer_banten):
        client.force_login(reviewer_banten)
        lebak = Satker.objects.get(kode="kab-lebak")
        Dokumen.objects.filter(satker=lebak, jenis="RKT", tahun=2024).delete()
        _, sebelum = _kueri(client, KEMAJUAN)

        Dokumen.objects.create(satker=lebak, jenis="RKT", tahun=2024)
        _, sesudah = _kueri(client, KEMAJUAN)
        assert _sel(sesudah, "RKT", "DRAF") == _sel(sebelum, "RKT", "DRAF") + 1

        Dokumen.objects.filter(satker=lebak, jenis="RKT", tahun=2024).delete()
        _, lagi = _kueri(client, KEMAJUAN)
        assert _sel(lagi, "RKT", "DRAF") == _sel(sebelum, "RKT", "DRAF")

    def test_reviewers_of_two_provinsi_never_share_a_matrix(
        self, client, reviewer_banten, reviewer_kaltim
    ):
        client.force_login(reviewer_banten)
        assert "Lebak" in client.get(KEMAJUAN).content.decode()
        client.force_login(reviewer_kaltim)
        html = client.get(KEMAJUAN).content.decode()
        assert "Lebak" not in html
        assert "Kutai Barat" in html
