"""`manage.py kirim_pengingat [--tanggal YYYY-MM-DD]`: the reporting windows' reminders, for
cron once a day (README, deployment). Sending twice is harmless: each is sent once."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notifikasi.antrean import tunggu_utas
from notifikasi.models import JenisNotifikasi
from notifikasi.pengingat import pengingat_kirim
from notifikasi.services import notifikasi_bersihkan
from pengukuran.jendela import hari_ini


def _tanggal(teks: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(teks)
    except ValueError:
        raise CommandError(f"--tanggal harus berbentuk YYYY-MM-DD, bukan “{teks}”.") from None


class Command(BaseCommand):
    help = "Kirim pengingat masa pelaporan triwulan (dibuka, ditutup 3 hari lagi, terlewat)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--tanggal", help="Hari yang dianggap hari ini (bawaan: hari ini WIB).")

    def handle(self, *args, **options) -> None:
        hari = _tanggal(options["tanggal"]) if options["tanggal"] else hari_ini()
        terkirim = pengingat_kirim(hari=hari)
        # Read notifications are kept a year: the bell's list stays bounded.
        notifikasi_bersihkan(sebelum=timezone.now() - datetime.timedelta(days=365))
        tunggu_utas()  # without a broker the emails go from this process's thread
        if not terkirim:
            self.stdout.write(f"{hari.isoformat()}: tidak ada pengingat baru.")
        for jenis, jumlah in terkirim.items():
            self.stdout.write(
                f"{hari.isoformat()}: {JenisNotifikasi(jenis).label}: {jumlah} penerima."
            )
