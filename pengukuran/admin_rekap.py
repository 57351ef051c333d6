"""The admin's measurement matrix: a provinsi's satker × TW, the same rows as the site's page
(`pengukuran.rekap`), reached from the LaporanTriwulan change list. Scoped by the access rule:
a KPU Provinsi sees its own, KPU RI any (`?provinsi=`), others a 404."""

from django.http import Http404
from django.template.response import TemplateResponse

from dokumen.tahun import tahun_diminta
from pengukuran.rekap import (
    URUTAN_STATUS,
    Saringan,
    provinsi_rekap,
    rekap_nasional,
    rekap_provinsi,
    tahun_rekap,
)
from satker.akses import kunci_cakupan, profil_pengguna
from satker.models import Peran

# Status → (background, text), the site's badge colours for the admin's own CSS.
WARNA = {
    "belum mulai": ("#f8f9fa", "#212529"),
    "draf": ("#6c757d", "#fff"),
    "diajukan": ("#0d6efd", "#fff"),
    "disetujui": ("#198754", "#fff"),
    "terlambat": ("#dc3545", "#fff"),
}


def rekap_admin_view(model_admin, request):
    if not model_admin.has_view_permission(request):
        raise Http404
    diminta = tahun_diminta(request.GET.get("tahun"))
    kode = request.GET.get("provinsi", "").strip()
    profil = profil_pengguna(request.user)
    if not kode and profil is not None and profil.peran == Peran.REVIEWER_PROVINSI:
        kode = profil.satker.kode
    provinsi = provinsi_rekap(request.user, kode) if kode else None
    tahun = diminta or tahun_rekap(request.user, provinsi)
    konteks = model_admin.admin_site.each_context(request) | {
        "opts": model_admin.model._meta,
        "tahun": tahun,
        "warna": {s.replace(" ", ""): WARNA[s] for s in URUTAN_STATUS},
        "is_nav_sidebar_enabled": False,
    }
    if provinsi is not None:
        konteks |= {
            "title": f"Rekap pengukuran {provinsi.nama} {tahun}",
            "provinsi": provinsi,
            "rekap": rekap_provinsi(provinsi, tahun, Saringan.dari(request.GET)),
        }
    elif kunci_cakupan(request.user) == "semua":
        konteks |= {
            "title": f"Rekap pengukuran nasional {tahun}",
            "nasional": rekap_nasional(request.user, tahun),
        }
    else:
        raise Http404("Rekap pengukuran hanya untuk KPU Provinsi dan KPU RI.")
    return TemplateResponse(request, "admin/pengukuran/rekap.html", konteks)
