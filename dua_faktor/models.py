"""The audit history of the second factor: who set up, renewed or reset whose device, when.
The devices themselves are django-otp's (`TOTPDevice`, `StaticDevice` with its codes)."""

from django.conf import settings
from django.db import models


class AksiDuaFaktor(models.TextChoices):
    PASANG = "PASANG", "Aplikasi autentikator dipasang"
    KODE_PEMULIHAN = "KODE_PEMULIHAN", "Kode pemulihan dibuat"
    ATUR_ULANG = "ATUR_ULANG", "Verifikasi dua langkah diatur ulang"


class JejakDuaFaktor(models.Model):
    """One change of a user's second factor. Written by `dua_faktor.services` only."""

    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pengguna",
        on_delete=models.CASCADE,
        related_name="jejak_dua_faktor",
    )
    aksi = models.CharField("aksi", max_length=20, choices=AksiDuaFaktor.choices)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="oleh",
        on_delete=models.PROTECT,
        related_name="+",
    )
    waktu = models.DateTimeField("waktu", auto_now_add=True)

    class Meta:
        verbose_name = "riwayat verifikasi dua langkah"
        verbose_name_plural = "riwayat verifikasi dua langkah"
        ordering = ["-waktu", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_aksi_display()}: {self.pengguna}"
