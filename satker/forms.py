"""Forms of the satker profile: the tupoksi lists and the officials.

Forms only read and check input; the writes are `satker.services.satker_profil_simpan`.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms.formsets import DELETION_FIELD_NAME

from kpu_kinerja.formats import TanggalTidakAda, baca_bulan, baca_tanggal, ribuan
from satker.models import JenisTupoksi, Pejabat, Satker
from satker.selectors import tupoksi_per_jenis
from satker.services import pejabat_pastikan_boleh_dihapus, pejabat_pastikan_boleh_diubah

PANJANG_BUTIR_MAKS = 2000
JUMLAH_BUTIR_MAKS = 100


def _nama_field(jenis: JenisTupoksi) -> str:
    return jenis.value.lower()


def _baca_daftar(teks: str) -> list[str]:
    """One item per line, stripped; blank lines are ignored."""
    return [baris.strip() for baris in teks.splitlines() if baris.strip()]


def _field_daftar(jenis: JenisTupoksi) -> forms.CharField:
    return forms.CharField(
        label=jenis.label,
        required=False,
        strip=False,  # lines are stripped one by one in _baca_daftar
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Satu butir per baris, tanpa nomor; baris kosong diabaikan.",
    )


class TupoksiForm(forms.Form):
    """The four lists of a satker as textareas, one item per line."""

    tugas = _field_daftar(JenisTupoksi.TUGAS)
    fungsi = _field_daftar(JenisTupoksi.FUNGSI)
    wewenang = _field_daftar(JenisTupoksi.WEWENANG)
    kewajiban = _field_daftar(JenisTupoksi.KEWAJIBAN)

    def __init__(self, *args, satker: Satker, **kwargs) -> None:
        per_jenis = tupoksi_per_jenis(satker)
        kwargs.setdefault(
            "initial",
            {
                _nama_field(jenis): "\n".join(t.teks for t in per_jenis.get(jenis.label, []))
                for jenis in JenisTupoksi
            },
        )
        super().__init__(*args, **kwargs)
        for jenis in JenisTupoksi:
            # Tall enough to show the current list; long items still wrap.
            jumlah = len(per_jenis.get(jenis.label, []))
            self.fields[_nama_field(jenis)].widget.attrs["rows"] = min(max(jumlah + 2, 4), 20)

    def _bersihkan(self, nama: str) -> list[str]:
        daftar = _baca_daftar(self.cleaned_data.get(nama) or "")
        kesalahan = []
        if len(daftar) > JUMLAH_BUTIR_MAKS:
            kesalahan.append(
                f"Terlalu banyak butir ({ribuan(len(daftar))}); "
                f"paling banyak {JUMLAH_BUTIR_MAKS} butir."
            )
        for nomor, butir in enumerate(daftar, start=1):
            if len(butir) > PANJANG_BUTIR_MAKS:
                kesalahan.append(
                    f"Butir ke-{nomor} terlalu panjang ({ribuan(len(butir))} karakter); "
                    f"paling banyak {ribuan(PANJANG_BUTIR_MAKS)} karakter per butir."
                )
        if kesalahan:
            raise ValidationError(kesalahan)
        return daftar

    def clean_tugas(self) -> list[str]:
        return self._bersihkan("tugas")

    def clean_fungsi(self) -> list[str]:
        return self._bersihkan("fungsi")

    def clean_wewenang(self) -> list[str]:
        return self._bersihkan("wewenang")

    def clean_kewajiban(self) -> list[str]:
        return self._bersihkan("kewajiban")

    def daftar_per_jenis(self) -> dict[JenisTupoksi, list[str]]:
        """The cleaned lists keyed by kind; call after `is_valid()`."""
        return {jenis: self.cleaned_data[_nama_field(jenis)] for jenis in JenisTupoksi}


PESAN_TANGGAL_TIDAK_TERBACA = "Tulis tanggal seperti 26/01/2024 atau 26 Januari 2024."
PESAN_TANGGAL_TIDAK_ADA = "Tanggal itu tidak ada di kalender; periksa hari dan bulannya."


class TanggalField(forms.DateField):
    """A date shown as "26/01/2024" and read as people write it (kpu_kinerja.formats.
    baca_tanggal: also "26 Januari 2024"), not the browser's picker, which shows the date in
    the browser's locale (mm/dd/yyyy in an English one)."""

    default_error_messages = {
        "invalid": PESAN_TANGGAL_TIDAK_TERBACA,
        "tidak_ada": PESAN_TANGGAL_TIDAK_ADA,
    }

    def __init__(self, **kwargs):
        self.boleh_bulan = False
        self.hanya_bulan = False
        kwargs.setdefault("help_text", "Mis. 26/01/2024 atau 26 Januari 2024.")
        attrs = {"placeholder": "hh/bb/tttt", "autocomplete": "off"}
        kwargs["widget"] = forms.DateInput(attrs=attrs, format="%d/%m/%Y")
        super().__init__(**kwargs)

    def izinkan_bulan(self) -> None:
        """Also read a month without its day ("Januari 2025", as its first day), telling so in
        `hanya_bulan` after cleaning: for a document dated to the month only."""
        self.boleh_bulan = True
        self.help_text = "Mis. 26/01/2024, 26 Januari 2024, atau Januari 2024 bila tanpa hari."

    def to_python(self, value):
        self.hanya_bulan = False
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value
        if self.boleh_bulan and (bulan := baca_bulan(str(value))) is not None:
            self.hanya_bulan = True
            return bulan
        try:
            return baca_tanggal(str(value))
        except TanggalTidakAda:
            raise forms.ValidationError(
                self.error_messages["tidak_ada"], code="tidak_ada"
            ) from None
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class PejabatForm(forms.ModelForm):
    """One official. NIP and the 18-digit rule come from the model's validator."""

    class Meta:
        model = Pejabat
        fields = [
            "nama",
            "nip",
            "jabatan",
            "status",
            "sebutan_jabatan",
            "mulai_menjabat",
            "selesai_menjabat",
        ]
        widgets = {"sebutan_jabatan": forms.Textarea(attrs={"rows": 2})}
        field_classes = {"mulai_menjabat": TanggalField, "selesai_menjabat": TanggalField}
        help_texts = {
            "nip": "18 digit angka; kosongkan untuk Ketua dan Anggota.",
            "sebutan_jabatan": "Baris jabatan di atas tanda tangan, persis seperti tercetak.",
        }

    def clean(self) -> dict:
        cleaned_data = super().clean()
        mulai = cleaned_data.get("mulai_menjabat")
        selesai = cleaned_data.get("selesai_menjabat")
        if mulai and selesai and selesai < mulai:
            self.add_error("selesai_menjabat", "Akhir masa jabatan tidak boleh sebelum awalnya.")
        return cleaned_data

    def _post_clean(self) -> None:
        super()._post_clean()  # the instance now holds the input
        if self.cleaned_data.get(DELETION_FIELD_NAME):
            return  # deletion has its own check (BasePejabatFormSet.clean)
        try:
            pejabat_pastikan_boleh_diubah(pejabat=self.instance, kunci=False)
        except ValidationError as galat:
            self.add_error(None, galat)


class BasePejabatFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if DELETION_FIELD_NAME in form.fields:
            form.fields[DELETION_FIELD_NAME].label = "Hapus pejabat ini"

    def clean(self) -> None:
        super().clean()
        ditolak = False
        # Not `deleted_forms`: it is empty while any other row has an error.
        for form in self.forms:
            if form.instance.pk is None or not self._should_delete_form(form):
                continue
            try:
                pejabat_pastikan_boleh_dihapus(pejabat=form.instance)
            except ValidationError as error:
                form.add_error(None, error)
                ditolak = True
        # Errors of a form marked for deletion do not make the formset invalid; this does.
        if ditolak:
            raise ValidationError(
                "Ada pejabat yang tidak dapat dihapus; lihat keterangan pada barisnya."
            )


PejabatFormSet = forms.inlineformset_factory(
    Satker,
    Pejabat,
    form=PejabatForm,
    formset=BasePejabatFormSet,
    extra=1,
    can_delete=True,
)
