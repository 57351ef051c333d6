"""Batch export (ekspor/): "Unduh semua PDF" of a provinsi and year, in a thread or on Celery.

The jobs run outside the test's transaction (a thread, a worker process), so those tests are
transactional: the database is flushed after each, and the seed data is loaded again at the
start of each one (as in tests/browser/conftest.py). Access tests need no job to run.
"""

import csv
import io
import os
import secrets
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import override_settings
from django.urls import reverse

from dokumen.fixture import muat_fixture
from dokumen.models import Dokumen, StatusDokumen
from dokumen.unduh import nama_berkas
from ekspor import services
from ekspor.models import EksporBatch, StatusEkspor
from ekspor.services import EksporDitolak, ekspor_mulai
from satker.demo import buat_akun_demo
from satker.models import Satker

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
REDIS = ("127.0.0.1", 6379)
BROKER_UJI = "redis://127.0.0.1:6379/15"  # a Redis database of its own, purged before use
BATAS_DETIK = 60


def _user(username: str):
    return get_user_model().objects.get(username=username)


def _banten() -> Satker:
    return Satker.objects.get(kode="prov-banten")


def _dokumen_banten_2024() -> list[Dokumen]:
    return list(
        Dokumen.objects.filter(satker__induk__kode="prov-banten", tahun=2024).select_related(
            "satker"
        )
    )


def _terbitkan(dokumen: Dokumen, *, pdf: bytes | None) -> None:
    """Mark published without the workflow; with `pdf`, as if its signed PDF were stored."""
    Dokumen.objects.filter(pk=dokumen.pk).update(
        status=StatusDokumen.TERBIT, sha256="a" * 64, token_verifikasi=secrets.token_hex(8)
    )
    if pdf is not None:
        dokumen.refresh_from_db()
        dokumen.berkas_pdf.save(f"uji-{dokumen.pk}.pdf", ContentFile(pdf), save=True)


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


@pytest.fixture
def seed(transactional_db, settings, tmp_path):
    """Seed documents and demo accounts in the flushed database; media under tmp_path."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CELERY_BROKER_URL = ""
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        muat_fixture(Path(django_settings.BASE_DIR) / "fixtures")
        buat_akun_demo()


@pytest.mark.django_db(transaction=True)
def test_it_exports_every_pdf_of_the_provinsi_in_a_thread_without_a_broker(seed, client):
    dokumen = sorted(_dokumen_banten_2024(), key=lambda d: (d.satker.kode, d.jenis))
    assert len(dokumen) == 4  # Lebak's IKU, RKT, RAK and Serang's IKU
    iku_lebak, rak_lebak = dokumen[0], dokumen[1]
    ttd = b"%PDF-1.7\n% PDF bertanda tangan yang tersimpan\n%%EOF\n"
    _terbitkan(iku_lebak, pdf=ttd)  # published, signed PDF stored: served as it is
    _terbitkan(rak_lebak, pdf=None)  # published, no PDF (as the national data): rendered afresh
    client.force_login(_user("reviewer.banten"))

    response = client.post(reverse("ekspor:baru"), {"provinsi": _banten().pk, "tahun": 2024})

    batch = EksporBatch.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("ekspor:detail", args=[batch.pk])
    assert (batch.jumlah_total, batch.provinsi.kode, batch.tahun) == (4, "prov-banten", 2024)
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
    assert all(isi.startswith(b"%PDF") for isi in berkas.values())
    assert berkas[nama_berkas(iku_lebak)] == ttd  # the stored signed PDF, never re-rendered
    assert len(berkas[nama_berkas(rak_lebak)]) > 10_000  # a real render
    keterangan = {baris["berkas"]: baris["keterangan"] for baris in daftar}
    assert keterangan[nama_berkas(iku_lebak)] == services.KETERANGAN_TERBIT
    assert keterangan[nama_berkas(rak_lebak)] == services.KETERANGAN_TANPA_BERKAS
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
def worker_celery(seed, settings, tmp_path):
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
def test_it_runs_the_export_on_a_celery_worker_with_a_broker(worker_celery, settings):
    batch = ekspor_mulai(user=_user("reviewer.banten"), provinsi=_banten(), tahun=2024)

    assert services.UTAS_EKSPOR.get(batch.pk) is None  # not in a thread of this process
    batch = _tunggu_db(batch)
    assert batch.status == StatusEkspor.SELESAI, batch.pesan_galat
    assert batch.jumlah_selesai == batch.jumlah_total == 4
    with batch.berkas_zip.open("rb") as berkas:
        isi, daftar = _isi_zip(berkas.read())
    assert set(isi) == {nama_berkas(d) for d in _dokumen_banten_2024()}
    assert all(pdf.startswith(b"%PDF") for pdf in isi.values())
    assert len(daftar) == 4


# Access: no job needs to run, so these use the ordinary rolled-back test transaction, where
# on_commit never fires and no thread or task starts.


@pytest.fixture
def job_banten(db, reviewer_banten) -> EksporBatch:
    return EksporBatch.objects.create(
        diminta_oleh=reviewer_banten, provinsi=_banten(), tahun=2024, jumlah_total=4
    )


def _url_job(batch: EksporBatch) -> list[str]:
    return [reverse(f"ekspor:{nama}", args=[batch.pk]) for nama in ("detail", "status", "unduh")]


@pytest.mark.django_db
class TestAkses:
    def test_it_answers_404_to_a_reviewer_of_another_provinsi(self, client, job_banten):
        EksporBatch.objects.filter(pk=job_banten.pk).update(status=StatusEkspor.SELESAI)
        client.force_login(_user("reviewer.kalimantan-timur"))
        for url in _url_job(job_banten):
            assert client.get(url).status_code == 404, url

    def test_it_answers_404_to_an_operator_of_the_same_provinsi(self, client, job_banten):
        client.force_login(_user("operator.kab-lebak"))
        for url in _url_job(job_banten):
            assert client.get(url).status_code == 404, url

    def test_it_shows_the_job_to_its_requester_and_the_admin_ri(self, client, job_banten):
        for username in ("reviewer.banten", "admin.ri"):
            client.force_login(_user(username))
            response = client.get(reverse("ekspor:detail", args=[job_banten.pk]))
            assert response.status_code == 200
            assert 'role="progressbar"' in response.content.decode()
            assert "ekspor/kemajuan.js" in response.content.decode()

    def test_it_gives_the_status_as_json(self, client, job_banten):
        EksporBatch.objects.filter(pk=job_banten.pk).update(
            status=StatusEkspor.BERJALAN, jumlah_selesai=1
        )
        client.force_login(_user("reviewer.banten"))
        data = client.get(reverse("ekspor:status", args=[job_banten.pk])).json()
        assert {k: data[k] for k in ("status", "selesai", "total", "persen", "unduh")} == {
            "status": "BERJALAN",
            "selesai": 1,
            "total": 4,
            "persen": 25,
            "unduh": None,
        }

    def test_it_has_no_download_before_the_job_is_done(self, client, job_banten):
        client.force_login(_user("reviewer.banten"))
        assert client.get(reverse("ekspor:unduh", args=[job_banten.pk])).status_code == 404

    def test_it_refuses_to_start_an_export_of_a_provinsi_the_user_cannot_see(self, client):
        client.force_login(_user("reviewer.kalimantan-timur"))
        data = {"provinsi": _banten().pk, "tahun": 2024}
        assert client.post(reverse("ekspor:baru"), data).status_code == 404
        assert not EksporBatch.objects.exists()
        with pytest.raises(EksporDitolak):
            ekspor_mulai(user=_user("operator.kab-lebak"), provinsi=_banten(), tahun=2024)
        assert not EksporBatch.objects.exists()

    def test_it_starts_only_on_post_with_a_valid_year(self, client):
        client.force_login(_user("reviewer.banten"))
        assert client.get(reverse("ekspor:baru")).status_code == 405
        data = {"provinsi": _banten().pk, "tahun": 1999}
        assert client.post(reverse("ekspor:baru"), data).status_code == 400
        assert not EksporBatch.objects.exists()

    def test_it_scopes_a_job_to_the_documents_of_the_provinsi_and_year(self, reviewer_banten):
        batch = ekspor_mulai(user=reviewer_banten, provinsi=_banten(), tahun=2024)
        assert batch.status == StatusEkspor.ANTRE
        assert batch.jumlah_total == len(_dokumen_banten_2024()) == 4
        assert ekspor_mulai(user=reviewer_banten, provinsi=_banten(), tahun=2023).jumlah_total == 0

    def test_it_puts_the_button_on_the_admin_progress_page(self, client, reviewer_banten):
        client.force_login(reviewer_banten)
        html = client.get(reverse("admin:dokumen_dokumen_kemajuan") + "?tahun=2024").content
        html = html.decode()
        assert f'action="{reverse("ekspor:baru")}"' in html
        assert f'name="provinsi" value="{_banten().pk}"' in html
        assert "Unduh semua PDF" in html

    def test_it_lists_jobs_read_only_in_the_admin(self, client, admin_ri, job_banten):
        client.force_login(admin_ri)
        changelist = reverse("admin:ekspor_eksporbatch_changelist")
        assert str(job_banten) in client.get(changelist).content.decode()
        assert client.get(reverse("admin:ekspor_eksporbatch_add")).status_code == 403
        change = reverse("admin:ekspor_eksporbatch_change", args=[job_banten.pk])
        halaman = client.get(change).content.decode()
        assert 'name="_save"' not in halaman
        assert "Dilanjutkan" in halaman  # how often the job lost its runner
        assert "Detak terakhir" in halaman
