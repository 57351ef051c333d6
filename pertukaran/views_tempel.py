"""Rows pasted into the document editor (pertukaran.tempel), read on the server so a paste and
an import give the same rows and warnings. Nothing is saved: the editor shows the rows, and the
user saves the draft as usual (with its conflict check)."""

from dataclasses import asdict

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST

from dokumen.selectors import dokumen_ambil
from pertukaran.tempel import (
    PESAN_TERLALU_BESAR,
    UKURAN_MAKS,
    TempelDitolak,
    baca_tempel,
    tabel_papan_klip,
)
from satker.akses import pastikan_boleh_menulis

# The request as a whole, before its fields are read: both formats at their limit, and the rest.
PERMINTAAN_MAKS = 3 * UKURAN_MAKS


def _galat(pesan: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"galat": pesan}, status=status)


@login_required
@require_POST
def dokumen_tempel(request: HttpRequest, pk: int) -> JsonResponse:
    """The clipboard (`html` and/or `teks`) as the editor's rows and warnings. `mulai`: the field
    pasted into; `lanjut`: the rows before the first sasaran join the block pasted into. Who
    may edit the draft only; another satker's document is a 404."""
    dokumen = dokumen_ambil(request.user, pk)
    pastikan_boleh_menulis(request.user, dokumen.satker)
    if not dokumen.bisa_diubah:
        return _galat("Hanya draf yang dapat diubah; baris tidak dapat ditempel.", status=409)
    terdaftar = dokumen.jenis_terdaftar
    if terdaftar.kolom_excel is None:
        return _galat("Jenis dokumen ini belum dapat diisi dengan menempel dari Word/Excel.")
    try:
        ukuran = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        ukuran = 0
    if ukuran > PERMINTAAN_MAKS:
        return _galat(PESAN_TERLALU_BESAR, status=413)
    try:
        tabel = tabel_papan_klip(
            html=request.POST.get("html", ""), teks=request.POST.get("teks", "")
        )
        hasil = baca_tempel(
            terdaftar,
            tabel,
            mulai=request.POST.get("mulai", "")[:100],
            lanjut=request.POST.get("lanjut") == "1",
        )
    except TempelDitolak as galat:
        return _galat(str(galat))
    return JsonResponse(asdict(hasil))
