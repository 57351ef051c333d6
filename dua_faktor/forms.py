"""The code field asked at login, when setting up an app, and when signing."""

from django import forms
from django.core.exceptions import ValidationError

from dua_faktor.services import PESAN_KODE_KOSONG, kode_cocok
from satker.akses import Pengguna

ATRIBUT_KODE = {
    "autocomplete": "one-time-code",
    "inputmode": "numeric",
    "autocapitalize": "off",
    "spellcheck": "false",
    "maxlength": "16",
}


def kolom_kode(label: str = "Kode verifikasi") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=16,
        widget=forms.TextInput(attrs=ATRIBUT_KODE),
        help_text="6 angka dari aplikasi autentikator, atau salah satu kode pemulihan Anda.",
        error_messages={"required": PESAN_KODE_KOSONG},
    )


class KodeForm(forms.Form):
    """A code of `user`'s devices; `perangkat` is the one that accepted it."""

    kode = kolom_kode()

    def __init__(self, *args, user: Pengguna, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.perangkat = None

    def clean_kode(self) -> str:
        kode = self.cleaned_data["kode"]
        try:
            self.perangkat = kode_cocok(self.user, kode)
        except ValidationError as galat:
            raise forms.ValidationError(galat.messages) from galat
        return kode


class KonfirmasiPerangkatForm(forms.Form):
    kode = kolom_kode("Kode dari aplikasi")
