"""Checking an uploaded PDF against the published record: the answer a citizen reads."""

import hashlib
from dataclasses import dataclass

from django.db import models

from dokumen.models import Dokumen


class Putusan(models.TextChoices):
    ASLI = "asli", "Asli"
    TIDAK_SESUAI = "tidak sesuai", "Tidak sesuai"
    TTD_TIDAK_VALID = "tanda tangan tidak valid", "Tanda tangan tidak valid"


@dataclass(frozen=True)
class HasilVerifikasi:
    putusan: Putusan
    penjelasan: str


def periksa_berkas(dokumen: Dokumen, pdf: bytes) -> HasilVerifikasi:
    """Asli when the file is byte for byte the published one and its signature validates."""
    from dokumen.tte import periksa_tanda_tangan

    tanda_tangan = periksa_tanda_tangan(pdf)
    sama = hashlib.sha256(pdf).hexdigest() == dokumen.sha256
    if tanda_tangan.ada_tanda_tangan and not tanda_tangan.valid:
        return HasilVerifikasi(
            Putusan.TTD_TIDAK_VALID,
            "Tanda tangan elektronik pada berkas ini tidak sah: berkas telah diubah setelah "
            "ditandatangani, atau sertifikatnya tidak dipercaya.",
        )
    if not sama:
        return HasilVerifikasi(
            Putusan.TIDAK_SESUAI,
            "Berkas ini bukan dokumen yang diterbitkan dengan kode verifikasi ini.",
        )
    if not tanda_tangan.valid:
        return HasilVerifikasi(Putusan.TTD_TIDAK_VALID, "Tanda tangan elektronik tidak ditemukan.")
    return HasilVerifikasi(
        Putusan.ASLI, "Berkas sama persis dengan dokumen terbit dan tanda tangannya sah."
    )
