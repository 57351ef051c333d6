"""The signing page's form: the signatory's password, asked again before anything is signed."""

from django import forms
from django.contrib.auth import authenticate
from django.http import HttpRequest

PESAN_SANDI_SALAH = "Kata sandi salah. Dokumen belum ditandatangani."


class KonfirmasiSandiForm(forms.Form):
    """The signed-in user's password, checked by Django's authentication as at login, so a
    wrong one counts toward the same lockout (django-axes, on this username and address)."""

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
        user = self.request.user
        hasil = authenticate(self.request, username=user.get_username(), password=password)
        if hasil is None or hasil.pk != user.pk:
            raise forms.ValidationError(PESAN_SANDI_SALAH)
        return password
