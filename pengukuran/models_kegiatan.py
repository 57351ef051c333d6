"""What a satker did with its RAK in one quarter (issue 14): per kegiatan whether it was
carried out, a note and the money spent (`RealisasiKegiatan`).

An entry belongs to the same TW report as the indicators' figures, so it shares the report's
workflow, window and lock (`suntingan`). It points at a row of the RAK in force; when a RAK
revision is published the entry follows its row by the row's `kunci`
(pengukuran.services_kegiatan). Serapan is never stored: `pengukuran.serapan` computes it.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from pengukuran.models import LaporanTriwulan
from rencana_aksi.models import BarisRak


class StatusKegiatan(models.TextChoices):
    TERLAKSANA = "TERLAKSANA", "Terlaksana"
    SEBAGIAN = "SEBAGIAN", "Terlaksana sebagian"
    TIDAK = "TIDAK", "Tidak terlaksana"


class RealisasiKegiatan(models.Model):
    """One RAK kegiatan in one quarter: done or not, a note, and that quarter's own spending
    (cumulative serapan is summed by `pengukuran.serapan`)."""

    laporan = models.ForeignKey(
        LaporanTriwulan,
        verbose_name="laporan",
        on_delete=models.CASCADE,
        related_name="realisasi_kegiatan",
    )
    baris = models.ForeignKey(
        BarisRak,
        verbose_name="kegiatan RAK",
        on_delete=models.PROTECT,
        related_name="realisasi",
    )
    status = models.CharField("pelaksanaan", max_length=10, choices=StatusKegiatan.choices)
    catatan = models.TextField("catatan", blank=True)
    realisasi_anggaran = models.DecimalField(
        "realisasi anggaran (Rp)", max_digits=17, decimal_places=2, null=True, blank=True
    )
    diisi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diisi oleh",
        on_delete=models.PROTECT,
        related_name="+",
    )
    diisi_pada = models.DateTimeField("diisi pada", auto_now=True)

    class Meta:
        verbose_name = "realisasi kegiatan"
        verbose_name_plural = "realisasi kegiatan"
        ordering = ["laporan", "baris__sasaran__urutan", "baris__urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["laporan", "baris"],
                name="realisasi_kegiatan_unik_per_laporan",
                violation_error_message="Realisasi kegiatan ini sudah ada di laporan ini.",
            ),
            models.CheckConstraint(
                name="realisasi_kegiatan_anggaran_wajar",
                condition=Q(realisasi_anggaran__isnull=True)
                | Q(realisasi_anggaran__gte=Decimal(0)),
                violation_error_message="Realisasi anggaran tidak boleh negatif.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.baris} — {self.laporan}"
