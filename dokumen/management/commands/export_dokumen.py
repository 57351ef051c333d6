from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dokumen.keluaran import semua_format, semua_keluaran
from dokumen.management.commands._pilih import ambil_dokumen, tambah_argumen_dokumen
from dokumen.unduh import pdf_dokumen

FORMAT_PDF = "pdf"


def _nama_opsi(flag: str) -> str:
    return flag.lstrip("-").replace("-", "_")


class Command(BaseCommand):
    help = (
        "Tulis dokumen sebagai PDF: PDF bertanda tangan yang tersimpan bila sudah terbit, "
        "selain itu pratinjau bertanda DRAF. --format xlsx menulis isinya sebagai Excel."
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
        # Formats registered by the apps above (dokumen.keluaran.daftarkan_format), e.g. xlsx.
        parser.add_argument(
            "--format",
            default=FORMAT_PDF,
            choices=[FORMAT_PDF, *(f.nama for f in semua_format())],
            help="bawaan: pdf",
        )

    def handle(self, *args, **options):
        tambahan = {k.jenis: k for k in semua_keluaran()}
        keluaran = tambahan.get(options["jenis"])
        for lain in tambahan.values():
            for argumen in lain.argumen:
                if lain is not keluaran and options.get(_nama_opsi(argumen.nama)) is not None:
                    raise CommandError(f"{argumen.nama} hanya untuk --jenis {lain.jenis}.")
        if keluaran is not None:
            if options["format"] != FORMAT_PDF:
                raise CommandError(
                    f"--format {options['format']} belum tersedia untuk --jenis {keluaran.jenis}."
                )
            if options.get("versi") is not None:
                raise CommandError(f"--versi tidak berlaku untuk --jenis {keluaran.jenis}.")
            pdf, keterangan = keluaran.tulis(options)
            options["out"].write_bytes(pdf)
            self.stdout.write(f"{keterangan} → {options['out']}")
            return
        dokumen = ambil_dokumen(options)
        if options["format"] == FORMAT_PDF:
            isi = pdf_dokumen(dokumen)
        else:
            format_keluaran = next(f for f in semua_format() if f.nama == options["format"])
            try:
                isi = format_keluaran.tulis(dokumen)
            except ValueError as galat:  # a type without that layout
                raise CommandError(str(galat)) from None
        options["out"].write_bytes(isi)
        self.stdout.write(f"{dokumen} ({dokumen.get_status_display()}) → {options['out']}")
