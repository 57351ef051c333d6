"""`manage.py backup --out cadangan.tar.gz`: the whole database and MEDIA_ROOT in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kpu_kinerja.cadangan import CadanganTidakValid, buat_cadangan


class Command(BaseCommand):
    help = (
        "Cadangkan seluruh basis data (satker, dokumen, akun, token API, jejak) dan berkas media "
        "(PDF bertanda tangan) ke satu arsip .tar.gz dengan manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--out", required=True, type=Path, help="Berkas arsip yang ditulis (.tar.gz)."
        )

    def handle(self, *args, out: Path, **options):
        try:
            manifest = buat_cadangan(out)
        except CadanganTidakValid as alasan:
            raise CommandError(str(alasan)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Cadangan ditulis ke {out}: {sum(manifest['jumlah'].values())} baris data, "
                f"{len(manifest['media'])} berkas media."
            )
        )
