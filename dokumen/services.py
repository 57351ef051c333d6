"""Writes of the shared document record."""

import datetime

from dokumen.models import Dokumen, PresisiTanggal
from satker.models import Pejabat, Satker


def dokumen_buat(
    *,
    satker: Satker,
    jenis: str,
    tahun: int,
    versi: int = 1,
    label_lampiran: str = "",
    tahun_anggaran: int | None = None,
    tempat_ttd: str = "",
    tanggal_ttd: datetime.date | None = None,
    tanggal_ttd_presisi: str = PresisiTanggal.HARI,
    penandatangan: Pejabat | None = None,
) -> Dokumen:
    if penandatangan is not None and penandatangan.satker_id != satker.pk:
        raise ValueError("Penandatangan harus pejabat satker pemilik dokumen.")
    dokumen = Dokumen(
        satker=satker,
        jenis=jenis,
        tahun=tahun,
        versi=versi,
        label_lampiran=label_lampiran,
        tahun_anggaran=tahun_anggaran,
        tempat_ttd=tempat_ttd,
        tanggal_ttd=tanggal_ttd,
        tanggal_ttd_presisi=tanggal_ttd_presisi,
        penandatangan=penandatangan,
    )
    dokumen.full_clean()
    dokumen.save()
    return dokumen
