from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from dokumen.fixture import muat_fixture


class Command(BaseCommand):
    help = "Muat satker dan dokumen contoh dari fixtures/ (yang sudah ada tidak diubah)."

    def add_arguments(self, parser):
        parser.add_argument("--folder", type=Path, default=settings.BASE_DIR / "fixtures")

    def handle(self, *args, folder: Path, **options):
        hasil = muat_fixture(folder)
        self.stdout.write(
            f"Satker baru: {len(hasil.satker_baru)}, dokumen baru: {len(hasil.dokumen_baru)}, "
            f"sudah ada (dilewati): {len(hasil.dilewati)}."
        )
