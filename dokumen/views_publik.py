"""Public pages: anyone holding a printed or digital copy can check it, without logging in."""

from django import forms
from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from dokumen.models import Dokumen
from dokumen.penandatanganan import nama_giliran
from dokumen.periksa_terbatas import slot_pemeriksaan
from dokumen.selectors import giliran, tanda_tangan_berlabel, versi_pengganti
from dokumen.unggah import UnggahTerbatas
from dokumen.verifikasi import (
    Terverifikasi,
    dokumen_verifikasi,
    periksa_berkas_catatan,
    verifikasi_terdaftar,
)

# Room in the body for the multipart boundaries, headers and the CSRF token besides the file.
SELISIH_MULTIPART = 64 * 1024


def _ukuran_maks() -> int:
    return settings.VERIFIKASI_UKURAN_MAKS_MB * 1024 * 1024


def _pesan_terlalu_besar() -> str:
    return f"Berkas terlalu besar: paling besar {settings.VERIFIKASI_UKURAN_MAKS_MB} MB."


class UnggahPdfForm(forms.Form):
    berkas = forms.FileField(label="Berkas PDF yang ingin diperiksa")

    def clean_berkas(self) -> bytes:
        berkas = self.cleaned_data["berkas"]
        if berkas.size > _ukuran_maks():
            raise forms.ValidationError(_pesan_terlalu_besar())
        isi = berkas.read()
        if not isi.startswith(b"%PDF-"):
            raise forms.ValidationError("Berkas ini bukan PDF. Unggah berkas PDF dokumen.")
        return isi


@csrf_exempt  # checked by _periksa, once the upload handler below is in place
@transaction.non_atomic_requests
@require_http_methods(["GET", "POST"])
def verifikasi(request: HttpRequest, token: str) -> HttpResponse:
    # A partly signed document has its token (its QR code) already: the page says it is not
    # published yet.
    dokumen = _terverifikasi(token)
    if dokumen is None:
        raise Http404("Kode verifikasi tidak dikenal.")
    if request.method != "POST":
        return _halaman(request, dokumen, UnggahPdfForm())
    if not dokumen.terbit:  # nothing unpublished is ever "asli"
        galat = "Dokumen ini belum terbit, jadi tidak ada berkas yang dapat dinyatakan asli."
        return _halaman(request, dokumen, UnggahPdfForm(), galat=galat, status=409)
    # Everything below runs before a byte of the body is read.
    if is_ratelimited(
        request,
        group="verifikasi-unggah",
        key="ip",
        rate=settings.VERIFIKASI_BATAS_UNGGAH,
        method="POST",
        increment=True,
    ):
        galat = "Terlalu banyak pemeriksaan dari alamat Anda. Tunggu sebentar lalu coba lagi."
        response = _halaman(request, dokumen, UnggahPdfForm(), galat=galat, status=429)
        response["Retry-After"] = "60"
        return response
    try:
        panjang = int(request.META.get("CONTENT_LENGTH") or "")
    except ValueError:
        galat = "Ukuran kiriman tidak diketahui. Unggah berkas melalui formulir di halaman ini."
        return _halaman(request, dokumen, UnggahPdfForm(), galat=galat, status=411)
    if panjang > _ukuran_maks() + SELISIH_MULTIPART:
        return _halaman(request, dokumen, UnggahPdfForm(), galat=_pesan_terlalu_besar(), status=413)
    with slot_pemeriksaan() as ada_slot:
        if not ada_slot:
            galat = (
                "Berkas tidak dapat diperiksa sekarang: terlalu banyak pemeriksaan sedang "
                "berjalan. Coba lagi dalam beberapa detik."
            )
            response = _halaman(request, dokumen, UnggahPdfForm(), galat=galat, status=503)
            response["Retry-After"] = "10"
            return response
        penerima = UnggahTerbatas(request, batas=_ukuran_maks())
        request.upload_handlers = [penerima]
        return _periksa(request, dokumen, penerima)


@csrf_protect
def _periksa(
    request: HttpRequest, dokumen: Terverifikasi, penerima: UnggahTerbatas
) -> HttpResponse:
    form = UnggahPdfForm(request.POST, request.FILES)
    if penerima.terlalu_besar:
        return _halaman(request, dokumen, UnggahPdfForm(), galat=_pesan_terlalu_besar(), status=413)
    hasil = None
    if form.is_valid():
        hasil = periksa_berkas_catatan(dokumen.sha256, dokumen.catatan, form.cleaned_data["berkas"])
    return _halaman(request, dokumen, form, hasil=hasil)


def _terverifikasi(token: str) -> Terverifikasi | None:
    """A document's token first; else what an app above registered (a signed TW report)."""
    dokumen = dokumen_verifikasi(token)
    if dokumen is None:
        return verifikasi_terdaftar(token)
    return Terverifikasi(
        terbit=dokumen.terbit,
        sha256=dokumen.sha256,
        catatan=list(dokumen.tanda_tangan.all()),
        template="dokumen/verifikasi.html",
        konteks=_konteks_dokumen(dokumen),
    )


def _konteks_dokumen(dokumen: Dokumen) -> dict:
    menunggu = giliran(dokumen)
    return {
        "dokumen": dokumen,
        "menunggu": nama_giliran(dokumen, menunggu) if menunggu else "",
        "pengganti": versi_pengganti(dokumen),
        "tanda_tangan": tanda_tangan_berlabel(dokumen),  # the frozen records, every party
    }


def _halaman(request, dokumen, form, *, hasil=None, galat="", status=200) -> HttpResponse:
    context = {**dokumen.konteks, "form": form, "hasil": hasil, "galat": galat}
    response = render(request, dokumen.template, context, status=status)
    response["Cache-Control"] = "private, no-store"  # names the signer and their NIP
    return response
