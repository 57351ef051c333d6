"""Satuan kerja (KPU RI, KPU Provinsi, KPU Kabupaten/Kota), their duties and officials."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q


class Tingkat(models.TextChoices):
    RI = "RI", "KPU RI"
    PROVINSI = "PROVINSI", "KPU Provinsi"
    KABKOTA = "KABKOTA", "KPU Kabupaten/Kota"


class GayaPenomoran(models.TextChoices):
    """How a satker marks the items of its lists on paper."""

    ANGKA = "ANGKA", "Angka (1., 2., …)"
    HURUF = "HURUF", "Huruf (a., b., …)"
    POIN = "POIN", "Poin (-)"


class Satker(models.Model):
    """A KPU office that plans and reports its own performance."""

    kode = models.SlugField("kode", max_length=60, unique=True)
    nama = models.CharField("nama", max_length=150)
    nama_lengkap = models.CharField("nama lengkap", max_length=200)
    tingkat = models.CharField("tingkat", max_length=10, choices=Tingkat.choices)
    induk = models.ForeignKey(
        "self",
        verbose_name="satker induk",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="anak",
    )
    kota_ttd = models.CharField(
        "kota penandatanganan",
        max_length=80,
        help_text="Kota pada baris tanda tangan, mis. Rangkasbitung untuk KPU Kabupaten Lebak.",
    )
    alamat = models.TextField("alamat", blank=True)
    gaya_penomoran = models.CharField(
        "gaya penomoran daftar",
        max_length=10,
        choices=GayaPenomoran.choices,
        default=GayaPenomoran.ANGKA,
    )
    # A satker is never deleted once it has documents: the national list (`manage.py
    # impor_satker`, satker/impor.py) marks one that no longer exists inactive instead.
    aktif = models.BooleanField(
        "aktif",
        default=True,
        help_text="Satker nonaktif tetap tersimpan beserta dokumennya.",
    )

    class Meta:
        verbose_name = "satker"
        verbose_name_plural = "satker"
        ordering = ["tingkat", "nama"]
        # Lists sort by name (the API's documents, the progress matrix): with this index the
        # first page of 4,600 documents reads a few satker instead of sorting them all.
        indexes = [models.Index(fields=["nama"], name="satker_nama_idx")]
        constraints = [
            models.CheckConstraint(
                name="satker_induk_sesuai_tingkat",
                condition=Q(tingkat=Tingkat.RI, induk__isnull=True)
                | (~Q(tingkat=Tingkat.RI) & Q(induk__isnull=False)),
                violation_error_message="Hanya KPU RI yang tidak mempunyai satker induk.",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        # RI → Provinsi → Kabupaten/Kota; the database trigger of migration 0003 holds the same
        # rule for writes that skip validation. A misplaced satker would drop out of its
        # reviewer's reach (satker.akses), with its children.
        if self.induk_id is None:
            return
        if self.tingkat == Tingkat.RI:
            return  # the check constraint names this case
        harus = INDUK_TINGKAT[self.tingkat]
        if self.induk.tingkat != harus:
            raise ValidationError(
                {
                    "induk": f"Satker induk {self.get_tingkat_display()} harus "
                    f"{Tingkat(harus).label}, bukan {self.induk.get_tingkat_display()}."
                }
            )
        if self.pk is not None and self.tingkat != Tingkat.KABKOTA:
            anak_salah = self.anak.exclude(tingkat=ANAK_TINGKAT[self.tingkat])
            if anak_salah.exists():
                raise ValidationError(
                    {"tingkat": "Tingkat ini tidak cocok dengan satker di bawahnya."}
                )


# The one parent level each level hangs under, and the one child level it may have.
INDUK_TINGKAT = {Tingkat.PROVINSI: Tingkat.RI, Tingkat.KABKOTA: Tingkat.PROVINSI}
ANAK_TINGKAT = {Tingkat.RI: Tingkat.PROVINSI, Tingkat.PROVINSI: Tingkat.KABKOTA}


class JenisTupoksi(models.TextChoices):
    TUGAS = "TUGAS", "Tugas"
    FUNGSI = "FUNGSI", "Fungsi"
    WEWENANG = "WEWENANG", "Wewenang"
    KEWAJIBAN = "KEWAJIBAN", "Kewajiban"


class Tupoksi(models.Model):
    """One item of a satker's tugas, fungsi, wewenang or kewajiban, in paper order."""

    satker = models.ForeignKey(
        Satker, verbose_name="satker", on_delete=models.CASCADE, related_name="tupoksi"
    )
    jenis = models.CharField("jenis", max_length=10, choices=JenisTupoksi.choices)
    urutan = models.PositiveSmallIntegerField("urutan")
    teks = models.TextField("uraian")

    class Meta:
        verbose_name = "tugas dan fungsi"
        verbose_name_plural = "tugas dan fungsi"
        ordering = ["satker", "jenis", "urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "jenis", "urutan"],
                name="tupoksi_urutan_unik",
                violation_error_message="Urutan butir sudah dipakai.",
            ),
            models.CheckConstraint(
                name="tupoksi_teks_terisi",
                condition=~Q(teks=""),
                violation_error_message="Uraian wajib diisi.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.urutan}: {self.teks[:60]}"


class Jabatan(models.TextChoices):
    KETUA = "KETUA", "Ketua"
    ANGGOTA = "ANGGOTA", "Anggota"
    SEKRETARIS = "SEKRETARIS", "Sekretaris"
    KASUBBAG = "KASUBBAG", "Kepala Subbagian"


class StatusJabatan(models.TextChoices):
    DEFINITIF = "DEFINITIF", "Definitif"
    PLT = "PLT", "Plt."
    PLH = "PLH", "Plh."


def awalan_status_jabatan(status: str) -> str:
    """ "Plt. " or "Plh. " before the jabatan of an acting official, else ""."""
    if status == StatusJabatan.DEFINITIF:
        return ""
    return f"{StatusJabatan(status).label} "


nip_validator = RegexValidator(r"^\d{18}$", "NIP harus terdiri dari 18 digit angka.")


class PejabatQuerySet(models.QuerySet):
    def menurut_jabatan(self) -> "PejabatQuerySet":
        """By rank, as a satker lists its officials (Ketua, Anggota, Sekretaris, Kepala
        Subbagian: the order of `Jabatan`), then by name; not by the codes' alphabet."""
        pangkat = models.Case(
            *(models.When(jabatan=j, then=models.Value(n)) for n, j in enumerate(Jabatan)),
            default=models.Value(len(Jabatan)),
        )
        return self.alias(pangkat=pangkat).order_by("pangkat", "nama", "pk")


class Pejabat(models.Model):
    """An official of a satker who may sign its documents.

    Commissioners (Ketua, Anggota) are not civil servants and have no NIP.
    """

    satker = models.ForeignKey(
        Satker, verbose_name="satker", on_delete=models.CASCADE, related_name="pejabat"
    )
    nama = models.CharField("nama", max_length=150, help_text="Dengan gelar, mis. “…, SH”.")
    nip = models.CharField("NIP", max_length=18, blank=True, validators=[nip_validator])
    jabatan = models.CharField("jabatan", max_length=12, choices=Jabatan.choices)
    status = models.CharField(
        "status jabatan",
        max_length=10,
        choices=StatusJabatan.choices,
        default=StatusJabatan.DEFINITIF,
    )
    sebutan_jabatan = models.TextField(
        "sebutan jabatan pada tanda tangan",
        help_text="Baris jabatan di atas tanda tangan, mis. “Ketua Komisi Pemilihan Umum "
        "Kabupaten Lebak,”.",
    )
    mulai_menjabat = models.DateField("mulai menjabat", null=True, blank=True)
    selesai_menjabat = models.DateField("selesai menjabat", null=True, blank=True)

    objects = PejabatQuerySet.as_manager()

    class Meta:
        verbose_name = "pejabat"
        verbose_name_plural = "pejabat"
        ordering = ["satker", "jabatan", "nama"]
        constraints = [
            models.CheckConstraint(
                name="pejabat_nip_18_digit",
                condition=Q(nip="") | Q(nip__regex=r"^[0-9]{18}$"),
                violation_error_message="NIP harus terdiri dari 18 digit angka.",
            ),
            models.CheckConstraint(
                name="pejabat_masa_jabatan_urut",
                condition=Q(selesai_menjabat__isnull=True)
                | Q(mulai_menjabat__isnull=True)
                | Q(selesai_menjabat__gte=models.F("mulai_menjabat")),
                violation_error_message="Akhir masa jabatan tidak boleh sebelum awalnya.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.get_jabatan_display()} {self.satker})"

    @property
    def awalan_status(self) -> str:
        return awalan_status_jabatan(self.status)


class Peran(models.TextChoices):
    OPERATOR = "OPERATOR", "Operator"
    KETUA = "KETUA", "Ketua"
    SEKRETARIS = "SEKRETARIS", "Sekretaris"
    REVIEWER_PROVINSI = "REVIEWER_PROVINSI", "Reviewer Provinsi"
    ADMIN_RI = "ADMIN_RI", "Admin RI"


class ProfilPengguna(models.Model):
    """The role a user holds and the satker it applies to."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="pengguna",
        on_delete=models.CASCADE,
        related_name="profil",
    )
    satker = models.ForeignKey(
        Satker, verbose_name="satker", on_delete=models.PROTECT, related_name="pengguna"
    )
    peran = models.CharField("peran", max_length=20, choices=Peran.choices)
    pejabat = models.ForeignKey(
        Pejabat,
        verbose_name="pejabat",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text="Untuk Ketua dan Sekretaris: pejabat yang diwakili akun ini.",
    )

    class Meta:
        verbose_name = "profil pengguna"
        verbose_name_plural = "profil pengguna"
        ordering = ["satker", "peran", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_peran_display()} {self.satker}"

    def clean(self) -> None:
        # The account signs as this official (dokumen.alur): it must be one of its own satker's.
        if (
            self.pejabat_id is not None
            and self.satker_id is not None
            and self.pejabat.satker_id != self.satker_id
        ):
            raise ValidationError({"pejabat": "Pejabat harus pejabat satker pengguna ini."})


class JejakProfil(models.Model):
    """One change of a satker's profile (tupoksi, officials) or master data (name, parent,
    signing town, address, active): who, when, before and after.

    Written by `satker.services.satker_profil_simpan` (the profile page) and by the satker
    import (`satker.impor.impor_terapkan`, snapshots under the key "satker"), never edited.
    `oleh` is empty for a change made by a command (`manage.py impor_satker`).
    """

    satker = models.ForeignKey(
        Satker, verbose_name="satker", on_delete=models.PROTECT, related_name="jejak_profil"
    )
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="oleh",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jejak_profil",
        help_text="Kosong bila perubahan dibuat melalui perintah manage.py.",
    )
    waktu = models.DateTimeField("waktu", auto_now_add=True, db_index=True)
    ringkasan = models.TextField("ringkasan")
    sebelum = models.JSONField("sebelum", encoder=DjangoJSONEncoder)
    sesudah = models.JSONField("sesudah", encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = "jejak perubahan profil"
        verbose_name_plural = "jejak perubahan profil"
        ordering = ["-waktu", "-pk"]

    def __str__(self) -> str:
        return f"{self.satker}: {self.ringkasan[:60]}"
