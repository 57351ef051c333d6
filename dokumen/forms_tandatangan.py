"""The signing form: the signatory's password asked again, and a fresh code of their second
factor (dua_faktor), before anything is signed. The document's signing page and the TW
report's both use it."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse

from dokumen.syarat_ttd import PESAN_SANDI_SALAH, sandi_benar
from dua_faktor.aturan import punya_perangkat
from dua_faktor.forms import kolom_kode
from dua_faktor.services import kode_cocok

PESAN_PASANG_DULU = (
    "Penandatanganan memerlukan verifikasi dua langkah: pasang dulu di halaman "
    "Verifikasi dua langkah ({alamat})."
)


def pesan_pasang_dulu() -> str:
    return PESAN_PASANG_DULU.format(alamat=reverse("dua_faktor:ringkasan"))


class KonfirmasiSandiForm(forms.Form):
    """The signed-in user's password (dokumen.syarat_ttd.sandi_benar), then a code of their
    authenticator app or a recovery code (each accepted once: a code used to log in does
    not sign)."""

    password = forms.CharField(
        label="Kata sandi Anda",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Tulis kata sandi Anda untuk menandatangani."},
    )
    kode = kolom_kode("Kode verifikasi dua langkah")

    def __init__(self, *args, request: HttpRequest, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not sandi_benar(self.request, password):
            raise forms.ValidationError(PESAN_SANDI_SALAH)
        return password

    def clean(self) -> dict:
        data = super().clean()
        if "password" not in data:  # a wrong password spends no code
            return data
        user = self.request.user
        if not punya_perangkat(user):
            raise forms.ValidationError(pesan_pasang_dulu(), code="tanpa_perangkat")
        if "kode" in data:
            try:
                kode_cocok(user, data["kode"])
            except ValidationError as galat:
                self.add_error("kode", galat)
        return data

    @property
    def pesan_galat(self) -> str:
        """Every error in one line, for a page that shows the form's result as a message."""
        return " ".join(m for daftar in self.errors.values() for m in daftar)
