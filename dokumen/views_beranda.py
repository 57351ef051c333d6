"""The home page, a to-do list per role, and the "what changed since the previous submission"
page it links to."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dokumen.gambaran import gambaran_status
from dokumen.perubahan import perubahan_sejak_pengajuan
from dokumen.selectors import dokumen_ambil, ringkasan_per_tahun
from dokumen.tahun import pilihan_tahun, tahun_diminta, tahun_perencanaan
from dokumen.tugas import (
    dokumen_belum_ada,
    menunggu_persetujuan,
    menunggu_reviu,
    menunggu_tanda_tangan,
    tugas_penulis,
)
from satker.akses import boleh_menulis, profil_pengguna, satker_sendiri
from satker.models import Peran, Satker


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    """What waits for the user: a satker's staff, its Ketua and signatories see their satker's
    lists and documents; a reviewer their provinsi; Admin RI the national picture."""
    satker = satker_sendiri(request.user)
    if satker is not None:
        return _beranda_satker(request, satker)
    profil = profil_pengguna(request.user)
    if profil is not None and profil.peran == Peran.REVIEWER_PROVINSI:
        return _beranda_wilayah(request, "dokumen/beranda_reviewer.html", per_provinsi=False)
    if request.user.is_superuser or (profil is not None and profil.peran == Peran.ADMIN_RI):
        return _beranda_wilayah(request, "dokumen/beranda_nasional.html", per_provinsi=True)
    return redirect("satker-list")


def _beranda_satker(request: HttpRequest, satker: Satker) -> HttpResponse:
    user = request.user
    profil = profil_pengguna(user)
    boleh_ubah = boleh_menulis(user, satker)
    context = {
        "satker": satker,
        "ringkasan": ringkasan_per_tahun(satker),
        "boleh_ubah": boleh_ubah,
        "ketua": profil is not None and profil.peran == Peran.KETUA,
        "tertaut_pejabat": profil is not None and profil.pejabat_id is not None,
    }
    if boleh_ubah:
        tahun = tahun_perencanaan(user)
        context |= {
            "penulis": tugas_penulis(satker),
            "tahun_perencanaan": tahun,
            "belum_ada": dokumen_belum_ada(satker, tahun),
        }
    if context["ketua"]:
        context["persetujuan"] = menunggu_persetujuan(user, satker)
    if context["tertaut_pejabat"]:
        context["tanda_tangan"] = menunggu_tanda_tangan(user, satker)
    return render(request, "dokumen/beranda.html", context)


def _beranda_wilayah(request: HttpRequest, template: str, *, per_provinsi: bool) -> HttpResponse:
    """A reviewer's provinsi or Admin RI's nation for a year (`?tahun=`, else the planning year
    under way, as the progress matrix opens): counts per status, and the review queue."""
    tahun = pilihan_tahun(request.user, tahun_diminta(request.GET.get("tahun")))
    context = {
        "profil": profil_pengguna(request.user),
        "pilihan_tahun": tahun,
        "gambaran": gambaran_status(request.user, tahun.tahun, per_provinsi=per_provinsi),
    }
    if not per_provinsi:
        context["menunggu_reviu"] = menunggu_reviu(request.user)
    return render(request, template, context)


@login_required
def dokumen_perubahan(request: HttpRequest, pk: int) -> HttpResponse:
    """The document now against the state it was submitted with before (same access as its
    page: another satker's document is 404)."""
    dokumen = dokumen_ambil(request.user, pk)
    context = {
        "dokumen": dokumen,
        "satker": dokumen.satker,
        "perubahan": perubahan_sejak_pengajuan(dokumen),
    }
    return render(request, "dokumen/perubahan.html", context)
