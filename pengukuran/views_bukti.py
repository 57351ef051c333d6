"""Evidence files in the pages: a realisasi's list with its upload form, upload, download and
delete. Reads and writes go through `selectors_bukti` and `bukti`: another satker's file or
realisasi is a 404, a reader's write a 403.

The upload sets its own upload handler (`UnggahBukti`) before the body is read, so CSRF is
checked after it (`_unggah`), as the public verification upload does.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from pengukuran.bukti import bukti_hapus, bukti_unggah
from pengukuran.forms_bukti import UnggahBuktiForm
from pengukuran.selectors_bukti import (
    PENJELASAN_KEADAAN,
    KeadaanBerkas,
    bukti_ambil,
    isi_bukti,
    keadaan_berkas,
    konteks_bukti,
    realisasi_ambil,
)
from pengukuran.services import LaporanTidakBisaDiubah
from pengukuran.unduh_bukti import respons_berkas
from pengukuran.unggah_bukti import UnggahBukti, badan_terlalu_besar, pesan_terlalu_besar
from satker.akses import pastikan_boleh_menulis

PESAN_BUKAN_DRAF = "Laporan triwulan ini sudah diajukan: bukti dukungnya tidak dapat diubah."


def _kembali(request: HttpRequest, realisasi_pk: int | None, bawaan: str = "") -> str:
    """Where to go after a write: the page the form came from, when it is ours."""
    alamat = request.POST.get("kembali", "")
    if alamat and url_has_allowed_host_and_scheme(
        alamat, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return alamat
    return bawaan or reverse("pengukuran:bukti-daftar", args=[realisasi_pk])


def halaman_isian(bukti) -> str:
    """The page that lists a file: its realisasi's list, or its kegiatan's quarter page."""
    if bukti.realisasi_id:
        return reverse("pengukuran:bukti-daftar", args=[bukti.realisasi_id])
    laporan = bukti.realisasi_kegiatan.laporan
    return reverse("pengukuran:kegiatan", args=[bukti.satker.kode, laporan.tahun, laporan.tw])


def _halaman(request, realisasi, *, form=None, galat="", status=200, baca=True) -> HttpResponse:
    # baca=False: the body must stay unread (a refusal before the upload handler is set).
    kembali = _kembali(request, realisasi.pk) if baca else ""
    konteks = konteks_bukti(request.user, realisasi, form=form, kembali=kembali)
    konteks["galat"] = galat
    return render(request, "pengukuran/bukti_daftar.html", konteks, status=status)


@require_GET
@login_required
def bukti_daftar(request: HttpRequest, pk: int) -> HttpResponse:
    return _halaman(request, realisasi_ambil(request.user, pk))


@csrf_exempt  # checked by _unggah, once the upload handler below is in place
@require_POST
@login_required
def bukti_unggah_view(request: HttpRequest, pk: int) -> HttpResponse:
    # Everything below runs before a byte of the body is read.
    realisasi = realisasi_ambil(request.user, pk)
    pastikan_boleh_menulis(request.user, realisasi.laporan.satker)
    if not realisasi.laporan.bisa_diubah:
        return _halaman(request, realisasi, galat=PESAN_BUKAN_DRAF, status=409, baca=False)
    if badan_terlalu_besar(request):
        return _halaman(request, realisasi, galat=pesan_terlalu_besar(), status=413, baca=False)
    penerima = UnggahBukti(request)
    request.upload_handlers = [penerima]
    return _unggah(request, realisasi, penerima)


@csrf_protect
def _unggah(request: HttpRequest, realisasi, penerima: UnggahBukti) -> HttpResponse:
    # Reading stopped at the limit: the form says why, and nothing of this request is saved.
    form = UnggahBuktiForm(request.POST, request.FILES, galat=penerima.galat)
    if penerima.galat:
        form.is_valid()
        return _halaman(request, realisasi, form=form, status=413)
    if not form.is_valid():
        return _halaman(request, realisasi, form=form, status=400)
    try:
        tersimpan = bukti_unggah(
            realisasi=realisasi, berkas=form.cleaned_data["berkas"], oleh=request.user
        )
    except ValidationError as galat:
        for pesan in galat.message_dict.get("berkas", galat.messages):
            form.add_error("berkas", pesan)
        return _halaman(request, realisasi, form=form, status=400)
    except LaporanTidakBisaDiubah:
        return _halaman(request, realisasi, galat=PESAN_BUKAN_DRAF, status=409)
    messages.success(request, f"{len(tersimpan)} berkas bukti dukung diunggah.")
    return redirect(_kembali(request, realisasi.pk))


@require_GET
@login_required
def bukti_unduh(request: HttpRequest, pk: int) -> HttpResponse:
    bukti = bukti_ambil(request.user, pk)
    isi = isi_bukti(bukti)
    if isi is None:
        keadaan = keadaan_berkas(bukti)
        if keadaan == KeadaanBerkas.UTUH:  # changed between the two reads
            keadaan = KeadaanBerkas.BERUBAH
        messages.error(request, f"{keadaan.label}: {PENJELASAN_KEADAAN[keadaan]}")
        return redirect(halaman_isian(bukti))
    return respons_berkas(bukti, isi)


@require_POST
@login_required
def bukti_hapus_view(request: HttpRequest, pk: int) -> HttpResponse:
    bukti = bukti_ambil(request.user, pk)
    pastikan_boleh_menulis(request.user, bukti.satker)
    try:
        bukti_hapus(bukti=bukti, oleh=request.user)
    except LaporanTidakBisaDiubah:
        messages.error(request, PESAN_BUKAN_DRAF)
    else:
        messages.success(request, f"Bukti dukung “{bukti.nama_asli}” dihapus.")
    return redirect(_kembali(request, bukti.realisasi_id, halaman_isian(bukti)))
