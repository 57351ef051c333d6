"""Evidence on a RAK kegiatan through /api/v1/bukti/, as on an indicator's realisasi: uploaded
with `realisasi_kegiatan`, listed with `?realisasi_kegiatan=`, shown in the kegiatan API's read,
downloaded and deleted, under the access rule and the report's DRAF rule."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from dokumen.models import StatusDokumen
from pengukuran.models import LaporanTriwulan, StatusLaporan
from pengukuran.models_bukti import BuktiDukung
from pengukuran.models_kegiatan import RealisasiKegiatan, StatusKegiatan
from pengukuran.serializers import PESAN_SATU_ISIAN
from pengukuran.services import laporan_buka
from pengukuran.services_kegiatan import kegiatan_simpan
from rencana_aksi.models import BarisRak
from satker.models import Peran
from tests.factories import PkFactory, RakFactory, akun_satker
from tests.pengukuran import berkas_contoh as contoh

pytestmark = pytest.mark.django_db
QUERY_DAFTAR = 4  # the savepoint pair, the count, the page


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _klien(user) -> APIClient:
    klien = APIClient()
    klien.force_authenticate(user)
    return klien


@pytest.fixture
def api(operator):
    return _klien(operator)


def _entri(satker, oleh) -> RealisasiKegiatan:
    rak = RakFactory(satker=satker, status=StatusDokumen.TERBIT)
    pertama = BarisRak.objects.filter(sasaran__dokumen=rak).order_by("sasaran__urutan", "urutan")[0]
    laporan = laporan_buka(satker=satker, tahun=2024, tw=1)
    kegiatan_simpan(
        laporan=laporan,
        isian={pertama.pk: {"status": StatusKegiatan.TERLAKSANA}},
        suntingan=0,
        oleh=oleh,
    )
    return RealisasiKegiatan.objects.get(laporan=laporan)


@pytest.fixture
def entri(pk_terbit, operator):
    return _entri(pk_terbit.satker, operator)


def _unggah(klien, entri, *berkas, **lain):
    return klien.post(
        "/api/v1/bukti/",
        {
            "realisasi_kegiatan": entri.pk,
            "berkas": [SimpleUploadedFile(n, isi) for n, isi in berkas],
            **lain,
        },
        format="multipart",
    )


def test_it_uploads_lists_reads_downloads_and_deletes_a_kegiatans_evidence(api, entri):
    response = _unggah(api, entri, ("notulen.pdf", contoh.PDF), ("foto.png", contoh.gambar("PNG")))

    assert response.status_code == 201, response.json()
    bukti = response.json()["bukti"]
    assert [(b["nama"], b["realisasi"], b["realisasi_kegiatan"]) for b in bukti] == [
        ("notulen.pdf", None, entri.pk),
        ("foto.png", None, entri.pk),
    ]
    tersimpan = BuktiDukung.objects.get(nama_asli="notulen.pdf")
    assert (tersimpan.realisasi_kegiatan, tersimpan.realisasi) == (entri, None)
    assert tersimpan.satker == entri.laporan.satker

    daftar = api.get(f"/api/v1/bukti/?realisasi_kegiatan={entri.pk}").json()
    assert [b["nama"] for b in daftar["results"]] == ["notulen.pdf", "foto.png"]
    assert api.get(f"/api/v1/bukti/?realisasi={entri.pk}").json()["count"] == 0
    baca = api.get(f"/api/v1/realisasi-kegiatan/{entri.laporan.satker.kode}/2024/1/").json()
    (kegiatan,) = [k for s in baca["sasaran"] for k in s["kegiatan"] if k["realisasi"]]
    assert [b["nama"] for b in kegiatan["bukti"]] == ["notulen.pdf", "foto.png"]
    assert kegiatan["realisasi"]["id"] == entri.pk

    unduh = api.get(bukti[0]["unduh"])
    assert unduh.status_code == 200
    assert unduh.content == contoh.PDF

    assert api.delete(f"/api/v1/bukti/{bukti[0]['id']}/").status_code == 204
    assert list(BuktiDukung.objects.values_list("nama_asli", flat=True)) == ["foto.png"]


@pytest.mark.parametrize("kedua", [True, False])
def test_exactly_one_entry_must_be_named(api, entri, kedua):
    data = {"berkas": [SimpleUploadedFile("a.pdf", contoh.PDF)]}
    if kedua:
        data |= {"realisasi": 1, "realisasi_kegiatan": entri.pk}

    response = api.post("/api/v1/bukti/", data, format="multipart")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [PESAN_SATU_ISIAN]}
    assert not BuktiDukung.objects.exists()


def test_a_bad_file_stores_nothing(api, entri):
    response = _unggah(api, entri, ("a.pdf", contoh.PDF), ("program.pdf", contoh.EXE))

    assert response.status_code == 400
    assert response.json()["berkas"][0].startswith("“program.pdf”")
    assert not BuktiDukung.objects.exists()


def test_a_submitted_report_takes_no_file_and_keeps_its_files(api, entri):
    (bukti,) = _unggah(api, entri, ("a.pdf", contoh.PDF)).json()["bukti"]
    LaporanTriwulan.objects.update(status=StatusLaporan.DIAJUKAN)

    assert _unggah(api, entri, ("b.pdf", contoh.PDF)).status_code == 409
    assert api.delete(f"/api/v1/bukti/{bukti['id']}/").status_code == 409
    assert BuktiDukung.objects.count() == 1


def test_another_satker_is_a_404(api, entri, operator_serang):
    (bukti,) = _unggah(api, entri, ("a.pdf", contoh.PDF)).json()["bukti"]
    lain = _klien(operator_serang)

    assert _unggah(lain, entri, ("b.pdf", contoh.PDF)).status_code == 404
    assert lain.get(f"/api/v1/bukti/{bukti['id']}/").status_code == 404
    assert lain.get(f"/api/v1/bukti/{bukti['id']}/unduh/").status_code == 404
    assert lain.delete(f"/api/v1/bukti/{bukti['id']}/").status_code == 404
    assert lain.get(f"/api/v1/bukti/?realisasi_kegiatan={entri.pk}").json()["count"] == 0
    assert BuktiDukung.objects.count() == 1


def test_the_provinsis_reviewer_reads_but_may_not_upload_or_delete(api, entri):
    (bukti,) = _unggah(api, entri, ("a.pdf", contoh.PDF)).json()["bukti"]
    peninjau = _klien(akun_satker(entri.laporan.satker.induk, Peran.REVIEWER_PROVINSI))

    assert peninjau.get(f"/api/v1/bukti/?realisasi_kegiatan={entri.pk}").json()["count"] == 1
    assert peninjau.get(f"/api/v1/bukti/{bukti['id']}/unduh/").status_code == 200
    assert _unggah(peninjau, entri, ("b.pdf", contoh.PDF)).status_code == 403
    assert peninjau.delete(f"/api/v1/bukti/{bukti['id']}/").status_code == 403
    assert BuktiDukung.objects.count() == 1


def test_another_provinsis_reviewer_is_a_404(api, entri, reviewer_kaltim):
    (bukti,) = _unggah(api, entri, ("a.pdf", contoh.PDF)).json()["bukti"]
    lain = _klien(reviewer_kaltim)

    assert lain.get(f"/api/v1/bukti/{bukti['id']}/").status_code == 404
    assert lain.get(f"/api/v1/bukti/?realisasi_kegiatan={entri.pk}").json()["count"] == 0
    assert _unggah(lain, entri, ("b.pdf", contoh.PDF)).status_code == 404
    assert BuktiDukung.objects.count() == 1


def test_the_list_costs_the_same_queries_for_1_and_6_files_of_indicators_and_kegiatan(
    django_assert_num_queries, api, entri, operator
):
    _unggah(api, entri, ("a.pdf", contoh.PDF))
    pk_lain = PkFactory(status=StatusDokumen.TERBIT)
    operator_lain = akun_satker(pk_lain.satker, Peran.OPERATOR)
    entri_lain = _entri(pk_lain.satker, operator_lain)
    klien_lain = _klien(operator_lain)
    for i in range(3):
        png = contoh.gambar("PNG")
        _unggah(klien_lain, entri_lain, (f"{i}.pdf", contoh.PDF), (f"{i}.png", png))

    for klien, jumlah in ((api, 1), (klien_lain, 6)):
        with django_assert_num_queries(QUERY_DAFTAR):
            response = klien.get("/api/v1/bukti/")
        assert response.json()["count"] == jumlah
