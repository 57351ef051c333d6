"""The people pages: a satker's accounts and invitations (its Sekretaris, Admin RI), the
reviewers of every provinsi (Admin RI), and accepting an invitation (anyone with the link)."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from akun import selectors, services
from akun.akses import pastikan_admin_ri, pastikan_boleh_memberi, peran_boleh_diberi, satker_kelola
from akun.forms import AkunUbahForm, TerimaUndanganForm, UndanganForm
from dua_faktor.aturan import PERAN_WAJIB, wajib_dua_faktor
from satker.models import Peran

PESAN_BATAS = "Terlalu banyak undangan dalam satu jam. Tunggu beberapa saat lalu coba lagi."


def _ke_daftar(kode: str) -> HttpResponse:
    return redirect("akun:orang", kode=kode)


def _pesan_galat(request: HttpRequest, galat: ValidationError) -> None:
    for pesan in galat.messages:
        messages.error(request, pesan)


@login_required
def orang(request: HttpRequest, kode: str) -> HttpResponse:
    satker = satker_kelola(request.user, kode)
    konteks = {
        "satker": satker,
        "akun": selectors.akun_satker(satker),
        "undangan": selectors.undangan_menunggu(satker),
        "riwayat": selectors.riwayat_akun(satker),
        "boleh_diberi": {p.value for p in peran_boleh_diberi(request.user, satker)},
        "sekarang": timezone.now(),
        "peran_wajib": {p.value for p in PERAN_WAJIB},
    }
    return render(request, "akun/orang_list.html", konteks)


@login_required
@require_http_methods(["GET", "POST"])
def undang(request: HttpRequest, kode: str) -> HttpResponse:
    satker = satker_kelola(request.user, kode)
    peran = peran_boleh_diberi(request.user, satker)
    awal = {"peran": request.GET.get("peran", Peran.OPERATOR)}
    form = UndanganForm(request.POST or None, satker=satker, peran=peran, initial=awal)
    if request.method == "POST" and form.is_valid():
        if is_ratelimited(
            request,
            group="akun-undang",
            key="user",
            rate=settings.UNDANGAN_BATAS,
            method="POST",
            increment=True,
        ):
            form.add_error(None, PESAN_BATAS)
            response = render(request, "akun/undangan_form.html", {"satker": satker, "form": form})
            response.status_code = 429
            return response
        try:
            undangan = services.undangan_buat(satker=satker, oleh=request.user, **form.cleaned_data)
        except ValidationError as galat:
            form.add_error(None, galat)
        else:
            messages.success(request, f"Undangan dikirim ke {undangan.email}.")
            return _ke_daftar(satker.kode)
    return render(request, "akun/undangan_form.html", {"satker": satker, "form": form})


@login_required
@require_POST
def undangan_kirim_ulang(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    satker = satker_kelola(request.user, kode)
    undangan = selectors.undangan_ambil(satker, pk)
    try:
        services.undangan_kirim_ulang(undangan=undangan, oleh=request.user)
    except ValidationError as galat:
        _pesan_galat(request, galat)
    else:
        messages.success(request, f"Undangan dikirim ulang ke {undangan.email}.")
    return _ke_daftar(satker.kode)


@login_required
@require_POST
def undangan_cabut(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    satker = satker_kelola(request.user, kode)
    undangan = selectors.undangan_ambil(satker, pk)
    try:
        services.undangan_cabut(undangan=undangan, oleh=request.user)
    except ValidationError as galat:
        _pesan_galat(request, galat)
    else:
        messages.success(request, f"Undangan untuk {undangan.email} dicabut.")
    return _ke_daftar(satker.kode)


@login_required
@require_POST
def akun_nonaktifkan(request: HttpRequest, kode: str, user_id: int) -> HttpResponse:
    satker = satker_kelola(request.user, kode)
    profil = selectors.profil_ambil(satker, user_id)
    try:
        services.akun_nonaktifkan(profil=profil, oleh=request.user)
    except ValidationError as galat:
        _pesan_galat(request, galat)
    else:
        messages.success(request, f"Akun {profil.user.get_username()} dinonaktifkan.")
    return _ke_daftar(satker.kode)


@login_required
@require_POST
def akun_aktifkan(request: HttpRequest, kode: str, user_id: int) -> HttpResponse:
    satker = satker_kelola(request.user, kode)
    profil = selectors.profil_ambil(satker, user_id)
    try:
        services.akun_aktifkan(profil=profil, oleh=request.user)
    except ValidationError as galat:
        _pesan_galat(request, galat)
    else:
        messages.success(request, f"Akun {profil.user.get_username()} diaktifkan kembali.")
    return _ke_daftar(satker.kode)


@login_required
@require_http_methods(["GET", "POST"])
def akun_ubah(request: HttpRequest, kode: str, user_id: int) -> HttpResponse:
    satker = satker_kelola(request.user, kode)
    profil = selectors.profil_ambil(satker, user_id)
    pastikan_boleh_memberi(request.user, satker, profil.peran)
    awal = {"peran": profil.peran, "pejabat": profil.pejabat}
    peran = peran_boleh_diberi(request.user, satker)
    form = AkunUbahForm(request.POST or None, satker=satker, peran=peran, initial=awal)
    if request.method == "POST" and form.is_valid():
        try:
            services.akun_ubah(profil=profil, oleh=request.user, **form.cleaned_data)
        except ValidationError as galat:
            form.add_error(None, galat)
        else:
            messages.success(request, f"Akun {profil.user.get_username()} disimpan.")
            return _ke_daftar(satker.kode)
    konteks = {"satker": satker, "profil": profil, "form": form}
    return render(request, "akun/orang_form.html", konteks)


@login_required
def reviewer(request: HttpRequest) -> HttpResponse:
    pastikan_admin_ri(request.user)
    provinsi = selectors.reviewer_per_provinsi()
    return render(request, "akun/orang_reviewer.html", {"provinsi": provinsi})


@require_http_methods(["GET", "POST"])
def undangan_terima(request: HttpRequest, token: str) -> HttpResponse:
    """The invitee's page: username and password, then the login (with the second factor's
    set-up next when the role needs one). Any link that does not work gets one page."""
    try:
        undangan = services.undangan_berlaku(token)
    except services.TautanTidakBerlaku:
        return _tidak_berlaku(request)
    form = TerimaUndanganForm(request.POST or None, undangan=undangan)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.undangan_terima(
                token=token,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
            )
        except services.TautanTidakBerlaku:
            return _tidak_berlaku(request)
        except ValidationError as galat:
            form.add_error(None, galat)
        else:
            return _ke_masuk(request, user)
    response = render(request, "akun/undangan_terima.html", {"form": form, "undangan": undangan})
    response["Cache-Control"] = "no-store"
    return response


def _tidak_berlaku(request: HttpRequest) -> HttpResponse:
    return render(request, "akun/undangan_tidak_berlaku.html", status=404)


def _ke_masuk(request: HttpRequest, user) -> HttpResponse:
    """To the login form; after it, the second factor's set-up for those who must have one
    (the login with a password alone would not reach the admin or a signature)."""
    pesan = f"Akun {user.get_username()} aktif. Silakan masuk dengan kata sandi baru Anda."
    tujuan = reverse("beranda")
    if wajib_dua_faktor(user):
        pesan += " Setelah masuk, pasang verifikasi dua langkah: peran Anda mewajibkannya."
        tujuan = reverse("dua_faktor:ringkasan")
    messages.success(request, pesan)
    return redirect(f"{reverse('login')}?{urlencode({'next': tujuan})}")
