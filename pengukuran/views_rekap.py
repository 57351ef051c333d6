"""The measurement's overview pages: a provinsi's satker × TW matrix with its roll-up, and the
national page for KPU RI (every provinsi's counts and the national roll-up).

Reads only. A provinsi outside the user's reach is a 404 (satker.akses); the national page is
for those who see every satker, a 404 for the others.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from dokumen.tahun import TAHUN_MAKS, TAHUN_MIN, tahun_diminta
from pengukuran.isi_rekap import isi_rekap
from pengukuran.rekap import (
    LABEL_STATUS,
    URUTAN_STATUS,
    Saringan,
    provinsi_rekap,
    rekap_nasional,
    tahun_berdata,
    tahun_rekap,
)
from pengukuran.rollup import rollup
from pengukuran.selectors import tw_berakhir
from perjanjian_kinerja.models import NAMA_TRIWULAN
from satker.akses import kunci_cakupan, profil_pengguna
from satker.models import Peran


def _tahun(tahun: int) -> None:
    if not TAHUN_MIN <= tahun <= TAHUN_MAKS:
        raise Http404("Tahun di luar jangkauan.")


def _pilihan_tahun(tahun: int, berdata: list[int]) -> list[int]:
    ini = timezone.localdate().year
    return sorted({ini + 1, ini, ini - 1, ini - 2, tahun, *berdata}, reverse=True)


@login_required
def rekap_awal(request: HttpRequest) -> HttpResponse:
    """The year chooser's target and the navigation's link: the provinsi asked for
    (`?provinsi=`), else KPU RI's national page or a KPU Provinsi's own matrix, of the year
    asked for, else the newest year with measurement data in that scope (`tahun_rekap`)."""
    diminta = tahun_diminta(request.GET.get("tahun"))
    kode = request.GET.get("provinsi", "")
    if kode:
        provinsi = provinsi_rekap(request.user, kode)
        tahun = diminta or tahun_rekap(request.user, provinsi)
        return redirect("pengukuran:rekap", kode=provinsi.kode, tahun=tahun)
    if kunci_cakupan(request.user) == "semua":
        tahun = diminta or tahun_rekap(request.user)
        return redirect("pengukuran:rekap-nasional", tahun=tahun)
    profil = profil_pengguna(request.user)
    if profil is None or profil.peran != Peran.REVIEWER_PROVINSI:
        raise Http404("Rekap pengukuran hanya untuk KPU Provinsi dan KPU RI.")
    tahun = diminta or tahun_rekap(request.user, profil.satker)
    return redirect("pengukuran:rekap", kode=profil.satker.kode, tahun=tahun)


@login_required
def rekap_provinsi_view(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    _tahun(tahun)
    provinsi = provinsi_rekap(request.user, kode)
    saringan = Saringan.dari(request.GET)
    isi = isi_rekap(request.user, provinsi, tahun, saringan)
    context = {
        "provinsi": provinsi,
        "tahun": tahun,
        "saringan": saringan,
        "isi": isi.html,
        "jumlah_satker": isi.jumlah_satker,
        "sampai_tw": tw_berakhir(timezone.localdate(), tahun),
        "triwulan": list(NAMA_TRIWULAN.items()),
        "pilihan_status": [(s, LABEL_STATUS[s]) for s in URUTAN_STATUS],
        "pilihan_tahun": _pilihan_tahun(tahun, tahun_berdata(request.user, provinsi)),
        "nasional": kunci_cakupan(request.user) == "semua",
    }
    return render(request, "pengukuran/rekap_provinsi.html", context)


@login_required
def rekap_nasional_view(request: HttpRequest, tahun: int) -> HttpResponse:
    _tahun(tahun)
    if kunci_cakupan(request.user) != "semua":
        raise Http404("Rekap nasional hanya untuk KPU RI.")
    context = {
        "tahun": tahun,
        "provinsi": rekap_nasional(request.user, tahun),
        "rollup": rollup(request.user, tahun),
        "pilihan_tahun": _pilihan_tahun(tahun, tahun_berdata(request.user)),
    }
    return render(request, "pengukuran/rekap_nasional.html", context)
