"""Public pages: anyone holding a printed or digital copy can check it, without logging in."""

from django import forms
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from dokumen.models import Dokumen, StatusDokumen
from dokumen.selectors import versi_pengganti
from dokumen.verifikasi import periksa_berkas

UKURAN_MAKS = 10 * 1024 * 1024


class UnggahPdfForm(forms.Form):
    berkas = forms.FileField(label="Berkas PDF yang ingin diperiksa")

    def clean_berkas(self) -> bytes:
        berkas = self.cleaned_data["berkas"]
        if berkas.size > UKURAN_MAKS:
            raise forms.ValidationError("Berkas terlalu besar: paling besar 10 MB.")
        isi = berkas.read()
        if not isi.startswith(b"%PDF-"):
            raise forms.ValidationError("Berkas ini bukan PDF. Unggah berkas PDF dokumen.")
        return isi


@transaction.non_atomic_requests
@require_http_methods(["GET", "POST"])
def verifikasi(request: HttpRequest, token: str) -> HttpResponse:
    try:
        dokumen = Dokumen.objects.select_related("satker", "penandatangan").get(
            token_verifikasi=token, status=StatusDokumen.TERBIT
        )
    except Dokumen.DoesNotExist:
        raise Http404("Kode verifikasi tidak dikenal.") from None
    hasil = None
    form = UnggahPdfForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        hasil = periksa_berkas(dokumen, form.cleaned_data["berkas"])
    context = {
        "dokumen": dokumen,
        "pengganti": versi_pengganti(dokumen),
        "form": form,
        "hasil": hasil,
    }
    return render(request, "dokumen/verifikasi.html", context, status=200)
