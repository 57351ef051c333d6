"""Forms of the people pages and of accepting an invitation."""

import re

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError

from satker.models import Pejabat, Peran, Satker

User = get_user_model()


def _pilihan_peran(peran: tuple[Peran, ...]) -> list[tuple[str, str]]:
    return [(p.value, p.label) for p in peran]


def _pilihan_pejabat(satker: Satker) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="Pejabat yang diwakili",
        queryset=Pejabat.objects.filter(satker=satker).menurut_jabatan(),
        required=False,
        empty_label="— tidak menandatangani —",
        help_text="Akun yang menandatangani dokumen atas nama pejabat ini (wajib verifikasi "
        "dua langkah).",
    )


class UndanganForm(forms.Form):
    email = forms.EmailField(label="Alamat surel", max_length=254)
    nama = forms.CharField(label="Nama lengkap", max_length=150)
    peran = forms.ChoiceField(label="Peran")

    def __init__(self, *args, satker: Satker, peran: tuple[Peran, ...], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["peran"].choices = _pilihan_peran(peran)
        self.fields["pejabat"] = _pilihan_pejabat(satker)


class AkunUbahForm(forms.Form):
    peran = forms.ChoiceField(label="Peran")

    def __init__(self, *args, satker: Satker, peran: tuple[Peran, ...], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["peran"].choices = _pilihan_peran(peran)
        self.fields["pejabat"] = _pilihan_pejabat(satker)


def saran_username(email: str) -> str:
    """The part of the address before "@", in the characters a username may hold."""
    return re.sub(r"[^\w.@+-]", "", email.split("@", 1)[0].lower())[:150]


class TerimaUndanganForm(forms.Form):
    """Username and password of the new account; Django's password validators (Indonesian
    messages through its `id` translation) and its username rule."""

    username = forms.CharField(
        label="Nama pengguna",
        max_length=150,
        validators=[User.username_validator],
        help_text="Untuk masuk. Huruf, angka dan . @ + - _ saja.",
    )
    password1 = forms.CharField(
        label="Kata sandi",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Ulangi kata sandi",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, undangan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.undangan = undangan
        self.fields["username"].initial = saran_username(undangan.email)

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError("Nama pengguna ini sudah dipakai. Pilih yang lain.")
        return username

    def clean(self) -> dict:
        data = super().clean()
        sandi, ulang = data.get("password1"), data.get("password2")
        if sandi and ulang and sandi != ulang:
            self.add_error("password2", "Kedua kata sandi tidak sama.")
        elif sandi:
            calon = User(
                username=data.get("username", ""),
                email=self.undangan.email,
                first_name=self.undangan.nama,
            )
            try:
                password_validation.validate_password(sandi, calon)
            except ValidationError as galat:
                self.add_error("password1", galat)
        return data
