"""The measurement pages: a satker's year (indicators × TW I–IV, capaian and charts) and one
quarter's realisasi, a form for those who may write and a read-only page for the others.

A GET writes nothing: the quarter's report is opened (`laporan_buka`) only when a save is
posted. Another satker's page is a 404 (satker.akses); a reviewer reads.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from dokumen.tahun import TAHUN_MAKS, TAHUN_MIN, tahun_diminta
from pengukuran.forms import IsianTriwulan
from pengukuran.isi_tahun import isi_tahun_html
from pengukuran.rekap import tahun_satker
from pengukuran.selectors import (
    satker_pengukuran,
    tabel_pengukuran,
    tahun_pengukuran,
    tw_berakhir,
)
from pengukuran.selectors_alur import konteks_alur
from pengukuran.selectors_bukti import bukti_laporan
from pengukuran.services import (
    LaporanBerubah,
    LaporanTidakBisaDiubah,
    laporan_buka,
    realisasi_simpan,
)
from pengukuran.ttd import keadaan_ttd
from perjanjian_kinerja.models import NAMA_TRIWULAN, TRIWULAN
from satker.akses import (
    boleh_menulis,
    kunci_cakupan,
    pastikan_boleh_menulis,
    profil_pengguna,
    satker_sendiri,
)
from satker.models import Peran

PESAN_KONFLIK = (
    "Laporan {tw} ini disimpan orang lain sejak halaman ini Anda buka, jadi isian Anda belum "
    "disimpan. Isian Anda tetap di kolomnya; indikator yang isian tersimpannya kini berbeda "
    "ditandai “Tersimpan sekarang”. Simpan lagi untuk memakai isian Anda, atau muat ulang "
    "halaman untuk memakai yang tersimpan."
)
PESAN_BUKAN_DRAF = "Laporan {tw} sudah {status}, jadi realisasinya tidak dapat diubah lagi."


@login_required
def pengukuran_awal(request: HttpRequest) -> HttpResponse:
    """The nav's entry: a satker's staff go to their own satker's newest year with data
    (`rekap.tahun_satker`); a KPU Provinsi's reviewer and KPU RI to their overview (the
    matrix, `pengukuran:rekap-awal`); anyone else chooses a satker."""
    satker = satker_sendiri(request.user)
    if satker is not None:
        return redirect("pengukuran:tahun", kode=satker.kode, tahun=tahun_satker(satker))
    profil = profil_pengguna(request.user)
    if kunci_cakupan(request.user) == "semua" or (
        profil is not None and profil.peran == Peran.REVIEWER_PROVINSI
    ):
        return redirect("pengukuran:rekap-awal")
    messages.info(request, "Pilih satker untuk membuka pengukuran kinerjanya.")
    return redirect("satker-list")


@login_required
def pengukuran_satker(request: HttpRequest, kode: str) -> HttpResponse:
    """The year chooser's target (`?tahun=`), else the satker's newest year with data."""
    satker = satker_pengukuran(request.user, kode)
    tahun = tahun_diminta(request.GET.get("tahun")) or tahun_satker(satker)
    return redirect("pengukuran:tahun", kode=satker.kode, tahun=tahun)


def _tahun_sah(tahun: int) -> None:
    if not TAHUN_MIN <= tahun <= TAHUN_MAKS:
        raise Http404("Tahun di luar jangkauan.")


@login_required
def pengukuran_tahun(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    _tahun_sah(tahun)
    satker = satker_pengukuran(request.user, kode)
    hari = timezone.localdate()
    isi = isi_tahun_html(
        satker,
        tahun,
        sampai_tw=tw_berakhir(hari, tahun),
        boleh_tulis=boleh_menulis(request.user, satker),
    )
    context = {
        "satker": satker,
        "tahun": tahun,
        "pilihan_tahun": tahun_pengukuran(satker, tahun, hari),
        "isi": isi,
    }
    return render(request, "pengukuran/pengukuran_tahun.html", context)


@login_required
def realisasi_triwulan(request: HttpRequest, kode: str, tahun: int, tw: int) -> HttpResponse:
    """One quarter: its form for a draft report and a user who may write, else read-only."""
    _tahun_sah(tahun)
    if tw not in TRIWULAN:
        raise Http404("Triwulan harus I sampai IV.")
    satker = satker_pengukuran(request.user, kode)
    tabel = tabel_pengukuran(satker, tahun, sampai_tw=tw_berakhir(timezone.localdate(), tahun))
    if tabel.pk is None:
        return redirect("pengukuran:tahun", kode=satker.kode, tahun=tahun)
    laporan = tabel.laporan.get(tw)
    alur = konteks_alur(request.user, satker, tahun, tw, kembali=request.get_full_path())
    # Outside the reporting window the figures are read-only, as the services enforce.
    bisa_diisi = (
        boleh_menulis(request.user, satker)
        and (laporan is None or laporan.bisa_diubah)
        and alur["jendela"].terbuka
    )
    context = {"satker": satker, "tabel": tabel, "tw": tw, "nama_tw": NAMA_TRIWULAN[tw]}
    context |= {"laporan": laporan, "bisa_diisi": bisa_diisi, "alur": alur}
    _lampirkan_bukti(tabel, tw, laporan)
    if laporan is not None:
        context["ttd"] = keadaan_ttd(request.user, laporan)
    if request.method != "POST":
        if bisa_diisi:
            suntingan = 0 if laporan is None else laporan.suntingan
            context["isian"] = IsianTriwulan(tabel, tw, suntingan=suntingan)
        return render(request, "pengukuran/realisasi_triwulan.html", context)

    pastikan_boleh_menulis(request.user, satker)
    if not bisa_diisi:
        messages.error(request, _bukan_draf(tw, laporan))
        return redirect("pengukuran:triwulan", kode=satker.kode, tahun=tahun, tw=tw)
    isian = IsianTriwulan(tabel, tw, request.POST)
    context["isian"] = isian
    if not isian.is_valid():
        messages.error(request, "Belum disimpan: periksa isian yang ditandai merah.")
        return render(request, "pengukuran/realisasi_triwulan.html", context, status=400)
    try:
        with transaction.atomic():  # a refused save opens no report either
            laporan = laporan_buka(satker=satker, tahun=tahun, tw=tw)
            realisasi_simpan(
                laporan=laporan,
                isian=isian.isian(),
                suntingan=isian.suntingan.cleaned_data["suntingan"],
                oleh=request.user,
            )
    except LaporanBerubah:
        return _konflik(request, context, tahun)
    except LaporanTidakBisaDiubah:
        messages.error(request, _bukan_draf(tw))  # submitted since the page was read
        return redirect("pengukuran:triwulan", kode=satker.kode, tahun=tahun, tw=tw)
    except ValidationError as galat:
        isian.galat_layanan(galat)
        messages.error(request, "Belum disimpan: periksa isian yang ditandai merah.")
        return render(request, "pengukuran/realisasi_triwulan.html", context, status=400)
    # Back to the quarter: its evidence and its submission are the next steps.
    messages.success(
        request,
        f"Realisasi {NAMA_TRIWULAN[tw]} {tahun} disimpan. Lampirkan bukti dukung bila perlu, "
        "lalu ajukan laporannya.",
    )
    return redirect("pengukuran:triwulan", kode=satker.kode, tahun=tahun, tw=tw)


def _lampirkan_bukti(tabel, tw: int, laporan) -> None:
    """Each realisasi of the quarter gets its evidence files (`berkas_bukti`), in one query."""
    per_realisasi = bukti_laporan(laporan.pk) if laporan is not None else {}
    for blok in tabel.sasaran:
        for baris in blok.indikator:
            realisasi = baris.triwulan[tw - 1].realisasi
            if realisasi is not None:
                realisasi.berkas_bukti = per_realisasi.get(realisasi.pk, [])


def _konflik(request: HttpRequest, context: dict, tahun: int) -> HttpResponse:
    """The user's input kept, beside what is stored now (read again)."""
    satker, tw = context["satker"], context["tw"]
    sekarang = tabel_pengukuran(satker, tahun, sampai_tw=context["tabel"].sampai_tw)
    laporan = sekarang.laporan.get(tw)
    tersimpan = _tersimpan(sekarang, tw)
    for form in context["isian"].form:
        sel = tersimpan.get(form.indikator.kunci)
        if sel is not None and not form.sama_dengan(sel.realisasi):
            form.tersimpan = sel
    context |= {"konflik": True, "laporan": laporan}
    if laporan is not None and laporan.bisa_diubah:
        context["isian"].pakai_suntingan(laporan.suntingan)
    messages.error(request, PESAN_KONFLIK.format(tw=NAMA_TRIWULAN[tw]))
    return render(request, "pengukuran/realisasi_triwulan.html", context, status=409)


def _tersimpan(tabel, tw: int) -> dict:
    """Each indicator's stored quarter, by the key its rows keep across PK versions."""
    return {
        baris.indikator.kunci: baris.triwulan[tw - 1]
        for blok in tabel.sasaran
        for baris in blok.indikator
    }


def _bukan_draf(tw: int, laporan=None) -> str:
    status = "diajukan atau disetujui"
    if laporan is not None and not laporan.bisa_diubah:
        status = laporan.get_status_display().lower()
    return PESAN_BUKAN_DRAF.format(tw=NAMA_TRIWULAN[tw], status=status)
