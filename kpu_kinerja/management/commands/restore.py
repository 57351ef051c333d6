"""`manage.py restore cadangan.tar.gz [--ya]`: the archive `backup` wrote, back into the database
and MEDIA_ROOT; a database that holds data is replaced only with --ya."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kpu_kinerja.cadangan import BasisDataTidakKosong, CadanganTidakValid, pulihkan_cadangan


class Command(BaseCommand):
    help = (
        "Pulihkan arsip dari `backup`: basis data (lalu periksa jumlah baris) dan berkas media "
        "(lalu periksa SHA-256). Menolak basis data yang sudah berisi, kecuali dengan --ya."
    )

    def add_arguments(self, parser):
        parser.add_argument("arsip", type=Path, help="Arsip cadangan (.tar.gz).")
        parser.add_argument(
            "--ya",
            action="store_true",
            help="Kosongkan basis data tujuan yang sudah berisi, lalu pulihkan.",
        )

    def handle(self, *args, arsip: Path, ya: bool, **options):
        if not arsip.is_file():
            raise CommandError(f"Arsip {arsip} tidak ada.")
        try:
            manifest = pulihkan_cadangan(arsip, timpa=ya)
        except (BasisDataTidakKosong, CadanganTidakValid) as alasan:
            raise CommandError(str(alasan)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Dipulihkan dari cadangan {manifest['dibuat']} "
                f"(versi {manifest['versi_aplikasi']}): "
                f"{sum(manifest['jumlah'].values())} baris data, {len(manifest['media'])} berkas "
                "media; jumlah baris dan SHA-256 berkas sesuai."
            )
        )
