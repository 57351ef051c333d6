"""A background export job: the PDFs of a provinsi's documents of one year, in one ZIP."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from satker.models import Satker, Tingkat


class StatusEkspor(models.TextChoices):
    """antre → berjalan → selesai; a failed job stops at gagal."""

    ANTRE = "ANTRE", "Menunggu antrean"
    BERJALAN = "BERJALAN", "Sedang berjalan"
    SELESAI = "SELESAI", "Selesai"
    GAGAL = "GAGAL", "Gagal"


def lokasi_zip(batch: "EksporBatch", nama: str) -> str:
    """The ZIP sits in the job's own folder, beside its parts while they are made."""
    return f"ekspor/{batch.pk}/{nama}"


class EksporBatch(models.Model):
    """One "Unduh semua PDF" of a provinsi and year, and how far it has got."""

    diminta_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diminta oleh",
        on_delete=models.CASCADE,
        related_name="ekspor_batch",
    )
    provinsi = models.ForeignKey(
        Satker,
        verbose_name="provinsi",
        on_delete=models.CASCADE,
        related_name="ekspor_batch",
        limit_choices_to={"tingkat": Tingkat.PROVINSI},
    )
    tahun = models.PositiveSmallIntegerField(
        "tahun", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    status = models.CharField(
        "status", max_length=10, choices=StatusEkspor.choices, default=StatusEkspor.ANTRE
    )
    jumlah_total = models.PositiveIntegerField("jumlah dokumen", default=0)
    jumlah_selesai = models.PositiveIntegerField("dokumen selesai", default=0)
    berkas_zip = models.FileField("berkas ZIP", upload_to=lokasi_zip, blank=True, editable=False)
    pesan_galat = models.TextField("pesan galat", blank=True)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    # Moves with every finished document: a job whose last move is old has stopped moving.
    diperbarui = models.DateTimeField("terakhir bergerak", auto_now=True)
    # The documents of each part, fixed when the job is recorded: a resumed job renders only
    # the parts whose files are missing, with the same documents as before.
    bagian = models.JSONField("dokumen per bagian", default=list, blank=True, editable=False)
    # The runner's lease: the process running the job (or its last part) renews `detak` every
    # few seconds; a lease not renewed, or held by a process that is gone, means the job lost
    # its runner and may be resumed.
    pelaksana = models.CharField("pelaksana", max_length=200, blank=True, editable=False)
    detak = models.DateTimeField("detak terakhir", null=True, blank=True, editable=False)
    jumlah_lanjut = models.PositiveSmallIntegerField("dilanjutkan", default=0, editable=False)
    selesai_pada = models.DateTimeField("selesai pada", null=True, blank=True)

    class Meta:
        verbose_name = "ekspor PDF"
        verbose_name_plural = "ekspor PDF"
        ordering = ["-dibuat", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="ekspor_selesai_tidak_melebihi_total",
                condition=Q(jumlah_selesai__lte=F("jumlah_total")),
                violation_error_message="Dokumen selesai tidak boleh melebihi jumlah dokumen.",
            ),
            models.CheckConstraint(
                name="ekspor_tahun_wajar",
                condition=Q(tahun__gte=2000, tahun__lte=2100),
                violation_error_message="Tahun harus antara 2000 dan 2100.",
            ),
        ]

    def __str__(self) -> str:
        return f"Ekspor PDF {self.provinsi} {self.tahun} (#{self.pk})"

    @property
    def persen(self) -> int:
        """Progress in whole percent; an empty job that has finished is 100."""
        if self.jumlah_total == 0:
            return 100 if self.status == StatusEkspor.SELESAI else 0
        return self.jumlah_selesai * 100 // self.jumlah_total

    @property
    def berakhir(self) -> bool:
        return self.status in (StatusEkspor.SELESAI, StatusEkspor.GAGAL)
