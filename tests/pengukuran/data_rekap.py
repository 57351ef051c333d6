"""Satker with a published PK and quarters' figures, written straight to the database: the
matrix and roll-up tests read them, the workflow that produces them is tested elsewhere."""

import datetime
import secrets
from decimal import Decimal as D

from dokumen.models import Dokumen, StatusDokumen
from pengukuran.models import LaporanTriwulan, Realisasi, StatusLaporan
from perjanjian_kinerja.models import IndikatorPk
from tests.factories import KabKotaFactory, PkFactory, sasaran_pk


def satker_ber_pk(provinsi, nama=None, *, indikator=2, tahun=2024, baris=None):
    """A Kab/Kota of `provinsi` with a published PK of `tahun` (signing skipped: a status
    update; what is read is the status). Returns (satker, pk, its indicators in order)."""
    satker = KabKotaFactory(induk=provinsi, **({"nama": nama} if nama else {}))
    pk = PkFactory(satker=satker, tahun=tahun, baris=baris or sasaran_pk(1, indikator))
    Dokumen.objects.filter(pk=pk.pk).update(
        status=StatusDokumen.TERBIT, sha256="0" * 64, token_verifikasi=secrets.token_urlsafe(16)
    )
    daftar = list(
        IndikatorPk.objects.filter(sasaran__dokumen=pk).order_by("sasaran__urutan", "urutan")
    )
    return satker, pk, daftar


def isi(pk, tw, isian, oleh, status=StatusLaporan.DRAF):
    """The report of TW `tw` with `isian` ({indicator: {field: value}})."""
    laporan, _ = LaporanTriwulan.objects.get_or_create(
        satker=pk.satker, tahun=pk.tahun, tw=tw, defaults={"perjanjian": pk}
    )
    LaporanTriwulan.objects.filter(pk=laporan.pk).update(status=status)
    for indikator, data in isian.items():
        Realisasi.objects.create(laporan=laporan, indikator=indikator, diisi_oleh=oleh, **data)
    return laporan


def n(nilai) -> dict:
    return {"nilai": D(nilai)}


def pecahan(p, q) -> dict:
    return {"nilai": D(p) / D(q) * 100, "pembilang": D(p), "penyebut": D(q)}


TGL = datetime.date
