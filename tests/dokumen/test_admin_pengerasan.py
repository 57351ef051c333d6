"""The admin keeps the workflow's rules (issue 10, findings 3, 4, 5, 20): a signed document's
rows never change, status and identity fields move only through the workflow, a signatory is
of the document's satker, a target's number follows its text, and only a never-submitted
draft is deleted — with its audit history kept."""

import datetime

import pytest
from django.urls import reverse

from dokumen.alur import dokumen_terbitkan_langsung, dokumen_transisi
from dokumen.models import AksiDokumen, Dokumen, JejakPerubahan, JenisPerubahan, StatusDokumen
from dokumen.services import dokumen_salin
from rencana_aksi.models import BarisRak, IndikatorRkt, SasaranRak
from satker.models import Pejabat
from tests.conftest import dokumen_seed
from tests.test_jejak_admin import _isian


@pytest.fixture
def _tte(pki_aktif, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def rak_terbit(_tte, rak_lebak) -> Dokumen:
    return dokumen_terbitkan_langsung(dokumen=rak_lebak)


@pytest.fixture
def rak_draf(rak_lebak, admin_ri) -> Dokumen:
    return dokumen_salin(sumber=rak_lebak, tahun=2025, oleh=admin_ri)


def _jumlah_baris(dokumen: Dokumen) -> tuple[int, int]:
    return (
        SasaranRak.objects.filter(dokumen=dokumen).count(),
        BarisRak.objects.filter(sasaran__dokumen=dokumen).count(),
    )


@pytest.mark.django_db
class TestBarisTidakPindah:
    def test_a_draft_row_cannot_be_moved_into_a_published_document(
        self, client, admin_ri, rak_terbit, rak_draf
    ):
        sebelum = _jumlah_baris(rak_terbit)
        baris = BarisRak.objects.filter(sasaran__dokumen=rak_draf).first()
        sasaran_terbit = SasaranRak.objects.filter(dokumen=rak_terbit).first()
        client.force_login(admin_ri)
        url = reverse("admin:rencana_aksi_barisrak_change", args=[baris.pk])
        data = _isian(client, url) | {"sasaran": str(sasaran_terbit.pk), "kegiatan": "Pindah"}

        client.post(url, data)

        baris.refresh_from_db()
        assert baris.sasaran.dokumen_id == rak_draf.pk
        assert _jumlah_baris(rak_terbit) == sebelum

    def test_a_draft_sasaran_cannot_be_moved_into_a_published_document(
        self, client, admin_ri, rak_terbit, rak_draf
    ):
        sebelum = _jumlah_baris(rak_terbit)
        sasaran = SasaranRak.objects.filter(dokumen=rak_draf).first()
        client.force_login(admin_ri)
        url = reverse("admin:rencana_aksi_sasaranrak_change", args=[sasaran.pk])
        data = _isian(client, url) | {"dokumen": str(rak_terbit.pk)}

        client.post(url, data)

        sasaran.refresh_from_db()
        assert sasaran.dokumen_id == rak_draf.pk
        assert _jumlah_baris(rak_terbit) == sebelum

    def test_the_rows_of_a_published_document_are_read_only(self, client, admin_ri, rak_terbit):
        baris = BarisRak.objects.filter(sasaran__dokumen=rak_terbit).first()
        client.force_login(admin_ri)
        url = reverse("admin:rencana_aksi_barisrak_change", args=[baris.pk])

        response = client.post(url, {"kegiatan": "Diubah setelah terbit"})

        assert response.status_code == 403
        baris.refresh_from_db()
        assert baris.kegiatan != "Diubah setelah terbit"


@pytest.mark.django_db
class TestKepalaDokumenAdmin:
    def _ubah(self, client, dokumen: Dokumen, **isian):
        url = reverse("admin:dokumen_dokumen_change", args=[dokumen.pk])
        data = _isian(client, url) | isian
        return client.post(url, data)

    def test_status_satker_type_year_and_version_do_not_change(self, client, admin_ri):
        iku = dokumen_seed("kab-lebak", "IKU")
        serang = dokumen_seed("kota-serang", "IKU").satker
        client.force_login(admin_ri)

        response = self._ubah(
            client,
            iku,
            status="DISETUJUI",
            satker=str(serang.pk),
            jenis="RAK",
            tahun="2030",
            versi="7",
            tempat_ttd="Rangkasbitung",
        )

        assert response.status_code == 302
        iku.refresh_from_db()
        assert (iku.status, iku.satker.kode, iku.jenis, iku.tahun, iku.versi) == (
            StatusDokumen.DRAF,
            "kab-lebak",
            "IKU",
            2024,
            1,
        )

    def test_published_status_through_the_form_is_not_a_500(self, client, admin_ri):
        iku = dokumen_seed("kab-lebak", "IKU")
        client.force_login(admin_ri)

        response = self._ubah(client, iku, status="TERBIT")

        assert response.status_code == 302
        iku.refresh_from_db()
        assert iku.status == StatusDokumen.DRAF

    def test_an_official_of_another_satker_is_refused_as_signatory(self, client, admin_ri):
        iku = dokumen_seed("kab-lebak", "IKU")
        lain = Pejabat.objects.filter(satker__kode="kota-serang").first()
        client.force_login(admin_ri)

        response = self._ubah(client, iku, penandatangan=str(lain.pk))

        assert response.status_code == 200
        assert "Penandatangan harus pejabat satker pemilik dokumen." in response.content.decode()
        iku.refresh_from_db()
        assert iku.penandatangan.satker.kode == "kab-lebak"

    def test_a_changed_target_reads_its_number_again(self, client, admin_ri):
        rkt = dokumen_seed("kab-lebak", "RKT")
        indikator = IndikatorRkt.objects.filter(sasaran__dokumen=rkt, target="85%").first()
        indikator = indikator or IndikatorRkt.objects.filter(sasaran__dokumen=rkt).first()
        client.force_login(admin_ri)
        url = reverse("admin:rencana_aksi_indikatorrkt_change", args=[indikator.pk])
        data = _isian(client, url) | {"target": "12 Laporan"}

        response = client.post(url, data)

        assert response.status_code == 302, response.content.decode()[:3000]
        indikator.refresh_from_db()
        assert (indikator.target, indikator.target_nilai, indikator.target_satuan) == (
            "12 Laporan",
            12,
            "Laporan",
        )


@pytest.mark.django_db
class TestHapusDraf:
    def test_admin_deletes_a_never_submitted_draft_and_keeps_its_history(
        self, client, admin_ri, rak_draf
    ):
        pk = rak_draf.pk
        client.force_login(admin_ri)
        url = reverse("admin:dokumen_dokumen_delete", args=[pk])

        response = client.post(url, {"post": "yes"})

        assert response.status_code == 302
        assert not Dokumen.objects.filter(pk=pk).exists()
        jejak = JejakPerubahan.objects.filter(nama_dokumen=str(rak_draf)).order_by("waktu", "pk")
        assert [j.jenis for j in jejak] == [JenisPerubahan.BUAT, JenisPerubahan.HAPUS]
        assert all(j.dokumen_id is None and j.satker_id == rak_draf.satker_id for j in jejak)

    def test_a_submitted_document_cannot_be_deleted(self, client, admin_ri, rak_terbit):
        client.force_login(admin_ri)

        response = client.post(
            reverse("admin:dokumen_dokumen_delete", args=[rak_terbit.pk]), {"post": "yes"}
        )

        assert response.status_code == 403
        assert Dokumen.objects.filter(pk=rak_terbit.pk).exists()


@pytest.mark.django_db
class TestHapusDrafDiHalaman:
    def test_the_operator_deletes_a_mistaken_draft_after_confirming(
        self, client, operator_lebak, rak_draf
    ):
        client.force_login(operator_lebak)
        halaman = client.get(reverse("dokumen:detail", args=[rak_draf.pk])).content.decode()
        url = reverse("dokumen:hapus", args=[rak_draf.pk])
        assert url in halaman
        konfirmasi = client.get(url)
        assert "Ya, hapus draf" in konfirmasi.content.decode()
        assert Dokumen.objects.filter(pk=rak_draf.pk).exists()  # GET changes nothing

        response = client.post(url)

        assert response.status_code == 302
        assert not Dokumen.objects.filter(pk=rak_draf.pk).exists()
        hapus = JejakPerubahan.objects.get(jenis=JenisPerubahan.HAPUS)
        assert hapus.oleh == operator_lebak
        assert hapus.nama_dokumen == str(rak_draf)
        assert hapus.ringkasan.startswith("Draf dihapus.")

    def test_a_draft_that_was_submitted_once_is_kept(
        self, client, operator_lebak, ketua_lebak, rak_draf
    ):
        rak_draf.tanggal_ttd = datetime.date(2025, 1, 6)
        rak_draf.save()
        dokumen_transisi(dokumen=rak_draf, user=operator_lebak, aksi=AksiDokumen.AJUKAN)
        dokumen_transisi(
            dokumen=rak_draf, user=ketua_lebak, aksi=AksiDokumen.KEMBALIKAN, catatan="Perbaiki"
        )
        client.force_login(operator_lebak)
        assert (
            "Hapus draf"
            not in client.get(reverse("dokumen:detail", args=[rak_draf.pk])).content.decode()
        )

        response = client.post(reverse("dokumen:hapus", args=[rak_draf.pk]))

        assert response.status_code == 302
        assert Dokumen.objects.filter(pk=rak_draf.pk).exists()

    def test_another_satker_gets_a_404_and_a_reader_a_403(
        self, client, operator_serang, reviewer_banten, rak_draf
    ):
        client.force_login(operator_serang)
        assert client.post(reverse("dokumen:hapus", args=[rak_draf.pk])).status_code == 404
        client.force_login(reviewer_banten)
        assert client.post(reverse("dokumen:hapus", args=[rak_draf.pk])).status_code == 403
        assert Dokumen.objects.filter(pk=rak_draf.pk).exists()


@pytest.mark.django_db
class TestIsianAdmin:
    def test_hidden_characters_and_foreign_digits_are_refused_beside_the_field(
        self, client, admin_ri, rak_draf
    ):
        baris = BarisRak.objects.filter(sasaran__dokumen=rak_draf).first()
        client.force_login(admin_ri)
        url = reverse("admin:rencana_aksi_barisrak_change", args=[baris.pk])
        data = _isian(client, url) | {"target": "\u202e%58", "anggaran": "١٢٣٤"}

        response = client.post(url, data)

        assert response.status_code == 200
        html = response.content.decode()
        assert "karakter tersembunyi U+202E" in html
        assert "Tulis angka dengan angka 0–9." in html
        baris_baru = BarisRak.objects.get(pk=baris.pk)
        assert (baris_baru.target, baris_baru.anggaran) == (baris.target, baris.anggaran)

    def test_a_year_out_of_range_is_refused_in_the_header(self, client, admin_ri, rak_draf):
        client.force_login(admin_ri)
        url = reverse("admin:dokumen_dokumen_change", args=[rak_draf.pk])
        data = _isian(client, url) | {"tahun_anggaran": "70000", "tanggal_ttd": "0001-01-01"}

        response = client.post(url, data)

        assert response.status_code == 200
        html = response.content.decode()
        assert "Tahun harus antara 2000 dan 2100." in html
        assert "Tanggal harus antara tahun 2000 dan 2100." in html


@pytest.mark.django_db
class TestHapusDrafApi:
    def test_delete_removes_a_never_submitted_draft(self, operator_lebak, rak_draf):
        from rest_framework.test import APIClient

        api = APIClient()
        api.force_authenticate(operator_lebak)

        response = api.delete(f"/api/v1/dokumen/{rak_draf.pk}/")

        assert response.status_code == 204
        assert not Dokumen.objects.filter(pk=rak_draf.pk).exists()
        assert JejakPerubahan.objects.filter(jenis=JenisPerubahan.HAPUS).count() == 1

    def test_delete_of_a_published_document_is_a_409_and_of_another_satker_a_404(
        self, operator_lebak, operator_serang, rak_terbit
    ):
        from rest_framework.test import APIClient

        api = APIClient()
        api.force_authenticate(operator_lebak)
        ditolak = api.delete(f"/api/v1/dokumen/{rak_terbit.pk}/")
        api.force_authenticate(operator_serang)
        tak_terlihat = api.delete(f"/api/v1/dokumen/{rak_terbit.pk}/")

        assert ditolak.status_code == 409
        assert "belum pernah diajukan" in ditolak.json()["detail"]
        assert tak_terlihat.status_code == 404
        assert Dokumen.objects.filter(pk=rak_terbit.pk).exists()


@pytest.mark.django_db
def test_adding_a_document_that_exists_is_a_message_not_a_500(client, admin_ri):
    iku = dokumen_seed("kab-lebak", "IKU")
    client.force_login(admin_ri)
    url = reverse("admin:dokumen_dokumen_add")
    data = _isian(client, url) | {
        "satker": str(iku.satker_id),
        "jenis": "IKU",
        "tahun": "2024",
        "tanggal_ttd_presisi": "HARI",
    }

    response = client.post(url, data)

    assert response.status_code == 200
    assert "IKU tahun 2024 sudah ada untuk satker ini." in response.content.decode()
    assert Dokumen.objects.filter(satker=iku.satker, jenis="IKU", tahun=2024).count() == 1
