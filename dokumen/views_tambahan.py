"""The page of a table beside a document's rows (dokumen.jenis.TabelTambahan: a PK's programs).

One formset of the table's row form, each row carrying its key; saved as a whole by key
(`dokumen_simpan_tambahan`) under the document's `suntingan`, so a save made elsewhere since
the page was opened (the editor, the API, another tab) is not overwritten: the page says so
and keeps what was typed.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dokumen.editor import BARIS_MAKS, BarisFormSet
from dokumen.forms import galat_layanan
from dokumen.selectors import dokumen_ambil
from dokumen.services import DokumenTidakBisaDiubah, KonflikSuntingan, dokumen_simpan_tambahan
from satker.akses import pastikan_boleh_menulis

PESAN_KONFLIK_TAMBAHAN = (
    "Dokumen ini disimpan lagi sejak halaman ini dibuka (di halaman lain, tab lain, atau lewat "
    "API), jadi isian ini belum disimpan. Salin isian Anda bila perlu, muat ulang halaman, "
    "lalu ulangi perubahan."
)
BARIS_KOSONG = 2  # blank rows offered below, so rows can be added without JavaScript


class SuntinganForm(forms.Form):
    suntingan = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


def _formset(tabel, data=None, *, awal=None, kunci_ada=frozenset()):
    kelas = forms.formset_factory(
        tabel.form,
        formset=BarisFormSet,
        extra=BARIS_KOSONG,
        can_delete=True,
        can_order=True,
        max_num=BARIS_MAKS,
        validate_max=True,
        absolute_max=BARIS_MAKS,
    )
    return kelas(data, initial=awal, prefix="baris", kunci_ada=kunci_ada)


@login_required
def tambahan_ubah(request: HttpRequest, pk: int, kunci: str) -> HttpResponse:
    dokumen = dokumen_ambil(request.user, pk)
    try:
        tabel = dokumen.jenis_terdaftar.tabel_tambahan(kunci)
    except KeyError:
        raise Http404("Dokumen ini tidak mempunyai tabel tersebut.") from None
    pastikan_boleh_menulis(request.user, dokumen.satker)
    if not dokumen.bisa_diubah:
        messages.info(request, "Hanya draf yang dapat diubah; dokumen ini ditampilkan saja.")
        return redirect("dokumen:detail", pk=dokumen.pk)
    tersimpan = tabel.baca(dokumen)
    if request.method != "POST":
        awal = [row | {"ORDER": posisi} for posisi, row in enumerate(tersimpan, start=1)]
        context = {
            "formset": _formset(tabel, awal=awal),
            "suntingan": SuntinganForm(initial={"suntingan": dokumen.suntingan}),
        }
        return _halaman(request, dokumen, tabel, context)
    kunci_ada = frozenset(row["kunci"] for row in tersimpan)
    formset = _formset(tabel, request.POST, kunci_ada=kunci_ada)
    suntingan = SuntinganForm(request.POST)
    context = {"formset": formset, "suntingan": suntingan}
    if not (suntingan.is_valid() and formset.is_valid()):
        messages.error(request, "Belum disimpan: periksa isian yang ditandai merah.")
        return _halaman(request, dokumen, tabel, context, status=400)
    baris = [form.as_baris() for form in formset.baris_terurut()]
    try:
        dokumen_simpan_tambahan(
            dokumen=dokumen,
            kunci=tabel.kunci,
            baris=baris,
            suntingan=suntingan.cleaned_data["suntingan"],
            oleh=request.user,
        )
    except KonflikSuntingan:
        messages.error(request, PESAN_KONFLIK_TAMBAHAN)
        return _halaman(request, dokumen, tabel, context, status=409)
    except DokumenTidakBisaDiubah:
        messages.error(request, "Dokumen ini sudah bukan draf, jadi tidak dapat diubah.")
        return redirect("dokumen:detail", pk=dokumen.pk)
    except ValidationError as galat:
        galat_layanan(suntingan, galat)
        return _halaman(request, dokumen, tabel, context, status=400)
    messages.success(request, f"{tabel.label} disimpan.")
    return redirect("dokumen:detail", pk=dokumen.pk)


def _halaman(request, dokumen, tabel, context, status=200) -> HttpResponse:
    context = {"dokumen": dokumen, "satker": dokumen.satker, "tabel": tabel} | context
    return render(request, "dokumen/tambahan_form.html", context, status=status)
