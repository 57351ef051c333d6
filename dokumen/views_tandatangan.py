"""The signing page of the party whose turn it is: the PDF it signs (for the first party the final
render; for a later one the stored file the earlier parties signed), who has signed already,
who signs now with which certificate, and the password asked again. Signing goes through here
only; the workflow's one-click steps (dokumen.views.dokumen_aksi) never sign."""

import base64
import logging
import subprocess

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dokumen.alur import TidakBerhak, TransisiDitolak, boleh_menandatangani, dokumen_transisi
from dokumen.forms_tandatangan import KonfirmasiSandiForm
from dokumen.gambar_pdf import PdftoppmTidakAda, halaman_png
from dokumen.models import AksiDokumen, Dokumen, StatusDokumen
from dokumen.penandatanganan import (
    PratinjauTerbit,
    alasan_bukan_giliran,
    nama_giliran,
    pratinjau_terbit,
)
from dokumen.selectors import dokumen_ambil, giliran, label_pihak
from dokumen.syarat_ttd import masalah_alamat, peringatan_tanggal

logger = logging.getLogger(__name__)

DPI_PRATINJAU = 96  # CSS pixels: a page image shows at its print size on a 100 % zoom
PESAN_TERBIT = "Dokumen ditandatangani secara elektronik dan diterbitkan."


def _pesan_berhasil(dokumen: Dokumen) -> str:
    """What the signer is told: published, or signed and waiting for the next party."""
    if dokumen.status == StatusDokumen.TERBIT:
        return PESAN_TERBIT
    berikut = giliran(dokumen)
    sudah = berikut.sudah[-1]
    return (
        f"Dokumen ditandatangani secara elektronik sebagai {label_pihak(dokumen, sudah.urutan)}; "
        f"kini menunggu tanda tangan {nama_giliran(dokumen, berikut)}."
    )


def _dokumen_untuk_ditandatangani(request: HttpRequest, pk: int) -> Dokumen | HttpResponse:
    """The document if this user may sign it now; else the refusal (404 out of reach, 403 for
    an account whose turn it is not, saying whose it is; back to its page when it is not
    ready)."""
    dokumen = dokumen_ambil(request.user, pk)
    if not boleh_menandatangani(request.user, dokumen):
        raise TidakBerhak(
            alasan_bukan_giliran(request.user, dokumen)
            or "Hanya penandatangan dokumen ini yang dapat menandatanganinya."
        )
    if dokumen.status != StatusDokumen.DISETUJUI:
        messages.info(
            request,
            f"Dokumen berstatus {dokumen.get_status_display().lower()}; hanya dokumen yang "
            "disetujui yang dapat ditandatangani.",
        )
        return redirect("dokumen:detail", pk=dokumen.pk)
    return dokumen


def _halaman(
    request: HttpRequest, dokumen: Dokumen, form: KonfirmasiSandiForm, status: int = 200
) -> HttpResponse:
    context = {
        "dokumen": dokumen,
        "satker": dokumen.satker,
        "form": form,
        "peringatan_tanggal": peringatan_tanggal(dokumen),
    }
    try:
        pratinjau: PratinjauTerbit = pratinjau_terbit(dokumen)
    except TransisiDitolak as alasan:
        context["galat_pratinjau"] = str(alasan)
    else:
        context["pratinjau"] = pratinjau
        context["sudah"] = [(label_pihak(dokumen, t.urutan), t) for t in pratinjau.sudah]
        try:
            gambar = halaman_png(pratinjau.pdf, dpi=DPI_PRATINJAU)
        except (PdftoppmTidakAda, subprocess.SubprocessError) as galat:
            # The PDF itself is still a click away: the page says so instead of failing.
            logger.error("Pratinjau halaman %s tidak dapat digambar: %s", dokumen, galat)
            gambar = []
        context["gambar_halaman"] = [
            "data:image/png;base64," + base64.b64encode(png).decode() for png in gambar
        ]
    context["masalah_alamat"] = masalah_alamat(request)
    return render(request, "dokumen/tandatangan.html", context, status=status)


@login_required
def dokumen_tandatangani(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the page. POST: the password; right, and the address right, it signs and
    publishes through the workflow's one service (dokumen_transisi)."""
    dokumen = _dokumen_untuk_ditandatangani(request, pk)
    if isinstance(dokumen, HttpResponse):
        return dokumen
    if request.method != "POST":
        return _halaman(request, dokumen, KonfirmasiSandiForm(request=request))
    form = KonfirmasiSandiForm(request.POST, request=request)
    # The address first: a refusal for it does not spend one of the password's tries.
    if masalah_alamat(request) or not form.is_valid():
        return _halaman(request, dokumen, form, status=400)
    try:
        dokumen = dokumen_transisi(dokumen=dokumen, user=request.user, aksi=AksiDokumen.TERBITKAN)
    except TransisiDitolak as alasan:
        messages.error(request, str(alasan))
    else:
        messages.success(request, _pesan_berhasil(dokumen))
    return redirect("dokumen:detail", pk=dokumen.pk)


@login_required
def dokumen_tandatangani_pratinjau(request: HttpRequest, pk: int) -> HttpResponse:
    """The preview as a PDF file, for a closer look than the page images give (for a later
    party, the stored file as the earlier parties signed it)."""
    dokumen = _dokumen_untuk_ditandatangani(request, pk)
    if isinstance(dokumen, HttpResponse):
        return dokumen
    try:
        pratinjau = pratinjau_terbit(dokumen)
    except TransisiDitolak as alasan:
        messages.error(request, str(alasan))
        return redirect("dokumen:tandatangani", pk=dokumen.pk)
    response = HttpResponse(pratinjau.pdf, content_type="application/pdf")
    nama = f"pratinjau-{dokumen.satker.kode}-{dokumen.jenis.lower()}-{dokumen.tahun}.pdf"
    response["Content-Disposition"] = f'inline; filename="{nama}"'
    return response
