"""Satker master import benchmark: the national list's shape, 600 rows, previewed and applied.

    make bench
    DEBUG=1 .venv/bin/python bench/impor_satker.py [--tambahan 47]

Builds the CSV of KPU RI, the 38 provinsi and 514 kab/kota (kpu_kinerja/nasional/wilayah.py),
renamed so every existing satker is "berubah", plus `tambahan` new kab/kota (600 rows in all),
then times the preview and the apply (`satker.impor`) in one transaction that is rolled back,
so the database is left as it was. Target (issue 16): apply in under 10 s.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpu_kinerja.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from kpu_kinerja.nasional.wilayah import PROVINSI  # noqa: E402
from satker.impor import impor_pratinjau, impor_terapkan  # noqa: E402

TARGET_DETIK = 10.0


class _Batal(Exception):
    pass


def berkas(tambahan: int) -> bytes:
    baris = [
        "kode,nama,tingkat,induk,kota_ttd,alamat",
        "ri,KPU RI,RI,,Jakarta,Jalan Imam Bonjol 29",
    ]
    for p in PROVINSI:
        baris.append(f"{p.kode},KPU Provinsi {p.nama} (uji),PROVINSI,ri,{p.ibukota},")
        for kk in p.kabkota:
            baris.append(f"{kk.kode},KPU {kk.wilayah} (uji),KABKOTA,{p.kode},{kk.nama},")
    baris += [
        f"kab-bench-{n},KPU Kabupaten Bench {n},KABKOTA,{PROVINSI[0].kode},Bench {n},"
        for n in range(tambahan)
    ]
    return ("\n".join(baris) + "\n").encode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tambahan", type=int, default=47)
    args = parser.parse_args()
    isi = berkas(args.tambahan)
    mulai = time.perf_counter()
    pratinjau = impor_pratinjau(isi)
    t_pratinjau = time.perf_counter() - mulai
    mulai = time.perf_counter()
    try:
        with transaction.atomic():
            impor_terapkan(isi=isi)
            t_terapkan = time.perf_counter() - mulai
            raise _Batal
    except _Batal:
        pass
    print(
        f"impor_satker: {len(pratinjau.baris)} baris ({pratinjau.ringkasan}); "
        f"pratinjau {t_pratinjau:.2f} s, terapkan {t_terapkan:.2f} s "
        f"(target < {TARGET_DETIK:.0f} s)"
    )
    return 0 if t_terapkan < TARGET_DETIK else 1


if __name__ == "__main__":
    sys.exit(main())
