"""The TW report's PDF (signed once signed, else a DRAF render) and its signing, for the
measurement page to link and post to. A report of a satker out of the user's reach is 404
(satker.akses)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from dokumen.forms_tandatangan import KonfirmasiSandiForm
from dokumen.syarat_ttd import masalah_alamat
from pengukuran.models import LaporanTriwulan
from pengukuran.pdf import nama_berkas, pdf_laporan
from pengukuran.ttd import (
    LaporanDitolak,
    berkas_laporan,
    boleh_tandatangani,
    laporan_tandatangani,
)
from satker.akses import satker_terlihat


def _laporan(request: HttpRequest, pk: int) -> LaporanTriwulan:
    return get_object_or_404(
        LaporanTriwulan.objects.select_related("satker", "perjanjian").filter(
            satker__in=satker_terlihat(request.user)
        ),
        pk=pk,
    )


@login_required
@require_GET
def laporan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    laporan = _laporan(request, pk)
    draf = berkas_laporan(laporan) is None
    response = HttpResponse(pdf_laporan(laporan), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{nama_berkas(laporan, draf=draf)}"'
    return response


def _kembali(request: HttpRequest, laporan: LaporanTriwulan) -> HttpResponse:
    tujuan = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        tujuan, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(tujuan)
    return redirect(reverse("pengukuran:pdf-unduh", args=[laporan.pk]))


@login_required
@require_POST
def laporan_tandatangani_view(request: HttpRequest, pk: int) -> HttpResponse:
    """POST `password` (asked again, as for documents) and optionally `next`: sign the
    approved report as its signing official, then back to `next`."""
    laporan = _laporan(request, pk)
    if not boleh_tandatangani(request.user, laporan):
        raise PermissionDenied("Hanya penandatangan laporan ini yang dapat menandatanganinya.")
    form = KonfirmasiSandiForm(request.POST, request=request)
    # The address first: a refusal for it does not spend one of the password's tries.
    if masalah := masalah_alamat(request):
        messages.error(request, masalah)
        return _kembali(request, laporan)
    if not form.is_valid():
        messages.error(request, form.pesan_galat)
        return _kembali(request, laporan)
    try:
        laporan_tandatangani(laporan=laporan, oleh=request.user)
    except LaporanDitolak as alasan:
        messages.error(request, str(alasan))
    else:
        messages.success(request, "Laporan ditandatangani secara elektronik.")
    return _kembali(request, laporan)
