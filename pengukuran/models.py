"""What a satker reports after each quarter: its TW report (`LaporanTriwulan`) against its
published PK, and one `Realisasi` per PK indicator; and the satker's measurement settings
(`AturanPengukuran`: the cap and the score of an unmet scale, DOMAIN.md §4).

The report's workflow (`pengukuran.alur`) records each step in `RiwayatLaporan`; the reporting
windows (`JendelaPelaporan`, `PembukaanKembali`) say when entries may be made
(`pengukuran.jendela`).

Capaian is never stored: `pengukuran.capaian` computes it from these figures and the PK's
targets wherever it is shown, so a corrected figure or a changed setting cannot leave a stale
number behind.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from dokumen.models import Dokumen
from perjanjian_kinerja.models import NAMA_TRIWULAN, IndikatorPk
from satker.models import Satker, Tingkat


class BatasCapaian(models.TextChoices):
    TANPA = "TANPA", "Tanpa batas"
    SERATUS = "100", "Paling tinggi 100 %"
    SERATUS_DUA_PULUH = "120", "Paling tinggi 120 %"


class AturanPengukuran(models.Model):
    """A satker's measurement settings; a satker without one measures by the defaults."""

    satker = models.OneToOneField(
        Satker, verbose_name="satker", on_delete=models.CASCADE, related_name="aturan_pengukuran"
    )
    batas = models.CharField(
        "batas capaian",
        max_length=5,
        choices=BatasCapaian.choices,
        default=BatasCapaian.TANPA,
        help_text="Capaian di atas batas dicatat apa adanya dan ditampilkan sebesar batasnya.",
    )
    skor_tidak_tercapai = models.DecimalField(
        "skor kualitatif tidak tercapai",
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        help_text="Capaian (%) indikator kualitatif yang belum mencapai targetnya.",
    )
    # In the version of every cached page and roll-up (pengukuran.versi): a new cap shows at once.
    diubah = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        verbose_name = "aturan pengukuran"
        verbose_name_plural = "aturan pengukuran"
        ordering = ["satker__nama"]
        constraints = [
            models.CheckConstraint(
                name="aturan_pengukuran_skor_wajar",
                condition=Q(skor_tidak_tercapai__gte=0, skor_tidak_tercapai__lt=100),
                violation_error_message="Skor “tidak tercapai” harus antara 0 dan kurang dari "
                "100 %%.",
            )
        ]

    def __str__(self) -> str:
        return f"Aturan pengukuran {self.satker}"


class StatusLaporan(models.TextChoices):
    DRAF = "DRAF", "Draf"
    DIAJUKAN = "DIAJUKAN", "Diajukan"
    DISETUJUI = "DISETUJUI", "Disetujui"


class LaporanTriwulan(models.Model):
    """A satker's report of one quarter of a year, against its published PK (`perjanjian`)."""

    satker = models.ForeignKey(
        Satker, verbose_name="satker", on_delete=models.PROTECT, related_name="laporan_triwulan"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    tw = models.PositiveSmallIntegerField("triwulan", choices=list(NAMA_TRIWULAN.items()))
    perjanjian = models.ForeignKey(
        Dokumen,
        verbose_name="perjanjian kinerja",
        on_delete=models.PROTECT,
        related_name="laporan_triwulan",
    )
    status = models.CharField(
        "status", max_length=10, choices=StatusLaporan.choices, default=StatusLaporan.DRAF
    )
    suntingan = models.PositiveIntegerField(
        "nomor suntingan",
        default=0,
        editable=False,
        help_text="Naik setiap kali laporan disimpan; mencegah suntingan saling menimpa.",
    )
    bukti_diperiksa_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="bukti diperiksa oleh",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    bukti_diperiksa_pada = models.DateTimeField("bukti diperiksa pada", null=True, blank=True)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    diubah = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        verbose_name = "laporan triwulan"
        verbose_name_plural = "laporan triwulan"
        ordering = ["satker__nama", "-tahun", "tw"]
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "tahun", "tw"],
                name="laporan_triwulan_unik",
                violation_error_message="Laporan triwulan ini sudah ada untuk satker ini.",
            ),
            models.CheckConstraint(
                name="laporan_triwulan_tw_1_4",
                condition=Q(tw__gte=1, tw__lte=4),
                violation_error_message="Triwulan harus 1 sampai 4.",
            ),
            models.CheckConstraint(
                name="laporan_triwulan_bukti_lengkap",
                condition=Q(bukti_diperiksa_oleh__isnull=True, bukti_diperiksa_pada__isnull=True)
                | Q(bukti_diperiksa_oleh__isnull=False, bukti_diperiksa_pada__isnull=False),
                violation_error_message="Pemeriksa dan waktu pemeriksaan bukti diisi bersama.",
            ),
        ]

    def __str__(self) -> str:
        return f"Laporan {NAMA_TRIWULAN[self.tw]} {self.tahun} {self.satker}"

    @property
    def bisa_diubah(self) -> bool:
        return self.status == StatusLaporan.DRAF


class Realisasi(models.Model):
    """What one PK indicator achieved in one quarter: that quarter's own figure (a cumulative
    indicator's quarters are summed by the engine), or a value of its scale; optionally the
    numerator and denominator of a percentage; or marked not measurable, with the reason."""

    laporan = models.ForeignKey(
        LaporanTriwulan,
        verbose_name="laporan",
        on_delete=models.CASCADE,
        related_name="realisasi",
    )
    indikator = models.ForeignKey(
        IndikatorPk, verbose_name="indikator", on_delete=models.PROTECT, related_name="realisasi"
    )
    nilai = models.DecimalField("realisasi", max_digits=20, decimal_places=4, null=True, blank=True)
    nilai_skala = models.CharField("realisasi (skala)", max_length=10, blank=True)
    pembilang = models.DecimalField(
        "pembilang", max_digits=20, decimal_places=4, null=True, blank=True
    )
    penyebut = models.DecimalField(
        "penyebut", max_digits=20, decimal_places=4, null=True, blank=True
    )
    tidak_terukur = models.BooleanField("tidak dapat diukur", default=False)
    alasan_tidak_terukur = models.TextField("alasan tidak dapat diukur", blank=True)
    catatan = models.TextField("catatan", blank=True)
    kendala = models.TextField("kendala", blank=True)
    solusi = models.TextField("solusi / tindak lanjut", blank=True)
    diisi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diisi oleh",
        on_delete=models.PROTECT,
        related_name="+",
    )
    diisi_pada = models.DateTimeField("diisi pada", auto_now=True)

    class Meta:
        verbose_name = "realisasi"
        verbose_name_plural = "realisasi"
        ordering = ["laporan", "indikator__sasaran__urutan", "indikator__urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["laporan", "indikator"],
                name="realisasi_unik_per_laporan",
                violation_error_message="Realisasi indikator ini sudah ada di laporan ini.",
            ),
            models.CheckConstraint(
                name="realisasi_satu_bentuk",
                condition=Q(nilai__isnull=True) | Q(nilai_skala=""),
                violation_error_message="Realisasi berupa angka atau nilai skala, bukan keduanya.",
            ),
            models.CheckConstraint(
                name="realisasi_pecahan_lengkap",
                condition=Q(pembilang__isnull=True, penyebut__isnull=True)
                | Q(pembilang__isnull=False, penyebut__gt=0),
                violation_error_message="Pembilang dan penyebut diisi bersama; penyebut lebih "
                "dari 0.",
            ),
            models.CheckConstraint(
                name="realisasi_tidak_terukur_beralasan",
                condition=Q(tidak_terukur=False) | ~Q(alasan_tidak_terukur=""),
                violation_error_message="Tuliskan alasan indikator tidak dapat diukur.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator} — {self.laporan}"

    @property
    def terisi(self) -> bool:
        return self.nilai is not None or bool(self.nilai_skala) or self.tidak_terukur


class AksiLaporan(models.TextChoices):
    AJUKAN = "AJUKAN", "Diajukan"
    SETUJUI = "SETUJUI", "Disetujui"
    KEMBALIKAN = "KEMBALIKAN", "Dikembalikan"
    TANDAI_BUKTI = "TANDAI_BUKTI", "Bukti ditandai sudah diperiksa"
    BUKA_KEMBALI = "BUKA_KEMBALI", "Masa pelaporan dibuka kembali"


class RiwayatLaporan(models.Model):
    """One workflow step of a TW report: who did what, when, with which note (as
    `dokumen.RiwayatDokumen` for documents). Written by `pengukuran.alur` only."""

    laporan = models.ForeignKey(
        LaporanTriwulan, verbose_name="laporan", on_delete=models.CASCADE, related_name="riwayat"
    )
    aksi = models.CharField("aksi", max_length=15, choices=AksiLaporan.choices)
    dari_status = models.CharField("dari status", max_length=10, choices=StatusLaporan.choices)
    ke_status = models.CharField("ke status", max_length=10, choices=StatusLaporan.choices)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="oleh",
        on_delete=models.PROTECT,
        related_name="riwayat_laporan",
    )
    waktu = models.DateTimeField("waktu", auto_now_add=True)
    catatan = models.TextField("catatan", blank=True)

    class Meta:
        verbose_name = "riwayat alur laporan"
        verbose_name_plural = "riwayat alur laporan"
        ordering = ["laporan", "waktu", "pk"]

    def __str__(self) -> str:
        return f"{self.laporan}: {self.get_aksi_display()} oleh {self.oleh}"


class JendelaPelaporan(models.Model):
    """When a TW of a year may be reported: set by KPU RI for every satker (`provinsi` empty),
    or by a KPU Provinsi for the Kab/Kota under it, which overrides the national one."""

    tahun = models.PositiveSmallIntegerField("tahun")
    tw = models.PositiveSmallIntegerField("triwulan", choices=list(NAMA_TRIWULAN.items()))
    provinsi = models.ForeignKey(
        Satker,
        verbose_name="KPU Provinsi",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jendela_pelaporan",
        help_text="Kosong: berlaku nasional (ditetapkan KPU RI).",
    )
    dibuka = models.DateField("tanggal dibuka")
    ditutup = models.DateField(
        "tanggal ditutup", help_text="Masa pelaporan berakhir pada akhir hari ini (WIB)."
    )
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ditetapkan oleh",
        on_delete=models.PROTECT,
        related_name="+",
    )
    diubah = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        verbose_name = "masa pelaporan"
        verbose_name_plural = "masa pelaporan"
        ordering = ["-tahun", "tw", "provinsi__nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["tahun", "tw", "provinsi"],
                condition=Q(provinsi__isnull=False),
                name="jendela_pelaporan_unik_provinsi",
                violation_error_message="Masa pelaporan triwulan ini sudah ditetapkan untuk "
                "provinsi ini.",
            ),
            models.UniqueConstraint(
                fields=["tahun", "tw"],
                condition=Q(provinsi__isnull=True),
                name="jendela_pelaporan_unik_nasional",
                violation_error_message="Masa pelaporan nasional triwulan ini sudah ditetapkan.",
            ),
            models.CheckConstraint(
                name="jendela_pelaporan_urutan_tanggal",
                condition=Q(ditutup__gte=models.F("dibuka")),
                violation_error_message="Tanggal ditutup tidak boleh sebelum tanggal dibuka.",
            ),
            models.CheckConstraint(
                name="jendela_pelaporan_tw_1_4",
                condition=Q(tw__gte=1, tw__lte=4),
                violation_error_message="Triwulan harus 1 sampai 4.",
            ),
            models.CheckConstraint(
                name="jendela_pelaporan_tahun_wajar",
                condition=Q(tahun__gte=2000, tahun__lte=2100),
                violation_error_message="Tahun harus antara 2000 dan 2100.",
            ),
        ]

    def __str__(self) -> str:
        berlaku = self.provinsi.nama if self.provinsi_id else "Nasional"
        return f"Masa pelaporan {NAMA_TRIWULAN[self.tw]} {self.tahun} — {berlaku}"

    def clean(self) -> None:
        # A window binds the Kab/Kota under a provinsi; no other level sets one.
        if self.provinsi_id is not None and self.provinsi.tingkat != Tingkat.PROVINSI:
            raise ValidationError({"provinsi": "Pilih satker tingkat KPU Provinsi."})


class PembukaanKembali(models.Model):
    """A reviewer reopens one satker's TW after its window, with a reason: entries are allowed
    until the end of `sampai` (WIB). The latest date of a satker's TW counts."""

    satker = models.ForeignKey(
        Satker, verbose_name="satker", on_delete=models.CASCADE, related_name="pembukaan_kembali"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    tw = models.PositiveSmallIntegerField("triwulan", choices=list(NAMA_TRIWULAN.items()))
    alasan = models.TextField("alasan")
    sampai = models.DateField("dibuka sampai")
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="oleh", on_delete=models.PROTECT, related_name="+"
    )
    waktu = models.DateTimeField("waktu", auto_now_add=True)

    class Meta:
        verbose_name = "pembukaan kembali masa pelaporan"
        verbose_name_plural = "pembukaan kembali masa pelaporan"
        ordering = ["-waktu", "-pk"]
        indexes = [models.Index(fields=["satker", "tahun", "tw"], name="pembukaan_kembali_tw_idx")]
        constraints = [
            models.CheckConstraint(
                name="pembukaan_kembali_beralasan",
                condition=~Q(alasan=""),
                violation_error_message="Tuliskan alasan masa pelaporan dibuka kembali.",
            ),
            models.CheckConstraint(
                name="pembukaan_kembali_tw_1_4",
                condition=Q(tw__gte=1, tw__lte=4),
                violation_error_message="Triwulan harus 1 sampai 4.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.satker} {NAMA_TRIWULAN[self.tw]} {self.tahun} dibuka sampai {self.sampai}"


# Evidence files and the signed report live in their own modules; imported here so Django
# finds the models.
from pengukuran.models_bukti import BuktiDukung  # noqa: E402, F401
from pengukuran.models_kegiatan import RealisasiKegiatan, StatusKegiatan  # noqa: E402, F401
from pengukuran.models_ttd import BerkasLaporan, TandaTanganLaporan  # noqa: E402, F401
