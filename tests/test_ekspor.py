"""Batch export (ekspor/): "Unduh semua PDF" of a provinsi and year, in a thread or on Celery.

The tests build their provinsi, its documents and its reviewer from factories (`buat_data`).
The jobs run outside the test's transaction (a thread, a worker process), so those tests are
transactional: the data is built committed (`data_transaksi`), and the database is flushed
after each. Access tests need no job to run, so they use the rolled-back `data_ekspor`.
"""

import csv
import io
import os
import secrets
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse

from dokumen.models import Dokumen, StatusDokumen
from dokumen.unduh import nama_berkas
from ekspor import services
from ekspor.models import EksporBatch, StatusEkspor
from ekspor.services import EksporDitolak, ekspor_mulai
from satker.models import Satker
from tests.dokumen.conftest import pki_aktif, pki_dir  # noqa: F401
from tests.factories import (
    AdminRiFactory,
    IkuFactory,
    KabKotaFactory,
    OperatorFactory,
    ProvinsiFactory,
    RakFactory,
    ReviewerFactory,
    RktFactory,
    ke_status,
)

REDIS = ("127.0.0.1", 6379)
BROKER_UJI = "redis://127.0.0.1:6379/15"  # a Redis database of its own, purged before use
BATAS_DETIK = 60


@dataclass
class DataEkspor:
    provinsi: Satker
    reviewer: object
    dokumen: list[Dokumen]  # what an export of `provinsi` and 2024 holds, in ZIP order
    provinsi_lain: Satker
    reviewer_lain: object
    dokumen_lain: list[Dokumen]  # the other provinsi's one document of 2024


def buat_data() -> DataEkspor:
    """A provinsi with 4 documents of 2024 (its own IKU; a Kab/Kota's IKU and RAK, another's
    RKT) and one of 2025, another provinsi with one document of 2024, and their reviewers."""
    provinsi = ProvinsiFactory()
    a, b = KabKotaFactory.create_batch(2, induk=provinsi)
    dokumen = [
        IkuFactory(satker=provinsi, tahun=2024),
        IkuFactory(satker=a, tahun=2024),
        RakFactory(satker=a, tahun=2024),
        RktFactory(satker=b, tahun=2024),
    ]
    RakFactory(satker=a, tahun=2025)  # another year: not exported
    lain = KabKotaFactory()
    return DataEkspor(
        provinsi=provinsi,
        reviewer=ReviewerFactory(satker=provinsi),
        dokumen=sorted(dokumen, key=lambda d: (d.satker.kode, d.jenis, d.versi, d.pk)),
        provinsi_lain=lain.induk,
        reviewer_lain=ReviewerFactory(satker=lain.induk),
        dokumen_lain=[IkuFactory(satker=lain, tahun=2024)],
    )


def _terbit_tanpa_berkas(dokumen: Dokumen) -> None:
    """Published without a stored PDF, as the national data are (imported, never signed
    here): a state the workflow cannot produce, so it is set directly."""
    Dokumen.objects.filter(pk=dokumen.pk).update(
        status=StatusDokumen.TERBIT, sha256="a" * 64, token_verifikasi=secrets.token_hex(8)
    )


def _baca(dokumen: Dokumen) -> bytes:
    with dokumen.berkas_pdf.open("rb") as berkas:
        return berkas.read()


def _isi_zip(isi: bytes) -> tuple[dict[str, bytes], list[dict[str, str]]]:
    with zipfile.ZipFile(io.BytesIO(isi)) as arsip:
        berkas = {nama: arsip.read(nama) for nama in arsip.namelist()}
    daftar = berkas.pop(services.DAFTAR_ISI).decode("utf-8-sig")
    return berkas, list(csv.DictReader(io.StringIO(daftar)))


def _tunggu_db(batch: EksporBatch, detik: float = BATAS_DETIK) -> EksporBatch:
    """Poll until the job has ended (SELESAI or GAGAL), or fail after `detik`."""
    batas = time.monotonic() + detik
    while time.monotonic() < batas:
        batch.refresh_from_db()
        if batch.berakhir:
            return batch
        time.sleep(0.3)
    pytest.fail(f"ekspor {batch.pk} belum selesai setelah {detik} s: {batch.status}")


@pytest.fixture(name="data_transaksi")
def _data_transaksi(transactional_db, settings, tmp_path) -> DataEkspor:
    """`buat_data` committed, for jobs run by a thread or a worker; media under tmp_path."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CELERY_BROKER_URL = ""
    return buat_data()


@pytest.fixture(name="data_ekspor")
def _data_ekspor(db) -> DataEkspor:
    """`buat_data` in the test's rolled-back transaction."""
    return buat_data()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("pki_aktif")
def test_it_exports_every_pdf_of_the_provinsi_in_a_thread_without_a_broker(data_transaksi, client):
    data = data_transaksi
    dokumen = data.dokumen
    [iku_terbit] = [d for d in dokumen if d.jenis == "IKU" and d.satker != data.provinsi]
    [rak_tanpa_berkas] = [d for d in dokumen if d.jenis == "RAK"]
    iku_terbit = ke_status(iku_terbit, StatusDokumen.TERBIT)  # signed PDF stored: served as is
    ttd = _baca(iku_terbit)
    _terbit_tanpa_berkas(rak_tanpa_berkas)  # rendered afresh
    client.force_login(data.reviewer)

    response = client.post(reverse("ekspor:baru"), {"provinsi": data.provinsi.pk, "tahun": 2024})

    batch = EksporBatch.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("ekspor:detail", args=[batch.pk])
    assert (batch.jumlah_total, batch.provinsi, batch.tahun) == (4, data.provinsi, 2024)
    utas = services.UTAS_EKSPOR.get(batch.pk)
    if utas is not None:  # None: already finished
        utas.join(BATAS_DETIK)
        assert not utas.is_alive()
    batch.refresh_from_db()
    assert batch.status == StatusEkspor.SELESAI, batch.pesan_galat
    assert batch.jumlah_selesai == batch.jumlah_total == 4
    assert batch.selesai_pada is not None

    status = client.get(reverse("ekspor:status", args=[batch.pk])).json()
    assert {k: status[k] for k in ("status", "selesai", "total", "persen", "unduh")} == {
        "status": "SELESAI",
        "selesai": 4,
        "total": 4,
        "persen": 100,
        "unduh": reverse("ekspor:unduh", args=[batch.pk]),
    }

    unduhan = client.get(status["unduh"])
    assert unduhan.status_code == 200
    assert unduhan["Content-Type"] == "application/zip"
    berkas, daftar = _isi_zip(b"".join(unduhan.streaming_content))
    for item in dokumen:
        item.refresh_from_db()
    assert set(berkas) == {nama_berkas(item) for item in dokumen}
    assert len(berkas) == 4  # the other year's and the other provinsi's are not in it
    assert all(isi.startswith(b"%PDF") for isi in berkas.values())
    assert berkas[nama_berkas(iku_terbit)] == ttd  # the stored signed PDF, never re-rendered
    assert len(berkas[nama_berkas(rak_tanpa_berkas)]) > 10_000  # a real render
    keterangan = {baris["berkas"]: baris["keterangan"] for baris in daftar}
    assert keterangan[nama_berkas(iku_terbit)] == services.KETERANGAN_TERBIT
    assert keterangan[nama_berkas(rak_tanpa_berkas)] == services.KETERANGAN_TANPA_BERKAS
    assert sorted(keterangan.values()).count(services.KETERANGAN_DRAF) == 2
    # The parts are gone; only the ZIP stays in the job's folder.
    assert [p.name for p in services.folder_ekspor(batch.pk).iterdir()] == [
        Path(batch.berkas_zip.name).name
    ]


def _redis_menjawab() -> bool:
    try:
        import redis
    except ImportError:
        return False
    try:
        return bool(redis.Redis(*REDIS, db=15, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def _url_database() -> str:
    """The test database as a DATABASE_URL, for a worker in another process."""
    d = connection.settings_dict
    sandi = f":{d['PASSWORD']}" if d.get("PASSWORD") else ""
    return (
        f"postgres://{d['USER']}{sandi}@{d['HOST'] or '127.0.0.1'}:{d['PORT'] or 5432}/{d['NAME']}"
    )


@pytest.fixture
def worker_celery(data_transaksi, settings, tmp_path):
    """A real Celery worker on Redis database 15, against the test database.

    On PostgreSQL a worker process (`celery -A kpu_kinerja worker`, prefork); on SQLite, whose
    test database lives in this process's memory, Celery's own in-process test worker.
    """
    if not _redis_menjawab():
        pytest.skip(f"Redis tidak menjawab di {REDIS[0]}:{REDIS[1]}: jalur Celery tidak diuji")
    settings.CELERY_BROKER_URL = BROKER_UJI
    settings.CELERY_RESULT_BACKEND = BROKER_UJI
    from kpu_kinerja.celery import app

    # A queue of this run's own: another run on the same Redis never takes or purges its tasks.
    antrean = f"uji-{secrets.token_hex(4)}"
    app.conf.update(broker_url=BROKER_UJI, result_backend=BROKER_UJI, task_default_queue=antrean)

    if connection.vendor != "postgresql":
        from celery.contrib.testing.worker import start_worker

        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield "in-process"
        return

    log = tmp_path / "worker.log"
    env = os.environ | {
        "DATABASE_URL": _url_database(),
        "CELERY_BROKER_URL": BROKER_UJI,
        "CELERY_QUEUE": antrean,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    perintah = [
        *(sys.executable, "-m", "celery", "-A", "kpu_kinerja", "worker"),
        *("--pool=prefork", "--concurrency=1", "--loglevel=INFO"),
        *("-n", f"uji-{secrets.token_hex(4)}@%h", "--without-gossip", "--without-mingle"),
    ]
    with log.open("wb") as keluaran:
        proses = subprocess.Popen(
            perintah, cwd=django_settings.BASE_DIR, env=env, stdout=keluaran, stderr=keluaran
        )
    try:
        yield proses
    finally:
        proses.terminate()
        try:
            proses.wait(15)
        except subprocess.TimeoutExpired:
            proses.kill()
            proses.wait()
        # Shown by pytest only when the test fails: what the worker did, or why it did not.
        print(log.read_text(errors="replace")[-4000:])


@pytest.mark.django_db(transaction=True)
def test_it_runs_the_export_on_a_celery_worker_with_a_broker(
    data_transaksi, worker_celery, settings
):
    data = data_transaksi
    batch = ekspor_mulai(user=data.reviewer, provinsi=data.provinsi, tahun=2024)

    assert services.UTAS_EKSPOR.get(batch.pk) is None  # not in a thread of this process
    batch = _tunggu_db(batch)
    assert batch.status == StatusEkspor.SELESAI, batch.pesan_galat
    assert batch.jumlah_selesai == batch.jumlah_total == 4
    with batch.berkas_zip.open("rb") as berkas:
        isi, daftar = _isi_zip(berkas.read())
    assert set(isi) == {nama_berkas(d) for d in data.dokumen}
    assert all(pdf.startswith(b"%PDF") for pdf in isi.values())
    assert len(daftar) == 4


# Access: no job needs to run, so these use the ordinary rolled-back test transaction, where
# on_commit never fires and no thread or task starts.


@pytest.fixture
def job(data_ekspor) -> EksporBatch:
    return EksporBatch.objects.create(
        diminta_oleh=data_ekspor.reviewer, provinsi=data_ekspor.provinsi, tahun=2024, jumlah_total=4
    )


def _url_job(batch: EksporBatch) -> list[str]:
    return [reverse(f"ekspor:{nama}", args=[batch.pk]) for nama in ("detail", "status", "unduh")]


def _operator_provinsi(data: DataEkspor):
    """An operator of one of the provinsi's Kab/Kota."""
    kabkota = next(d.satker for d in data.dokumen if d.satker != data.provinsi)
    return OperatorFactory(satker=kabkota)


@pytest.mark.django_db
class TestAkses:
    def test_it_answers_404_to_a_reviewer_of_another_provinsi(self, client, data_ekspor, job):
        EksporBatch.objects.filter(pk=job.pk).update(status=StatusEkspor.SELESAI)
        client.force_login(data_ekspor.reviewer_lain)
        for url in _url_job(job):
            assert client.get(url).status_code == 404, url

    def test_it_answers_404_to_an_operator_of_the_same_provinsi(self, client, data_ekspor, job):
        client.force_login(_operator_provinsi(data_ekspor))
        for url in _url_job(job):
            assert client.get(url).status_code == 404, url

    def test_it_shows_the_job_to_its_requester_and_the_admin_ri(self, client, data_ekspor, job):
        for user in (data_ekspor.reviewer, AdminRiFactory()):
            client.force_login(user)
            response = client.get(reverse("ekspor:detail", args=[job.pk]))
            assert response.status_code == 200
            assert 'role="progressbar"' in response.content.decode()
            assert "ekspor/kemajuan.js" in response.content.decode()

    def test_it_gives_the_status_as_json(self, client, data_ekspor, job):
        EksporBatch.objects.filter(pk=job.pk).update(status=StatusEkspor.BERJALAN, jumlah_selesai=1)
        client.force_login(data_ekspor.reviewer)
        data = client.get(reverse("ekspor:status", args=[job.pk])).json()
        assert {k: data[k] for k in ("status", "selesai", "total", "persen", "unduh")} == {
            "status": "BERJALAN",
            "selesai": 1,
            "total": 4,
            "persen": 25,
            "unduh": None,
        }

    def test_it_has_no_download_before_the_job_is_done(self, client, data_ekspor, job):
        client.force_login(data_ekspor.reviewer)
        assert client.get(reverse("ekspor:unduh", args=[job.pk])).status_code == 404

    def test_it_refuses_to_start_an_export_of_a_provinsi_the_user_cannot_see(
        self, client, data_ekspor
    ):
        client.force_login(data_ekspor.reviewer_lain)
        isian = {"provinsi": data_ekspor.provinsi.pk, "tahun": 2024}
        assert client.post(reverse("ekspor:baru"), isian).status_code == 404
        assert not EksporBatch.objects.exists()
        with pytest.raises(EksporDitolak):
            ekspor_mulai(
                user=_operator_provinsi(data_ekspor), provinsi=data_ekspor.provinsi, tahun=2024
            )
        assert not EksporBatch.objects.exists()

    def test_it_starts_only_on_post_with_a_valid_year(self, client, data_ekspor):
        client.force_login(data_ekspor.reviewer)
        assert client.get(reverse("ekspor:baru")).status_code == 405
        isian = {"provinsi": data_ekspor.provinsi.pk, "tahun": 1999}
        assert client.post(reverse("ekspor:baru"), isian).status_code == 400
        assert not EksporBatch.objects.exists()

    def test_it_scopes_a_job_to_the_documents_of_the_provinsi_and_year(self, data_ekspor):
        reviewer, provinsi = data_ekspor.reviewer, data_ekspor.provinsi
        batch = ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2024)
        assert batch.status == StatusEkspor.ANTRE
        assert batch.jumlah_total == len(data_ekspor.dokumen) == 4
        # Every one of them, in ZIP order: the provinsi's own and its Kab/Kota's.
        assert [pk for bagian in batch.bagian for pk in bagian] == [
            d.pk for d in data_ekspor.dokumen
        ]
        assert ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2025).jumlah_total == 1
        assert ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2023).jumlah_total == 0

    def test_it_puts_the_button_on_the_admin_progress_page(self, client, data_ekspor):
        client.force_login(data_ekspor.reviewer)
        html = client.get(reverse("admin:dokumen_dokumen_kemajuan") + "?tahun=2024").content
        html = html.decode()
        assert f'action="{reverse("ekspor:baru")}"' in html
        assert f'name="provinsi" value="{data_ekspor.provinsi.pk}"' in html
        assert "Unduh semua PDF" in html

    def test_it_lists_jobs_read_only_in_the_admin(self, client, job):
        client.force_login(AdminRiFactory())
        changelist = reverse("admin:ekspor_eksporbatch_changelist")
        assert str(job) in client.get(changelist).content.decode()
        assert client.get(reverse("admin:ekspor_eksporbatch_add")).status_code == 403
        change = reverse("admin:ekspor_eksporbatch_change", args=[job.pk])
        halaman = client.get(change).content.decode()
        assert 'name="_save"' not in halaman
        assert "Dilanjutkan" in halaman  # how often the job lost its runner
        assert "Detak terakhir" in halaman


@pytest.mark.django_db
def test_the_list_marks_a_published_version_that_a_later_one_replaced(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    lama = IkuFactory(tahun=2024)
    baru = IkuFactory(satker=lama.satker, tahun=2024, versi=2, alasan_revisi="Revisi DIPA")
    _terbit_tanpa_berkas(lama)
    _terbit_tanpa_berkas(baru)
    batch = EksporBatch.objects.create(
        diminta_oleh=AdminRiFactory(),
        provinsi=lama.satker.induk,
        tahun=2024,
        jumlah_total=2,
        bagian=[[lama.pk], [baru.pk]],
    )
    # Each version in a part of its own: the replacing version is read, not looked for in
    # the part.
    services.bagian_buat(batch.pk, 1, [lama.pk])
    services.bagian_buat(batch.pk, 2, [baru.pk])
    services.bagian_gabung(batch.pk, 2)

    batch.refresh_from_db()
    with batch.berkas_zip.open("rb") as berkas:
        isi = berkas.read()
    _, daftar = _isi_zip(isi)
    with zipfile.ZipFile(io.BytesIO(isi)) as arsip:
        kepala = arsip.read(services.DAFTAR_ISI).decode("utf-8-sig").splitlines()[0]
    # The columns tools already read keep their names and places; the new one comes last.
    assert kepala == "berkas,satker,jenis,tahun,versi,status,keterangan,digantikan_oleh_versi"
    assert [(b["versi"], b["status"], b["digantikan_oleh_versi"]) for b in daftar] == [
        ("1", "Terbit", "2"),
        ("2", "Terbit", ""),
    ]
