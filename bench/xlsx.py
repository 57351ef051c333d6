"""Excel benchmark: the .xlsx export time of each seed document, against a bare sheet.

    DEBUG=1 .venv/bin/python bench/xlsx.py [--ulang 7]

Loads the seed fixtures if missing (idempotent), then for every seed document measures, in
this one run and in turns: a bare openpyxl sheet of the same rows (`baca_baris`, one plain
cell per field, no style, no merge: the baseline) and our export (`pertukaran.xlsx`: the
paper's layout, merges, formats, heights, print setup and signature block), both saved to
bytes. It prints medians and the ratio export / bare sheet. Target: every document under
0.5 s; exit status 1 when one is over or no seed document is there.
"""

import argparse
import gc
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpu_kinerja.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from dokumen.fixture import muat_fixture  # noqa: E402
from dokumen.models import Dokumen  # noqa: E402
from pertukaran.xlsx import xlsx_dokumen  # noqa: E402

BATAS_DETIK = 0.5


def lembar_polos(dokumen: Dokumen) -> bytes:
    """The same rows, read the same way, as a bare sheet: the cost of openpyxl itself."""
    terdaftar = dokumen.jenis_terdaftar
    buku = Workbook()
    ws = buku.active
    for baris in terdaftar.daun(terdaftar.baca_baris(dokumen)):
        ws.append([str(v) if isinstance(v, list) else v for v in baris.values()])
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def median_bergiliran(*fungsi, ulang: int) -> list[float]:
    """The median time of each of `fungsi`, timed in turns round after round, so a slower
    minute of a shared machine falls on all of them."""
    waktu: list[list[float]] = [[] for _ in fungsi]
    for _ in range(ulang):
        for indeks, f in enumerate(fungsi):
            gc.collect()
            mulai = time.perf_counter()
            f()
            waktu[indeks].append(time.perf_counter() - mulai)
    return [statistics.median(w) for w in waktu]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ulang", type=int, default=7, help="repetitions per measurement")
    ulang = parser.parse_args().ulang

    muat_fixture(Path(settings.BASE_DIR) / "fixtures")
    # The seed documents only: on the national dataset there are ~1,500 more of 2024.
    seed = [
        berkas.stem for berkas in (Path(settings.BASE_DIR) / "fixtures" / "satker").glob("*.yaml")
    ]
    semua = Dokumen.objects.filter(tahun=2024, versi=1, satker__kode__in=seed).select_related(
        "satker", "penandatangan"
    )

    print(f"{'dokumen':<40}{'baris':>6}{'KB':>6}{'polos':>9}{'xlsx':>9}{'rasio':>8}")
    terlama = 0.0
    jumlah = 0
    for dokumen in semua.order_by("satker__kode", "jenis"):
        isi = xlsx_dokumen(dokumen)  # once untimed: imports and caches warm for both
        lembar_polos(dokumen)
        terdaftar = dokumen.jenis_terdaftar
        baris = len(terdaftar.daun(terdaftar.baca_baris(dokumen)))
        polos, xlsx = median_bergiliran(
            lambda d=dokumen: lembar_polos(d), lambda d=dokumen: xlsx_dokumen(d), ulang=ulang
        )
        terlama = max(terlama, xlsx)
        jumlah += 1
        print(
            f"{str(dokumen):<40}{baris:>6}{len(isi) / 1024:>6.1f}{polos:>9.3f}{xlsx:>9.3f}"
            f"{xlsx / polos:>8.2f}"
        )
    print(f"(detik, median dari {ulang} kali; rasio = ekspor xlsx / lembar polos baris yang sama)")
    if not jumlah:
        print("Tidak ada dokumen seed: jalankan dulu `manage.py muat_fixture`.")
        return 1
    tercapai = terlama < BATAS_DETIK
    print(
        f"Ekspor xlsx terlama {terlama:.3f} s, target < {BATAS_DETIK} s: "
        f"{'TERCAPAI' if tercapai else 'TIDAK TERCAPAI'}"
    )
    return 0 if tercapai else 1


if __name__ == "__main__":
    sys.exit(main())
