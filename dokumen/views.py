from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dokumen.alur import (
    PESAN_CATATAN_WAJIB,
    TRANSISI,
    TransisiDitolak,
    aksi_tersedia,
    dokumen_buat_revisi,
    dokumen_transisi,
    langkah_tanda_tangan,
    tahapan_alur,
)
from dokumen.baris import data_baris
from dokumen.editor import baris_dari_formset, formset_baris
from dokumen.filters import DokumenFilterHalaman
from dokumen.form_baris import TEKS_MAKS
from dokumen.forms import (
    TAHUN_MAKS,
    AlasanRevisiForm,
    CatatanAlurForm,
    CatatanReviuForm,
    DokumenBaruForm,
    DokumenKepalaForm,
    JawabanReviuForm,
    galat_layanan,
)
from dokumen.konflik import PESAN_KONFLIK, PESAN_PILIH, Konflik, baca_dasar, tanda_dasar
from dokumen.models import AksiDokumen, Dokumen
from dokumen.penandatanganan import berkas_tersimpan, nama_giliran
from dokumen.reviu import (
    CatatanTidakValid,
    boleh_mereviu,
    catatan_dokumen,
    catatan_jawab,
    catatan_tambah,
    pilihan_bagian,
)
from dokumen.selectors import (
    dibuat_dari_ini,
    dokumen_ambil,
    dokumen_daftar,
    dokumen_per_tahun,
    dokumen_tahun_itu,
    giliran,
    kekurangan_dokumen,
    label_pihak,
    penandatangan_bawaan,
    penandatangan_tercetak_semua,
    pilihan_buat_dari,
    riwayat_dokumen,
    satker_untuk_saringan,
    sedang_ditandatangani,
    tanda_tangan_tercatat,
    tandai_digantikan,
    tanggal_ttd_tertulis,
    versi_lebih_baru,
)
from dokumen.services import (
    DokumenTidakBisaDiubah,
    KonflikSuntingan,
    boleh_dihapus,
    dokumen_buat,
    dokumen_salin,
    dokumen_simpan,
)
from dokumen.tabel import tabel_dokumen_html
from dokumen.tahun_lama import sebutan_tahun_lama
from dokumen.unduh import nama_berkas, pdf_dokumen
from satker.akses import boleh_menulis, pastikan_boleh_menulis
from satker.selectors import satker_ambil, tupoksi_per_jenis

PESAN_BELUM_DISIMPAN = "Dokumen belum disimpan: periksa isian yang ditandai merah."
PESAN_SUDAH_ADA = "Dokumen yang sama baru saja dibuat orang lain; muat ulang halaman."


@login_required
def dokumen_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _halaman_detail(request, dokumen_ambil(request.user, pk))


def _halaman_detail(
    request: HttpRequest, dokumen: Dokumen, formulir: dict | None = None
) -> HttpResponse:
    """The document page; with `formulir`, a refused note form shown with its messages (400)."""
    riwayat = riwayat_dokumen(dokumen)
    baris = None if dokumen.terbit else data_baris(dokumen)
    # An approved document says whose signature it waits for, and who has signed.
    menunggu = giliran(dokumen)
    pengganti, disusun = versi_lebih_baru(dokumen)
    # The header's "digantikan", by the satker page's rule, from the version just read.
    tandai_digantikan([dokumen], terbit=[d for d in (dokumen, pengganti) if d])
    pihak = penandatangan_tercetak_semua(dokumen)
    context = {
        "dokumen": dokumen,
        "satker": dokumen.satker,
        "tabel_html": tabel_dokumen_html(dokumen),
        "tanggal_ttd": tanggal_ttd_tertulis(dokumen),
        # Right to left in signing order, as printed: the first party on the right.
        "pihak_ttd": pihak[::-1],
        "tahapan_alur": tahapan_alur(dokumen),
        "langkah_ttd": langkah_tanda_tangan(dokumen, pihak, menunggu),
        # The checklist and the copied texts to review: only where the page shows them.
        "kekurangan": [] if baris is None else kekurangan_dokumen(dokumen, baris),
        "tahun_lama": [] if baris is None else sebutan_tahun_lama(dokumen, baris),
        "boleh_ubah": dokumen.bisa_diubah and boleh_menulis(request.user, dokumen.satker),
        "boleh_tulis": boleh_menulis(request.user, dokumen.satker),
        "boleh_hapus": boleh_menulis(request.user, dokumen.satker)
        and boleh_dihapus(dokumen, riwayat),
        "aksi_tersedia": aksi_tersedia(request.user, dokumen),
        "giliran": menunggu,
        "menunggu_ttd": nama_giliran(dokumen, menunggu) if menunggu else "",
        "sudah_ttd": [(label_pihak(dokumen, t.urutan), t) for t in menunggu.sudah]
        if menunggu
        else [],
        "riwayat": riwayat,
        # Submitted again after a return, or a revision of a published version: the Ketua can
        # see what changed since (dokumen.perubahan).
        "ada_pembanding": dokumen.versi > 1
        or sum(r.aksi == AksiDokumen.AJUKAN for r in riwayat) > 1,
        "pengganti": pengganti,
        "versi_disusun": disusun,
        # What can be made from this document ("Buat PK dari RKT ini"), or what was.
        "dibuat_dari": dibuat_dari_ini(dokumen),
        "boleh_mereviu": boleh_mereviu(request.user, dokumen),
    }
    # The reviewer's row choices; read once, they also name the notes' rows.
    pilihan = pilihan_bagian(dokumen) if context["boleh_mereviu"] else None
    context["catatan"] = catatan_dokumen(dokumen, pilihan)
    if pilihan is not None:
        context["pilihan_bagian"] = pilihan
    if dokumen.jenis_terdaftar.dengan_tupoksi:
        context["tupoksi"] = tupoksi_per_jenis(dokumen.satker)
    context.update(teks_maks=TEKS_MAKS, **(formulir or {}))
    status = 400 if formulir else 200
    return render(request, "dokumen/dokumen_detail.html", context, status=status)


@login_required
def dokumen_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    dokumen = dokumen_ambil(request.user, pk)
    pastikan_boleh_menulis(request.user, dokumen.satker)
    if not dokumen.bisa_diubah:
        messages.info(request, "Hanya draf yang dapat diubah; dokumen ini ditampilkan saja.")
        return redirect("dokumen:detail", pk=dokumen.pk)
    if request.method != "POST":
        tersimpan = data_baris(dokumen)
        context = {
            "kepala": DokumenKepalaForm(instance=dokumen),
            "editor": formset_baris(dokumen, tersimpan=tersimpan),
            "dasar": tanda_dasar(dokumen, tersimpan),
        }
        return _halaman_ubah(request, dokumen, context)
    teks_dasar = request.POST.get("dasar", "")
    dasar = baca_dasar(teks_dasar, dokumen, request.POST.get("suntingan"))
    # Rows someone deleted since the page was opened may still be on it: the conflict shows them.
    lama = dasar["baris"] if dasar and dasar["suntingan"] != dokumen.suntingan else None
    editor = formset_baris(dokumen, request.POST, dasar=lama)
    kepala = DokumenKepalaForm(request.POST, instance=dokumen)
    context = {"kepala": kepala, "editor": editor, "dasar": teks_dasar}
    if not (kepala.is_valid() and editor.is_valid()):
        messages.error(request, PESAN_BELUM_DISIMPAN)
        return _halaman_ubah(request, dokumen, context)
    try:
        konflik = _simpan_halaman(request, dokumen, kepala, editor, dasar)
    except DokumenTidakBisaDiubah:
        messages.error(request, "Dokumen ini sudah bukan draf, jadi tidak dapat diubah.")
        return redirect("dokumen:detail", pk=dokumen.pk)
    except ValidationError as galat:
        galat_layanan(kepala, galat)
        messages.error(request, PESAN_BELUM_DISIMPAN)
        return _halaman_ubah(request, dokumen, context)
    if konflik is not None:
        return _halaman_ubah(request, dokumen, context | {"konflik": konflik})
    messages.success(request, "Dokumen disimpan.")
    tanpa_angka = sum(1 for form in editor.forms_baris if form.peringatan_target)
    if tanpa_angka:
        messages.warning(
            request,
            f"{tanpa_angka} target tidak berisi angka yang terbaca, jadi capaiannya "
            "tidak dapat dihitung. Buka Ubah untuk melihat barisnya.",
        )
    return redirect("dokumen:detail", pk=dokumen.pk)


def _halaman_ubah(request: HttpRequest, dokumen: Dokumen, context: dict) -> HttpResponse:
    context = {"dokumen": dokumen, "satker": dokumen.satker} | context
    return render(request, "dokumen/dokumen_form.html", context)


def _simpan_halaman(request, dokumen, kepala, editor, dasar) -> Konflik | None:
    """Save the valid page; when someone saved since it was opened, nothing is saved and the
    conflict to show is returned. A page resolving a conflict saves the merge of its choices."""
    baris_saya = baris_dari_formset(dokumen, editor)
    isi_kepala, baris, suntingan = kepala.cleaned_data, baris_saya, kepala.cleaned_data["suntingan"]
    try:
        if "suntingan_mereka" in request.POST:
            konflik = _konflik(request, dokumen, dasar, isi_kepala, baris_saya, editor)
            if str(konflik.suntingan) != request.POST["suntingan_mereka"]:
                raise KonflikSuntingan  # they (or others) saved again meanwhile
            if not konflik.lengkap:
                messages.error(request, PESAN_PILIH)
                return konflik
            isi_kepala, baris = konflik.gabung()
            suntingan = konflik.suntingan
        dokumen_simpan(
            dokumen=dokumen, kepala=isi_kepala, baris=baris, suntingan=suntingan, oleh=request.user
        )
    except KonflikSuntingan:
        messages.error(request, PESAN_KONFLIK)
        return _konflik(request, dokumen, dasar, kepala.cleaned_data, baris_saya, editor)
    return None


def _konflik(request, dokumen, dasar, kepala, baris, editor) -> Konflik:
    """Their state (stored now) beside mine (as posted), with the choices posted so far."""
    return Konflik(
        terdaftar=dokumen.jenis_terdaftar,
        sekarang=dokumen_ambil(request.user, dokumen.pk),
        dasar=dasar,
        kepala_saya=kepala,
        baris_saya=baris,
        label_kolom=editor.kolom_isi(),
        pilihan_dikirim=request.POST,
    )


@login_required
def dokumen_baru(request: HttpRequest, kode: str) -> HttpResponse:
    satker = satker_ambil(request.user, kode)
    pastikan_boleh_menulis(request.user, satker)
    form = DokumenBaruForm(request.POST or None, satker=satker)
    if request.method == "POST" and form.is_valid():
        jenis = form.cleaned_data["jenis"]
        try:
            with transaction.atomic():
                dokumen = dokumen_buat(
                    satker=satker,
                    jenis=jenis,
                    tahun=form.cleaned_data["tahun"],
                    tempat_ttd=satker.kota_ttd,
                    penandatangan=penandatangan_bawaan(satker, jenis),
                    oleh=request.user,
                )
        except ValidationError as galat:
            galat_layanan(form, galat)
        except IntegrityError:  # the same document created at the same moment by someone else
            form.add_error("tahun", PESAN_SUDAH_ADA)
        else:
            messages.success(request, f"Draf {dokumen.jenis} {dokumen.tahun} dibuat. Isi barisnya.")
            return redirect("dokumen:ubah", pk=dokumen.pk)
    context = {"satker": satker, "form": form, "buat_dari": pilihan_buat_dari(satker)}
    return render(request, "dokumen/dokumen_baru.html", context)


@require_POST
@login_required
def dokumen_salin_tahun_lalu(request: HttpRequest, pk: int) -> HttpResponse:
    """Copy document `pk` (last year's) into a new draft for the following year."""
    sumber = dokumen_ambil(request.user, pk)
    pastikan_boleh_menulis(request.user, sumber.satker)
    tahun = sumber.tahun + 1
    sudah_ada = dokumen_tahun_itu(sumber, tahun)
    if sudah_ada is not None:
        messages.warning(request, f"{sumber.jenis} {tahun} sudah ada; dibuka untuk Anda.")
        return redirect("dokumen:detail", pk=sudah_ada.pk)
    if tahun > TAHUN_MAKS:
        messages.error(
            request, f"Tidak dapat disalin ke {tahun}: tahun dokumen paling akhir {TAHUN_MAKS}."
        )
        return redirect("dokumen:detail", pk=sumber.pk)
    try:
        baru = dokumen_salin(sumber=sumber, tahun=tahun, oleh=request.user)
    except ValidationError as galat:
        messages.error(request, f"Dokumen belum disalin: {' '.join(galat.messages)}")
        return redirect("dokumen:detail", pk=sumber.pk)
    except IntegrityError:
        messages.error(request, f"Dokumen belum disalin: {PESAN_SUDAH_ADA}")
        return redirect("dokumen:detail", pk=sumber.pk)
    messages.success(
        request, f"{baru.jenis} {tahun} disalin dari {sumber.tahun}: semua baris siap diubah."
    )
    return redirect("dokumen:ubah", pk=baru.pk)


@login_required
def dokumen_list(request: HttpRequest) -> HttpResponse:
    """The documents the user may see, filtered by the API list's own FilterSet.

    Same filters, order and page size as GET /api/v1/dokumen/, so a query gives the same
    documents on both; a satker or provinsi may be given by name too (what the lists offer).
    A bad filter value, or one naming no satker the user sees, is shown beside its field, with
    no list.
    """
    pilihan_satker = satker_untuk_saringan(request.user)
    saringan = DokumenFilterHalaman(
        request.GET, queryset=dokumen_daftar(request.user), terlihat=pilihan_satker
    )
    halaman = None
    if saringan.is_valid():
        per_halaman = settings.REST_FRAMEWORK["PAGE_SIZE"]
        halaman = Paginator(saringan.qs, per_halaman).get_page(request.GET.get("page"))
        if not saringan.ada_hasil(halaman.paginator.count):
            halaman = None
    kueri = request.GET.copy()
    kueri.pop("page", None)
    context = {
        "saringan": saringan,
        "halaman": halaman,
        "kueri": kueri.urlencode(),
        "pilihan_satker": pilihan_satker,
    }
    return render(request, "dokumen/dokumen_list.html", context)


@login_required
def satker_detail(request: HttpRequest, kode: str) -> HttpResponse:
    """The satker's page: its tupoksi and its documents by year.

    Here rather than in satker/ because it lists documents and satker sits below dokumen;
    the URL and its name (`satker-detail`) stay beside the satker list (kpu_kinerja/urls.py).
    """
    satker = satker_ambil(request.user, kode)
    context = {
        "satker": satker,
        "tupoksi": tupoksi_per_jenis(satker),
        "dokumen_per_tahun": dokumen_per_tahun(satker),
        "boleh_ubah": boleh_menulis(request.user, satker),
    }
    return render(request, "satker/satker_detail.html", context)


PESAN_AKSI = {
    AksiDokumen.AJUKAN: "Dokumen diajukan kepada Ketua.",
    AksiDokumen.SETUJUI: "Dokumen disetujui; penandatangan dapat menandatanganinya.",
    AksiDokumen.KEMBALIKAN: "Dokumen dikembalikan menjadi draf dengan catatan Anda.",
}


@require_POST
@login_required
def dokumen_aksi(request: HttpRequest, pk: int, aksi: str) -> HttpResponse:
    """One workflow step, once confirmed; the service decides whether this user may take it.

    A post without `konfirmasi=1` (a stray click, or no JS for the dialog) gets the
    confirmation page and changes nothing. Signing is never a step here: it asks for the
    password on its own page (dokumen.views_tandatangan).
    """
    dokumen = dokumen_ambil(request.user, pk)
    if aksi == AksiDokumen.TERBITKAN:
        return redirect("dokumen:tandatangani", pk=dokumen.pk)
    if aksi not in PESAN_AKSI:
        raise Http404("Aksi tidak dikenal.")
    form = CatatanAlurForm(request.POST)
    if form.is_valid() and TRANSISI[aksi].butuh_catatan and not form.cleaned_data["catatan"]:
        # Said next to the field before anything is asked to confirm.
        form.add_error("catatan", PESAN_CATATAN_WAJIB)
    if not form.is_valid():
        return _halaman_detail(request, dokumen, {"form_aksi": form})
    # A step this user cannot take now goes straight to the service, which says why.
    if request.POST.get("konfirmasi") != "1" and aksi in aksi_tersedia(request.user, dokumen):
        context = {
            "dokumen": dokumen,
            "satker": dokumen.satker,
            "aksi": aksi,
            "catatan": form.cleaned_data["catatan"].strip(),
        }
        return render(request, "dokumen/alur_konfirmasi.html", context)
    try:
        dokumen_transisi(
            dokumen=dokumen,
            user=request.user,
            aksi=AksiDokumen(aksi),
            catatan=form.cleaned_data["catatan"],
        )
    except TransisiDitolak as alasan:
        messages.error(request, str(alasan))
    else:
        messages.success(request, PESAN_AKSI[AksiDokumen(aksi)])
    return redirect("dokumen:detail", pk=dokumen.pk)


@require_POST
@login_required
def dokumen_revisi(request: HttpRequest, pk: int) -> HttpResponse:
    dokumen = dokumen_ambil(request.user, pk)
    form = AlasanRevisiForm(request.POST)
    if not form.is_valid():
        return _halaman_detail(request, dokumen, {"form_revisi": form})
    try:
        baru = dokumen_buat_revisi(
            dokumen=dokumen, user=request.user, alasan=form.cleaned_data["alasan"]
        )
    except TransisiDitolak as alasan:
        messages.error(request, str(alasan))
        return redirect("dokumen:detail", pk=dokumen.pk)
    messages.success(
        request,
        f"Versi {baru.versi} dibuat sebagai draf. Isi tanggal penandatanganannya, ubah isinya, "
        "lalu ajukan lagi.",
    )
    return redirect("dokumen:ubah", pk=baru.pk)


PESAN_BERKAS_TIDAK_SESUAI = (
    "PDF bertanda tangan tidak dapat dibuka: berkas yang tersimpan tidak sama lagi dengan yang "
    "tercatat (SHA-256 berbeda, atau berkasnya hilang). Hubungi Admin RI."
)


@login_required
def dokumen_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    dokumen = dokumen_ambil(request.user, pk)
    nama = nama_berkas(dokumen)
    if sedang_ditandatangani(dokumen):
        # Signed by some parties: the stored file with their signatures, never a fresh
        # unsigned render that would read as if nobody had signed.
        try:
            pdf = berkas_tersimpan(dokumen)
        except TransisiDitolak:
            messages.error(request, PESAN_BERKAS_TIDAK_SESUAI)
            return redirect("dokumen:detail", pk=dokumen.pk)
        sudah = sum(t.sudah for t in tanda_tangan_tercatat(dokumen))
        nama = nama.removeprefix("draf-").removesuffix(".pdf") + f"-ttd{sudah}.pdf"
    else:
        pdf = pdf_dokumen(dokumen)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{nama}"'
    return response


@require_POST
@login_required
def catatan_baru(request: HttpRequest, pk: int) -> HttpResponse:
    dokumen = dokumen_ambil(request.user, pk)
    form = CatatanReviuForm(request.POST)
    if not form.is_valid():
        return _halaman_detail(request, dokumen, {"form_catatan": form})
    try:
        catatan_tambah(
            dokumen=dokumen,
            user=request.user,
            isi=form.cleaned_data["isi"],
            kunci_bagian=form.cleaned_data["kunci_bagian"],
        )
    except CatatanTidakValid as alasan:
        messages.error(request, str(alasan))
    else:
        messages.success(request, "Catatan reviu dikirim ke satker.")
    return redirect(f"{reverse('dokumen:detail', args=[dokumen.pk])}#catatan-reviu")


@require_POST
@login_required
def catatan_jawaban(request: HttpRequest, pk: int, catatan_pk: int) -> HttpResponse:
    dokumen = dokumen_ambil(request.user, pk)
    catatan = get_object_or_404(dokumen.catatan_reviu, pk=catatan_pk)
    form = JawabanReviuForm(request.POST)
    if not form.is_valid():
        return _halaman_detail(request, dokumen, {"form_jawaban": form, "jawaban_pk": catatan.pk})
    try:
        catatan_jawab(
            catatan=catatan,
            user=request.user,
            jawaban=form.cleaned_data["jawaban"],
            selesai=form.cleaned_data["selesai"],
        )
    except CatatanTidakValid as alasan:
        messages.error(request, str(alasan))
    else:
        messages.success(request, "Jawaban disimpan.")
    return redirect(f"{reverse('dokumen:detail', args=[dokumen.pk])}#catatan-reviu")
