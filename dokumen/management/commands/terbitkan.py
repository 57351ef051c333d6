from django.core.management.base import BaseCommand, CommandError

from dokumen.alur import TransisiDitolak, dokumen_terbitkan_langsung
from dokumen.management.commands._pilih import ambil_dokumen, tambah_argumen_dokumen
from dokumen.penandatanganan import url_verifikasi


class Command(BaseCommand):
    help = "Ajukan, setujui dan tandatangani dokumen sebagai pejabat satkernya, lalu terbitkan."

    def add_arguments(self, parser):
        tambah_argumen_dokumen(parser, dengan_versi=False)

    def handle(self, *args, **options):
        dokumen = ambil_dokumen(options)
        try:
            dokumen = dokumen_terbitkan_langsung(dokumen=dokumen)
        except TransisiDitolak as alasan:
            raise CommandError(f"{dokumen} tidak dapat diterbitkan: {alasan}") from None
        self.stdout.write(
            f"{dokumen} terbit. Verifikasi: {url_verifikasi(dokumen.token_verifikasi)}"
        )
