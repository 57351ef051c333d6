"""The Admin RI page importing the national satker list: upload → preview → confirm.

The uploaded file is kept server-side between the preview and the confirmation, under
MEDIA_ROOT/impor_satker/<SHA-256>, and the confirmation names it by a signed token (the hash,
the user, a time): a user confirms only a file they previewed, within an hour, and the
service checks the bytes still have that hash. The same service applies it as the command.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from kpu_kinerja.sementara import hapus_sementara, jalur_sementara, simpan_sementara
from satker.akses import pastikan_boleh_impor_satker
from satker.impor import UKURAN_MAKS, ImporDitolak, impor_pratinjau, impor_terapkan

GARAM = "satker.impor"
BATAS_KONFIRMASI_DETIK = 3600
FOLDER = "impor_satker"


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


def _ambil_sementara(token: str, user) -> tuple[str, bytes] | None:
    try:
        data = signing.loads(token, salt=GARAM, max_age=BATAS_KONFIRMASI_DETIK)
    except signing.BadSignature:  # SignatureExpired included
        return None
    sidik = str(data.get("sidik", ""))
    jalur = jalur_sementara(FOLDER, sidik) if data.get("user") == user.pk else None
    return (sidik, jalur.read_bytes()) if jalur else None


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
            simpan_sementara(FOLDER, isi)  # named by its hash, pratinjau.sidik
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
    hapus_sementara(FOLDER, sidik)
    jumlah = pratinjau.jumlah
    messages.success(
        request,
        f"Daftar satker diterapkan: {jumlah['baru']} satker baru, {jumlah['berubah']} diubah, "
        f"{jumlah['tetap']} tetap.",
    )
    return redirect("satker-impor")
