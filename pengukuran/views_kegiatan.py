"""The RAK's realisasi of one quarter: a form of every kegiatan (pelaksanaan, catatan,
realisasi anggaran) for a writer of a draft report inside its window, read-only otherwise,
and the serapan anggaran so far with its chart; and the upload of a kegiatan's evidence.

A GET writes nothing; the TW report is opened (`laporan_buka`) only when a save is posted.
Another satker's page is a 404 (satker.akses).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from dokumen.tahun import TAHUN_MAKS, TAHUN_MIN
from pengukuran.bukti import bukti_unggah
from pengukuran.forms_bukti import UnggahBuktiForm
from pengukuran.forms_kegiatan import IsianKegiatan
from pengukuran.grafik_serapan import grafik_serapan
from pengukuran.jendela import keadaan_jendela
from pengukuran.selectors import satker_pengukuran
from pengukuran.selectors_bukti import realisasi_kegiatan_ambil
from pengukuran.selectors_kegiatan import tabel_kegiatan
from pengukuran.services import (
    LaporanBerubah,
    LaporanTidakBisaDiubah,
    laporan_buka,
    pk_terbit,
)
from pengukuran.services_kegiatan import kegiatan_simpan
from pengukuran.unggah_bukti import UnggahBukti, badan_terlalu_besar, pesan_terlalu_besar
from perjanjian_kinerja.models import NAMA_TRIWULAN, TRIWULAN
from satker.akses import boleh_menulis, pastikan_boleh_menulis

TEMPLAT = "pengukuran/kegiatan_triwulan.html"
PESAN_GALAT = "Belum disimpan: periksa isian yang ditandai merah."
PESAN_KONFLIK = (
    "Laporan {tw} ini disimpan orang lain sejak halaman ini Anda buka, jadi isian kegiatan Anda "
    "belum disimpan. Isian Anda tetap di kolomnya; simpan lagi untuk memakainya, atau muat ulang "
    "halaman untuk melihat yang tersimpan."
)
PESAN_BUKAN_DRAF = (
    "Laporan {tw} sudah diajukan atau disetujui: realisasi kegiatannya tidak dapat diubah."
)


def _kegiatan_url(kode: str, tahun: int, tw: int) -> str:
    return reverse("pengukuran:kegiatan", args=[kode, tahun, tw])


@login_required
def kegiatan_triwulan(request: HttpRequest, kode: str, tahun: int, tw: int) -> HttpResponse:
    if not TAHUN_MIN <= tahun <= TAHUN_MAKS:
        raise Http404("Tahun di luar jangkauan.")
    if tw not in TRIWULAN:
        raise Http404("Triwulan harus I sampai IV.")
    satker = satker_pengukuran(request.user, kode)
    tabel = tabel_kegiatan(satker, tahun, bukti_tw=tw)
    laporan = tabel.laporan.get(tw)
    jendela = keadaan_jendela(satker, tahun, tw)
    ada_pk = pk_terbit(satker, tahun) is not None
    boleh = boleh_menulis(request.user, satker)
    bisa_diisi = (
        boleh
        and tabel.rak is not None
        and ada_pk
        and (laporan is None or laporan.bisa_diubah)
        and jendela.terbuka
    )
    context = {
        "satker": satker,
        "tahun": tahun,
        "tw": tw,
        "nama_tw": NAMA_TRIWULAN[tw],
        "tabel": tabel,
        "laporan": laporan,
        "jendela": jendela,
        "ada_pk": ada_pk,
        "bisa_diisi": bisa_diisi,
        "boleh_bukti": boleh and laporan is not None and laporan.bisa_diubah,
        "serapan_tw": [k.serapan[tw - 1] for k in tabel.kelompok],
        "serapan_satker": tabel.serapan[tw - 1],
        "grafik": grafik_serapan(
            tabel.serapan, f"Serapan anggaran {satker.nama} {tahun}", tabel.dilaporkan
        ),
        "form_bukti": UnggahBuktiForm(),
    }
    if request.method != "POST":
        if bisa_diisi:
            suntingan = 0 if laporan is None else laporan.suntingan
            context["isian"] = IsianKegiatan(tabel, tw, suntingan=suntingan)
        return render(request, TEMPLAT, context)

    pastikan_boleh_menulis(request.user, satker)
    if not bisa_diisi:
        messages.error(
            request, jendela.pesan_tutup or PESAN_BUKAN_DRAF.format(tw=NAMA_TRIWULAN[tw])
        )
        return redirect(_kegiatan_url(satker.kode, tahun, tw))
    isian = IsianKegiatan(tabel, tw, request.POST)
    context["isian"] = isian
    if not isian.is_valid():
        messages.error(request, PESAN_GALAT)
        return render(request, TEMPLAT, context, status=400)
    try:
        with transaction.atomic():  # a refused save opens no report either
            laporan = laporan_buka(satker=satker, tahun=tahun, tw=tw)
            kegiatan_simpan(
                laporan=laporan,
                isian=isian.isian(),
                suntingan=isian.suntingan.cleaned_data["suntingan"],
                oleh=request.user,
            )
    except LaporanBerubah:
        sekarang = tabel_kegiatan(satker, tahun).laporan.get(tw)
        if sekarang is not None:
            isian.pakai_suntingan(sekarang.suntingan)
        context["konflik"] = True
        messages.error(request, PESAN_KONFLIK.format(tw=NAMA_TRIWULAN[tw]))
        return render(request, TEMPLAT, context, status=409)
    except LaporanTidakBisaDiubah:
        messages.error(request, PESAN_BUKAN_DRAF.format(tw=NAMA_TRIWULAN[tw]))
        return redirect(_kegiatan_url(satker.kode, tahun, tw))
    except ValidationError as galat:
        isian.galat_layanan(galat)
        messages.error(request, PESAN_GALAT)
        return render(request, TEMPLAT, context, status=400)
    messages.success(request, f"Realisasi kegiatan {NAMA_TRIWULAN[tw]} {tahun} disimpan.")
    return redirect(_kegiatan_url(satker.kode, tahun, tw))


@csrf_exempt  # checked by _unggah, once the upload handler below is in place
@require_POST
@login_required
def kegiatan_bukti_unggah(request: HttpRequest, pk: int) -> HttpResponse:
    # As views_bukti.bukti_unggah_view: everything here runs before the body is read.
    entri = realisasi_kegiatan_ambil(request.user, pk)
    laporan = entri.laporan
    pastikan_boleh_menulis(request.user, laporan.satker)
    kembali = _kegiatan_url(laporan.satker.kode, laporan.tahun, laporan.tw)
    if not laporan.bisa_diubah:
        messages.error(request, PESAN_BUKAN_DRAF.format(tw=NAMA_TRIWULAN[laporan.tw]))
        return redirect(kembali)
    if badan_terlalu_besar(request):
        messages.error(request, pesan_terlalu_besar())
        return redirect(kembali)
    penerima = UnggahBukti(request)
    request.upload_handlers = [penerima]
    return _unggah(request, entri, penerima, kembali)


@csrf_protect
def _unggah(request: HttpRequest, entri, penerima: UnggahBukti, kembali: str) -> HttpResponse:
    form = UnggahBuktiForm(request.POST, request.FILES, galat=penerima.galat)
    if not form.is_valid():
        for pesan in form.errors.get("berkas", []):
            messages.error(request, f"{entri.baris}: {pesan}")
        return redirect(kembali)
    try:
        tersimpan = bukti_unggah(
            realisasi_kegiatan=entri, berkas=form.cleaned_data["berkas"], oleh=request.user
        )
    except ValidationError as galat:
        for pesan in galat.message_dict.get("berkas", galat.messages):
            messages.error(request, f"{entri.baris}: {pesan}")
        return redirect(kembali)
    except LaporanTidakBisaDiubah:
        messages.error(request, PESAN_BUKAN_DRAF.format(tw=NAMA_TRIWULAN[entri.laporan.tw]))
        return redirect(kembali)
    messages.success(request, f"{len(tersimpan)} berkas bukti dukung kegiatan diunggah.")
    return redirect(kembali)
