from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from ekspor.services import ekspor_bersihkan


class Command(BaseCommand):
    help = (
        "Lanjutkan ekspor yang kehilangan pelaksananya, tandai gagal ekspor yang berhenti "
        "bergerak, dan hapus berkas ekspor lama. "
        "Jalankan berkala, mis. setiap jam dari cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hari-simpan",
            type=float,
            default=7,
            help="Berkas ekspor yang berakhir lebih dari sekian hari lalu dihapus.",
        )

    def handle(self, *args, hari_simpan: float, **options):
        if hari_simpan < 0:
            raise CommandError("--hari-simpan tidak boleh negatif.")
        macet, dihapus, dilanjutkan = ekspor_bersihkan(umur_simpan=timedelta(days=hari_simpan))
        self.stdout.write(
            f"Ekspor terhenti ditandai gagal: {macet}; folder ekspor lama dihapus: {dihapus}."
        )
        self.stdout.write(f"Ekspor yang kehilangan pelaksananya dilanjutkan: {dilanjutkan}.")
