"""The signing page's form: the signatory's password, asked again before anything is signed."""

from django import forms
from django.http import HttpRequest

from dokumen.syarat_ttd import PESAN_SANDI_SALAH, sandi_benar


class KonfirmasiSandiForm(forms.Form):
    """The signed-in user's password (dokumen.syarat_ttd.sandi_benar)."""

    password = forms.CharField(
        label="Kata sandi Anda",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Tulis kata sandi Anda untuk menandatangani."},
    )

    def __init__(self, *args, request: HttpRequest, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not sandi_benar(self.request, password):
            raise forms.ValidationError(PESAN_SANDI_SALAH)
        return password
