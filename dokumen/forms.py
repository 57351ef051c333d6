"""Forms for creating a document and editing its header."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from dokumen.fields import BilanganField
from dokumen.form_baris import TEKS_MAKS, tolak_teks_tersembunyi
from dokumen.jenis import pilihan_jenis
from dokumen.models import Dokumen, PresisiTanggal
from dokumen.services import KOLOM_KEPALA
from kpu_kinerja.formats import tanggal_panjang
from satker.forms import TanggalField
from satker.models import Satker

# A save over a newer one on the admin's document page (the editor shows the conflict instead,
# dokumen.konflik).
PESAN_KONFLIK = (
    "Dokumen ini baru saja diubah dan disimpan dari halaman lain (oleh orang lain, atau oleh Anda "
    "di tab lain), jadi isian Anda belum disimpan. Isian Anda masih ada di formulir ini: buka "
    "dokumen di tab baru untuk melihat perubahan itu, lalu simpan ulang."
)

TAHUN_MIN, TAHUN_MAKS = 2000, 2100
PESAN_TAHUN = f"Tahun harus antara {TAHUN_MIN} dan {TAHUN_MAKS}."
PESAN_TANGGAL = f"Tanggal harus antara tahun {TAHUN_MIN} dan {TAHUN_MAKS}."


def periksa_tanggal_ttd(tanggal: datetime.date | None) -> None:
    """A signing date in the years a document can have (not 0001-01-01 by a slip)."""
    if tanggal is not None and not TAHUN_MIN <= tanggal.year <= TAHUN_MAKS:
        raise forms.ValidationError(PESAN_TANGGAL, code="tanggal_di_luar_rentang")


# A row model's hidden fields, named as the field the user typed into.
NAMA_KOLOM = {"target_nilai": "target", "target_satuan": "target"}


def galat_layanan(form: forms.BaseForm, galat: ValidationError) -> None:
    """A service's refusal shown on `form`: beside its field when the form has one."""
    if not hasattr(galat, "error_dict"):
        form.add_error(None, galat.messages)
        return
    for kolom, pesan in galat.message_dict.items():
        kolom = NAMA_KOLOM.get(kolom, kolom)
        form.add_error(kolom if kolom in form.fields else None, pesan)


def _pesan_duplikat(jenis: str, tahun: int) -> str:
    return f"{jenis} tahun {tahun} sudah ada untuk satker ini. Buka dokumen itu untuk mengubahnya."


class DokumenBaruForm(forms.Form):
    """Choose the type and year of a new document, and whether to copy last year's."""

    jenis = forms.ChoiceField(label="Jenis dokumen", choices=pilihan_jenis)
    tahun = BilanganField(label="Tahun", min_value=TAHUN_MIN, max_value=TAHUN_MAKS)

    def __init__(self, *args, satker: Satker, **kwargs):
        super().__init__(*args, **kwargs)
        self.satker = satker
        self.fields["tahun"].initial = timezone.localdate().year + 1

    def clean(self):
        data = super().clean()
        jenis, tahun = data.get("jenis"), data.get("tahun")
        if jenis and tahun and self.satker.dokumen.filter(jenis=jenis, tahun=tahun).exists():
            self.add_error("tahun", _pesan_duplikat(jenis, tahun))
        return data


class DokumenKepalaForm(forms.ModelForm):
    """The header of a draft: year, lampiran label, place, date and signatory."""

    suntingan = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = Dokumen
        fields = list(KOLOM_KEPALA)
        field_classes = {
            "tahun": BilanganField,
            "tahun_anggaran": BilanganField,
            "tanggal_ttd": TanggalField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].min_value = TAHUN_MIN
        self.fields["tanggal_ttd"].validators.append(periksa_tanggal_ttd)
        self.fields["tanggal_ttd"].izinkan_bulan()
        tolak_teks_tersembunyi(self)
        self.fields["penandatangan"].queryset = self.instance.satker.pejabat.menurut_jabatan()
        self.fields["penandatangan"].empty_label = "— belum ditetapkan —"
        if not self.is_bound:
            self.initial["suntingan"] = self.instance.suntingan
            tanggal = self.instance.tanggal_ttd
            if tanggal and self.instance.tanggal_ttd_presisi == PresisiTanggal.BULAN:
                # Dated to the month only: shown as it is written, not as its first day.
                self.initial["tanggal_ttd"] = tanggal_panjang(tanggal, dengan_hari=False)

    def clean(self):
        data = super().clean()
        if self.fields["tanggal_ttd"].hanya_bulan:
            data["tanggal_ttd_presisi"] = PresisiTanggal.BULAN  # "Januari 2025": no day to print
        return data

    def clean_tahun(self):
        tahun = self.cleaned_data["tahun"]
        if not TAHUN_MIN <= tahun <= TAHUN_MAKS:
            raise forms.ValidationError(PESAN_TAHUN)
        lain = Dokumen.objects.filter(
            satker=self.instance.satker,
            jenis=self.instance.jenis,
            tahun=tahun,
            versi=self.instance.versi,
        ).exclude(pk=self.instance.pk)
        if lain.exists():
            raise forms.ValidationError(_pesan_duplikat(self.instance.jenis, tahun))
        return tahun

    def clean_tahun_anggaran(self):
        tahun = self.cleaned_data["tahun_anggaran"]
        if tahun is not None and not TAHUN_MIN <= tahun <= TAHUN_MAKS:
            raise forms.ValidationError(PESAN_TAHUN)
        return tahun

    def validate_unique(self):
        # Uniqueness of (satker, jenis, tahun, versi) is checked in clean_tahun, with a message
        # that says what to do; the service's full_clean still guards the database.
        pass


def _catatan(label: str, **kwargs) -> forms.CharField:
    """A note of the review or the workflow, capped like the API's (TEKS_MAKS)."""
    kwargs.setdefault("required", False)
    return forms.CharField(label=label, max_length=TEKS_MAKS, strip=True, **kwargs)


class _FormCatatan(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tolak_teks_tersembunyi(self)


class CatatanReviuForm(_FormCatatan):
    """A reviewer's note; the service checks it is not empty and names a row of the document
    (by the row's key; empty is the whole document)."""

    kunci_bagian = forms.UUIDField(
        label="Bagian",
        required=False,
        error_messages={"invalid": "Pilih baris dari daftar, atau Seluruh dokumen."},
    )
    isi = _catatan("Catatan")


class JawabanReviuForm(_FormCatatan):
    jawaban = _catatan("Jawaban")
    selesai = forms.TypedChoiceField(
        choices=[("0", "Belum"), ("1", "Selesai")],
        coerce=lambda nilai: nilai == "1",
        required=False,
        empty_value=False,
    )


class CatatanAlurForm(_FormCatatan):
    """The note of a workflow step (required where the step needs one: `Transisi.butuh_catatan`)."""

    catatan = _catatan("Catatan")


class AlasanRevisiForm(_FormCatatan):
    # Required here too (the service refuses it as well), so the message sits beside the field.
    alasan = _catatan(
        "Alasan revisi", required=True, error_messages={"required": "Tulis alasan revisi."}
    )
