"""Passwords: change one's own, and reset a forgotten one by email (issue 16).

Django's own views, with the site's templates (templates/akun/) and four additions:
- the reset email is ``kpu_kinerja.surel``'s ``sandi_reset`` message, its link on SITE_URL,
  sent by a background thread, so the page answers alike and as fast whether or not the
  address has an account (Django already shows the same "sent" page for both);
- requests are limited per client address (SANDI_BATAS_ALAMAT) and per email address
  (SANDI_BATAS_SUREL, counted on the address typed, whoever owns it): a flood gets a 429 that
  says nothing about accounts;
- a password set through the link lifts django-axes' login lockout of that username;
- Django's password validators (AUTH_PASSWORD_VALIDATORS) speak Indonesian already (its
  ``id`` translation).
"""

import hashlib

from axes.utils import reset as axes_reset
from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpResponse
from django.urls import reverse_lazy
from django_ratelimit.core import is_ratelimited

from kpu_kinerja.surel import kirim_surel

PESAN_BATAS = (
    "Terlalu banyak permintaan atur ulang kata sandi. Tunggu beberapa saat lalu coba lagi."
)


def batas_jam() -> int:
    """How many hours a reset link works (PASSWORD_RESET_TIMEOUT)."""
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)


class LupaSandiForm(PasswordResetForm):
    email = forms.EmailField(
        label="Alamat surel",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        help_text="Alamat surel yang terdaftar pada akun Anda.",
    )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        kirim_surel(ke=[to_email], nama="sandi_reset", konteks=context, latar=True)


def _kunci_surel(group, request) -> str:
    """The email address typed, normalised and hashed: its own bucket, account or not."""
    surel = request.POST.get("email", "").strip().lower()
    return hashlib.sha256(surel.encode()).hexdigest()


class LupaSandiView(auth_views.PasswordResetView):
    form_class = LupaSandiForm
    template_name = "akun/sandi_lupa.html"
    success_url = reverse_lazy("sandi-lupa-terkirim")

    @property
    def extra_email_context(self) -> dict:
        return {"batas_jam": batas_jam()}

    def form_valid(self, form) -> HttpResponse:
        alamat = is_ratelimited(
            self.request,
            group="sandi-lupa-alamat",
            key="ip",
            rate=settings.SANDI_BATAS_ALAMAT,
            method="POST",
            increment=True,
        )
        surel = is_ratelimited(
            self.request,
            group="sandi-lupa-surel",
            key=_kunci_surel,
            rate=settings.SANDI_BATAS_SUREL,
            method="POST",
            increment=True,
        )
        if alamat or surel:
            form.add_error(None, PESAN_BATAS)
            response = self.form_invalid(form)
            response.status_code = 429
            response["Retry-After"] = "600"
            return response
        return super().form_valid(form)


class LupaSandiTerkirimView(auth_views.PasswordResetDoneView):
    template_name = "akun/sandi_lupa_terkirim.html"

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(**kwargs) | {"batas_jam": batas_jam()}


class AturSandiView(auth_views.PasswordResetConfirmView):
    template_name = "akun/sandi_atur.html"
    success_url = reverse_lazy("sandi-atur-selesai")

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        # Whoever holds the link may log in with the new password at once.
        axes_reset(username=form.user.get_username())
        return response


class AturSandiSelesaiView(auth_views.PasswordResetCompleteView):
    template_name = "akun/sandi_atur_selesai.html"


class UbahSandiView(auth_views.PasswordChangeView):
    template_name = "akun/sandi_ubah.html"
    success_url = reverse_lazy("sandi-ubah-selesai")


class UbahSandiSelesaiView(auth_views.PasswordChangeDoneView):
    template_name = "akun/sandi_ubah_selesai.html"
