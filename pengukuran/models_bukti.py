"""Bukti dukung: the files that back a reported figure (issue 14).

A file belongs to exactly one entry: a realisasi of a PK indicator or of a RAK kegiatan (two
nullable foreign keys, the constraint below holding one of them). The satker is kept on the row
itself, so the access rule and the storage folder read it the same way whichever entry a file
belongs to.

The stored name is random (`secrets.token_hex`) under the satker's folder: nothing in it is
guessable or comes from the user. The original name, the kind read from the bytes, the size,
the SHA-256 and who uploaded it when are recorded; the file is checked against them wherever
it is listed or served (`pengukuran.selectors_bukti.keadaan_berkas`).
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

from pengukuran.jenis_berkas import SEMUA_JENIS
from pengukuran.models import Realisasi
from pengukuran.models_kegiatan import RealisasiKegiatan
from satker.models import Satker


def lokasi_bukti(bukti: "BuktiDukung", nama: str) -> str:
    """bukti/<satker>/<32 random hex>.<kind's ending>: per satker, not guessable."""
    akhiran = JENIS_AKHIRAN.get(bukti.jenis_isi, "")
    return f"bukti/{bukti.satker.kode}/{secrets.token_hex(16)}{akhiran}"


JENIS_AKHIRAN = {j.mime: j.akhiran[0] for j in SEMUA_JENIS}


class BuktiDukung(models.Model):
    """One evidence file of an entry, as uploaded."""

    satker = models.ForeignKey(
        Satker, verbose_name="satker", on_delete=models.PROTECT, related_name="bukti_dukung"
    )
    # PROTECT: emptying a figure with evidence is refused (pengukuran.services), never a
    # silent loss of its files.
    realisasi = models.ForeignKey(
        Realisasi,
        verbose_name="realisasi",
        on_delete=models.PROTECT,
        related_name="bukti",
        null=True,
        blank=True,
    )
    realisasi_kegiatan = models.ForeignKey(
        RealisasiKegiatan,
        verbose_name="realisasi kegiatan",
        on_delete=models.PROTECT,
        related_name="bukti",
        null=True,
        blank=True,
    )
    berkas = models.FileField("berkas", upload_to=lokasi_bukti, max_length=255, editable=False)
    nama_asli = models.CharField("nama berkas", max_length=255)
    jenis_isi = models.CharField(
        "jenis isi", max_length=100, choices=[(j.mime, j.nama) for j in SEMUA_JENIS]
    )
    ukuran = models.PositiveBigIntegerField("ukuran (bita)")
    sha256 = models.CharField("SHA-256", max_length=64)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diunggah oleh",
        on_delete=models.PROTECT,
        related_name="+",
    )
    diunggah_pada = models.DateTimeField("diunggah pada", auto_now_add=True)

    class Meta:
        verbose_name = "bukti dukung"
        verbose_name_plural = "bukti dukung"
        ordering = ["diunggah_pada", "pk"]
        constraints = [
            models.CheckConstraint(
                name="bukti_dukung_punya_isian",
                condition=Q(realisasi__isnull=False, realisasi_kegiatan__isnull=True)
                | Q(realisasi__isnull=True, realisasi_kegiatan__isnull=False),
                violation_error_message="Bukti dukung harus milik tepat satu realisasi: "
                "indikator atau kegiatan.",
            ),
            models.CheckConstraint(
                name="bukti_dukung_tidak_kosong",
                condition=Q(ukuran__gt=0),
                violation_error_message="Berkas bukti dukung tidak boleh kosong.",
            ),
        ]

    def __str__(self) -> str:
        return self.nama_asli

    @property
    def isian(self) -> "Realisasi | RealisasiKegiatan":
        """The entry the file backs, whichever of the two it is."""
        return self.realisasi if self.realisasi_id else self.realisasi_kegiatan
