from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from satker.akses import boleh_impor_satker, pastikan_boleh_menulis
from satker.forms import PejabatFormSet, TupoksiForm
from satker.selectors import halaman_satker, satker_ambil
from satker.services import satker_profil_simpan

PANJANG_CARI_MAKS = 100


@login_required
def satker_list(request: HttpRequest) -> HttpResponse:
    """The visible satker by provinsi, a few provinsi a page, searchable by name or code."""
    # Printable characters only: PostgreSQL refuses a NUL in a query (a 500, not "no match").
    cari = "".join(c for c in request.GET.get("q", "") if c.isprintable())
    cari = cari.strip()[:PANJANG_CARI_MAKS]
    hasil = halaman_satker(request.user, cari, request.GET.get("halaman"))
    konteks = {
        "cari": cari,
        "kelompok": hasil.kelompok,
        "halaman": hasil.halaman,
        "hasil": hasil,
        "boleh_impor": boleh_impor_satker(request.user),
    }
    return render(request, "satker/satker_list.html", konteks)


@login_required
@require_http_methods(["GET", "POST"])
def satker_profil(request: HttpRequest, kode: str) -> HttpResponse:
    """The satker's tupoksi and officials on one form, saved all or nothing."""
    satker = satker_ambil(request.user, kode)
    pastikan_boleh_menulis(request.user, satker)
    data = request.POST if request.method == "POST" else None
    form = TupoksiForm(data, satker=satker)
    formset = PejabatFormSet(
        data, instance=satker, queryset=satker.pejabat.menurut_jabatan(), prefix="pejabat"
    )
    if request.method == "POST":
        # Both are validated so that every error shows at once.
        form_sah, formset_sah = form.is_valid(), formset.is_valid()
        if form_sah and formset_sah:
            pejabat_disimpan = formset.save(commit=False)
            try:
                satker_profil_simpan(
                    satker=satker,
                    oleh=request.user,
                    tupoksi=form.daftar_per_jenis(),
                    pejabat_disimpan=pejabat_disimpan,
                    pejabat_dihapus=formset.deleted_objects,
                )
            except ValidationError as error:
                # Rolled back; only a change made by someone else since validation gets here.
                formset.non_form_errors().extend(error.messages)
            else:
                messages.success(request, "Profil satker disimpan.")
                return redirect("satker-detail", kode=satker.kode)
    context = {"satker": satker, "form": form, "formset": formset}
    return render(request, "satker/satker_profil_form.html", context)
