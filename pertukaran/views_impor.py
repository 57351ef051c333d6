"""A satker's own file made a draft: upload → preview → confirm (pertukaran.impor for the
preview, pertukaran.services for the writes). The upload is kept server-side (BerkasImpor)
and read again on confirmation, so what is created is what the file says, not the browser."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from dokumen.jenis import JenisTidakDikenal, jenis_terdaftar
from pertukaran.berkas import BerkasDitolak
from pertukaran.forms import ImporForm, pilihan_jenis_impor
from pertukaran.impor import pratinjau_buat, tupoksi_banding
from pertukaran.models import BerkasImpor
from pertukaran.services import berkas_impor_simpan, impor_terapkan, nama_bersih
from pertukaran.templat import xlsx_templat
from pertukaran.views import unduhan_xlsx
from satker.akses import pastikan_boleh_menulis
from satker.selectors import satker_ambil


@login_required
def impor_templat(request: HttpRequest, jenis: str) -> HttpResponse:
    """The type's own Excel template (pertukaran.templat): columns and an example row."""
    try:
        terdaftar = jenis_terdaftar(jenis.upper())
    except JenisTidakDikenal:
        raise Http404("Jenis dokumen tidak dikenal.") from None
    if terdaftar.kolom_excel is None:
        raise Http404("Jenis dokumen ini tidak punya templat Excel.")
    return unduhan_xlsx(xlsx_templat(terdaftar), f"templat-{terdaftar.kode.lower()}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def impor_unggah(request: HttpRequest, kode: str) -> HttpResponse:
    satker = satker_ambil(request.user, kode)
    pastikan_boleh_menulis(request.user, satker)
    form = ImporForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        jenis, tahun = form.cleaned_data["jenis"], form.cleaned_data["tahun"]
        nama, isi = nama_bersih(request.FILES["berkas"].name), form.cleaned_data["berkas"]
        try:
            # Read once here, so a file that cannot be read is refused next to its field.
            pratinjau_buat(
                satker=satker,
                terdaftar=jenis_terdaftar(jenis),
                tahun=tahun,
                nama_berkas=nama,
                isi=isi,
            )
        except BerkasDitolak as galat:
            form.add_error("berkas", galat.pesan)
        else:
            berkas = berkas_impor_simpan(
                pemilik=request.user, satker=satker, jenis=jenis, tahun=tahun, nama=nama, isi=isi
            )
            return redirect("pertukaran:impor-pratinjau", kode=satker.kode, pk=berkas.pk)
    konteks = {"satker": satker, "form": form, "templat": pilihan_jenis_impor()}
    return render(request, "pertukaran/impor_unggah.html", konteks)


@login_required
@require_http_methods(["GET", "POST"])
def impor_pratinjau(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    """The preview (GET) and its confirmation (POST): only the uploader's own upload."""
    satker = satker_ambil(request.user, kode)
    pastikan_boleh_menulis(request.user, satker)
    berkas = BerkasImpor.objects.filter(pk=pk, pemilik=request.user, satker=satker).first()
    if berkas is None:
        raise Http404("Berkas impor tidak ditemukan atau sudah dipakai. Unggah ulang.")
    try:
        pratinjau = pratinjau_buat(
            satker=satker,
            terdaftar=jenis_terdaftar(berkas.jenis),
            tahun=berkas.tahun,
            nama_berkas=berkas.nama,
            isi=bytes(berkas.isi),
        )
    except BerkasDitolak as galat:  # the rules changed since the upload
        berkas.delete()
        messages.error(request, galat.pesan)
        return redirect("pertukaran:impor", kode=satker.kode)
    if request.method == "POST" and pratinjau.bisa_diterapkan:
        try:
            dokumen = impor_terapkan(
                pratinjau=pratinjau,
                oleh=request.user,
                berkas=berkas,
                tupoksi=request.POST.get("tupoksi") == "1",
            )
        except (IntegrityError, ValidationError):  # the same document made meanwhile
            messages.error(request, f"{berkas.jenis} {berkas.tahun} baru saja dibuat orang lain.")
        else:
            messages.success(
                request,
                f"Draf {dokumen.jenis} {dokumen.tahun} dibuat dari {berkas.nama} dengan "
                f"{pratinjau.jumlah_baris} baris. Periksa dan lengkapi isinya.",
            )
            return redirect("dokumen:ubah", pk=dokumen.pk)
    status = 409 if request.method == "POST" else 200
    konteks = {
        "satker": satker,
        "berkas": berkas,
        "pratinjau": pratinjau,
        "tupoksi_banding": tupoksi_banding(pratinjau),
    }
    return render(request, "pertukaran/impor_pratinjau.html", konteks, status=status)
