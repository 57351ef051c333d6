"""The Admin RI page importing the national satker list: upload → preview → confirm.

The uploaded file is kept server-side between the preview and the confirmation, under
MEDIA_ROOT/impor_satker/<SHA-256>, and the confirmation names it by a signed token (the hash,
the user, a time): a user confirms only a file they previewed, within an hour, and the
service checks the bytes still have that hash. The same service applies it as the command.
"""

import re
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from satker.akses import pastikan_boleh_impor_satker
from satker.impor import UKURAN_MAKS, ImporDitolak, impor_pratinjau, impor_terapkan

GARAM = "satker.impor"
BATAS_KONFIRMASI_DETIK = 3600
SIMPAN_MAKS_DETIK = 24 * 3600  # files left unconfirmed are removed after a day
_SIDIK = re.compile(r"^[0-9a-f]{64}$")


class UnggahForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas daftar satker (.csv atau .xlsx)",
        help_text="Kolom: kode, nama, tingkat (RI, PROVINSI, KABKOTA), induk, kota_ttd, alamat.",
    )

    def clean_berkas(self) -> bytes:
        berkas = self.cleaned_data["berkas"]
        if berkas.size > UKURAN_MAKS:
            raise forms.ValidationError(
                f"Berkas terlalu besar: paling besar {UKURAN_MAKS // (1024 * 1024)} MB."
            )
        return berkas.read()


def _folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "impor_satker"


def _simpan_sementara(isi: bytes, sidik: str) -> None:
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    batas = time.time() - SIMPAN_MAKS_DETIK
    for lama in folder.iterdir():
        if lama.stat().st_mtime < batas:
            lama.unlink(missing_ok=True)
    sementara = folder / f"{sidik}.tmp"
    sementara.write_bytes(isi)
    sementara.replace(folder / sidik)


def _ambil_sementara(token: str, user) -> tuple[str, bytes] | None:
    try:
        data = signing.loads(token, salt=GARAM, max_age=BATAS_KONFIRMASI_DETIK)
    except signing.BadSignature:  # SignatureExpired included
        return None
    sidik = data.get("sidik", "")
    if data.get("user") != user.pk or not _SIDIK.match(sidik):
        return None
    jalur = _folder() / sidik
    if not jalur.is_file():
        return None
    return sidik, jalur.read_bytes()


@login_required
@require_http_methods(["GET", "POST"])
def satker_impor(request: HttpRequest) -> HttpResponse:
    pastikan_boleh_impor_satker(request.user)
    if request.method == "POST" and "token" in request.POST:
        return _terapkan(request)
    form = UnggahForm(request.POST or None, request.FILES or None)
    konteks = {"form": form}
    if request.method == "POST" and form.is_valid():
        isi = form.cleaned_data["berkas"]
        pratinjau = impor_pratinjau(isi)
        konteks |= {"pratinjau": pratinjau, "nama_berkas": request.FILES["berkas"].name}
        if pratinjau.boleh_diterapkan:
            _simpan_sementara(isi, pratinjau.sidik)
            konteks["token"] = signing.dumps(
                {"sidik": pratinjau.sidik, "user": request.user.pk}, salt=GARAM
            )
    return render(request, "satker/satker_impor.html", konteks)


def _terapkan(request: HttpRequest) -> HttpResponse:
    tersimpan = _ambil_sementara(request.POST["token"], request.user)
    if tersimpan is None:
        messages.error(
            request,
            "Pratinjau sudah kedaluwarsa atau tidak dikenal. Unggah ulang berkasnya.",
        )
        return redirect("satker-impor")
    sidik, isi = tersimpan
    try:
        pratinjau = impor_terapkan(isi=isi, oleh=request.user, sidik=sidik)
    except ImporDitolak as error:
        # The database changed since the preview (or the file did): show what it says now.
        messages.error(request, error.pesan)
        konteks = {"form": UnggahForm(), "pratinjau": error.pratinjau}
        return render(request, "satker/satker_impor.html", konteks, status=409)
    (_folder() / sidik).unlink(missing_ok=True)
    jumlah = pratinjau.jumlah
    messages.success(
        request,
        f"Daftar satker diterapkan: {jumlah['baru']} satker baru, {jumlah['berubah']} diubah, "
        f"{jumlah['tetap']} tetap.",
    )
    return redirect("satker-impor")
