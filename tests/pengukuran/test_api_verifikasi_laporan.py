"""The public verification API answers a signed TW report's token as the public page does (one
lookup through `dokumen.verifikasi`'s registry): the frozen signature record, the stored file's
hash, without logging in; a document's token still answers as a document, an unknown one is a
404, and the schema describes both records."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from pengukuran.models import StatusLaporan
from pengukuran.ttd import laporan_tandatangani
from satker.models import Peran
from tests.factories import akun_satker
from tests.pengukuran.data_laporan import laporan_tw2, pk_realistis

pytestmark = pytest.mark.django_db
ALAMAT = "http://testserver"


@pytest.fixture
def berkas(pki_aktif, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = ALAMAT
    pk = pk_realistis()
    laporan = laporan_tw2(
        pk, akun_satker(pk.satker, Peran.OPERATOR), status=StatusLaporan.DISETUJUI
    )
    return laporan_tandatangani(laporan=laporan, oleh=akun_satker(pk.satker, Peran.SEKRETARIS))


def test_a_signed_tw_reports_token_answers_with_its_frozen_record(berkas):
    (ttd,) = berkas.tanda_tangan.all()

    response = APIClient().get(f"/api/v1/verifikasi/{berkas.token_verifikasi}/")

    assert response.status_code == 200
    data = response.json()
    satker = berkas.laporan.satker
    assert (data["satker"], data["satker_nama"]) == (satker.kode, satker.nama_lengkap)
    assert (data["jenis"], data["tahun"], data["tw"]) == ("PENGUKURAN", 2024, 2)
    assert data["judul"] == "Laporan Pengukuran Kinerja Triwulan II Tahun 2024"
    assert (data["terbit"], data["menunggu"]) == (True, "")
    assert data["sha256"] == berkas.sha256
    assert data["penandatangan"] == f"{ttd.nama}, {ttd.awalan_status}{ttd.get_jabatan_display()}"
    (rekam,) = data["tanda_tangan"]
    assert (rekam["nama"], rekam["nip"], rekam["sudah"]) == (ttd.nama, ttd.nip, True)
    assert rekam["sidik_jari_sertifikat"] == ttd.sidik_jari_sertifikat != ""
    assert rekam["nomor_seri_sertifikat"] == ttd.nomor_seri_sertifikat


def test_the_api_and_the_page_name_the_same_report(client, berkas):
    halaman = client.get(reverse("verifikasi", args=[berkas.token_verifikasi]))
    api = APIClient().get(f"/api/v1/verifikasi/{berkas.token_verifikasi}/").json()

    assert halaman.status_code == 200
    html = halaman.content.decode()
    assert api["judul"] in html
    assert api["sha256"] in html
    assert api["tanda_tangan"][0]["nama"] in html


def test_the_record_is_the_frozen_one_not_the_live_official(berkas):
    (ttd,) = berkas.tanda_tangan.all()
    ttd.pejabat.nama = "Nama Sesudah Diganti"
    ttd.pejabat.save()

    data = APIClient().get(f"/api/v1/verifikasi/{berkas.token_verifikasi}/").json()

    assert data["tanda_tangan"][0]["nama"] == ttd.nama != "Nama Sesudah Diganti"


def test_an_unknown_token_is_still_a_404(berkas):
    response = APIClient().get("/api/v1/verifikasi/tidak-ada-kode-semacam-ini/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Kode verifikasi tidak dikenal."}


def test_the_schema_describes_a_document_or_a_tw_report(berkas):
    skema = APIClient().get("/api/schema/?format=json").json()

    jawab = skema["paths"]["/api/v1/verifikasi/{token}/"]["get"]["responses"]["200"]
    ref = jawab["content"]["application/json"]["schema"]["$ref"]
    pilihan = skema["components"]["schemas"][ref.rsplit("/", 1)[1]]["oneOf"]
    assert {p["$ref"].rsplit("/", 1)[1] for p in pilihan} == {"Verifikasi", "VerifikasiLaporan"}
    laporan = skema["components"]["schemas"]["VerifikasiLaporan"]["properties"]
    assert {"tw", "judul", "tanda_tangan", "sha256"} <= set(laporan)
