"""Arguments shared by the document commands: which satker, type, year and version."""

from collections.abc import Sequence

from django.core.management.base import CommandError, CommandParser

from dokumen.jenis import kode_jenis
from dokumen.models import Dokumen


def tambah_argumen_dokumen(
    parser: CommandParser, *, dengan_versi: bool, jenis_lain: Sequence[str] = ()
) -> None:
    """`jenis_lain`: more `--jenis` values than the document types (dokumen.keluaran)."""
    parser.add_argument("--satker", required=True, help="kode satker, mis. kab-lebak")
    parser.add_argument(
        "--jenis", required=True, choices=[kode.lower() for kode in kode_jenis()] + list(jenis_lain)
    )
    parser.add_argument("--tahun", required=True, type=int)
    if dengan_versi:
        parser.add_argument("--versi", type=int, help="bawaan: versi terbaru")


def ambil_dokumen(options: dict) -> Dokumen:
    dokumen = Dokumen.objects.select_related("satker", "penandatangan").filter(
        satker__kode=options["satker"], jenis=options["jenis"].upper(), tahun=options["tahun"]
    )
    if options.get("versi"):
        dokumen = dokumen.filter(versi=options["versi"])
    terpilih = dokumen.order_by("-versi").first()
    if terpilih is None:
        versi = f" versi {options['versi']}" if options.get("versi") else ""
        raise CommandError(
            f"Tidak ada {options['jenis'].upper()} {options['tahun']}{versi} "
            f"untuk satker {options['satker']}."
        )
    return terpilih
