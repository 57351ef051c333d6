"""A file uploaded for an import, kept between its preview and the user's confirmation."""

from django.conf import settings
from django.db import models

from satker.models import Satker


class BerkasImpor(models.Model):
    """The bytes of one upload, read again when the user confirms (the preview is not trusted
    from the browser). Each user keeps only their latest; pertukaran.services removes the rest
    and any older than a day."""

    pemilik = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pengunggah",
        on_delete=models.CASCADE,
        related_name="berkas_impor",
    )
    satker = models.ForeignKey(
        Satker, verbose_name="satker", on_delete=models.CASCADE, related_name="berkas_impor"
    )
    jenis = models.CharField("jenis dokumen", max_length=10)
    tahun = models.PositiveSmallIntegerField("tahun")
    nama = models.CharField("nama berkas", max_length=200)
    isi = models.BinaryField("isi")
    diunggah = models.DateTimeField("diunggah", auto_now_add=True)

    class Meta:
        verbose_name = "berkas impor"
        verbose_name_plural = "berkas impor"

    def __str__(self) -> str:
        return f"{self.nama} ({self.jenis} {self.tahun})"
