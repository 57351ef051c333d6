"""Rows of the RKT (Rencana Kinerja Tahunan) and RAK (Rencana Aksi Kinerja) documents.

Every sasaran and row has a key (`kunci`, dokumen.baris.BarisBerkunci) it keeps for life. The
database holds a row's key unique under its sasaran; the services hold it unique in the whole
document, so a row keeps its key when it moves to another sasaran.
"""

from django.db import models
from django.db.models import Q

from dokumen.baris import BarisBerkunci, SasaranBerkunci, batasan_sasaran
from dokumen.models import Dokumen, TargetMixin
from dokumen.validasi import ANGGARAN_MAKSIMUM


class SasaranRkt(SasaranBerkunci):
    """A sasaran of an RKT; its indicators follow it on paper in one merged cell."""

    dokumen = models.ForeignKey(
        Dokumen, verbose_name="dokumen", on_delete=models.CASCADE, related_name="sasaran_rkt"
    )

    class Meta(SasaranBerkunci.Meta):
        verbose_name = "Rencana Kinerja Tahunan (sasaran)"
        verbose_name_plural = "Rencana Kinerja Tahunan (sasaran)"
        constraints = batasan_sasaran("sasaran_rkt")


class IndikatorRkt(BarisBerkunci, TargetMixin):
    """An indicator of an RKT sasaran, its target and the kegiatan aksi that serves it."""

    sasaran = models.ForeignKey(
        SasaranRkt, verbose_name="sasaran", on_delete=models.CASCADE, related_name="indikator"
    )
    urutan = models.PositiveSmallIntegerField("urutan")
    indikator = models.TextField("indikator kinerja")
    kegiatan_aksi = models.TextField("nama kegiatan aksi", blank=True)

    class Meta:
        verbose_name = "Rencana Kinerja Tahunan (indikator)"
        verbose_name_plural = "Rencana Kinerja Tahunan (indikator)"
        ordering = ["sasaran", "urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["sasaran", "urutan"],
                name="indikator_rkt_urutan_unik",
                violation_error_message="Urutan indikator sudah dipakai di sasaran ini.",
            ),
            models.UniqueConstraint(
                fields=["sasaran", "kunci"],
                name="indikator_rkt_kunci_unik",
                violation_error_message="Kunci baris sudah dipakai di sasaran ini.",
            ),
            models.CheckConstraint(
                name="indikator_rkt_terisi",
                condition=~Q(indikator=""),
                violation_error_message="Indikator kinerja wajib diisi.",
            ),
        ]

    def __str__(self) -> str:
        return self.indikator[:80]


class SasaranRak(SasaranBerkunci):
    """A sasaran of a RAK; its rows follow it on paper in one merged cell."""

    dokumen = models.ForeignKey(
        Dokumen, verbose_name="dokumen", on_delete=models.CASCADE, related_name="sasaran_rak"
    )

    class Meta(SasaranBerkunci.Meta):
        verbose_name = "Rencana Aksi Kinerja (sasaran)"
        verbose_name_plural = "Rencana Aksi Kinerja (sasaran)"
        constraints = batasan_sasaran("sasaran_rak")


class BarisRak(BarisBerkunci, TargetMixin):
    """One action row of a RAK: a kegiatan, the quarters it runs in, its budget and owner.

    A row with an empty `indikator` adds a kegiatan to the indicator of the row above it.
    """

    sasaran = models.ForeignKey(
        SasaranRak, verbose_name="sasaran", on_delete=models.CASCADE, related_name="baris"
    )
    urutan = models.PositiveSmallIntegerField("urutan")
    indikator = models.TextField("indikator kinerja", blank=True)
    kegiatan = models.TextField("kegiatan")
    target_kegiatan_aksi = models.CharField("target kegiatan aksi", max_length=100, blank=True)
    tw1 = models.BooleanField("triwulan I", default=False)
    tw2 = models.BooleanField("triwulan II", default=False)
    tw3 = models.BooleanField("triwulan III", default=False)
    tw4 = models.BooleanField("triwulan IV", default=False)
    anggaran = models.BigIntegerField("anggaran (Rp)", null=True, blank=True)
    pelaksana = models.CharField("pelaksana", max_length=150, blank=True)

    class Meta:
        verbose_name = "Rencana Aksi Kinerja (baris)"
        verbose_name_plural = "Rencana Aksi Kinerja (baris)"
        ordering = ["sasaran", "urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["sasaran", "urutan"],
                name="baris_rak_urutan_unik",
                violation_error_message="Urutan baris sudah dipakai di sasaran ini.",
            ),
            models.UniqueConstraint(
                fields=["sasaran", "kunci"],
                name="baris_rak_kunci_unik",
                violation_error_message="Kunci baris sudah dipakai di sasaran ini.",
            ),
            models.CheckConstraint(
                name="baris_rak_anggaran_wajar",
                condition=Q(anggaran__isnull=True)
                | Q(anggaran__gte=0, anggaran__lt=ANGGARAN_MAKSIMUM),
                violation_error_message="Anggaran tidak boleh negatif dan harus di bawah "
                "Rp1.000.000.000.000.000.",
            ),
            models.CheckConstraint(
                name="baris_rak_kegiatan_terisi",
                condition=~Q(kegiatan=""),
                violation_error_message="Kegiatan wajib diisi.",
            ),
        ]

    def __str__(self) -> str:
        return self.kegiatan[:80]

    @property
    def triwulan(self) -> list[bool]:
        return [self.tw1, self.tw2, self.tw3, self.tw4]
