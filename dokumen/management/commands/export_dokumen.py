from pathlib import Path

from django.core.management.base import BaseCommand

from dokumen.management.commands._pilih import ambil_dokumen, tambah_argumen_dokumen
from dokumen.unduh import pdf_dokumen


class Command(BaseCommand):
    help = (
        "Tulis dokumen sebagai PDF: PDF bertanda tangan yang tersimpan bila sudah terbit, "
        "selain itu pratinjau bertanda DRAF."
    )

    def add_arguments(self, parser):
        tambah_argumen_dokumen(parser, dengan_versi=True)
        parser.add_argument("--out", required=True, type=Path)

    def handle(self, *args, **options):
        dokumen = ambil_dokumen(options)
        options["out"].write_bytes(pdf_dokumen(dokumen))
        self.stdout.write(f"{dokumen} ({dokumen.get_status_display()}) → {options['out']}")
