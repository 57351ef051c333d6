"""A quarter's realisasi through Excel: download the pre-filled template, upload it filled,
preview each row, apply (pertukaran.realisasi, pertukaran.realisasi_baca); the TW report and
the provinsi's measurement matrix as .xlsx (pertukaran.realisasi_laporan, realisasi_rekap).

Who may upload is who may fill the quarter's form: the satker's writers, in its reporting
window, while the report is a draft; another satker's is a 404 (satker.akses), a reviewer's
upload a 403. The uploaded file is kept server-side between the preview and "Terapkan", under
MEDIA_ROOT/impor_realisasi/<SHA-256> (as the satker import keeps its file), named by a token
signed for the user, the satker's quarter and the report's `suntingan` at the preview; it is
read and checked again when applied, within an hour, and removed then; files left behind go
after a day.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from dokumen.tahun import TAHUN_MAKS, TAHUN_MIN
from kpu_kinerja.sementara import jalur_sementara, simpan_sementara
from pengukuran.jendela import keadaan_jendela
from pengukuran.models import LaporanTriwulan
from pengukuran.rekap import Saringan, provinsi_rekap, rekap_provinsi
from pengukuran.selectors import satker_pengukuran, tabel_pengukuran, tw_berakhir
from pengukuran.services import LaporanBerubah, LaporanTidakBisaDiubah
from perjanjian_kinerja.models import NAMA_TRIWULAN, TRIWULAN
from pertukaran.berkas import BerkasDitolak
from pertukaran.realisasi import nama_berkas_templat, xlsx_templat_realisasi
from pertukaran.realisasi_baca import UnggahanDitolak, baca_unggahan, realisasi_impor
from pertukaran.realisasi_laporan import nama_berkas_laporan, xlsx_laporan
from pertukaran.realisasi_rekap import xlsx_rekap
from pertukaran.views import unduhan_xlsx
from satker.akses import pastikan_boleh_menulis, satker_terlihat

GARAM = "pertukaran.realisasi.unggah"
BATAS_KONFIRMASI_DETIK = 3600
FOLDER = "impor_realisasi"
# Read no further than this before the file check (pertukaran.berkas) judges it.
UKURAN_BACA_MAKS = 10 * 1024 * 1024
TEMPLAT = "pertukaran/realisasi_unggah.html"


class UnggahForm(forms.Form):
    berkas = forms.FileField(label="Templat realisasi yang sudah diisi (.xlsx)")

    def clean_berkas(self) -> bytes:
        berkas = self.cleaned_data["berkas"]
        if berkas.size > UKURAN_BACA_MAKS:
            raise forms.ValidationError(
                f"Berkas terlalu besar: paling besar {UKURAN_BACA_MAKS // (1024 * 1024)} MB."
            )
        return berkas.read()


def _triwulan(request: HttpRequest, kode: str, tahun: int, tw: int):
    """The satker (404 out of reach) and its year's table, for a quarter that exists."""
    if not TAHUN_MIN <= tahun <= TAHUN_MAKS or tw not in TRIWULAN:
        raise Http404("Triwulan tidak ditemukan.")
    satker = satker_pengukuran(request.user, kode)
    tabel = tabel_pengukuran(satker, tahun, sampai_tw=tw_berakhir(timezone.localdate(), tahun))
    if tabel.pk is None:
        raise Http404(f"Belum ada Perjanjian Kinerja {tahun} yang terbit.")
    return satker, tabel


def _penghalang(satker, tabel, tw: int) -> str:
    """Why the quarter takes no entries now ("" when it does): the quarter form's rule."""
    laporan = tabel.laporan.get(tw)
    if laporan is not None and not laporan.bisa_diubah:
        return (
            f"Laporan {NAMA_TRIWULAN[tw]} sudah {laporan.get_status_display().lower()}, jadi "
            "realisasinya tidak dapat diubah lagi."
        )
    return keadaan_jendela(satker, tabel.tahun, tw).pesan_tutup


@login_required
@require_GET
def realisasi_templat(request: HttpRequest, kode: str, tahun: int, tw: int) -> HttpResponse:
    """The quarter's template, pre-filled with the PK's indicators and what is stored."""
    satker, tabel = _triwulan(request, kode, tahun, tw)
    pastikan_boleh_menulis(request.user, satker)
    return unduhan_xlsx(
        xlsx_templat_realisasi(satker, tabel, tw), nama_berkas_templat(satker, tahun, tw)
    )


def _ambil_sementara(token: str, request: HttpRequest, satker, tahun: int, tw: int):
    """(file name, bytes, suntingan at the preview, path) of the token, or None when it is
    expired, forged, another user's or another quarter's, or its file is gone."""
    try:
        data = signing.loads(token, salt=GARAM, max_age=BATAS_KONFIRMASI_DETIK)
    except signing.BadSignature:  # SignatureExpired included
        return None
    sidik = str(data.get("sidik", ""))
    milik = (data.get("user"), data.get("satker"), data.get("tahun"), data.get("tw"))
    if milik != (request.user.pk, satker.pk, tahun, tw):
        return None
    jalur = jalur_sementara(FOLDER, sidik)
    if jalur is None:
        return None
    return str(data.get("nama", "")), jalur.read_bytes(), int(data.get("suntingan", 0)), jalur


@login_required
@require_http_methods(["GET", "POST"])
def realisasi_unggah(request: HttpRequest, kode: str, tahun: int, tw: int) -> HttpResponse:
    """GET: the upload form; POST a file: its preview; POST `token`: apply that preview."""
    satker, tabel = _triwulan(request, kode, tahun, tw)
    pastikan_boleh_menulis(request.user, satker)
    konteks = {"satker": satker, "tabel": tabel, "tw": tw, "nama_tw": NAMA_TRIWULAN[tw]}
    penghalang = _penghalang(satker, tabel, tw)
    konteks["penghalang"] = penghalang
    if request.method == "POST" and penghalang:
        messages.error(request, f"Tidak diterapkan: {penghalang}")
        return render(request, TEMPLAT, konteks, status=409)
    if request.method == "POST" and "token" in request.POST:
        return _terapkan(request, konteks)
    form = UnggahForm(request.POST or None, request.FILES or None)
    konteks["form"] = form
    if request.method != "POST" or not form.is_valid():
        return render(request, TEMPLAT, konteks, status=400 if form.errors else 200)
    isi, nama = form.cleaned_data["berkas"], request.FILES["berkas"].name
    try:
        pratinjau = baca_unggahan(isi, nama, satker=satker, tabel=tabel, tw=tw)
    except (BerkasDitolak, UnggahanDitolak) as galat:
        form.add_error("berkas", galat.pesan)
        return render(request, TEMPLAT, konteks, status=400)
    konteks |= {"pratinjau": pratinjau, "nama_berkas": nama}
    if pratinjau.boleh_diterapkan:
        laporan = tabel.laporan.get(tw)
        konteks["token"] = signing.dumps(
            {
                "sidik": simpan_sementara(FOLDER, isi),
                "nama": nama,
                "user": request.user.pk,
                "satker": satker.pk,
                "tahun": tahun,
                "tw": tw,
                "suntingan": laporan.suntingan if laporan else 0,
            },
            salt=GARAM,
        )
    return render(request, TEMPLAT, konteks)


def _terapkan(request: HttpRequest, konteks: dict) -> HttpResponse:
    satker, tabel, tw = konteks["satker"], konteks["tabel"], konteks["tw"]
    konteks["form"] = UnggahForm()
    tersimpan = _ambil_sementara(request.POST["token"], request, satker, tabel.tahun, tw)
    if tersimpan is None:
        messages.error(request, "Pratinjau sudah kedaluwarsa atau tidak dikenal. Unggah ulang.")
        return render(request, TEMPLAT, konteks, status=409)
    nama, isi, suntingan, jalur = tersimpan
    try:
        pratinjau = realisasi_impor(
            isi=isi,
            nama=nama,
            satker=satker,
            tabel=tabel,
            tw=tw,
            suntingan=suntingan,
            oleh=request.user,
        )
    except (BerkasDitolak, UnggahanDitolak) as galat:
        pesan = galat.pesan
    except LaporanBerubah:
        pesan = (
            f"Laporan {NAMA_TRIWULAN[tw]} disimpan orang lain sejak pratinjau ini dibuat; "
            "tidak ada yang disimpan. Unggah ulang berkasnya untuk melihat pratinjau yang baru."
        )
    except LaporanTidakBisaDiubah as galat:
        pesan = str(galat)
    except ValidationError as galat:  # the reporting window closed since, or a row's rule
        pesan = " ".join(galat.messages)
    else:
        jalur.unlink(missing_ok=True)
        messages.success(
            request,
            f"Realisasi {NAMA_TRIWULAN[tw]} {tabel.tahun} dari “{nama}” diterapkan: "
            f"{pratinjau.jumlah_berubah} indikator diubah.",
        )
        return redirect("pengukuran:triwulan", kode=satker.kode, tahun=tabel.tahun, tw=tw)
    messages.error(request, f"Tidak diterapkan: {pesan}")
    return render(request, TEMPLAT, konteks, status=409)


@login_required
@require_GET
def laporan_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The TW report's capaian table as its PDF prints it; the PDF's access rule (a report of
    a satker out of reach is a 404)."""
    laporan = get_object_or_404(
        LaporanTriwulan.objects.select_related("satker", "perjanjian").filter(
            satker__in=satker_terlihat(request.user)
        ),
        pk=pk,
    )
    return unduhan_xlsx(xlsx_laporan(laporan), nama_berkas_laporan(laporan))


@login_required
@require_GET
def rekap_xlsx(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """The provinsi's matrix as its page shows it (the same filters, `?status=&tw=&nama=`); a
    provinsi out of reach is a 404, as the page."""
    if not TAHUN_MIN <= tahun <= TAHUN_MAKS:
        raise Http404("Tahun di luar jangkauan.")
    provinsi = provinsi_rekap(request.user, kode)
    rekap = rekap_provinsi(provinsi, tahun, Saringan.dari(request.GET))
    return unduhan_xlsx(xlsx_rekap(rekap), f"rekap-pengukuran-{provinsi.kode}-{tahun}.xlsx")
