"""Measurement benchmark: a satker's measurement page and the provinsi TW matrix of the largest
provinsi under wrk (ratios to /healthz/ in the same run), and the national roll-up built cold
and served warm, timed in-process.

    make bench   (or: DATABASE_URL=postgres://... .venv/bin/python bench/pengukuran.py)

Expects the national dataset with its realisasi (`generate_national`, as `make bench` builds
it). Targets: p99 < 150 ms at 8 connections for both pages, measured after two seconds of
warm-up (the pages' bodies are cached per data version; the cold build is the roll-up's
figure); the roll-up under 1 s cold.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench import web  # noqa: E402 — sets Django up
from pengukuran.models import LaporanTriwulan  # noqa: E402
from pengukuran.rollup import rollup  # noqa: E402
from perjanjian_kinerja.models import IndikatorPk  # noqa: E402

# Another port may be asked for (BENCH_ALAMAT): web.ukur and web._tunggu_siap read web.ALAMAT.
web.ALAMAT = os.environ.get("BENCH_ALAMAT", web.ALAMAT)
TARGET_P99_MS = 150.0
TARGET_ROLLUP_DINGIN_S = 1.0


def _tahun() -> int:
    return LaporanTriwulan.objects.order_by("-tahun").values_list("tahun", flat=True).first()


def daftar_halaman(tahun: int) -> list[web.Halaman]:
    provinsi = web._provinsi_terbesar()
    reviewer = f"reviewer.{provinsi.kode.removeprefix('prov-')}"
    # The satker of that provinsi with the most indicators in its PK of the year.
    satker_id = (
        IndikatorPk.objects.filter(
            sasaran__dokumen__satker__induk=provinsi,
            sasaran__dokumen__tahun=tahun,
            sasaran__dokumen__jenis="PK",
        )
        .values("sasaran__dokumen__satker__kode")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("sasaran__dokumen__satker__kode", flat=True)
        .first()
    )
    return [
        web.Halaman("/healthz/ (lantai)", "/healthz/"),
        web.Halaman(
            f"pengukuran satker ({satker_id} {tahun})",
            reverse("pengukuran:tahun", args=[satker_id, tahun]),
            web._cookie_sesi(f"operator.{satker_id}"),
        ),
        web.Halaman(
            f"matriks TW ({provinsi.nama})",
            reverse("pengukuran:rekap", args=[provinsi.kode, tahun]),
            web._cookie_sesi(reviewer),
        ),
    ]


def ukur_rollup(tahun: int) -> tuple[float, float, int, int]:
    """The national roll-up: (cold s, warm s, cold queries, shared indicators)."""
    admin = get_user_model().objects.get(username="admin.ri")
    cache.clear()
    with CaptureQueriesContext(connection) as kueri:
        mulai = time.perf_counter()
        hasil = rollup(admin, tahun)
        dingin = time.perf_counter() - mulai
    mulai = time.perf_counter()
    for _ in range(10):
        rollup(admin, tahun)
    hangat = (time.perf_counter() - mulai) / 10
    return dingin, hangat, len(kueri.captured_queries), len(hasil.baris)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detik", type=int, default=10)
    detik = parser.parse_args().detik
    tahun = _tahun()
    halaman = daftar_halaman(tahun)
    env = os.environ | {"ALLOWED_HOSTS": "127.0.0.1", "DEBUG": "0"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "kpu_kinerja.wsgi", "-w", "2", "-b", web.ALAMAT]
        + ["--log-level", "warning"],
        cwd=web.ROOT,
        env=env,
    )
    try:
        web._tunggu_siap()
        hasil = []
        for h in halaman:
            web.panaskan(h)
            hasil.append(web.ukur(h, detik))
    finally:
        server.terminate()
        server.wait(timeout=10)
    lantai = hasil[0].rps
    print(f"{'halaman':<48}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'rasio':>8}  status")
    semua_lulus = True
    for h in hasil:
        lulus = (h is hasil[0] or h.p99_ms < TARGET_P99_MS) and h.galat == 0
        semua_lulus &= lulus
        print(
            f"{h.halaman.nama:<48}{h.rps:>9.0f}{h.p50_ms:>9.1f}{h.p99_ms:>9.1f}"
            f"{h.rps / lantai:>8.2f}  {'ok' if lulus else 'DI BAWAH TARGET'}"
            f"{f' ({h.galat} galat)' if h.galat else ''}"
        )
    dingin, hangat, kueri, baris = ukur_rollup(tahun)
    lulus = dingin < TARGET_ROLLUP_DINGIN_S
    semua_lulus &= lulus
    print(
        f"rollup nasional {tahun}: dingin {dingin * 1000:.0f} ms ({kueri} kueri), hangat "
        f"{hangat * 1000:.1f} ms, {baris} indikator bersama  {'ok' if lulus else 'DI BAWAH TARGET'}"
    )
    print(
        f"wrk -t1 -c8 -d{detik}s; gunicorn -w 2; target: p99 < {TARGET_P99_MS:.0f} ms, "
        f"rollup dingin < {TARGET_ROLLUP_DINGIN_S:.0f} s"
    )
    return 0 if semua_lulus else 1


if __name__ == "__main__":
    sys.exit(main())
