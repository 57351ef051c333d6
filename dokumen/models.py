"""The document record shared by every performance document (IKU, RKT, RAK, later PK)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q

from dokumen.jenis import JenisTerdaftar, jenis_terdaftar, pilihan_jenis
from dokumen.kotak import KotakTtd
from dokumen.target import baca_target
from satker.models import Jabatan, Pejabat, Satker, StatusJabatan, awalan_status_jabatan


class StatusDokumen(models.TextChoices):
    """draf → diajukan → disetujui → terbit; a returned document goes back to draf."""

    DRAF = "DRAF", "Draf"
    DIAJUKAN = "DIAJUKAN", "Diajukan"
    DISETUJUI = "DISETUJUI", "Disetujui"
    TERBIT = "TERBIT", "Terbit"


class PresisiTanggal(models.TextChoices):
    """Some seeds are dated to the month only ("Buntok, Januari 2024")."""

    HARI = "HARI", "Lengkap (tanggal, bulan, tahun)"
    BULAN = "BULAN", "Bulan dan tahun saja"


class Dokumen(models.Model):
    """One version of one satker's document of one type for one year."""

    satker = models.ForeignKey(
        Satker, verbose_name="satker", on_delete=models.PROTECT, related_name="dokumen"
    )
    # The registered types (dokumen.jenis): a new type app adds its own, with no change here.
    jenis = models.CharField("jenis dokumen", max_length=5, choices=pilihan_jenis)
    tahun = models.PositiveSmallIntegerField("tahun")
    versi = models.PositiveSmallIntegerField("versi", default=1)
    status = models.CharField(
        "status", max_length=15, choices=StatusDokumen.choices, default=StatusDokumen.DRAF
    )
    label_lampiran = models.CharField(
        "label lampiran", max_length=40, blank=True, help_text="Mis. “LAMPIRAN 1”."
    )
    tahun_anggaran = models.PositiveSmallIntegerField(
        "tahun anggaran",
        null=True,
        blank=True,
        help_text="Hanya bila kepala dokumen mencantumkan tahun anggaran sendiri.",
    )
    tempat_ttd = models.CharField("tempat penandatanganan", max_length=80, blank=True)
    tanggal_ttd = models.DateField("tanggal penandatanganan", null=True, blank=True)
    tanggal_ttd_presisi = models.CharField(
        "presisi tanggal",
        max_length=5,
        choices=PresisiTanggal.choices,
        default=PresisiTanggal.HARI,
    )
    penandatangan = models.ForeignKey(
        Pejabat,
        verbose_name="penandatangan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dokumen_ditandatangani",
    )
    alasan_revisi = models.TextField(
        "alasan revisi", blank=True, help_text="Wajib untuk versi 2 dan seterusnya."
    )
    token_verifikasi = models.CharField(
        "token verifikasi", max_length=32, unique=True, null=True, blank=True, editable=False
    )
    berkas_pdf = models.FileField(
        "PDF bertanda tangan", upload_to="dokumen/%Y/", blank=True, editable=False
    )
    sha256 = models.CharField("SHA-256 PDF", max_length=64, blank=True, editable=False)
    ditandatangani_pada = models.DateTimeField(
        "ditandatangani pada", null=True, blank=True, editable=False
    )
    suntingan = models.PositiveIntegerField(
        "nomor suntingan",
        default=0,
        editable=False,
        help_text="Naik setiap kali dokumen disimpan; mencegah suntingan saling menimpa.",
    )
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    diubah = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        verbose_name = "dokumen"
        verbose_name_plural = "dokumen"
        ordering = ["satker__nama", "-tahun", "jenis", "-versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "jenis", "tahun", "versi"],
                name="dokumen_unik_per_versi",
                violation_error_message="Dokumen jenis ini untuk tahun dan versi tersebut "
                "sudah ada di satker ini.",
            ),
            models.CheckConstraint(
                name="dokumen_tahun_wajar",
                condition=Q(tahun__gte=2000, tahun__lte=2100),
                violation_error_message="Tahun harus antara 2000 dan 2100.",
            ),
            models.CheckConstraint(
                name="dokumen_terbit_bertanda_tangan",
                condition=~Q(status="TERBIT") | (~Q(sha256="") & Q(token_verifikasi__isnull=False)),
                violation_error_message="Dokumen terbit harus mempunyai PDF bertanda tangan.",
            ),
            models.CheckConstraint(
                name="dokumen_versi_positif",
                condition=Q(versi__gte=1),
                violation_error_message="Versi dimulai dari 1.",
            ),
        ]
        indexes = [models.Index(fields=["tahun", "jenis", "status"], name="dokumen_cari_idx")]

    def __str__(self) -> str:
        versi = f" (versi {self.versi})" if self.versi > 1 else ""
        return f"{self.jenis} {self.tahun} {self.satker}{versi}"

    @property
    def jenis_terdaftar(self) -> JenisTerdaftar:
        """This document's type as its app declared it (dokumen.jenis)."""
        return jenis_terdaftar(self.jenis)

    @property
    def judul(self) -> str:
        """The title as pages print it: "PERJANJIAN KINERJA PERUBAHAN (PK) TAHUN 2024"."""
        revisi = self.jenis_terdaftar.sebutan_revisi if self.versi > 1 else ""
        sebutan = f" {revisi}" if revisi else ""
        return f"{self.get_jenis_display()}{sebutan} ({self.jenis}) TAHUN {self.tahun}".upper()

    @property
    def terbit(self) -> bool:
        """Signed and published: frozen for good."""
        return self.status == StatusDokumen.TERBIT

    @property
    def bisa_diubah(self) -> bool:
        """Only drafts are edited; every other state is read-only."""
        return self.status == StatusDokumen.DRAF

    def clean(self) -> None:
        # The signatory is one of the satker's own officials, whichever way the link was set
        # (editor, API, admin): another satker's official could otherwise sign for it.
        if (
            self.penandatangan_id is not None
            and self.satker_id is not None
            and self.penandatangan.satker_id != self.satker_id
        ):
            raise ValidationError({"penandatangan": PESAN_PENANDATANGAN_LAIN})
        if self.penandatangan_id is not None and self.jenis:
            self._pihak_pertama_bukan_pihak_lain()

    def _pihak_pertama_bukan_pihak_lain(self) -> None:
        # A later party is the satker's official of its jabatan (the PK's Ketua as Pihak
        # Kedua): the first party cannot hold that jabatan, or one person would sign twice.
        pihak = self.jenis_terdaftar.pihak_ttd
        for lain in pihak[1:]:
            if self.penandatangan.jabatan == lain.jabatan_bawaan:
                jabatan = Jabatan(lain.jabatan_bawaan).label
                raise ValidationError(
                    {
                        "penandatangan": f"{jabatan} menandatangani sebagai "
                        f"{PihakTandaTangan(lain.pihak).label}; pilih pejabat lain sebagai "
                        f"{PihakTandaTangan(pihak[0].pihak).label}."
                    }
                )


PESAN_PENANDATANGAN_LAIN = "Penandatangan harus pejabat satker pemilik dokumen."


class PihakTandaTangan(models.TextChoices):
    """Who signs in which capacity: one signatory for IKU/RKT/RAK; the PK's two parties."""

    PENANDATANGAN = "PENANDATANGAN", "Penandatangan"
    PIHAK_PERTAMA = "PIHAK_PERTAMA", "Pihak Pertama"
    PIHAK_KEDUA = "PIHAK_KEDUA", "Pihak Kedua"


class TandaTangan(models.Model):
    """One party's signature on a document, as printed in its PDF.

    The signatory's name, NIP and jabatan are copied here when the PDF is rendered (at the
    first party's signature, for every party) and never change: the verification page and the
    API read this record, not the live official, so an official renamed later cannot rewrite
    who signed. `pejabat` stays as a link for lookups. A party that has not signed yet has no
    `waktu`; `kotak` is where its signature goes in the stored PDF, so a later party signs the
    file the first one stored, at the box printed for it.
    """

    dokumen = models.ForeignKey(
        Dokumen, verbose_name="dokumen", on_delete=models.PROTECT, related_name="tanda_tangan"
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=1)
    pihak = models.CharField(
        "pihak",
        max_length=20,
        choices=PihakTandaTangan.choices,
        default=PihakTandaTangan.PENANDATANGAN,
    )
    pejabat = models.ForeignKey(
        Pejabat,
        verbose_name="pejabat",
        on_delete=models.PROTECT,
        related_name="tanda_tangan",
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
    waktu = models.DateTimeField(
        "waktu penandatanganan", null=True, blank=True, help_text="Kosong: belum ditandatangani."
    )
    kotak = models.JSONField(
        "kotak tanda tangan",
        null=True,
        blank=True,
        editable=False,
        help_text="Halaman (mulai 0) dan persegi (titik PDF) kotak tanda tangan pihak ini.",
    )

    class Meta:
        verbose_name = "tanda tangan"
        verbose_name_plural = "tanda tangan"
        ordering = ["dokumen", "urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["dokumen", "urutan"],
                name="tanda_tangan_unik_per_urutan",
                violation_error_message="Dokumen ini sudah ditandatangani pada urutan tersebut.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dokumen}: {self.nama}"

    @property
    def awalan_status(self) -> str:
        return awalan_status_jabatan(self.status_jabatan)

    @property
    def sudah(self) -> bool:
        """Whether this party has signed (else it is the snapshot printed for it)."""
        return self.waktu is not None

    @property
    def kotak_ttd(self) -> KotakTtd | None:
        """Where this party's signature goes in the stored PDF."""
        return KotakTtd(**self.kotak) if self.kotak else None


class TargetMixin(models.Model):
    """A target kept as written, plus the number and unit read from it when there is one."""

    target = models.CharField("target", max_length=100, blank=True)
    target_nilai = models.DecimalField(
        "nilai target", max_digits=20, decimal_places=4, null=True, blank=True, editable=False
    )
    target_satuan = models.CharField("satuan target", max_length=30, blank=True, editable=False)

    class Meta:
        abstract = True

    def baca_target(self) -> None:
        """Fill the parsed number and unit from `target`; called by the services before save."""
        terbaca = baca_target(self.target)
        self.target_nilai = terbaca.nilai
        self.target_satuan = terbaca.satuan


class AksiDokumen(models.TextChoices):
    AJUKAN = "AJUKAN", "Diajukan"
    SETUJUI = "SETUJUI", "Disetujui"
    KEMBALIKAN = "KEMBALIKAN", "Dikembalikan"
    TERBITKAN = "TERBITKAN", "Ditandatangani dan diterbitkan"
    # A party's signature before the last one's: the document stays approved.
    TANDATANGANI = "TANDATANGANI", "Ditandatangani"
    BUAT_REVISI = "BUAT_REVISI", "Revisi dibuat"


class RiwayatDokumen(models.Model):
    """One workflow step of a document: who did what, when, with which note."""

    dokumen = models.ForeignKey(
        Dokumen, verbose_name="dokumen", on_delete=models.CASCADE, related_name="riwayat"
    )
    aksi = models.CharField("aksi", max_length=15, choices=AksiDokumen.choices)
    dari_status = models.CharField("dari status", max_length=15, choices=StatusDokumen.choices)
    ke_status = models.CharField("ke status", max_length=15, choices=StatusDokumen.choices)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="oleh",
        on_delete=models.PROTECT,
        related_name="riwayat_dokumen",
    )
    waktu = models.DateTimeField("waktu", auto_now_add=True)
    catatan = models.TextField("catatan", blank=True)

    class Meta:
        verbose_name = "riwayat alur dokumen"
        verbose_name_plural = "riwayat alur dokumen"
        ordering = ["dokumen", "waktu", "pk"]

    def __str__(self) -> str:
        return f"{self.dokumen}: {self.get_aksi_display()} oleh {self.oleh}"


class CatatanReviu(models.Model):
    """A reviewer's note on a document, or on one of its rows, and the satker's answer.

    A note names its row by the row's key (`kunci_bagian`, dokumen.baris), which the row keeps
    through every save, and keeps the row's label as it was when the note was written
    (`bagian`), shown when the row is gone. Rows of several models carry keys, so this is the
    key itself rather than a foreign key.
    """

    dokumen = models.ForeignKey(
        Dokumen, verbose_name="dokumen", on_delete=models.CASCADE, related_name="catatan_reviu"
    )
    kunci_bagian = models.UUIDField(
        "kunci baris",
        null=True,
        blank=True,
        help_text="Kunci baris yang dimaksud; kosong = seluruh dokumen.",
    )
    bagian = models.CharField(
        "bagian",
        max_length=300,
        blank=True,
        help_text="Label baris saat catatan ditulis; kosong = dokumen.",
    )
    isi = models.TextField("catatan")
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="oleh",
        on_delete=models.PROTECT,
        related_name="catatan_reviu",
    )
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    jawaban = models.TextField("jawaban", blank=True)
    dijawab_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dijawab oleh",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jawaban_reviu",
    )
    dijawab_pada = models.DateTimeField("dijawab pada", null=True, blank=True)
    selesai = models.BooleanField("selesai", default=False)

    class Meta:
        verbose_name = "catatan reviu"
        verbose_name_plural = "catatan reviu"
        ordering = ["dokumen", "selesai", "dibuat", "pk"]
        constraints = [
            models.CheckConstraint(
                name="catatan_reviu_berisi",
                condition=~Q(isi=""),
                violation_error_message="Catatan wajib diisi.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dokumen}: {self.isi[:60]}"


class JenisPerubahan(models.TextChoices):
    BUAT = "BUAT", "Dibuat"
    SIMPAN = "SIMPAN", "Disimpan"
    TRANSISI = "TRANSISI", "Langkah alur kerja"
    REVISI = "REVISI", "Versi baru"
    HAPUS = "HAPUS", "Dihapus"


class JejakPerubahan(models.Model):
    """One change to a document or its rows: who, when, a summary, and the state before/after.

    Written by the services (`dokumen.jejak.catat_perubahan`), never edited. Rows are replaced as
    a whole on each save, so the snapshots hold the rows as data (`dokumen.baris.data_baris`).
    A deleted draft keeps its history: `dokumen` becomes empty while `satker` and `nama_dokumen`
    still say whose and which document it was.
    """

    dokumen = models.ForeignKey(
        Dokumen,
        verbose_name="dokumen",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jejak",
    )
    satker = models.ForeignKey(
        Satker, verbose_name="satker", on_delete=models.PROTECT, related_name="jejak_dokumen"
    )
    nama_dokumen = models.CharField("nama dokumen", max_length=200)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="oleh",
        on_delete=models.PROTECT,
        related_name="jejak_perubahan",
    )
    waktu = models.DateTimeField("waktu", auto_now_add=True, db_index=True)
    jenis = models.CharField("jenis perubahan", max_length=10, choices=JenisPerubahan.choices)
    ringkasan = models.TextField("ringkasan")
    sebelum = models.JSONField("sebelum", null=True, blank=True, encoder=DjangoJSONEncoder)
    sesudah = models.JSONField("sesudah", encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = "jejak perubahan dokumen"
        verbose_name_plural = "jejak perubahan dokumen"
        ordering = ["-waktu", "-pk"]

    def __str__(self) -> str:
        return f"{self.nama_dokumen}: {self.get_jenis_display()} oleh {self.oleh}"
