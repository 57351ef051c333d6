"""Writes: sending a notification (the bell and, through the queue, email), reading, the
switches."""

import logging
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from notifikasi.antrean import antrekan_surel
from notifikasi.models import JenisNotifikasi, Notifikasi, PengaturanNotifikasi, Saluran
from notifikasi.selectors import saluran_mati
from satker.akses import Pengguna

log = logging.getLogger(__name__)


def notifikasi_kirim(
    *,
    penerima: Iterable,
    jenis: JenisNotifikasi,
    judul: str,
    teks: str = "",
    tautan: str,
    kecuali: Pengguna | None = None,
) -> list[Notifikasi]:
    """Tell each of `penerima` (not `kecuali`, who did it) on the channels they left on:
    a row for the bell, and an email queued once this transaction commits."""
    akun = {u.pk: u for u in penerima if kecuali is None or u.pk != kecuali.pk}
    if not akun:
        return []
    mati = saluran_mati(akun, jenis)
    judul = judul[:200]
    dibuat = Notifikasi.objects.bulk_create(
        Notifikasi(penerima=u, jenis=jenis, judul=judul, teks=teks, tautan=tautan)
        for pk, u in akun.items()
        if (pk, Saluran.SITUS) not in mati
    )
    surel = [
        {
            "ke": u.email,
            "konteks": {
                "nama": u.get_full_name() or u.get_username(),
                "judul": judul,
                "teks": teks,
                "tautan": tautan,
                "jenis": JenisNotifikasi(jenis).label,
            },
        }
        for pk, u in akun.items()
        if u.email and (pk, Saluran.SUREL) not in mati
    ]
    if surel:
        transaction.on_commit(lambda: antrekan_surel(surel), robust=True)
    return dibuat


def notifikasi_baca(*, notifikasi: Notifikasi) -> Notifikasi:
    """Mark one read (the first reading counts)."""
    if notifikasi.dibaca_pada is None:
        notifikasi.dibaca_pada = timezone.now()
        notifikasi.save(update_fields=["dibaca_pada"])
    return notifikasi


def notifikasi_baca_semua(*, user: Pengguna) -> int:
    return Notifikasi.objects.filter(penerima_id=user.pk, dibaca_pada__isnull=True).update(
        dibaca_pada=timezone.now()
    )


@transaction.atomic
def pengaturan_simpan(*, user: Pengguna, aktif: set[tuple[str, str]]) -> None:
    """Keep exactly the (kind, channel) pairs in `aktif` on; a row only for each one off."""
    PengaturanNotifikasi.objects.filter(user_id=user.pk).delete()
    PengaturanNotifikasi.objects.bulk_create(
        PengaturanNotifikasi(user_id=user.pk, jenis=j, saluran=s, aktif=False)
        for j in JenisNotifikasi.values
        for s in Saluran.values
        if (j, s) not in aktif
    )


def notifikasi_bersihkan(*, sebelum) -> int:
    """Delete notifications read before `sebelum` (the bell's list stays short)."""
    jumlah, _ = Notifikasi.objects.filter(dibaca_pada__lt=sebelum).delete()
    return jumlah
