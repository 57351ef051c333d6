"""Web benchmark: throughput and latency of real pages, as ratios of /healthz/ in the same run.

    make bench          (or: DATABASE_URL=postgres://... .venv/bin/python bench/web.py)

Expects a PostgreSQL database holding the national dataset (`make bench` prepares one). Starts
gunicorn with 2 workers and DEBUG off, logs in the accounts it needs (a session cookie or an API
token), and runs `wrk -t1 -c8 -d10s --latency` against /healthz/ (the floor) and each page. Prints
requests/s, p50 and p99, and each page's ratio to the floor. Targets: ratio ≥ 0.2, p99 < 250 ms.
"""

import argparse
import os
import re
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpu_kinerja.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from dokumen.models import Dokumen  # noqa: E402
from satker.models import Satker, Tingkat  # noqa: E402

ALAMAT = "127.0.0.1:8100"
TARGET_RASIO = 0.2
TARGET_P99_MS = 250.0


@dataclass
class Halaman:
    nama: str
    path: str
    header: str = ""
    acuan: bool = False  # a reference row: printed to explain the others, not held to targets


@dataclass
class Hasil:
    halaman: Halaman
    rps: float
    p50_ms: float
    p99_ms: float
    galat: int


def _cookie_sesi(username: str) -> str:
    """A logged-in session; for an account that needs a second factor (the reviewer, on the
    admin's pages), verified by an authenticator device of its own, as after its code."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from dua_faktor.aturan import wajib_dua_faktor

    user = get_user_model().objects.get(username=username)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    if wajib_dua_faktor(user):
        perangkat, _ = TOTPDevice.objects.get_or_create(
            user=user, name="Benchmark", defaults={"confirmed": True}
        )
        sesi = client.session
        sesi[DEVICE_ID_SESSION_KEY] = perangkat.persistent_id
        sesi.save()
    nama = settings.SESSION_COOKIE_NAME
    return f"Cookie: {nama}={client.cookies[nama].value}"


def _token(username: str) -> str:
    from rest_framework.authtoken.models import Token

    token, _ = Token.objects.get_or_create(user=get_user_model().objects.get(username=username))
    return f"Authorization: Token {token.key}"


def _provinsi_terbesar() -> Satker:
    from django.db.models import Count

    return (
        Satker.objects.filter(tingkat=Tingkat.PROVINSI)
        .annotate(jumlah=Count("anak"))
        .order_by("-jumlah")
        .first()
    )


def daftar_halaman() -> list[Halaman]:
    rak = Dokumen.objects.filter(satker__kode="kab-lebak", jenis="RAK").order_by("-tahun").first()
    provinsi = _provinsi_terbesar()
    reviewer = f"reviewer.{provinsi.kode.removeprefix('prov-')}"
    tahun = Dokumen.objects.order_by("-tahun").values_list("tahun", flat=True).first()
    return [
        Halaman("/healthz/ (lantai)", "/healthz/"),
        # No query at all: the layout and a two-field form, what any HTML page pays for rendering.
        Halaman("acuan: halaman masuk (tanpa kueri)", reverse("login"), acuan=True),
        Halaman("beranda operator", reverse("beranda"), _cookie_sesi("operator.kab-lebak")),
        Halaman(
            "halaman RAK",
            reverse("dokumen:detail", args=[rak.pk]),
            _cookie_sesi("operator.kab-lebak"),
        ),
        Halaman(
            f"matriks kemajuan ({provinsi.nama})",
            f"{reverse('admin:dokumen_dokumen_kemajuan')}?tahun={tahun}",
            _cookie_sesi(reviewer),
        ),
        Halaman("API daftar dokumen", "/api/v1/dokumen/", _token("admin.ri")),
    ]


def _ms(teks: str) -> float:
    angka, satuan = re.match(r"([\d.]+)(us|ms|s)", teks).groups()
    return float(angka) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[satuan]


def ukur(halaman: Halaman, detik: int) -> Hasil:
    perintah = ["wrk", "-t1", "-c8", f"-d{detik}s", "--latency"]
    if halaman.header:
        perintah += ["-H", halaman.header]
    keluaran = subprocess.run(
        [*perintah, f"http://{ALAMAT}{halaman.path}"], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", keluaran).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", keluaran, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", keluaran, re.M).group(1))
    galat = re.search(r"Non-2xx or 3xx responses: (\d+)", keluaran)
    return Hasil(halaman, rps, p50, p99, int(galat.group(1)) if galat else 0)


def panaskan(halaman: Halaman, detik: int = 2) -> None:
    """Requests not measured, so each worker has built what it caches per data version: the
    figures printed are the steady state; the cold builds are timed on their own."""
    perintah = ["wrk", "-t1", "-c8", f"-d{detik}s"]
    if halaman.header:
        perintah += ["-H", halaman.header]
    subprocess.run([*perintah, f"http://{ALAMAT}{halaman.path}"], capture_output=True, check=True)


def _tunggu_siap() -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://{ALAMAT}/healthz/", timeout=1)  # noqa: S310
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn tidak menjawab.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detik", type=int, default=10)
    detik = parser.parse_args().detik
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise SystemExit("Benchmark memerlukan PostgreSQL (DATABASE_URL).")
    halaman = daftar_halaman()
    env = os.environ | {"ALLOWED_HOSTS": "127.0.0.1", "DEBUG": "0"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "kpu_kinerja.wsgi",
            "-w",
            "2",
            "-b",
            ALAMAT,
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        _tunggu_siap()
        hasil = [ukur(h, detik) for h in halaman]
    finally:
        server.terminate()
        server.wait(timeout=10)
    lantai = hasil[0].rps
    print(f"{'halaman':<44}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'rasio':>8}  status")
    semua_lulus = True
    for h in hasil:
        rasio = h.rps / lantai
        dinilai = h is not hasil[0] and not h.halaman.acuan
        lulus = not dinilai or (rasio >= TARGET_RASIO and h.p99_ms < TARGET_P99_MS)
        lulus = lulus and h.galat == 0
        semua_lulus &= lulus
        status = "acuan" if h.halaman.acuan else ("ok" if lulus else "DI BAWAH TARGET")
        print(
            f"{h.halaman.nama:<44}{h.rps:>9.0f}{h.p50_ms:>9.1f}{h.p99_ms:>9.1f}{rasio:>8.2f}  "
            f"{status}{f' ({h.galat} galat)' if h.galat else ''}"
        )
    print(
        f"wrk -t1 -c8 -d{detik}s; gunicorn -w 2; target: rasio ≥ {TARGET_RASIO}, "
        f"p99 < {TARGET_P99_MS:.0f} ms"
    )
    return 0 if semua_lulus else 1


if __name__ == "__main__":
    sys.exit(main())
