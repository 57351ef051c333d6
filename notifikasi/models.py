"""Notifications: one per recipient (the bell), each user's switches per kind and channel, and
the record of reminders already sent (so the daily command sends each once)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from perjanjian_kinerja.models import NAMA_TRIWULAN


class JenisNotifikasi(models.TextChoices):
    MENUNGGU_PERSETUJUAN = "MENUNGGU_PERSETUJUAN", "Dokumen atau laporan menunggu persetujuan Anda"
    MENUNGGU_TANDA_TANGAN = "MENUNGGU_TANDA_TANGAN", "Dokumen menunggu tanda tangan Anda"
    DIKEMBALIKAN = "DIKEMBALIKAN", "Dokumen atau laporan satker Anda dikembalikan"
    CATATAN_REVIU = "CATATAN_REVIU", "Catatan reviu baru pada dokumen satker Anda"
    JAWABAN_REVIU = "JAWABAN_REVIU", "Catatan reviu Anda dijawab"
    TERBIT = "TERBIT", "Dokumen diterbitkan"
    JENDELA_DIBUKA = "JENDELA_DIBUKA", "Masa pelaporan triwulan dibuka"
    JENDELA_SEGERA_DITUTUP = "JENDELA_SEGERA_DITUTUP", "Masa pelaporan ditutup dalam 3 hari"
    JENDELA_DITUTUP = "JENDELA_DITUTUP", "Masa pelaporan ditutup, laporan belum diajukan"


class Saluran(models.TextChoices):
    SITUS = "SITUS", "Di situs"
    SUREL = "SUREL", "Surel"


class Notifikasi(models.Model):
    """One message to one user: what happened (kind, title, text) and where to look."""

    penerima = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="penerima",
        on_delete=models.CASCADE,
        related_name="notifikasi",
    )
    jenis = models.CharField("jenis", max_length=30, choices=JenisNotifikasi.choices)
    judul = models.CharField("judul", max_length=200)
    teks = models.TextField("teks", blank=True)
    tautan = models.CharField("tautan", max_length=300, help_text="Alamat di situs ini.")
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    dibaca_pada = models.DateTimeField("dibaca pada", null=True, blank=True)

    class Meta:
        verbose_name = "notifikasi"
        verbose_name_plural = "notifikasi"
        ordering = ["-dibuat", "-pk"]
        indexes = [
            models.Index(fields=["penerima", "-dibuat"], name="notifikasi_penerima_idx"),
            # The bell counts only these, on every page.
            models.Index(
                fields=["penerima"],
                condition=Q(dibaca_pada__isnull=True),
                name="notifikasi_belum_dibaca_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.penerima}: {self.judul}"


class PengaturanNotifikasi(models.Model):
    """A user's switch for one kind on one channel; without a row the switch is on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pengguna",
        on_delete=models.CASCADE,
        related_name="pengaturan_notifikasi",
    )
    jenis = models.CharField("jenis", max_length=30, choices=JenisNotifikasi.choices)
    saluran = models.CharField("saluran", max_length=10, choices=Saluran.choices)
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = "pengaturan notifikasi"
        verbose_name_plural = "pengaturan notifikasi"
        ordering = ["user", "jenis", "saluran"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "jenis", "saluran"],
                name="pengaturan_notifikasi_unik",
                violation_error_message="Pengaturan ini sudah ada.",
            ),
        ]

    def __str__(self) -> str:
        keadaan = "aktif" if self.aktif else "mati"
        return f"{self.user}: {self.get_jenis_display()} ({self.get_saluran_display()}) {keadaan}"


class PengingatTerkirim(models.Model):
    """A reminder of one kind about one satker's TW, sent to one user: never sent again."""

    jenis = models.CharField("jenis", max_length=30, choices=JenisNotifikasi.choices)
    satker = models.ForeignKey(
        "satker.Satker", verbose_name="satker", on_delete=models.CASCADE, related_name="+"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    tw = models.PositiveSmallIntegerField("triwulan", choices=list(NAMA_TRIWULAN.items()))
    penerima = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="penerima",
        on_delete=models.CASCADE,
        related_name="+",
    )
    dikirim = models.DateTimeField("dikirim", auto_now_add=True)

    class Meta:
        verbose_name = "pengingat terkirim"
        verbose_name_plural = "pengingat terkirim"
        ordering = ["-dikirim", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["jenis", "satker", "tahun", "tw", "penerima"],
                name="pengingat_sekali",
                violation_error_message="Pengingat ini sudah dikirim.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {NAMA_TRIWULAN[self.tw]} {self.tahun} {self.satker}"
