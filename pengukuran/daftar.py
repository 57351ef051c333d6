"""What the measurement declares to the shared code below it (from PengukuranConfig.ready()):
the public page's lookup of a signed TW report by token, and `export_dokumen --jenis
pengukuran`."""

from typing import Any

from django.core.management.base import CommandError

from dokumen.keluaran import ArgumenTambahan, KeluaranTambahan
from dokumen.verifikasi import Terverifikasi
from perjanjian_kinerja.models import TRIWULAN

TEMPLATE_VERIFIKASI = "pengukuran/laporan_verifikasi.html"


def cari_laporan(token: str) -> Terverifikasi | None:
    """The signed TW report whose QR code holds `token`, for the public page and API."""
    from pengukuran.laporan import judul_laporan
    from pengukuran.models import BerkasLaporan
    from pengukuran.serializers_alur import VerifikasiLaporanSerializer

    berkas = (
        BerkasLaporan.objects.select_related("laporan__satker")
        .prefetch_related("tanda_tangan")
        .filter(token_verifikasi=token)
        .first()
    )
    if berkas is None:
        return None
    catatan = list(berkas.tanda_tangan.all())
    return Terverifikasi(
        terbit=True,
        sha256=berkas.sha256,
        catatan=catatan,
        template=TEMPLATE_VERIFIKASI,
        konteks={
            "berkas": berkas,
            "laporan": berkas.laporan,
            "judul": judul_laporan(berkas.laporan),
            "tanda_tangan": catatan,
        },
        data_api=VerifikasiLaporanSerializer(berkas).data,
    )


def tulis_pengukuran(options: dict[str, Any]) -> tuple[bytes, str]:
    """`export_dokumen --jenis pengukuran`: the TW report, signed when signed, else a DRAF."""
    from pengukuran.laporan import judul_laporan
    from pengukuran.models import LaporanTriwulan
    from pengukuran.pdf import pdf_laporan
    from pengukuran.services import pk_terbit
    from pengukuran.ttd import berkas_laporan
    from satker.models import Satker

    tw, tahun = options.get("tw"), options["tahun"]
    if tw is None:
        raise CommandError("--jenis pengukuran memerlukan --tw (triwulan 1 sampai 4).")
    if tw not in TRIWULAN:
        raise CommandError(f"--tw harus 1 sampai 4, bukan {tw}.")
    satker = Satker.objects.filter(kode=options["satker"]).first()
    if satker is None:
        raise CommandError(f"Satker {options['satker']} tidak dikenal.")
    laporan = (
        LaporanTriwulan.objects.select_related("satker", "perjanjian")
        .filter(satker=satker, tahun=tahun, tw=tw)
        .first()
    )
    if laporan is None:
        if pk_terbit(satker, tahun) is None:
            raise CommandError(
                f"Satker {satker.kode} belum mempunyai Perjanjian Kinerja {tahun} yang terbit: "
                "tidak ada laporan pengukuran."
            )
        raise CommandError(
            f"Tidak ada laporan pengukuran TW {tw} {tahun} untuk satker {satker.kode}."
        )
    status = "ditandatangani" if berkas_laporan(laporan) else laporan.get_status_display()
    return pdf_laporan(laporan), f"{judul_laporan(laporan)} {satker} ({status})"


PENGUKURAN = KeluaranTambahan(
    jenis="pengukuran",
    argumen=(
        ArgumenTambahan("--tw", {"type": int, "help": "triwulan 1–4 (hanya --jenis pengukuran)"}),
    ),
    tulis=tulis_pengukuran,
)
