"""Batch export benchmark: one provinsi's PDFs of a year on 1 vs 2 Celery workers.

    make bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kpu_bench .venv/bin/python bench/ekspor.py

Expects the national dataset (`manage.py generate_national`) and Redis at 127.0.0.1:6379. Exports
every document of one provinsi and year (default: the provinsi with the most documents in the
newest year, Jawa Timur in the national data) three ways, each timed from dispatch to SELESAI:
in a thread of this process (the no-broker path, as a reference), on 1 Celery worker process and
on 2 (`celery -A kpu_kinerja worker --pool=prefork --concurrency=1` each, started and answering
a ping before the job is dispatched, so worker start-up is not counted). The queue is purged
before each run.
Prints the times (with --ulang N, the median of N interleaved runs) and the speedup of 2 workers
over 1; target ≥ 1.7 on 2 cores.

Runs on Redis database 14 and a temporary MEDIA_ROOT; the jobs it makes are deleted afterwards.
"""

import argparse
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BROKER = "redis://127.0.0.1:6379/14"
MEDIA = tempfile.mkdtemp(prefix="bench-ekspor-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpu_kinerja.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("DEBUG", "0")
os.environ["CELERY_BROKER_URL"] = BROKER  # the workers inherit this environment
os.environ["MEDIA_ROOT"] = MEDIA
os.environ["CELERY_QUEUE"] = f"bench-{secrets.token_hex(4)}"  # no other run takes its tasks

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from dokumen.models import Dokumen  # noqa: E402
from ekspor import services  # noqa: E402
from ekspor.models import EksporBatch, StatusEkspor  # noqa: E402
from kpu_kinerja.celery import app  # noqa: E402
from satker.models import Peran, Satker, Tingkat  # noqa: E402

TARGET_SPEEDUP = 1.7
BATAS_DETIK = 900


def pilih_provinsi(kode: str | None, tahun: int | None) -> tuple[Satker, int]:
    if tahun is None:
        tahun = Dokumen.objects.order_by("-tahun").values_list("tahun", flat=True).first()
        if tahun is None:
            sys.exit("Tidak ada dokumen: jalankan dulu `manage.py generate_national --years 3`.")
    if kode:
        return Satker.objects.get(kode=kode, tingkat=Tingkat.PROVINSI), tahun
    terbanyak = (
        Satker.objects.filter(tingkat=Tingkat.PROVINSI)
        .annotate(n=Count("anak__dokumen", filter=Q(anak__dokumen__tahun=tahun)))
        .order_by("-n", "nama")
        .first()
    )
    return terbanyak, tahun


def peminta(provinsi: Satker):
    """The provinsi's reviewer, else a superuser: someone who may export it."""
    user_model = get_user_model()
    reviewer = user_model.objects.filter(
        profil__peran=Peran.REVIEWER_PROVINSI, profil__satker=provinsi
    ).first()
    superuser = user_model.objects.filter(is_superuser=True).first()
    if reviewer or superuser:
        return reviewer or superuser
    sys.exit(f"Tidak ada reviewer {provinsi} atau superuser untuk meminta ekspor.")


def tunggu_selesai(batch: EksporBatch, mulai: float) -> float:
    batas = mulai + BATAS_DETIK
    while time.perf_counter() < batas:
        batch.refresh_from_db()
        if batch.berakhir:
            if batch.status != StatusEkspor.SELESAI:
                sys.exit(f"Ekspor {batch.pk} gagal: {batch.pesan_galat}")
            return time.perf_counter() - mulai
        time.sleep(0.1)
    sys.exit(f"Ekspor {batch.pk} belum selesai setelah {BATAS_DETIK} s.")


def akhiri_sisa(user, provinsi: Satker, tahun: int) -> None:
    """A job left unfinished (say, by a killed run) would be joined rather than measured."""
    EksporBatch.objects.filter(
        diminta_oleh=user,
        provinsi=provinsi,
        tahun=tahun,
        status__in=[StatusEkspor.ANTRE, StatusEkspor.BERJALAN],
    ).update(status=StatusEkspor.GAGAL, pesan_galat="Diakhiri oleh bench/ekspor.py.")


def ukur(user, provinsi: Satker, tahun: int) -> tuple[float, EksporBatch]:
    akhiri_sisa(user, provinsi, tahun)
    mulai = time.perf_counter()
    batch = services.ekspor_mulai(user=user, provinsi=provinsi, tahun=tahun)
    return tunggu_selesai(batch, mulai), batch


def ukur_di_proses(user, provinsi: Satker, tahun: int) -> float:
    """Joined rather than polled: polling from this process would take the GIL from the job."""
    akhiri_sisa(user, provinsi, tahun)
    with override_settings(CELERY_BROKER_URL=""):
        mulai = time.perf_counter()
        batch = services.ekspor_mulai(user=user, provinsi=provinsi, tahun=tahun)
        utas = services.UTAS_EKSPOR.get(batch.pk)
        if utas is not None:
            utas.join(BATAS_DETIK)
        return tunggu_selesai(batch, mulai)


def mulai_worker(jumlah: int, log: Path) -> list[subprocess.Popen]:
    """`jumlah` worker processes, each one prefork child; returns once all answer a ping."""
    proses = []
    for nomor in range(1, jumlah + 1):
        nama = f"bench-{nomor}-{secrets.token_hex(3)}@%h"
        berkas = (log / f"worker-{jumlah}-{nomor}.log").open("wb")
        perintah = [
            *(sys.executable, "-m", "celery", "-A", "kpu_kinerja", "worker"),
            *("--pool=prefork", "--concurrency=1", "--loglevel=WARNING", "-n", nama),
            *("--without-gossip", "--without-mingle"),
        ]
        proses.append(
            subprocess.Popen(perintah, cwd=ROOT, env=os.environ, stdout=berkas, stderr=berkas)
        )
    batas = time.monotonic() + 60
    while time.monotonic() < batas:
        if any(p.poll() is not None for p in proses):
            break
        if len(app.control.ping(timeout=1.0)) >= jumlah:
            return proses
    henti_worker(proses)
    sys.exit(f"Worker Celery tidak siap; lihat log di {log}.")


def henti_worker(proses: list[subprocess.Popen]) -> None:
    for p in proses:
        p.terminate()
    for p in proses:
        try:
            p.wait(30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def ukur_celery(jumlah: int, user, provinsi: Satker, tahun: int, log: Path) -> float:
    proses = mulai_worker(jumlah, log)
    try:
        app.control.purge()
        detik, _ = ukur(user, provinsi, tahun)
        return detik
    finally:
        henti_worker(proses)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provinsi", help="kode provinsi, mis. prov-jawa-timur")
    parser.add_argument("--tahun", type=int, help="tahun dokumen (bawaan: yang terbaru)")
    parser.add_argument("--tanpa-thread", action="store_true", help="lewati rujukan in-process")
    parser.add_argument(
        "--ulang", type=int, default=1, help="runs per worker count, interleaved; median shown"
    )
    args = parser.parse_args()

    call_command("migrate", "ekspor", verbosity=0)  # the job table, if not there yet
    provinsi, tahun = pilih_provinsi(args.provinsi, args.tahun)
    user = peminta(provinsi)
    jumlah = services.dokumen_ekspor(user, provinsi, tahun).count()
    bagian = -(-jumlah // services.DOKUMEN_PER_BAGIAN)
    print(
        f"Ekspor PDF {provinsi.nama}, tahun {tahun}: {jumlah} dokumen, "
        f"{bagian} bagian × {services.DOKUMEN_PER_BAGIAN}, {os.cpu_count()} CPU"
    )
    sebelum = set(EksporBatch.objects.values_list("pk", flat=True))
    log = Path(MEDIA)
    try:
        hasil: dict[str, float] = {}
        if not args.tanpa_thread:
            hasil["in-process (thread, tanpa broker)"] = ukur_di_proses(user, provinsi, tahun)
            print(
                f"    (in-process: {hasil['in-process (thread, tanpa broker)']:.1f} s)", flush=True
            )
        # Interleaved, so that a slow spell of this (shared) machine hits both alike.
        waktu: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(args.ulang):
            for jumlah_worker, daftar in waktu.items():
                daftar.append(ukur_celery(jumlah_worker, user, provinsi, tahun, log))
                print(f"    ({jumlah_worker} worker: {daftar[-1]:.1f} s)", flush=True)
        hasil["Celery, 1 worker"] = satu = statistics.median(waktu[1])
        hasil["Celery, 2 worker"] = dua = statistics.median(waktu[2])
    finally:
        EksporBatch.objects.exclude(pk__in=sebelum).delete()

    shutil.rmtree(MEDIA, ignore_errors=True)  # kept, with the worker logs, when a run failed
    for nama, detik in hasil.items():
        print(f"  {nama:<36}{detik:>8.1f} s {jumlah / detik:>7.2f} dokumen/s")
    speedup = satu / dua
    lulus = speedup >= TARGET_SPEEDUP
    print(
        f"Speedup 2 worker / 1 worker: {speedup:.2f}, target ≥ {TARGET_SPEEDUP}: "
        f"{'TERCAPAI' if lulus else 'TIDAK TERCAPAI'}"
    )
    return 0 if lulus else 1


if __name__ == "__main__":
    sys.exit(main())
