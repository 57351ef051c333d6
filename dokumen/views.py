from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dokumen.selectors import dokumen_ambil, kekurangan_dokumen, tanggal_ttd_tertulis
from dokumen.tabel import tabel_dokumen
from satker.selectors import tupoksi_per_jenis


@login_required
def dokumen_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dokumen = dokumen_ambil(request.user, pk)
    context = {
        "dokumen": dokumen,
        "satker": dokumen.satker,
        "tabel": tabel_dokumen(dokumen),
        "tanggal_ttd": tanggal_ttd_tertulis(dokumen),
        "kekurangan": kekurangan_dokumen(dokumen),
    }
    if dokumen.jenis == "IKU":
        context["tupoksi"] = tupoksi_per_jenis(dokumen.satker)
    return render(request, "dokumen/dokumen_detail.html", context)
