from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ekspor.forms import EksporForm
from ekspor.models import StatusEkspor
from ekspor.selectors import ekspor_ambil, provinsi_ambil
from ekspor.services import EksporDitolak, ekspor_mulai


@require_POST
@login_required
def ekspor_baru(request: HttpRequest) -> HttpResponse:
    form = EksporForm(request.POST)
    if not form.is_valid():
        return HttpResponse("Provinsi atau tahun tidak valid.", status=400)
    provinsi = provinsi_ambil(request.user, form.cleaned_data["provinsi"])
    try:
        batch = ekspor_mulai(user=request.user, provinsi=provinsi, tahun=form.cleaned_data["tahun"])
    except EksporDitolak:
        raise Http404("Provinsi tidak ditemukan.") from None
    return redirect("ekspor:detail", pk=batch.pk)


@require_GET
@login_required
def ekspor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = ekspor_ambil(request.user, pk)
    return render(request, "ekspor/eksporbatch_detail.html", {"batch": batch})


@never_cache
@require_GET
@login_required
def ekspor_status(request: HttpRequest, pk: int) -> JsonResponse:
    """What the job page polls: {"status", "selesai", "total", "persen"} and, when done, the
    download address or the error."""
    batch = ekspor_ambil(request.user, pk)
    selesai = batch.status == StatusEkspor.SELESAI and bool(batch.berkas_zip)
    return JsonResponse(
        {
            "status": batch.status,
            "label": batch.get_status_display(),
            "selesai": batch.jumlah_selesai,
            "total": batch.jumlah_total,
            "persen": batch.persen,
            "unduh": reverse("ekspor:unduh", args=[batch.pk]) if selesai else None,
            "pesan_galat": batch.pesan_galat,
        }
    )


@require_GET
@login_required
def ekspor_unduh(request: HttpRequest, pk: int) -> FileResponse:
    batch = ekspor_ambil(request.user, pk)
    if batch.status != StatusEkspor.SELESAI or not batch.berkas_zip:
        raise Http404("Berkas ZIP belum tersedia.")
    try:
        berkas = batch.berkas_zip.open("rb")
    except FileNotFoundError:
        raise Http404("Berkas ZIP sudah tidak tersedia.") from None
    return FileResponse(
        berkas,
        as_attachment=True,
        filename=batch.berkas_zip.name.rsplit("/", 1)[-1],
        content_type="application/zip",
    )
