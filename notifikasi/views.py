"""The bell's pages: the list, marking read, the switches."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from notifikasi.forms import PengaturanForm
from notifikasi.models import Saluran
from notifikasi.selectors import notifikasi_ambil, notifikasi_pengguna, pengaturan_pengguna
from notifikasi.services import notifikasi_baca, notifikasi_baca_semua, pengaturan_simpan

PER_HALAMAN = 30


@login_required
def notifikasi_list(request: HttpRequest) -> HttpResponse:
    halaman = Paginator(notifikasi_pengguna(request.user), PER_HALAMAN).get_page(
        request.GET.get("page")
    )
    return render(request, "notifikasi/notifikasi_list.html", {"halaman": halaman})


@login_required
@require_POST
def notifikasi_buka(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one read and go where it points (only ever an address on this site)."""
    notifikasi = notifikasi_ambil(request.user, pk)
    if notifikasi is None:
        raise Http404("Notifikasi tidak ditemukan.")
    notifikasi_baca(notifikasi=notifikasi)
    if not url_has_allowed_host_and_scheme(notifikasi.tautan, allowed_hosts=None):
        return redirect("notifikasi:list")
    return redirect(notifikasi.tautan)


@login_required
@require_POST
def notifikasi_baca_semua_view(request: HttpRequest) -> HttpResponse:
    jumlah = notifikasi_baca_semua(user=request.user)
    if jumlah:
        messages.success(request, f"{jumlah} notifikasi ditandai sudah dibaca.")
    return redirect("notifikasi:list")


@login_required
def notifikasi_pengaturan(request: HttpRequest) -> HttpResponse:
    form = PengaturanForm(request.POST or None, awal=pengaturan_pengguna(request.user))
    if request.method == "POST" and form.is_valid():
        pengaturan_simpan(user=request.user, aktif=form.aktif())
        messages.success(request, "Pengaturan notifikasi disimpan.")
        return redirect("notifikasi:pengaturan")
    konteks = {"form": form, "saluran": Saluran, "tanpa_surel": not request.user.email}
    return render(request, "notifikasi/pengaturan_form.html", konteks)
