"""Making a draft from the satker's document of another type of the same year (the PK from
the RKT: dokumen.jenis.BuatDari), a POST from the new-document page, the year table or the
source document's page ("Buat PK dari RKT ini", which names its page in `kembali`)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from dokumen.forms import PESAN_TAHUN, TAHUN_MAKS, TAHUN_MIN
from dokumen.jenis import JenisTidakDikenal, jenis_terdaftar
from dokumen.views import PESAN_SUDAH_ADA
from satker.akses import pastikan_boleh_menulis
from satker.selectors import satker_ambil


class TahunForm(forms.Form):
    tahun = forms.IntegerField(
        min_value=TAHUN_MIN,
        max_value=TAHUN_MAKS,
        error_messages={
            "required": "Pilih tahun.",
            "invalid": "Tahun ditulis dengan angka, mis. 2024.",
            "min_value": PESAN_TAHUN,
            "max_value": PESAN_TAHUN,
        },
    )


def _kembali(request: HttpRequest, kode: str) -> HttpResponse:
    """A refusal is said where the button was: the page in `kembali` (a path of this site
    only), else the new-document page."""
    tujuan = request.POST.get("kembali", "")
    if tujuan.startswith("/") and url_has_allowed_host_and_scheme(
        tujuan, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(tujuan)
    return redirect("dokumen:baru", kode=kode)


@require_POST
@login_required
def dokumen_buat_dari(request: HttpRequest, kode: str, jenis: str, sumber: str) -> HttpResponse:
    satker = satker_ambil(request.user, kode)
    pastikan_boleh_menulis(request.user, satker)
    try:
        terdaftar = jenis_terdaftar(jenis)
    except JenisTidakDikenal:
        raise Http404("Jenis dokumen tidak dikenal.") from None
    cara = next((b for b in terdaftar.buat_dari if b.jenis == sumber), None)
    if cara is None:
        raise Http404(f"{jenis} tidak dapat dibuat dari {sumber}.")
    form = TahunForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"{cara.label}: {' '.join(form.errors['tahun'])}")
        return _kembali(request, satker.kode)
    tahun = form.cleaned_data["tahun"]
    try:
        baru = cara.buat(satker=satker, tahun=tahun, oleh=request.user)
    except ValidationError as galat:
        messages.error(request, f"{cara.label}: {' '.join(galat.messages)}")
        return _kembali(request, satker.kode)
    except IntegrityError:  # made at the same moment by someone else
        messages.error(request, f"{cara.label}: {PESAN_SUDAH_ADA}")
        return _kembali(request, satker.kode)
    pesan = f"Draf {jenis} {tahun} dibuat dari {sumber} {tahun}. {cara.keterangan}"
    messages.success(request, pesan)
    return redirect("dokumen:ubah", pk=baru.pk)
