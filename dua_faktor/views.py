"""The second factor's pages: the login's second step, setting up an authenticator app (QR
code, then a code from it), new recovery codes, and the user's own overview."""

from base64 import b32encode
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from dua_faktor.aturan import punya_perangkat, terverifikasi, wajib_dua_faktor
from dua_faktor.forms import KodeForm, KonfirmasiPerangkatForm
from dua_faktor.qr import qr_svg
from dua_faktor.services import kode_pemulihan_buat, totp_konfirmasi, totp_mulai

# Set at login for an account with an app: every page but these asks for the code first.
SESI_TERTUNDA = "dua_faktor_tertunda"


def _tujuan(request: HttpRequest) -> str:
    tujuan = request.POST.get("next") or request.GET.get("next") or ""
    aman = url_has_allowed_host_and_scheme(
        tujuan, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return tujuan if aman else reverse("beranda")


def dengan_tujuan(nama: str, tujuan: str) -> str:
    """The URL named `nama` with `?next=tujuan`."""
    return f"{reverse(nama)}?{urlencode({'next': tujuan})}"


def tandai_perlu_kode(sender, request, user, **kwargs) -> None:
    """On every login (the site's form, the admin's, any other): an account with an
    authenticator app owes this session its code before any other page."""
    if request is not None and hasattr(request, "session") and punya_perangkat(user):
        request.session[SESI_TERTUNDA] = True


def verifikasi(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("login")
    tujuan = _tujuan(request)
    if terverifikasi(request.user):
        return redirect(tujuan)
    if not punya_perangkat(request.user):
        return redirect(dengan_tujuan("dua_faktor:ringkasan", tujuan))
    form = KodeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.perangkat)
        request.session.pop(SESI_TERTUNDA, None)
        if form.perangkat.persistent_id.startswith("otp_static."):
            sisa = StaticToken.objects.filter(device=form.perangkat).count()
            messages.warning(request, f"Kode pemulihan dipakai; tersisa {sisa}.")
        return redirect(tujuan)
    return render(request, "dua_faktor/verifikasi.html", {"form": form, "next": tujuan})


@login_required
def ringkasan(request: HttpRequest) -> HttpResponse:
    context = {
        "punya_perangkat": punya_perangkat(request.user),
        "wajib": wajib_dua_faktor(request.user),
        "sisa_kode": StaticToken.objects.filter(device__user=request.user).count(),
        "next": _tujuan(request),
    }
    return render(request, "dua_faktor/ringkasan.html", context)


def _perlu_kode_dulu(request: HttpRequest) -> bool:
    """An account with an app changes its second factor only from a verified login: else a
    password alone could replace the app with one of its own."""
    return punya_perangkat(request.user) and not terverifikasi(request.user)


@login_required
@require_POST
def mulai(request: HttpRequest) -> HttpResponse:
    if _perlu_kode_dulu(request):
        return redirect(dengan_tujuan("dua_faktor:verifikasi", reverse("dua_faktor:ringkasan")))
    totp_mulai(request.user)
    return redirect(dengan_tujuan("dua_faktor:pasang", _tujuan(request)))


@login_required
def pasang(request: HttpRequest) -> HttpResponse:
    if _perlu_kode_dulu(request):
        return redirect(dengan_tujuan("dua_faktor:verifikasi", reverse("dua_faktor:ringkasan")))
    perangkat = TOTPDevice.objects.filter(user=request.user, confirmed=False).last()
    if perangkat is None:
        return redirect(dengan_tujuan("dua_faktor:ringkasan", _tujuan(request)))
    form = KonfirmasiPerangkatForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            kode = totp_konfirmasi(
                perangkat=perangkat, kode=form.cleaned_data["kode"], oleh=request.user
            )
        except ValidationError as galat:
            form.add_error("kode", galat)
        else:
            perangkat.refresh_from_db()
            otp_login(request, perangkat)
            request.session.pop(SESI_TERTUNDA, None)
            messages.success(request, "Verifikasi dua langkah terpasang.")
            return _tampilkan_kode(request, kode)
    context = {"form": form, "qr": qr_svg(perangkat.config_url), "perangkat": perangkat}
    context["kunci"] = _kunci_terbaca(perangkat)
    context["next"] = _tujuan(request)
    return render(request, "dua_faktor/pasang.html", context)


def _kunci_terbaca(perangkat: TOTPDevice) -> str:
    """The key as an app's manual entry asks for it (base32, in groups of four)."""
    kunci = b32encode(perangkat.bin_key).decode().rstrip("=")
    return " ".join(kunci[i : i + 4] for i in range(0, len(kunci), 4))


@login_required
@require_POST
def kode_baru(request: HttpRequest) -> HttpResponse:
    if _perlu_kode_dulu(request) or not punya_perangkat(request.user):
        return redirect(dengan_tujuan("dua_faktor:verifikasi", reverse("dua_faktor:ringkasan")))
    return _tampilkan_kode(request, kode_pemulihan_buat(user=request.user))


def _tampilkan_kode(request: HttpRequest, kode: list[str]) -> HttpResponse:
    # Shown once, in this response only: never stored where it could be shown again.
    response = render(
        request, "dua_faktor/kode_pemulihan.html", {"kode": kode, "next": _tujuan(request)}
    )
    response["Cache-Control"] = "no-store"
    return response
