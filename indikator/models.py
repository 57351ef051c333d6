"""Rows of an IKU (Indikator Kinerja Utama) document."""

from django.db import models
from django.db.models import Q

from dokumen.baris import BarisBerkunci
from dokumen.models import Dokumen, TargetMixin


class BarisIku(BarisBerkunci, TargetMixin):
    """One row of an IKU table, in paper order.

    A row with an empty `nomor` continues the row above it (the paper merges their sasaran
    cells). `program` names the budget program group the row sits under, when the satker
    groups its IKU by program. `kunci` identifies the row for life (dokumen.baris).
    """

    dokumen = models.ForeignKey(
        Dokumen, verbose_name="dokumen", on_delete=models.CASCADE, related_name="baris_iku"
    )
    urutan = models.PositiveSmallIntegerField("urutan")
    program = models.CharField(
        "kelompok program",
        max_length=200,
        blank=True,
        help_text="Mis. “PROGRAM DUKUNGAN MANAJEMEN [076.01.WA]”.",
    )
    nomor = models.CharField("nomor", max_length=10, blank=True)
    sasaran = models.TextField("sasaran strategis", blank=True)
    indikator = models.TextField("indikator kinerja / uraian", blank=True)
    cara_penghitungan = models.TextField("cara penghitungan", blank=True)
    sumber_data = models.TextField("sumber data", blank=True)
    keterangan = models.TextField("keterangan", blank=True)

    class Meta:
        verbose_name = "Indikator Kinerja Utama (baris)"
        verbose_name_plural = "Indikator Kinerja Utama (baris)"
        ordering = ["dokumen", "urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["dokumen", "urutan"],
                name="baris_iku_urutan_unik",
                violation_error_message="Urutan baris sudah dipakai di dokumen ini.",
            ),
            models.UniqueConstraint(
                fields=["dokumen", "kunci"],
                name="baris_iku_kunci_unik",
                violation_error_message="Kunci baris sudah dipakai di dokumen ini.",
            ),
            models.CheckConstraint(
                name="baris_iku_berisi",
                condition=~Q(sasaran="", indikator="", keterangan=""),
                violation_error_message="Isi sasaran, indikator, atau keterangan.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nomor} {self.indikator or self.sasaran or self.keterangan}"[:80]
