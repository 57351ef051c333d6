from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dokumen.keluaran import semua_keluaran
from dokumen.management.commands._pilih import ambil_dokumen, tambah_argumen_dokumen
from dokumen.unduh import pdf_dokumen


def _nama_opsi(flag: str) -> str:
    return flag.lstrip("-").replace("-", "_")


class Command(BaseCommand):
    help = (
        "Tulis dokumen sebagai PDF: PDF bertanda tangan yang tersimpan bila sudah terbit, "
        "selain itu pratinjau bertanda DRAF."
    )

    def add_arguments(self, parser):
        # Outputs registered by the apps above (dokumen.keluaran): more --jenis values, each
        # with its own flags, refused for the other values.
        tambahan = semua_keluaran()
        tambah_argumen_dokumen(parser, dengan_versi=True, jenis_lain=[k.jenis for k in tambahan])
        for keluaran in tambahan:
            for argumen in keluaran.argumen:
                parser.add_argument(argumen.nama, **argumen.opsi)
        parser.add_argument("--out", required=True, type=Path)

    def handle(self, *args, **options):
        tambahan = {k.jenis: k for k in semua_keluaran()}
        keluaran = tambahan.get(options["jenis"])
        for lain in tambahan.values():
            for argumen in lain.argumen:
                if lain is not keluaran and options.get(_nama_opsi(argumen.nama)) is not None:
                    raise CommandError(f"{argumen.nama} hanya untuk --jenis {lain.jenis}.")
        if keluaran is not None:
            if options.get("versi") is not None:
                raise CommandError(f"--versi tidak berlaku untuk --jenis {keluaran.jenis}.")
            pdf, keterangan = keluaran.tulis(options)
            options["out"].write_bytes(pdf)
            self.stdout.write(f"{keterangan} → {options['out']}")
            return
        dokumen = ambil_dokumen(options)
        options["out"].write_bytes(pdf_dokumen(dokumen))
        self.stdout.write(f"{dokumen} ({dokumen.get_status_display()}) → {options['out']}")
