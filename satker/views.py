from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dokumen.selectors import dokumen_per_tahun
from satker.selectors import satker_ambil, satker_per_provinsi, tupoksi_per_jenis


@login_required
def satker_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "satker/satker_list.html", {"kelompok": satker_per_provinsi(request.user)}
    )


@login_required
def satker_detail(request: HttpRequest, kode: str) -> HttpResponse:
    satker = satker_ambil(request.user, kode)
    context = {
        "satker": satker,
        "tupoksi": tupoksi_per_jenis(satker),
        "dokumen_per_tahun": dokumen_per_tahun(satker),
    }
    return render(request, "satker/satker_detail.html", context)
