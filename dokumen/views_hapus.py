"""Deleting a mistaken draft: a confirmation page, then one POST that calls the service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from dokumen.baris import data_baris
from dokumen.selectors import dokumen_ambil
from dokumen.services import DokumenTidakBisaDihapus, boleh_dihapus, dokumen_hapus
from satker.akses import pastikan_boleh_menulis


@login_required
@require_http_methods(["GET", "POST"])
def dokumen_hapus_view(request: HttpRequest, pk: int) -> HttpResponse:
    dokumen = dokumen_ambil(request.user, pk)
    pastikan_boleh_menulis(request.user, dokumen.satker)
    if not boleh_dihapus(dokumen):
        messages.error(request, "Hanya draf yang belum pernah diajukan yang dapat dihapus.")
        return redirect("dokumen:detail", pk=dokumen.pk)
    if request.method == "POST":
        nama = str(dokumen)
        try:
            dokumen_hapus(dokumen=dokumen, user=request.user)
        except DokumenTidakBisaDihapus as galat:  # submitted meanwhile
            messages.error(request, str(galat))
            return redirect("dokumen:detail", pk=dokumen.pk)
        messages.success(request, f"{nama} dihapus. Riwayat perubahannya tetap tersimpan.")
        return redirect("satker-detail", kode=dokumen.satker.kode)
    context = {"dokumen": dokumen, "satker": dokumen.satker, "baris": data_baris(dokumen)}
    return render(request, "dokumen/dokumen_confirm_delete.html", context)
