from django.conf import settings
from django.core.management.base import BaseCommand

from dokumen.tte import init_pki


class Command(BaseCommand):
    help = (
        "Buat CA pengembangan dan kunci + sertifikat TTE untuk setiap pejabat yang belum "
        "punya, di PKI_DIR. Hanya untuk pengembangan/CI: jangan pakai untuk dokumen resmi."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--paksa",
            action="store_true",
            help="Terbitkan ulang CA dan semua sertifikat meskipun berkasnya sudah ada.",
        )

    def handle(self, *args, paksa: bool, **options):
        hasil = init_pki(settings.PKI_DIR, paksa=paksa)
        for path in hasil.dibuat:
            self.stdout.write(f"Dibuat: {path}")
        for pesan in hasil.peringatan:
            self.stderr.write(f"Peringatan: {pesan}")
        if not hasil.dibuat:
            self.stdout.write(
                f"Tidak ada yang dibuat: semua kunci sudah ada di {settings.PKI_DIR}."
            )
