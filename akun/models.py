"""Invitations to an account of a satker, and the audit history of its accounts.

The account itself is Django's user with its `satker.ProfilPengguna`; it is created when the
invitee accepts (`akun.services.undangan_terima`), never before: a pending, expired or revoked
invitation leaves no half-made account behind.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from satker.models import Pejabat, Peran, Satker


class StatusUndangan(models.TextChoices):
    MENUNGGU = "MENUNGGU", "Menunggu"
    DITERIMA = "DITERIMA", "Diterima"
    DICABUT = "DICABUT", "Dicabut"


class Undangan(models.Model):
    """An invitation by email to an account with a role at a satker.

    Only the SHA-256 of the link's token is stored; re-sending replaces it (the old link dies).
    A link works while the invitation waits and has not expired, once.
    """

    satker = models.ForeignKey(
        Satker, verbose_name="satker", on_delete=models.PROTECT, related_name="undangan"
    )
    email = models.EmailField("alamat surel", max_length=254)
    nama = models.CharField("nama lengkap", max_length=150)
    peran = models.CharField("peran", max_length=20, choices=Peran.choices)
    pejabat = models.ForeignKey(
        Pejabat,
        verbose_name="pejabat",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    token_hash = models.CharField("hash token", max_length=64, unique=True, editable=False)
    status = models.CharField(
        "status", max_length=10, choices=StatusUndangan.choices, default=StatusUndangan.MENUNGGU
    )
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    dikirim = models.DateTimeField("terakhir dikirim")
    kedaluwarsa = models.DateTimeField("berlaku sampai")
    diundang_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diundang oleh",
        on_delete=models.PROTECT,
        related_name="+",
    )
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="akun",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Akun yang dibuat saat undangan diterima.",
    )

    class Meta:
        verbose_name = "undangan"
        verbose_name_plural = "undangan"
        ordering = ["-dikirim", "-pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=Q(status=StatusUndangan.MENUNGGU),
                name="undangan_surel_menunggu_unik",
                violation_error_message="Sudah ada undangan yang menunggu untuk alamat ini.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} — {self.get_peran_display()} {self.satker}"


class AksiAkun(models.TextChoices):
    UNDANG = "UNDANG", "Undangan dikirim"
    KIRIM_ULANG = "KIRIM_ULANG", "Undangan dikirim ulang"
    CABUT = "CABUT", "Undangan dicabut"
    TERIMA = "TERIMA", "Undangan diterima, akun aktif"
    NONAKTIF = "NONAKTIF", "Akun dinonaktifkan"
    AKTIFKAN = "AKTIFKAN", "Akun diaktifkan kembali"
    UBAH = "UBAH", "Peran atau pejabat diubah"


class JejakAkun(models.Model):
    """One change of a satker's accounts or invitations: who, when, what, before and after.
    Written by `akun.services` only, never edited."""

    satker = models.ForeignKey(
        Satker, verbose_name="satker", on_delete=models.PROTECT, related_name="jejak_akun"
    )
    aksi = models.CharField("aksi", max_length=12, choices=AksiAkun.choices)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="oleh",
        on_delete=models.PROTECT,
        related_name="+",
    )
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="akun",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jejak_akun",
    )
    undangan = models.ForeignKey(
        Undangan,
        verbose_name="undangan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jejak",
    )
    waktu = models.DateTimeField("waktu", auto_now_add=True, db_index=True)
    ringkasan = models.TextField("ringkasan")
    sebelum = models.JSONField("sebelum", encoder=DjangoJSONEncoder, default=dict)
    sesudah = models.JSONField("sesudah", encoder=DjangoJSONEncoder, default=dict)

    class Meta:
        verbose_name = "riwayat akun"
        verbose_name_plural = "riwayat akun"
        ordering = ["-waktu", "-pk"]

    def __str__(self) -> str:
        return f"{self.satker}: {self.ringkasan[:60]}"
