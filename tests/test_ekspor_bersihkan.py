"""Export housekeeping: no duplicate jobs, stuck jobs end as GAGAL, old ZIPs are removed."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ekspor import services
from ekspor.models import EksporBatch, StatusEkspor
from ekspor.services import PESAN_TERHENTI, ekspor_mulai
from tests.test_ekspor import _data_ekspor  # noqa: F401 (the fixture data_ekspor)


@pytest.fixture
def reviewer(data_ekspor):
    """The reviewer of the provinsi of `data_ekspor` (4 documents of 2024)."""
    return data_ekspor.reviewer


@pytest.fixture
def provinsi(data_ekspor):
    return data_ekspor.provinsi


@pytest.fixture
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.django_db
def test_a_second_request_joins_the_job_under_way(client, reviewer, provinsi):
    pertama = ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2024)
    kedua = ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2024)
    assert kedua == pertama
    assert ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2023) != pertama

    client.force_login(reviewer)
    response = client.post(reverse("ekspor:baru"), {"provinsi": provinsi.pk, "tahun": 2024})
    assert response.url == reverse("ekspor:detail", args=[pertama.pk])
    assert EksporBatch.objects.filter(tahun=2024).count() == 1


@pytest.mark.django_db
def test_a_finished_or_failed_job_does_not_hold_back_a_new_one(reviewer, provinsi):
    pertama = ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2024)
    services.tandai_gagal(pertama.pk, "uji")
    assert ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2024) != pertama


def _diam_sejak(batch: EksporBatch, menit: int) -> None:
    EksporBatch.objects.filter(pk=batch.pk).update(
        status=StatusEkspor.BERJALAN, diperbarui=timezone.now() - timedelta(minutes=menit)
    )


@pytest.mark.django_db
def test_a_job_that_stopped_moving_is_marked_failed_and_a_moving_one_is_left(reviewer, provinsi):
    macet = ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2024)
    bergerak = ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2023)
    _diam_sejak(macet, 16)
    _diam_sejak(bergerak, 5)

    call_command("ekspor_bersihkan")

    macet.refresh_from_db()
    bergerak.refresh_from_db()
    assert (macet.status, macet.pesan_galat) == (StatusEkspor.GAGAL, PESAN_TERHENTI)
    assert macet.selesai_pada is not None
    assert bergerak.status == StatusEkspor.BERJALAN


@pytest.mark.django_db
def test_a_new_request_does_not_join_a_job_that_stopped_moving(reviewer, provinsi):
    macet = ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2024)
    _diam_sejak(macet, 16)

    baru = ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2024)

    assert baru != macet
    macet.refresh_from_db()
    assert macet.status == StatusEkspor.GAGAL


@pytest.mark.django_db
def test_finishing_a_document_moves_the_job(reviewer, provinsi):
    batch = ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2024)
    _diam_sejak(batch, 16)
    services._catat_selesai(batch.pk)
    batch.refresh_from_db()
    assert timezone.now() - batch.diperbarui < timedelta(minutes=1)
    assert batch.jumlah_selesai == 1


@pytest.mark.django_db
@pytest.mark.usefixtures("_media")
def test_old_zips_are_deleted_and_the_page_says_so(client, reviewer, provinsi):
    batch = EksporBatch.objects.create(
        diminta_oleh=reviewer, provinsi=provinsi, tahun=2024, jumlah_total=0
    )
    batch.berkas_zip.save("ekspor.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18), save=False)
    batch.status = StatusEkspor.SELESAI
    batch.selesai_pada = timezone.now() - timedelta(days=8)
    batch.save()
    folder = services.folder_ekspor(batch.pk)
    assert folder.is_dir()

    call_command("ekspor_bersihkan", "--hari-simpan", "7")

    batch.refresh_from_db()
    assert not batch.berkas_zip
    assert not folder.exists()
    client.force_login(reviewer)
    halaman = client.get(reverse("ekspor:detail", args=[batch.pk])).content.decode()
    assert "sudah dihapus" in halaman
    assert client.get(reverse("ekspor:status", args=[batch.pk])).json()["unduh"] is None
    assert client.get(reverse("ekspor:unduh", args=[batch.pk])).status_code == 404


@pytest.mark.django_db
@pytest.mark.usefixtures("_media")
def test_a_recent_zip_is_kept(reviewer, provinsi):
    batch = EksporBatch.objects.create(
        diminta_oleh=reviewer,
        provinsi=provinsi,
        tahun=2024,
        status=StatusEkspor.SELESAI,
        selesai_pada=timezone.now() - timedelta(days=1),
    )
    batch.berkas_zip.save("ekspor.zip", ContentFile(b"isi"), save=True)
    call_command("ekspor_bersihkan")
    batch.refresh_from_db()
    assert batch.berkas_zip


@pytest.mark.django_db
def test_a_queued_job_waits_longer_before_it_counts_as_lost(reviewer, provinsi):
    antre = ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2024)
    EksporBatch.objects.filter(pk=antre.pk).update(
        diperbarui=timezone.now() - timedelta(minutes=30)
    )
    call_command("ekspor_bersihkan")
    antre.refresh_from_db()
    assert antre.status == StatusEkspor.ANTRE  # behind other jobs, not lost

    EksporBatch.objects.filter(pk=antre.pk).update(diperbarui=timezone.now() - timedelta(hours=3))
    call_command("ekspor_bersihkan")
    antre.refresh_from_db()
    assert antre.status == StatusEkspor.GAGAL


@pytest.mark.django_db
@pytest.mark.usefixtures("_media")
def test_the_parts_a_failed_job_left_are_deleted_too(reviewer, provinsi):
    batch = EksporBatch.objects.create(
        diminta_oleh=reviewer,
        provinsi=provinsi,
        tahun=2024,
        status=StatusEkspor.GAGAL,
        selesai_pada=timezone.now() - timedelta(days=8),
    )
    folder = services.folder_ekspor(batch.pk)
    folder.mkdir(parents=True)
    (folder / "bagian-0001.zip.123.tmp").write_bytes(b"sisa")

    call_command("ekspor_bersihkan")

    assert not folder.exists()


@pytest.mark.django_db
def test_a_reviewer_moved_to_another_provinsi_no_longer_reads_the_old_job(
    client, data_ekspor, reviewer, provinsi
):
    batch = ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2024)
    client.force_login(reviewer)
    assert client.get(reverse("ekspor:detail", args=[batch.pk])).status_code == 200
    profil = reviewer.profil
    profil.satker = data_ekspor.provinsi_lain
    profil.save()
    assert client.get(reverse("ekspor:detail", args=[batch.pk])).status_code == 404
