"""`manage.py muat_contoh_pengukuran`: the demo's sample measurement (pengukuran.contoh), run by
`make db` after the fixtures, the demo accounts and the dev PKI; a second run changes nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dokumen.penolakan import TransisiDitolak
from pengukuran.contoh import muat_contoh_pengukuran


class Command(BaseCommand):
    help = (
        "Isi data contoh pengukuran Lebak 2024 untuk demo: program dan anggaran PK, terbitkan "
        "PK, isi dan ajukan realisasi TW I. Ditolak bila DEBUG mati."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Data contoh hanya untuk pemakaian lokal (DEBUG=1).")
        try:
            hasil = muat_contoh_pengukuran()
        except (ValueError, TransisiDitolak) as alasan:
            raise CommandError(str(alasan)) from None
        self.stdout.write(hasil.ringkasan)
