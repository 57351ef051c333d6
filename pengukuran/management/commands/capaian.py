"""`manage.py capaian`: one capaian from the command line, as the pages compute and explain it.

    python manage.py capaian --polaritas naik --target 80 --realisasi 66
    python manage.py capaian --polaritas kualitatif --skala predikat --target "minimal B" \\
        --realisasi BB --json

A thin wrapper over pengukuran.capaian (batch jobs and support staff check a number with it):
the same engine, the same sentence, the same rounding.
"""

import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dokumen.target import baca_target
from pengukuran.capaian import Aturan, hitung, persen
from perjanjian_kinerja.models import NILAI_SKALA, Polaritas, Skala

POLARITAS = {
    "naik": Polaritas.NAIK,
    "turun": Polaritas.TURUN,
    "rentang": Polaritas.RENTANG,
    "kualitatif": Polaritas.KUALITATIF,
}
SKALA = {"opini-bpk": Skala.OPINI_BPK, "predikat": Skala.PREDIKAT}
BATAS = {"tanpa": None, "100": Decimal(100), "120": Decimal(120)}


def _angka(teks: str, nama: str):
    """ "66", "0,3", "1.234,5", "85%" (Indonesian or English decimals), or a negative one."""
    tanda, isi = (-1, teks.strip()[1:]) if teks.strip().startswith("-") else (1, teks)
    terbaca = baca_target(isi)
    if terbaca.nilai is None or terbaca.satuan not in ("", "%"):
        raise CommandError(f"{nama} “{teks}” bukan angka (tulis mis. 80, 0,3 atau 85%).")
    return tanda * terbaca.nilai


class Command(BaseCommand):
    help = "Menghitung satu capaian beserta penjelasannya, seperti di halaman pengukuran."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--polaritas", required=True, choices=list(POLARITAS))
        parser.add_argument("--target", required=True, help="target (batas bawah rentang)")
        parser.add_argument("--realisasi", required=True)
        parser.add_argument("--target-atas", help="batas atas, untuk polaritas rentang")
        parser.add_argument("--skala", choices=list(SKALA), help="untuk polaritas kualitatif")
        parser.add_argument("--batas", choices=list(BATAS), default="tanpa")
        parser.add_argument("--json", action="store_true", help="satu objek JSON")

    def handle(self, *args, **opsi) -> None:
        polaritas = POLARITAS[opsi["polaritas"]]
        skala: tuple[str, ...] = ()
        if polaritas == Polaritas.KUALITATIF:
            if not opsi["skala"]:
                raise CommandError("Polaritas kualitatif memerlukan --skala opini-bpk|predikat.")
            skala = NILAI_SKALA[SKALA[opsi["skala"]]]
            target, realisasi = opsi["target"], opsi["realisasi"]
        else:
            target = _angka(opsi["target"], "Target")
            realisasi = _angka(opsi["realisasi"], "Realisasi")
        atas = opsi["target_atas"]
        if polaritas == Polaritas.RENTANG and atas is None:
            raise CommandError("Polaritas rentang memerlukan --target-atas.")
        hasil = hitung(
            polaritas,
            target,
            realisasi,
            target_atas=_angka(atas, "Target atas") if atas is not None else None,
            skala=skala,
            aturan=Aturan(batas=BATAS[opsi["batas"]]),
        )
        if hasil.galat:
            raise CommandError(hasil.galat)
        if opsi["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "capaian": float(round(hasil.nilai, 2)),
                        "capaian_mentah": float(round(hasil.mentah, 2)),
                        "kategori": hasil.kategori.nama,
                        "penjelasan": hasil.penjelasan,
                    },
                    ensure_ascii=False,
                )
            )
            return
        self.stdout.write(f"Capaian: {persen(hasil.nilai)} ({hasil.kategori.nama})")
        self.stdout.write(hasil.penjelasan)
