"""Rows of the Perjanjian Kinerja (PK): sasaran → indikator with their targets (per year and
per quarter), the programs with their anggaran, and each satker's wording of the agreement.

What a next issue computes capaian from is stored, never guessed from the text (DOMAIN.md §4):
an indicator's polarity (`polaritas`), how its quarters combine (`agregasi`) and, for a
qualitative one, its scale (`skala`). "Persentase penurunan nilai temuan" reads like "lower is
better" and is not: the user says which.

Every sasaran, indicator and program has a key (`kunci`, dokumen.baris.BarisBerkunci) it keeps
for life; an indicator made from an RKT row also remembers that row's key (`asal_rkt`).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from dokumen.baris import BarisBerkunci, SasaranBerkunci, batasan_sasaran
from dokumen.models import Dokumen, TargetMixin
from dokumen.target import baca_target, peringatan_target
from dokumen.validasi import ANGGARAN_MAKSIMUM
from satker.models import Satker

# The editor and the API refuse an indicator without a target (the agreement promises one for
# each); "Buat PK dari RKT" may still copy an RKT draft's gap, which the checklist then names.
PESAN_TARGET_WAJIB = "Target wajib diisi: perjanjian kinerja menjanjikan target setiap indikator."


def target_tercetak(teks: str, satuan: str) -> str:
    """A target as written, with the indicator's satuan after a bare number ("3" of Laporan →
    "3 Laporan", "85" of % → "85%"). A text that names a unit ("100 %", "12 Laporan") or holds
    no number ("WTP", "minimal B") prints as written, so no unit is doubled or corrected."""
    teks, satuan = teks.strip(), satuan.strip()
    if not teks or not satuan:
        return teks
    terbaca = baca_target(teks)
    if terbaca.nilai is None or terbaca.satuan:
        return teks
    return f"{teks}{satuan}" if satuan == "%" else f"{teks} {satuan}"


class Polaritas(models.TextChoices):
    """Which way an indicator is good: the formula of its capaian (DOMAIN.md §4).

    NAIK: capaian = R/T. TURUN: capaian = (2 − R/T). RENTANG: met inside [batas_bawah,
    batas_atas], measured against the bound passed. KUALITATIF: a value of a named scale
    (`skala`), met when at or above the target's rank ("minimal B").
    """

    NAIK = "NAIK", "Semakin tinggi semakin baik"
    TURUN = "TURUN", "Semakin rendah semakin baik"
    RENTANG = "RENTANG", "Dalam rentang"
    KUALITATIF = "KUALITATIF", "Kualitatif (skala)"


class Skala(models.TextChoices):
    """The ordinal scale of a qualitative indicator; its values, best first, in NILAI_SKALA."""

    OPINI_BPK = "OPINI_BPK", "Opini BPK (WTP > WDP > TW > TMP)"
    PREDIKAT = "PREDIKAT", "Predikat (AA > A > BB > B > CC > C > D)"


NILAI_SKALA: dict[str, tuple[str, ...]] = {
    Skala.OPINI_BPK: ("WTP", "WDP", "TW", "TMP"),
    Skala.PREDIKAT: ("AA", "A", "BB", "B", "CC", "C", "D"),
}


class Agregasi(models.TextChoices):
    """How an indicator's quarters make its year: what TW I–IV targets mean.

    KUMULATIF: each quarter's figure is the running total (3/6/9/12), so TW IV is the year.
    TERAKHIR: the year is the last quarter's value (a percentage reached by December).
    RATA_RATA: the year is the mean of the four quarters.
    """

    KUMULATIF = "KUMULATIF", "Jumlah kumulatif"
    TERAKHIR = "TERAKHIR", "Nilai triwulan terakhir"
    RATA_RATA = "RATA_RATA", "Rata-rata"


TRIWULAN = (1, 2, 3, 4)
NAMA_TRIWULAN = {1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}


class SasaranPk(SasaranBerkunci):
    """A sasaran strategis of a PK; its indicators follow it on paper in one merged cell."""

    dokumen = models.ForeignKey(
        Dokumen, verbose_name="dokumen", on_delete=models.CASCADE, related_name="sasaran_pk"
    )
    sasaran = models.TextField("sasaran strategis")

    class Meta(SasaranBerkunci.Meta):
        verbose_name = "Perjanjian Kinerja (sasaran)"
        verbose_name_plural = "Perjanjian Kinerja (sasaran)"
        constraints = batasan_sasaran("sasaran_pk")


def _nilai_tw() -> models.DecimalField:
    return models.DecimalField(
        "nilai", max_digits=20, decimal_places=4, null=True, blank=True, editable=False
    )


class IndikatorPk(BarisBerkunci, TargetMixin):
    """An indicator of a PK sasaran: its year's target, how it is measured, its quarters.

    `target` (and `target_tw1..4`) keep the text as written; the number read from each is in
    `target_nilai` (`target_twN_nilai`), filled by the services. The rules the targets must
    fit are `masalah_indikator`'s.
    """

    sasaran = models.ForeignKey(
        SasaranPk, verbose_name="sasaran", on_delete=models.CASCADE, related_name="indikator"
    )
    urutan = models.PositiveSmallIntegerField("urutan")
    indikator = models.TextField("indikator kinerja")
    satuan = models.CharField("satuan", max_length=30, blank=True)
    polaritas = models.CharField(
        "polaritas", max_length=10, choices=Polaritas.choices, default=Polaritas.NAIK
    )
    skala = models.CharField(
        "skala", max_length=10, choices=Skala.choices, blank=True, help_text="Hanya kualitatif."
    )
    batas_bawah = models.DecimalField(
        "batas bawah", max_digits=20, decimal_places=4, null=True, blank=True
    )
    batas_atas = models.DecimalField(
        "batas atas", max_digits=20, decimal_places=4, null=True, blank=True
    )
    agregasi = models.CharField(
        "agregasi triwulan", max_length=10, choices=Agregasi.choices, default=Agregasi.TERAKHIR
    )
    target_tw1 = models.CharField("target TW I", max_length=100, blank=True)
    target_tw2 = models.CharField("target TW II", max_length=100, blank=True)
    target_tw3 = models.CharField("target TW III", max_length=100, blank=True)
    target_tw4 = models.CharField("target TW IV", max_length=100, blank=True)
    target_tw1_nilai = _nilai_tw()
    target_tw2_nilai = _nilai_tw()
    target_tw3_nilai = _nilai_tw()
    target_tw4_nilai = _nilai_tw()
    # The key of the RKT indicator this one was made from ("Buat PK dari RKT"): a key, not a
    # foreign key, since the RKT is another type's rows and keeps its keys across versions.
    asal_rkt = models.UUIDField("asal baris RKT", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "Perjanjian Kinerja (indikator)"
        verbose_name_plural = "Perjanjian Kinerja (indikator)"
        ordering = ["sasaran", "urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["sasaran", "urutan"],
                name="indikator_pk_urutan_unik",
                violation_error_message="Urutan indikator sudah dipakai di sasaran ini.",
            ),
            models.UniqueConstraint(
                fields=["sasaran", "kunci"],
                name="indikator_pk_kunci_unik",
                violation_error_message="Kunci baris sudah dipakai di sasaran ini.",
            ),
            models.CheckConstraint(
                name="indikator_pk_terisi",
                condition=~Q(indikator=""),
                violation_error_message="Indikator kinerja wajib diisi.",
            ),
            models.CheckConstraint(
                name="indikator_pk_rentang_berbatas",
                condition=~Q(polaritas="RENTANG")
                | Q(
                    batas_bawah__isnull=False,
                    batas_atas__isnull=False,
                    batas_bawah__lte=models.F("batas_atas"),
                ),
                violation_error_message="Indikator dalam rentang perlu batas bawah dan batas "
                "atas, dan batas bawah tidak melebihi batas atas.",
            ),
            models.CheckConstraint(
                name="indikator_pk_skala_kualitatif",
                condition=(Q(polaritas="KUALITATIF") & ~Q(skala=""))
                | (~Q(polaritas="KUALITATIF") & Q(skala="")),
                violation_error_message="Skala wajib untuk indikator kualitatif dan hanya "
                "untuk indikator kualitatif.",
            ),
        ]

    def __str__(self) -> str:
        return self.indikator[:80]

    @property
    def persentase(self) -> bool:
        """A share of a whole (its unit is %): its realisasi may be entered as a numerator and
        a denominator, the numerator no larger than the denominator."""
        return "%" in (self.satuan or self.target_satuan)

    @property
    def target_tertulis(self) -> str:
        """The target as the page and the print show it (`target_tercetak`: no doubled unit)."""
        return target_tercetak(self.target, self.satuan)

    @property
    def target_triwulan(self) -> list[str]:
        return [getattr(self, f"target_tw{tw}") for tw in TRIWULAN]

    def clean(self) -> None:
        if masalah := masalah_indikator(_isian_indikator(self)):
            raise ValidationError(masalah)


def _isian_indikator(indikator: IndikatorPk) -> dict:
    return {k: getattr(indikator, k) for k in KOLOM_UKUR}


# What `masalah_indikator` reads: the target and how it is measured.
KOLOM_UKUR = (
    "target",
    "polaritas",
    "skala",
    "batas_bawah",
    "batas_atas",
    "agregasi",
    "target_tw1",
    "target_tw2",
    "target_tw3",
    "target_tw4",
)


def nilai_skala(teks: str, skala: str) -> str | None:
    """The scale value a qualitative target names ("WTP", "minimal B" → "B"), else None."""
    kata = teks.strip().upper()
    for awalan in ("MINIMAL ", "MIN. ", "MIN "):
        if kata.startswith(awalan):
            kata = kata.removeprefix(awalan).strip()
            break
    return kata if kata in NILAI_SKALA.get(skala, ()) else None


def masalah_indikator(data: dict) -> dict[str, str]:
    """What is wrong with an indicator's target and measurement, by field (empty: nothing).

    One rule for the editor's form, the API and the model (`IndikatorPk.clean`). A missing
    year's target is not refused here: a draft may lack it; submission does
    (`JenisTerdaftar.target_wajib`). The quarterly targets are optional; those given must fit:

    - Numbers (NAIK, TURUN, RENTANG): each quarter's target is a number.
    - KUMULATIF (running totals, 3/6/9/12, whatever the polarity: what is counted only adds up):
      the quarters never decrease, and TW IV, which must be given, equals the year's target.
    - TERAKHIR (the year is the last quarter's value): TW IV, when given, equals the year's
      target; for NAIK the quarters never decrease, for TURUN they never increase (a plan
      that moves away from its own goal is a typing mistake, not a plan).
    - RATA_RATA: all four quarters are given, and their mean equals the year's target.
    - RENTANG: both bounds, lower ≤ upper; each quarter's target within them.
    - KUALITATIF: a scale; the year's target and each quarter's a value of it ("WTP",
      "minimal B"); quarters are read as the last one (TERAKHIR only); no bounds.
    - Bounds belong to RENTANG only, a scale to KUALITATIF only.

    The comparisons with the year's target need its number: without one they are not made.
    """
    polaritas, skala = data.get("polaritas") or Polaritas.NAIK, data.get("skala") or ""
    agregasi = data.get("agregasi") or Agregasi.TERAKHIR
    bawah, atas = data.get("batas_bawah"), data.get("batas_atas")
    target = (data.get("target") or "").strip()
    tw_teks = {tw: (data.get(f"target_tw{tw}") or "").strip() for tw in TRIWULAN}
    diisi = {tw: teks for tw, teks in tw_teks.items() if teks}
    masalah: dict[str, str] = {}

    if polaritas != Polaritas.RENTANG and (bawah is not None or atas is not None):
        masalah["batas_bawah"] = "Batas bawah dan atas hanya untuk indikator dalam rentang."
    if polaritas != Polaritas.KUALITATIF and skala:
        masalah["skala"] = "Skala hanya untuk indikator kualitatif."

    if polaritas == Polaritas.KUALITATIF:
        if not skala:
            return masalah | {"skala": "Pilih skala indikator kualitatif."}
        contoh = ", ".join(NILAI_SKALA[skala])
        if target and nilai_skala(target, skala) is None:
            masalah["target"] = f"Target kualitatif harus salah satu nilai skala: {contoh}."
        for tw, teks in diisi.items():
            if nilai_skala(teks, skala) is None:
                masalah[f"target_tw{tw}"] = f"Tulis salah satu nilai skala: {contoh}."
        if agregasi != Agregasi.TERAKHIR:
            masalah["agregasi"] = (
                "Indikator kualitatif hanya dapat memakai nilai triwulan terakhir."
            )
        elif 4 in diisi and target and nilai_skala(diisi[4], skala) != nilai_skala(target, skala):
            masalah["target_tw4"] = "Target TW IV harus sama dengan target tahunan."
        return masalah

    if polaritas == Polaritas.RENTANG:
        if bawah is None or atas is None:
            masalah["batas_atas" if bawah is not None else "batas_bawah"] = (
                "Isi batas bawah dan batas atas rentang."
            )
        elif bawah > atas:
            masalah["batas_atas"] = "Batas atas tidak boleh lebih kecil dari batas bawah."

    angka: dict[int, Decimal] = {}
    for tw, teks in diisi.items():
        nilai = baca_target(teks).nilai
        if nilai is None:
            masalah[f"target_tw{tw}"] = "Target triwulan harus berupa angka, mis. 25% atau 3."
        else:
            angka[tw] = nilai
    if len(angka) < len(diisi):
        return masalah

    tahunan = baca_target(target).nilai
    urut = sorted(angka.items())
    # The first quarter whose target is below (above) the one before it, if any.
    turun = next((tw for (_, a), (tw, b) in zip(urut, urut[1:], strict=False) if b < a), None)
    naik = next((tw for (_, a), (tw, b) in zip(urut, urut[1:], strict=False) if b > a), None)

    if agregasi == Agregasi.KUMULATIF and angka:
        if turun:
            masalah[f"target_tw{turun}"] = (
                "Target kumulatif tidak boleh turun dari triwulan ke triwulan."
            )
        elif 4 not in angka:
            masalah["target_tw4"] = (
                "Target kumulatif TW IV wajib diisi (sama dengan target tahunan)."
            )
        elif tahunan is not None and angka[4] != tahunan:
            masalah["target_tw4"] = "Target kumulatif TW IV harus sama dengan target tahunan."
    elif agregasi == Agregasi.TERAKHIR and angka:
        if polaritas == Polaritas.NAIK and turun:
            masalah[f"target_tw{turun}"] = (
                "Untuk indikator semakin tinggi semakin baik, target triwulan tidak boleh turun."
            )
        elif polaritas == Polaritas.TURUN and naik:
            masalah[f"target_tw{naik}"] = (
                "Untuk indikator semakin rendah semakin baik, target triwulan tidak boleh naik."
            )
        elif 4 in angka and tahunan is not None and angka[4] != tahunan:
            masalah["target_tw4"] = "Target TW IV harus sama dengan target tahunan."
    elif agregasi == Agregasi.RATA_RATA and angka:
        if len(angka) < 4:
            kosong = next(tw for tw in TRIWULAN if tw not in angka)
            masalah[f"target_tw{kosong}"] = "Untuk rata-rata, isi target keempat triwulan."
        elif tahunan is not None and abs(sum(angka.values()) / 4 - tahunan) > Decimal("0.005"):
            masalah["target_tw4"] = (
                "Rata-rata target keempat triwulan harus sama dengan target tahunan."
            )

    if polaritas == Polaritas.RENTANG and bawah is not None and atas is not None:
        for tw, nilai in angka.items():
            if not bawah <= nilai <= atas:
                masalah.setdefault(f"target_tw{tw}", "Target triwulan harus di dalam rentang.")
    return masalah


def peringatan_indikator(data: dict) -> str:
    """The note beside a target with no number, except on a qualitative indicator, whose
    target is a value of its scale ("WTP")."""
    if data.get("polaritas") == Polaritas.KUALITATIF:
        return ""
    return peringatan_target(data.get("target") or "")


class ProgramPk(BarisBerkunci):
    """A program of the PK's lampiran and its budget for the year (Rp, whole)."""

    dokumen = models.ForeignKey(
        Dokumen, verbose_name="dokumen", on_delete=models.CASCADE, related_name="program_pk"
    )
    urutan = models.PositiveSmallIntegerField("urutan")
    program = models.TextField("program", help_text="Mis. “Program Dukungan Manajemen”.")
    kode = models.CharField("kode program", max_length=20, blank=True, help_text="Mis. 076.01.WA.")
    # Empty until filled: a program is known (from the IKU) before its budget is.
    anggaran = models.BigIntegerField("anggaran (Rp)", null=True, blank=True)

    class Meta:
        verbose_name = "Perjanjian Kinerja (program)"
        verbose_name_plural = "Perjanjian Kinerja (program)"
        ordering = ["dokumen", "urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["dokumen", "urutan"],
                name="program_pk_urutan_unik",
                violation_error_message="Urutan program sudah dipakai di dokumen ini.",
            ),
            models.UniqueConstraint(
                fields=["dokumen", "kunci"],
                name="program_pk_kunci_unik",
                violation_error_message="Kunci program sudah dipakai di dokumen ini.",
            ),
            models.CheckConstraint(
                name="program_pk_terisi",
                condition=~Q(program=""),
                violation_error_message="Program wajib diisi.",
            ),
            models.CheckConstraint(
                name="program_pk_anggaran_wajar",
                condition=Q(anggaran__isnull=True)
                | Q(anggaran__gte=0, anggaran__lt=ANGGARAN_MAKSIMUM),
                violation_error_message="Anggaran tidak boleh negatif dan harus di bawah "
                "Rp1.000.000.000.000.000.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} [{self.kode}]" if self.kode else self.program


PEMBUKA_BAWAAN = (
    "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel "
    "serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:"
)
JANJI_BAWAAN = (
    "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran "
    "perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah "
    "ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target "
    "kinerja tersebut menjadi tanggung jawab kami."
)
PENGAWASAN_BAWAAN = (
    "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi "
    "terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan "
    "dalam rangka pemberian penghargaan dan sanksi."
)


class NaskahPk(models.Model):
    """A satker's own wording of the PK's paragraphs; a satker without one prints the default
    (`selectors.naskah_pk`)."""

    satker = models.OneToOneField(
        Satker, verbose_name="satker", on_delete=models.CASCADE, related_name="naskah_pk"
    )
    pembuka = models.TextField("pembuka", default=PEMBUKA_BAWAAN)
    janji = models.TextField("janji pihak pertama", default=JANJI_BAWAAN)
    pengawasan = models.TextField("supervisi pihak kedua", default=PENGAWASAN_BAWAAN)

    class Meta:
        verbose_name = "naskah Perjanjian Kinerja"
        verbose_name_plural = "naskah Perjanjian Kinerja"
        ordering = ["satker__nama"]
        constraints = [
            models.CheckConstraint(
                name="naskah_pk_terisi",
                condition=~Q(pembuka="") & ~Q(janji="") & ~Q(pengawasan=""),
                violation_error_message="Setiap paragraf naskah wajib diisi.",
            ),
        ]

    def __str__(self) -> str:
        return f"Naskah PK {self.satker}"
