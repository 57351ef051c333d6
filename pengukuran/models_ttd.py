"""The signed TW report: its stored PDF (`BerkasLaporan`, with its SHA-256 and the token its
QR code holds) and the signature records on it (`TandaTanganLaporan`, snapshots of the
official as printed, like `dokumen.TandaTangan`). Imported at the end of pengukuran.models.

A report with a `BerkasLaporan` is frozen: the PDF states its figures for good
(`pengukuran.ttd.laporan_terkunci`).
"""

from django.conf import settings
from django.db import models

from dokumen.kotak import KotakTtd
from satker.models import Jabatan, Pejabat, StatusJabatan, awalan_status_jabatan


class BerkasLaporan(models.Model):
    """The signed PDF of one TW report, stored once and served as stored."""

    laporan = models.OneToOneField(
        "pengukuran.LaporanTriwulan",
        verbose_name="laporan",
        on_delete=models.PROTECT,
        related_name="berkas_ttd",
    )
    berkas_pdf = models.FileField("PDF bertanda tangan", upload_to="pengukuran/%Y/")
    sha256 = models.CharField("SHA-256 PDF", max_length=64)
    token_verifikasi = models.CharField("token verifikasi", max_length=32, unique=True)
    tanggal_ttd = models.DateField("tanggal penandatanganan")
    tempat_ttd = models.CharField("tempat penandatanganan", max_length=80)
    ditandatangani_pada = models.DateTimeField("ditandatangani pada")
    ditandatangani_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ditandatangani oleh (akun)",
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "berkas laporan bertanda tangan"
        verbose_name_plural = "berkas laporan bertanda tangan"
        ordering = ["-ditandatangani_pada"]
        constraints = [
            models.CheckConstraint(
                name="berkas_laporan_bertanda",
                condition=~models.Q(sha256="") & ~models.Q(token_verifikasi=""),
                violation_error_message="Laporan bertanda tangan harus mempunyai SHA-256 dan "
                "token verifikasi.",
            )
        ]

    def __str__(self) -> str:
        return f"PDF {self.laporan}"


class TandaTanganLaporan(models.Model):
    """One signature on a TW report's PDF: the official as printed (never the live record, so
    a later rename cannot rewrite who signed) and the certificate used."""

    berkas = models.ForeignKey(
        BerkasLaporan,
        verbose_name="berkas",
        on_delete=models.CASCADE,
        related_name="tanda_tangan",
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=1)
    pejabat = models.ForeignKey(
        Pejabat, verbose_name="pejabat", on_delete=models.PROTECT, related_name="+"
    )
    nama = models.CharField("nama", max_length=150)
    nip = models.CharField("NIP", max_length=18, blank=True)
    jabatan = models.CharField("jabatan", max_length=12, choices=Jabatan.choices)
    status_jabatan = models.CharField(
        "status jabatan", max_length=10, choices=StatusJabatan.choices
    )
    sebutan_jabatan = models.TextField("sebutan jabatan pada tanda tangan")
    nama_sertifikat = models.CharField("nama pada sertifikat", max_length=200, blank=True)
    subjek_sertifikat = models.TextField("subjek sertifikat", blank=True)
    nomor_seri_sertifikat = models.CharField("nomor seri sertifikat", max_length=64, blank=True)
    sidik_jari_sertifikat = models.CharField(
        "sidik jari sertifikat (SHA-256)", max_length=64, blank=True
    )
    waktu = models.DateTimeField("waktu penandatanganan", null=True, blank=True)
    kotak = models.JSONField("kotak tanda tangan", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "tanda tangan laporan"
        verbose_name_plural = "tanda tangan laporan"
        ordering = ["berkas", "urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["berkas", "urutan"],
                name="tanda_tangan_laporan_unik_per_urutan",
                violation_error_message="Laporan ini sudah ditandatangani pada urutan tersebut.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.berkas.laporan}: {self.nama}"

    @property
    def awalan_status(self) -> str:
        return awalan_status_jabatan(self.status_jabatan)

    @property
    def sudah(self) -> bool:
        return self.waktu is not None

    @property
    def kotak_ttd(self) -> KotakTtd | None:
        return KotakTtd(**self.kotak) if self.kotak else None
