"""Downloads as .xlsx: a document (beside its PDF) and the reviewer's progress matrix, each
behind the same access rule as the page it comes from."""

from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from dokumen.models import Dokumen
from dokumen.selectors import dokumen_ambil
from dokumen.tahun import pilihan_tahun, tahun_diminta
from pertukaran.kemajuan import xlsx_kemajuan
from pertukaran.xlsx import TanpaExcel, nama_berkas_xlsx, xlsx_dokumen
from satker.akses import satker_terlihat
from satker.models import Tingkat

JENIS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def unduhan_xlsx(isi: bytes, nama: str) -> HttpResponse:
    """An .xlsx download named `nama`."""
    response = HttpResponse(isi, content_type=JENIS_XLSX)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def dokumen_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The document's rows as an .xlsx laid out like its paper; another satker's is a 404 (the
    PDF download's selector)."""
    dokumen = dokumen_ambil(request.user, pk)
    try:
        isi = xlsx_dokumen(dokumen)
    except TanpaExcel:
        raise Http404("Jenis dokumen ini belum dapat diunduh sebagai Excel.") from None
    return unduhan_xlsx(isi, nama_berkas_xlsx(dokumen))


@login_required
def kemajuan_xlsx(request: HttpRequest) -> HttpResponse:
    """The progress matrix of `?tahun=` (default: the planning year under way), of the visible
    provinsi `?provinsi=<kode>` or of all. Who may open the admin's progress page may download
    it (the admin's own checks); a provinsi out of reach is a 404."""
    dokumen_admin = admin.site.get_model_admin(Dokumen)
    if not (admin.site.has_permission(request) and dokumen_admin.has_view_permission(request)):
        raise PermissionDenied
    tahun = pilihan_tahun(request.user, tahun_diminta(request.GET.get("tahun"))).tahun
    provinsi = None
    kode = request.GET.get("provinsi", "").strip()
    if kode:
        provinsi = satker_terlihat(request.user).filter(tingkat=Tingkat.PROVINSI, kode=kode).first()
        if provinsi is None:
            raise Http404("Provinsi tidak ditemukan.")
    nama = f"kemajuan-{provinsi.kode if provinsi else 'semua'}-{tahun}.xlsx"
    return unduhan_xlsx(xlsx_kemajuan(request.user, tahun, provinsi), nama)
