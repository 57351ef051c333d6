"""A batch export whose runner dies is resumed (issue 10, finding 8).

The runner is killed for real (`kill -9` of the process rendering the parts: a subprocess
running the thread path, or a whole Celery worker); a new request, the cleaner or a worker that
starts then renders only the missing parts. The quick tests below kill a stand-in process
(one that has exited) and look at what the resumption records, without running a job.
"""

import io
import os
import secrets
import signal
import subprocess
import sys
import time
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from dokumen.unduh import nama_berkas
from ekspor import services
from ekspor.models import EksporBatch, StatusEkspor
from ekspor.services import ekspor_mulai
from tests.test_ekspor import (
    BROKER_UJI,
    DataEkspor,
    _data_ekspor,  # noqa: F401 (the fixture data_ekspor)
    _data_transaksi,  # noqa: F401 (the fixture data_transaksi)
    _isi_zip,
    _redis_menjawab,
    _tunggu_db,
    _url_database,
)

PENANDA = "penanda-bagian-1.txt"  # written into a finished part: a re-render would drop it


def _pid_mati() -> int:
    """The pid of a process of this machine that has exited (and been reaped)."""
    proses = subprocess.Popen([sys.executable, "-c", "pass"])
    proses.wait()
    return proses.pid


def _pegang(batch: EksporBatch, pelaksana: str, detik_lalu: float) -> None:
    """As if `pelaksana` had held the running job's lease until `detik_lalu` seconds ago."""
    EksporBatch.objects.filter(pk=batch.pk).update(
        status=StatusEkspor.BERJALAN,
        pelaksana=pelaksana,
        detak=timezone.now() - timedelta(seconds=detik_lalu),
    )


def _pelaksana(pid: int) -> str:
    return f"{services._mesin()}:{pid}"


@pytest.fixture
def _kecil(settings, tmp_path, monkeypatch):
    """One document per part (the provinsi of `data_ekspor` has 4 for 2024), media under
    tmp_path; no broker."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CELERY_BROKER_URL = ""
    monkeypatch.setattr(services, "DOKUMEN_PER_BAGIAN", 1)


@pytest.fixture
def reviewer(data_ekspor):
    return data_ekspor.reviewer


@pytest.fixture
def provinsi(data_ekspor):
    return data_ekspor.provinsi


# Quick: what a new request and the cleaner decide, in the rolled-back test transaction (the
# resumed job's hand-over to a thread is captured, not run).


@pytest.mark.django_db
@pytest.mark.usefixtures("_kecil")
def test_a_new_request_resumes_a_job_whose_runner_died(
    reviewer, provinsi, django_capture_on_commit_callbacks
):
    batch = ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2024)
    assert len(batch.bagian) == 4
    _pegang(batch, _pelaksana(_pid_mati()), detik_lalu=10)
    folder = services.folder_ekspor(batch.pk)
    folder.mkdir(parents=True)
    selesai = services.berkas_bagian(batch.pk, 1)
    selesai.write_bytes(b"bagian yang sudah selesai")
    sisa = folder / "bagian-0002.zip.4242.tmp"
    sisa.write_bytes(b"sisa proses yang mati")

    with django_capture_on_commit_callbacks() as diserahkan:
        lagi = ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2024)

    assert lagi == batch
    lagi.refresh_from_db()
    assert (lagi.status, lagi.jumlah_lanjut, lagi.jumlah_selesai) == (StatusEkspor.BERJALAN, 1, 1)
    # This process's thread runs it: the lease is this process's (and lapses if it dies).
    assert lagi.pelaksana == services._pelaksana_ini()
    assert timezone.now() - lagi.detak < timedelta(seconds=5)
    assert len(diserahkan) == 1  # handed on again
    assert selesai.read_bytes() == b"bagian yang sudah selesai"  # kept
    assert not sisa.exists()
    assert [nomor for nomor, _ in services.bagian_kurang(lagi)] == [2, 3, 4]


@pytest.mark.django_db
@pytest.mark.usefixtures("_kecil")
def test_a_job_whose_runner_lives_is_joined_not_resumed(
    reviewer, provinsi, django_capture_on_commit_callbacks
):
    batch = ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2024)
    _pegang(batch, _pelaksana(os.getpid()), detik_lalu=30)  # alive, though slow to beat
    with django_capture_on_commit_callbacks() as diserahkan:
        assert ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2024) == batch
    batch.refresh_from_db()
    assert (batch.jumlah_lanjut, len(diserahkan)) == (0, 0)

    # A runner that died only just now: another live runner (Celery) may still renew the lease.
    _pegang(batch, _pelaksana(_pid_mati()), detik_lalu=1)
    with django_capture_on_commit_callbacks() as diserahkan:
        assert ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2024) == batch
    batch.refresh_from_db()
    assert (batch.jumlah_lanjut, len(diserahkan)) == (0, 0)


@pytest.mark.django_db
@pytest.mark.usefixtures("_kecil")
def test_a_lease_of_another_machine_lapses_after_a_minute(
    reviewer, provinsi, django_capture_on_commit_callbacks
):
    batch = ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2024)
    _pegang(batch, "mesin-lain/1:123", detik_lalu=30)
    with django_capture_on_commit_callbacks():
        call_command("ekspor_bersihkan", stdout=io.StringIO())
    batch.refresh_from_db()
    assert batch.jumlah_lanjut == 0

    _pegang(batch, "mesin-lain/1:123", detik_lalu=61)
    keluaran = io.StringIO()
    with django_capture_on_commit_callbacks() as diserahkan:
        call_command("ekspor_bersihkan", stdout=keluaran)
    batch.refresh_from_db()
    assert (batch.status, batch.jumlah_lanjut, len(diserahkan)) == (StatusEkspor.BERJALAN, 1, 1)
    assert keluaran.getvalue().splitlines() == [
        "Ekspor terhenti ditandai gagal: 0; folder ekspor lama dihapus: 0.",
        "Ekspor yang kehilangan pelaksananya dilanjutkan: 1.",
    ]


@pytest.mark.django_db
@pytest.mark.usefixtures("_kecil")
def test_a_job_whose_work_is_queued_lapses_only_after_the_stall_limit(
    settings, reviewer, provinsi, django_capture_on_commit_callbacks
):
    settings.CELERY_BROKER_URL = "redis://tidak-dihubungi"  # the hand-over is captured, not run
    batch = ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2024)
    # No holder: its parts (or its join) wait in the queue, far longer than the lease.
    _pegang(batch, "", detik_lalu=services.BATAS_DETAK.total_seconds() * 5)
    with django_capture_on_commit_callbacks() as diserahkan:
        assert ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2024) == batch
        call_command("ekspor_bersihkan", stdout=io.StringIO())
    batch.refresh_from_db()
    assert (batch.status, batch.jumlah_lanjut, len(diserahkan)) == (StatusEkspor.BERJALAN, 0, 0)

    # Queued for longer than the broker's visibility timeout: lost, so queued again.
    _pegang(batch, "", detik_lalu=services.BATAS_MACET.total_seconds() + 1)
    with django_capture_on_commit_callbacks() as diserahkan:
        call_command("ekspor_bersihkan", stdout=io.StringIO())
    batch.refresh_from_db()
    assert (batch.status, batch.jumlah_lanjut, len(diserahkan)) == (StatusEkspor.BERJALAN, 1, 1)
    assert batch.pelaksana == ""  # queued again: still no holder


@pytest.mark.django_db
@pytest.mark.usefixtures("_kecil")
def test_a_celery_part_releases_the_lease_only_when_it_succeeds(reviewer, provinsi):
    batch = ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2024)
    saya = services._pelaksana_ini()

    with services.berdetak(batch.pk, lalu_antre=True):
        batch.refresh_from_db()
        assert batch.pelaksana == saya
    batch.refresh_from_db()
    assert batch.pelaksana == ""  # what follows waits in the queue
    assert timezone.now() - batch.detak < timedelta(seconds=5)  # since now

    with pytest.raises(RuntimeError), services.berdetak(batch.pk, lalu_antre=True):
        raise RuntimeError("bagian gagal")
    batch.refresh_from_db()
    assert batch.pelaksana == saya  # nothing may be queued: lapses like a dead runner's

    with services.berdetak(batch.pk, lalu_antre=True):
        _pegang(batch, "mesin-lain/1:123", detik_lalu=0)  # another part, running meanwhile
    batch.refresh_from_db()
    assert batch.pelaksana == "mesin-lain/1:123"  # its lease is left alone

    with services.berdetak(batch.pk):  # the join, or the thread: nothing follows it
        pass
    batch.refresh_from_db()
    assert batch.pelaksana == saya


@pytest.mark.django_db
@pytest.mark.usefixtures("_kecil")
def test_a_job_whose_runner_keeps_dying_is_failed(reviewer, provinsi):
    batch = ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2024)
    EksporBatch.objects.filter(pk=batch.pk).update(jumlah_lanjut=services.MAKS_LANJUT)
    _pegang(batch, _pelaksana(_pid_mati()), detik_lalu=10)

    baru = ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2024)

    assert baru != batch
    batch.refresh_from_db()
    assert (batch.status, batch.pesan_galat) == (StatusEkspor.GAGAL, services.PESAN_BERULANG)


@pytest.mark.django_db
@pytest.mark.usefixtures("_kecil")
def test_a_part_delivered_again_after_the_join_leaves_no_file(reviewer, provinsi):
    batch = ekspor_mulai(user=reviewer, provinsi=provinsi, tahun=2024)
    EksporBatch.objects.filter(pk=batch.pk).update(status=StatusEkspor.SELESAI)
    services.bagian_buat(batch.pk, 1, batch.bagian[0])
    assert not services.berkas_bagian(batch.pk, 1).exists()


def test_the_broker_visibility_timeout_matches_the_stall_check():
    from kpu_kinerja.celery import app

    detik = services.BATAS_MACET.total_seconds()
    assert django_settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] == detik
    assert app.conf.broker_transport_options["visibility_timeout"] == detik


# A real kill: the runner is a process of its own, killed with SIGKILL half-way through.

JALANKAN_DI_PROSES = """
import os

import django

django.setup()
from django.contrib.auth import get_user_model
from ekspor import services
from satker.models import Satker

services.DOKUMEN_PER_BAGIAN = 1
user = get_user_model().objects.get(pk=os.environ["UJI_REVIEWER"])
provinsi = Satker.objects.get(pk=os.environ["UJI_PROVINSI"])
batch = services.ekspor_mulai(user=user, provinsi=provinsi, tahun=2024)
services.UTAS_EKSPOR[batch.pk].join()
"""


def _env(settings, **lain: str) -> dict[str, str]:
    return os.environ | {
        "DATABASE_URL": _url_database(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CELERY_BROKER_URL": "",
        **lain,
    }


def _bunuh_di_tengah(proses: subprocess.Popen, *, kelompok: bool = False) -> EksporBatch:
    """Wait until the first part is done and another is being written, then SIGKILL."""
    batas = time.monotonic() + 40
    while time.monotonic() < batas:
        assert proses.poll() is None, "pelaksana berhenti sebelum dibunuh"
        batch = EksporBatch.objects.order_by("-pk").first()
        if batch is not None:
            folder = services.folder_ekspor(batch.pk)
            if services.berkas_bagian(batch.pk, 1).exists() and any(folder.glob("*.tmp")):
                if kelompok:
                    os.killpg(proses.pid, signal.SIGKILL)  # the worker and its pool children
                else:
                    proses.kill()
                proses.wait()
                return batch
        time.sleep(0.01)
    proses.kill()
    proses.wait()
    pytest.fail("bagian pertama tidak selesai dalam 40 s")


def _setelah_pembunuhan(batch: EksporBatch) -> Path:
    """Check the kill left a stuck job with a temporary file; mark the finished part."""
    batch.refresh_from_db()
    assert batch.status == StatusEkspor.BERJALAN
    assert batch.jumlah_selesai < batch.jumlah_total == 4
    folder = services.folder_ekspor(batch.pk)
    assert any(folder.glob("*.tmp"))
    with zipfile.ZipFile(services.berkas_bagian(batch.pk, 1), "a") as bagian:
        bagian.writestr(PENANDA, "bagian ini tidak dirender ulang")
    # The dead runner's lease counts as lapsed once no other runner could have renewed it.
    while timezone.now() - batch.detak <= services.TENGGANG_DETAK:
        time.sleep(0.2)
    return folder


def _periksa_selesai(batch: EksporBatch, folder: Path, data: DataEkspor) -> None:
    batch.refresh_from_db()
    assert batch.status == StatusEkspor.SELESAI, batch.pesan_galat
    assert (batch.jumlah_selesai, batch.jumlah_lanjut) == (4, 1)
    with batch.berkas_zip.open("rb") as berkas:
        isi, daftar = _isi_zip(berkas.read())
    assert PENANDA in isi  # the finished part was reused, not rendered again
    del isi[PENANDA]
    assert set(isi) == {nama_berkas(d) for d in data.dokumen}
    assert all(pdf.startswith(b"%PDF") for pdf in isi.values())
    assert len(daftar) == 4
    assert [p.name for p in folder.iterdir()] == [Path(batch.berkas_zip.name).name]  # no .tmp


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("jalur", ["permintaan", "pembersih"])
def test_a_killed_export_thread_is_resumed_by_a_request_or_the_cleaner(
    data_transaksi, settings, client, tmp_path, jalur
):
    if django_settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        pytest.skip("basis data uji SQLite hanya ada di memori proses ini")
    data = data_transaksi
    log = (tmp_path / "pelaksana.log").open("wb")
    proses = subprocess.Popen(
        [sys.executable, "-c", JALANKAN_DI_PROSES],
        cwd=django_settings.BASE_DIR,
        env=_env(settings, UJI_REVIEWER=str(data.reviewer.pk), UJI_PROVINSI=str(data.provinsi.pk)),
        stdout=log,
        stderr=log,
    )
    batch = _bunuh_di_tengah(proses)
    folder = _setelah_pembunuhan(batch)

    if jalur == "permintaan":
        client.force_login(data.reviewer)
        response = client.post(
            reverse("ekspor:baru"), {"provinsi": data.provinsi.pk, "tahun": 2024}
        )
        assert response.url == reverse("ekspor:detail", args=[batch.pk])  # the same job, resumed
        utas = services.UTAS_EKSPOR.get(batch.pk)
        if utas is not None:
            utas.join(60)
    else:
        keluaran = io.StringIO()
        call_command("ekspor_bersihkan", stdout=keluaran)  # waits for the job it resumed
        assert "dilanjutkan: 1." in keluaran.getvalue()

    assert EksporBatch.objects.count() == 1
    _periksa_selesai(batch, folder, data)


def _mulai_worker(
    settings, antrean: str, log: Path, *, pembuka: tuple[str, ...] = ("-m", "celery")
) -> subprocess.Popen:
    perintah = [
        *(sys.executable, *pembuka, "-A", "kpu_kinerja", "worker"),
        *("--pool=prefork", "--concurrency=1", "--loglevel=INFO"),
        *("-n", f"uji-{secrets.token_hex(4)}@%h", "--without-gossip", "--without-mingle"),
    ]
    with log.open("ab") as keluaran:
        return subprocess.Popen(
            perintah,
            cwd=django_settings.BASE_DIR,
            env=_env(settings, CELERY_BROKER_URL=BROKER_UJI, CELERY_QUEUE=antrean),
            stdout=keluaran,
            stderr=keluaran,
            start_new_session=True,  # its own process group: killed with its pool children
        )


@pytest.mark.django_db(transaction=True)
def test_a_killed_celery_worker_is_replaced_and_the_job_completes(
    data_transaksi, settings, tmp_path, monkeypatch
):
    if django_settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        pytest.skip("basis data uji SQLite hanya ada di memori proses ini")
    if not _redis_menjawab():
        pytest.skip("Redis tidak menjawab: jalur Celery tidak diuji")
    from kpu_kinerja.celery import app

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CELERY_BROKER_URL = settings.CELERY_RESULT_BACKEND = BROKER_UJI
    antrean = f"uji-{secrets.token_hex(4)}"
    app.conf.update(broker_url=BROKER_UJI, result_backend=BROKER_UJI, task_default_queue=antrean)
    monkeypatch.setattr(services, "DOKUMEN_PER_BAGIAN", 1)
    log = tmp_path / "worker.log"
    pertama = _mulai_worker(settings, antrean, log)
    kedua = None
    try:
        data = data_transaksi
        ekspor_mulai(user=data.reviewer, provinsi=data.provinsi, tahun=2024)
        batch = _bunuh_di_tengah(pertama, kelompok=True)
        folder = _setelah_pembunuhan(batch)

        # The part in flight stays unacknowledged in Redis (15 minutes): the worker that starts
        # resumes the job and queues the missing parts again, with no request or cleaner.
        kedua = _mulai_worker(settings, antrean, log)
        batch = _tunggu_db(batch, 50)
        _periksa_selesai(batch, folder, data)
    finally:
        for proses in (pertama, kedua):
            if proses is not None and proses.poll() is None:
                os.killpg(proses.pid, signal.SIGTERM)
                try:
                    proses.wait(15)
                except subprocess.TimeoutExpired:
                    os.killpg(proses.pid, signal.SIGKILL)
                    proses.wait()
        print(log.read_text(errors="replace")[-6000:])  # shown when the test fails


# Work merely queued is not a dead runner: a job's join, or a resumed job's parts, may wait in
# the broker queue behind another job's parts for longer than the lease, with nothing renewing
# it. Such a job must not be resumed (again and again, until failed as "resumed too often").

# A worker whose every document takes at least 2.5 s (so the queue behind a job of 4 is long
# whatever the machine) and which beats every 0.5 s (a 5 s lease is safe while it renders,
# even on a busy machine).
WORKER_LAMBAT = """
import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpu_kinerja.settings")
django.setup()
from celery.bin.celery import main
from ekspor import services

services.JEDA_DETAK = 0.5
pdf_ekspor = services.pdf_ekspor


def pdf_lambat(dokumen):
    time.sleep(2.5)
    return pdf_ekspor(dokumen)


services.pdf_ekspor = pdf_lambat
sys.argv = ["celery", *sys.argv[1:]]
main()
"""


def _jumlah_diterima(log: Path, tugas: str) -> int:
    with log.open(errors="replace") as baris_log:
        return sum(f"Task {tugas}[" in baris and "received" in baris for baris in baris_log)


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_work_waits_in_the_queue_is_not_resumed(
    data_transaksi, settings, client, tmp_path, monkeypatch
):
    if django_settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        pytest.skip("basis data uji SQLite hanya ada di memori proses ini")
    if not _redis_menjawab():
        pytest.skip("Redis tidak menjawab: jalur Celery tidak diuji")
    from kpu_kinerja.celery import app

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CELERY_BROKER_URL = settings.CELERY_RESULT_BACKEND = BROKER_UJI
    antrean = f"uji-{secrets.token_hex(4)}"
    app.conf.update(broker_url=BROKER_UJI, result_backend=BROKER_UJI, task_default_queue=antrean)
    monkeypatch.setattr(services, "DOKUMEN_PER_BAGIAN", 1)
    # The lease as the requests and the cleaner (this process) judge it: 5 s instead of 60.
    monkeypatch.setattr(services, "BATAS_DETAK", timedelta(seconds=5))
    log = tmp_path / "worker.log"
    worker = _mulai_worker(settings, antrean, log, pembuka=("-c", WORKER_LAMBAT))
    try:
        # One worker process: the first job's join, queued when its only part is done, waits
        # over 10 s (twice the lease) behind the second job's four parts.
        data = data_transaksi
        provinsi_lain, reviewer_lain = data.provinsi_lain, data.reviewer_lain
        pertama = ekspor_mulai(user=reviewer_lain, provinsi=provinsi_lain, tahun=2024)
        kedua = ekspor_mulai(user=data.reviewer, provinsi=data.provinsi, tahun=2024)
        assert (pertama.jumlah_total, kedua.jumlah_total) == (1, 4)
        client.force_login(reviewer_lain)
        diminta = 0
        batas = time.monotonic() + 50
        while not (pertama.berakhir and kedua.berakhir) and time.monotonic() < batas:
            # The cleaner, again and again while the jobs run or wait; a new request for the
            # first job while its join is sure to be waiting still, with two of the second
            # job's parts to go (once the job has ended, a request rightly starts another).
            if kedua.jumlah_selesai <= 2:
                response = client.post(
                    reverse("ekspor:baru"), {"provinsi": provinsi_lain.pk, "tahun": 2024}
                )
                assert response.url == reverse("ekspor:detail", args=[pertama.pk])
                diminta += 1
            call_command("ekspor_bersihkan", stdout=io.StringIO())
            time.sleep(0.3)
            pertama.refresh_from_db()
            kedua.refresh_from_db()

        for batch, jumlah in ((pertama, 1), (kedua, 4)):
            assert batch.status == StatusEkspor.SELESAI, batch.pesan_galat
            assert (batch.jumlah_selesai, batch.jumlah_lanjut) == (jumlah, 0)
        assert EksporBatch.objects.count() == 2
        assert diminta >= 5
        # No part or join was queued twice.
        assert _jumlah_diterima(log, "ekspor.bagian") == 5
        assert _jumlah_diterima(log, "ekspor.gabung") == 2
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            try:
                worker.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait()
        print(log.read_text(errors="replace")[-8000:])  # shown when the test fails
