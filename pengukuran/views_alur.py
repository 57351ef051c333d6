"""The TW report workflow's pages: the panel on a page of its own (where a refused form shows
its message beside the field, and a step asks to be confirmed without JS), and the steps,
POST-only, each calling one service and going back to the page it came from."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from dokumen.alur import PESAN_CATATAN_WAJIB
from dokumen.forms import CatatanAlurForm
from dokumen.penolakan import TransisiDitolak
from kpu_kinerja.formats import tanggal_panjang
from pengukuran.alur import TRANSISI, aksi_tersedia, laporan_buka_kembali, laporan_transisi
from pengukuran.forms_alur import BukaKembaliForm
from pengukuran.models import AksiLaporan, LaporanTriwulan
from pengukuran.selectors_alur import konteks_alur, satker_ambil, tw_sah
from perjanjian_kinerja.models import NAMA_TRIWULAN

# The steps as the URL names them.
AKSI_URL = {
    "ajukan": AksiLaporan.AJUKAN,
    "setujui": AksiLaporan.SETUJUI,
    "kembalikan": AksiLaporan.KEMBALIKAN,
    "tandai-bukti": AksiLaporan.TANDAI_BUKTI,
}
PESAN_AKSI = {
    AksiLaporan.AJUKAN: "Laporan diajukan kepada Sekretaris dan Ketua.",
    AksiLaporan.SETUJUI: "Laporan disetujui.",
    AksiLaporan.KEMBALIKAN: "Laporan dikembalikan menjadi draf dengan catatan Anda.",
    AksiLaporan.TANDAI_BUKTI: "Bukti laporan ditandai sudah diperiksa.",
}


def _kembali(request: HttpRequest, kode: str, tahun: int, tw: int) -> str:
    """Where a step returns: the including page it was posted from, else the panel's page."""
    kembali = request.POST.get("kembali", "")
    if kembali and url_has_allowed_host_and_scheme(
        kembali, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return kembali
    return reverse("pengukuran:alur", args=[kode, tahun, tw])


def _halaman(
    request, satker, tahun, tw, *, kembali="", konfirmasi=None, form_aksi=None, form_buka=None
) -> HttpResponse:
    alur = konteks_alur(
        request.user,
        satker,
        tahun,
        tw,
        kembali=kembali or reverse("pengukuran:alur", args=[satker.kode, tahun, tw]),
        form_aksi=form_aksi,
        form_buka=form_buka,
    )
    return render(request, "pengukuran/laporan_alur.html", {"alur": alur, "konfirmasi": konfirmasi})


@require_GET
@login_required
def laporan_alur(request: HttpRequest, kode: str, tahun: int, tw: int) -> HttpResponse:
    return _halaman(request, satker_ambil(request.user, kode), tahun, tw_sah(tw))


@require_POST
@login_required
def laporan_alur_aksi(
    request: HttpRequest, kode: str, tahun: int, tw: int, aksi: str
) -> HttpResponse:
    """One workflow step, once confirmed (`konfirmasi=1`); the service decides whether this
    user may take it (403 when the role may not; another satker's report is a 404)."""
    satker = satker_ambil(request.user, kode)
    tw_sah(tw)
    if aksi == "buka-kembali":
        return _buka_kembali(request, satker, tahun, tw)
    if aksi not in AKSI_URL:
        raise Http404("Aksi tidak dikenal.")
    langkah = AKSI_URL[aksi]
    laporan = LaporanTriwulan.objects.filter(satker=satker, tahun=tahun, tw=tw).first()
    if laporan is None:
        raise Http404("Laporan triwulan ini belum dibuat.")
    laporan.satker = satker
    kembali = _kembali(request, kode, tahun, tw)
    form = CatatanAlurForm(request.POST)
    if form.is_valid() and TRANSISI[langkah].butuh_catatan and not form.cleaned_data["catatan"]:
        form.add_error("catatan", PESAN_CATATAN_WAJIB)
    if not form.is_valid():
        return _halaman(request, satker, tahun, tw, form_aksi=form, kembali=kembali)
    catatan = form.cleaned_data["catatan"]
    # A step this user cannot take now goes straight to the service, which says why.
    if request.POST.get("konfirmasi") != "1" and langkah in aksi_tersedia(request.user, laporan):
        konfirmasi = {"aksi": aksi, "label": langkah.label, "catatan": catatan}
        return _halaman(request, satker, tahun, tw, konfirmasi=konfirmasi, kembali=kembali)
    try:
        laporan_transisi(laporan=laporan, user=request.user, aksi=langkah, catatan=catatan)
    except TransisiDitolak as alasan:
        messages.error(request, str(alasan))
    else:
        messages.success(request, PESAN_AKSI[langkah])
    return redirect(kembali)


def _buka_kembali(request, satker, tahun, tw) -> HttpResponse:
    kembali = _kembali(request, satker.kode, tahun, tw)
    form = BukaKembaliForm(request.POST)
    if not form.is_valid():
        return _halaman(request, satker, tahun, tw, form_buka=form, kembali=kembali)
    try:
        laporan_buka_kembali(
            satker=satker,
            tahun=tahun,
            tw=tw,
            user=request.user,
            alasan=form.cleaned_data["alasan"],
            sampai=form.cleaned_data["sampai"],
        )
    except (TransisiDitolak, ValidationError) as alasan:
        pesan = alasan.messages[0] if isinstance(alasan, ValidationError) else str(alasan)
        form.add_error(None, pesan)
        return _halaman(request, satker, tahun, tw, form_buka=form, kembali=kembali)
    messages.success(
        request,
        f"Masa pelaporan {NAMA_TRIWULAN[tw]} {tahun} {satker.nama} dibuka kembali sampai "
        f"{tanggal_panjang(form.cleaned_data['sampai'])}.",
    )
    return redirect(kembali)
