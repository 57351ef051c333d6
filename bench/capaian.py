"""Capaian engine benchmark: results per second in-process, against bare arithmetic.

    make bench
    DEBUG=1 .venv/bin/python bench/capaian.py [--jumlah 200000]

Computes `jumlah` capaian over a mix of every polarity (a quarter of each: higher, lower,
range, qualitative) with the default rules and a 120 % cap, explanations not written (as a
roll-up or a matrix asks), and the same count of the bare `R / T * 100` on the same Decimals
as the baseline, in the same run. Prints both rates and the ratio; a sample of results with
their explanation written is timed too. Target: at least 100,000 results per second.
"""

import argparse
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpu_kinerja.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")

import django  # noqa: E402

django.setup()

from pengukuran.capaian import Aturan, hitung  # noqa: E402
from perjanjian_kinerja.models import NILAI_SKALA, Polaritas, Skala  # noqa: E402

TARGET_PER_DETIK = 100_000
PREDIKAT = NILAI_SKALA[Skala.PREDIKAT]


def masukan(jumlah: int) -> list[tuple]:
    acak = random.Random(2024)  # the same mix every run
    hasil = []
    for n in range(jumlah):
        t = Decimal(acak.randint(1, 10_000)) / 100
        r = Decimal(acak.randint(0, 15_000)) / 100
        jenis = n % 4
        if jenis == 0:
            hasil.append((Polaritas.NAIK, t, r, None, ()))
        elif jenis == 1:
            hasil.append((Polaritas.TURUN, t, r, None, ()))
        elif jenis == 2:
            hasil.append((Polaritas.RENTANG, t, r, t * 2, ()))
        else:
            hasil.append((Polaritas.KUALITATIF, "minimal B", acak.choice(PREDIKAT), None, PREDIKAT))
    return hasil


def per_detik(fungsi, data) -> float:
    mulai = time.perf_counter()
    fungsi(data)
    return len(data) / (time.perf_counter() - mulai)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jumlah", type=int, default=200_000)
    jumlah = parser.parse_args().jumlah
    data = masukan(jumlah)
    angka = [(t, r) for _, t, r, _, _ in data if isinstance(t, Decimal)]
    aturan = Aturan(batas=Decimal(120))
    seratus = Decimal(100)

    def polos(isi):
        for t, r in isi:
            _ = r / t * seratus

    def mesin(isi):
        for polaritas, t, r, atas, skala in isi:
            hitung(polaritas, t, r, target_atas=atas, skala=skala, aturan=aturan)

    def dengan_penjelasan(isi):
        for polaritas, t, r, atas, skala in isi:
            _ = hitung(polaritas, t, r, target_atas=atas, skala=skala, aturan=aturan).penjelasan

    dasar = per_detik(polos, angka)
    laju = per_detik(mesin, data)
    laju_teks = per_detik(dengan_penjelasan, data[: max(1, jumlah // 10)])
    print(f"{'pengukuran':<40}{'hasil/detik':>14}")
    print(f"{'R ÷ T × 100 (polos, acuan)':<40}{dasar:>14,.0f}")
    print(f"{'mesin capaian':<40}{laju:>14,.0f}")
    print(f"{'mesin capaian + penjelasan':<40}{laju_teks:>14,.0f}")
    print(f"rasio polos/mesin: {dasar / laju:.1f}× lebih lambat dari aritmetika telanjang")
    tercapai = laju >= TARGET_PER_DETIK
    print(
        f"Mesin capaian: {laju:,.0f} hasil/detik, target ≥ {TARGET_PER_DETIK:,}: "
        f"{'TERCAPAI' if tercapai else 'TIDAK TERCAPAI'}"
    )
    return 0 if tercapai else 1


if __name__ == "__main__":
    sys.exit(main())
