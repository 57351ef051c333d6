import zipfile
from tempfile import SpooledTemporaryFile

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html

from dokumen.admin_baris import IsianAdmin, simpan_dari_admin
from dokumen.admin_form import DokumenAdminForm
from dokumen.beda_tampil import beda_tampil, jenis_jejak
from dokumen.jejak import catat_perubahan, potret
from dokumen.jenis import semua_jenis
from dokumen.kemajuan import WARNA_STATUS, kemajuan_html
from dokumen.models import (
    CatatanReviu,
    Dokumen,
    JejakPerubahan,
    JenisPerubahan,
    RiwayatDokumen,
    TandaTangan,
)
from dokumen.services import KETERANGAN_ADMIN, boleh_dihapus, dokumen_hapus
from dokumen.tahun import pilihan_tahun, tahun_diminta
from dokumen.unduh import nama_berkas, pdf_dokumen
from kpu_kinerja.admin_akses import (
    FilterProvinsi,
    HanyaDibacaMixin,
    ModelAdminTerbatas,
    TabularInlineTerbatas,
    boleh_mengubah_di_admin,
)
from satker.akses import satker_terlihat
from satker.models import Satker, Tingkat

BATAS_ZIP = 200  # documents per ZIP from the change list; the batch export handles more
ZIP_DI_MEMORI = 50 * 1024 * 1024  # beyond this the ZIP spills to a temporary file


class RiwayatInline(TabularInlineTerbatas):
    model = RiwayatDokumen
    jalur_satker = "dokumen__satker"
    extra = 0
    can_delete = False
    fields = ["waktu", "aksi", "dari_status", "ke_status", "oleh", "catatan"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("oleh")

    def has_add_permission(self, request, obj=None):
        return False  # history is written by the workflow service only


class CatatanReviuInline(TabularInlineTerbatas):
    model = CatatanReviu
    jalur_satker = "dokumen__satker"
    extra = 0
    can_delete = False
    fields = ["dibuat", "oleh", "bagian", "isi", "jawaban", "dijawab_oleh", "selesai"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("oleh", "dijawab_oleh")

    def has_add_permission(self, request, obj=None):
        return False  # notes are written on the document page, through the review service


class JejakInline(TabularInlineTerbatas):
    """The document's audit history, newest first; the full snapshots are on each entry."""

    model = JejakPerubahan
    jalur_satker = "dokumen__satker"
    extra = 0
    can_delete = False
    fields = ["waktu", "jenis", "oleh", "ringkasan"]
    readonly_fields = fields
    show_change_link = True

    def get_queryset(self, request):
        # The snapshots are the heavy part and only the entry's own page shows them.
        return super().get_queryset(request).select_related("oleh").defer("sebelum", "sesudah")

    def has_add_permission(self, request, obj=None):
        return False  # the audit history is written by the services only

    def has_change_permission(self, request, obj=None):
        return False


class TandaTanganInline(TabularInlineTerbatas):
    """Who signed, as frozen at signing; written by the workflow only."""

    model = TandaTangan
    jalur_satker = "dokumen__satker"
    extra = 0
    can_delete = False
    fields = [
        "urutan",
        "pihak",
        "nama",
        "nip",
        "jabatan",
        "status_jabatan",
        "nama_sertifikat",
        "waktu",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def lencana_status(status: str, label: str) -> str:
    latar, teks = WARNA_STATUS[status]
    return format_html(
        '<span style="background:{};color:{};padding:2px 8px;border-radius:9px;'
        'font-size:11px;font-weight:600;white-space:nowrap">{}</span>',
        latar,
        teks,
        label,
    )


@admin.register(Dokumen)
class DokumenAdmin(ModelAdminTerbatas):
    list_display = ["satker", "jenis", "tahun", "versi", "status_berwarna", "diubah"]
    list_filter = [
        "tahun",
        "jenis",
        "status",
        ("satker__induk", FilterProvinsi),
        ("satker", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["satker__nama"]  # plus each type's row texts (get_search_fields)
    search_help_text = "Cari nama satker, teks indikator, atau kegiatan."
    list_select_related = ["satker"]
    raw_id_fields = ["penandatangan"]
    actions = ["unduh_pdf_zip"]
    form = DokumenAdminForm

    # As in the editor: only drafts change, and only a never-submitted draft is deleted.
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.bisa_diubah)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or boleh_dihapus(obj))

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if not self.has_change_permission(request, obj):
            # The edit-conflict check is the form's, not the document's: readers never see it.
            fields = [f for f in fields if f != "suntingan_dibaca"]
        return fields

    def get_readonly_fields(self, request, obj=None):
        # Status and version move only through the workflow (with its history); satker, type
        # and year are what the document is: another one is a new document, not an edit.
        if obj is None:
            return [*super().get_readonly_fields(request, obj), "status", "versi"]
        return [
            *super().get_readonly_fields(request, obj),
            "satker",
            "jenis",
            "tahun",
            "versi",
            "status",
            "alasan_revisi",  # written by the new version's service; the editor keeps it too
        ]

    def delete_model(self, request, obj):
        dokumen_hapus(dokumen=obj, user=request.user)  # audited; its history stays

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # it would not ask each document's state
        return actions

    def save_model(self, request, obj, form, change):
        if change:
            return  # saved with its rows, through the editor's save (save_related)
        super().save_model(request, obj, form, change)
        sesudah = potret(obj, baris=[])
        catat_perubahan(
            dokumen=obj,
            user=request.user,
            jenis=JenisPerubahan.BUAT,
            sebelum=None,
            sesudah=sesudah,
            keterangan=KETERANGAN_ADMIN,
        )

    def save_related(self, request, form, formsets, change):
        if not change:
            return  # a new document has no rows yet (get_inlines)

        def ubah(isian: IsianAdmin) -> None:
            for formset in formsets:
                isian.ubah_formset(formset)

        # The form's check locked the document and compared its suntingan (admin_form.py).
        simpan_dari_admin(
            request,
            form.instance,
            ubah=ubah,
            kepala=form.instance,
            suntingan=form.cleaned_data["suntingan_dibaca"],
        )

    def get_search_fields(self, request):
        return [*self.search_fields, *(c for j in semua_jenis() for c in j.cari_admin)]

    def get_inlines(self, request, obj):
        # Only the rows of the document's own type; a new document has none yet.
        if obj is None:
            return []
        terdaftar = obj.jenis_terdaftar
        if boleh_mengubah_di_admin(request.user):
            baris = terdaftar.inline_admin
        else:
            baris = terdaftar.inline_admin_baca or terdaftar.inline_admin
        return [
            *([baris] if baris is not None else []),
            *(t.inline_admin for t in terdaftar.tambahan if t.inline_admin is not None),
            TandaTanganInline,
            CatatanReviuInline,
            RiwayatInline,
            JejakInline,
        ]

    def get_search_results(self, request, queryset, search_term):
        queryset, _ = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False

    @admin.display(description="status", ordering="status")
    def status_berwarna(self, dokumen: Dokumen) -> str:
        return lencana_status(dokumen.status, dokumen.get_status_display())

    @admin.action(description="Unduh PDF (ZIP)")
    def unduh_pdf_zip(self, request, queryset):
        # `queryset` is the selection within get_queryset: documents out of reach never get in.
        if queryset.count() > BATAS_ZIP:
            self.message_user(
                request,
                f"Pilih paling banyak {BATAS_ZIP} dokumen untuk satu ZIP. "
                "Persempit pilihan dengan filter, lalu unduh bertahap.",
                messages.ERROR,
            )
            return None
        berkas = SpooledTemporaryFile(max_size=ZIP_DI_MEMORI)  # noqa: SIM115 (FileResponse closes it)
        with zipfile.ZipFile(berkas, "w", zipfile.ZIP_DEFLATED) as arsip:
            for dokumen in queryset.select_related("satker__induk", "penandatangan"):
                arsip.writestr(nama_berkas(dokumen), pdf_dokumen(dokumen))
        berkas.seek(0)
        return FileResponse(
            berkas,
            as_attachment=True,
            filename="dokumen-kinerja.zip",
            content_type="application/zip",
        )

    def get_urls(self):
        kemajuan = path(
            "kemajuan/",
            self.admin_site.admin_view(self.kemajuan_view),
            name="dokumen_dokumen_kemajuan",
        )
        return [kemajuan, *super().get_urls()]

    def kemajuan_view(self, request):
        """The progress overview: visible Kabupaten/Kota satker × document type for a year."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        tahun = pilihan_tahun(request.user, tahun_diminta(request.GET.get("tahun")))
        provinsi = _provinsi_diminta(request)
        konteks = self.admin_site.each_context(request) | {
            "title": "Kemajuan dokumen kinerja",
            "opts": self.model._meta,
            "tahun": tahun.tahun,
            "pilihan_tahun": tahun.pilihan,
            "provinsi": provinsi,
            "isi": kemajuan_html(request.user, tahun.tahun, provinsi.pk if provinsi else None),
            "warna": WARNA_STATUS,
            # The matrix needs the width, and the sidebar's app list is half of the rendering.
            "is_nav_sidebar_enabled": False,
        }
        return TemplateResponse(request, "admin/dokumen/kemajuan.html", konteks)


def _provinsi_diminta(request) -> Satker | None:
    """The visible provinsi named by `?provinsi=<kode>`, else None (every provinsi); an unknown
    or out-of-reach one says so and shows every provinsi."""
    kode = request.GET.get("provinsi", "").strip()
    if not kode:
        return None
    provinsi = satker_terlihat(request.user).filter(tingkat=Tingkat.PROVINSI, kode=kode).first()
    if provinsi is None:
        messages.warning(request, "Provinsi itu tidak ditemukan; ditampilkan semua provinsi.")
    return provinsi


@admin.register(RiwayatDokumen)
class RiwayatDokumenAdmin(ModelAdminTerbatas):
    jalur_satker = "dokumen__satker"
    list_display = ["dokumen", "aksi", "oleh", "waktu"]
    list_filter = ["aksi", "dokumen__jenis", "dokumen__tahun"]
    search_fields = ["catatan", "dokumen__satker__nama", "oleh__username"]
    list_select_related = ["dokumen__satker", "oleh"]
    readonly_fields = ["dokumen", "aksi", "dari_status", "ke_status", "oleh", "waktu", "catatan"]

    def has_add_permission(self, request):
        return False


@admin.register(CatatanReviu)
class CatatanReviuAdmin(ModelAdminTerbatas):
    jalur_satker = "dokumen__satker"
    list_display = ["dokumen", "bagian", "oleh", "dibuat", "selesai"]
    list_filter = ["selesai", "dokumen__jenis", "dokumen__tahun"]
    search_fields = ["isi", "jawaban", "dokumen__satker__nama"]
    list_select_related = ["dokumen__satker", "oleh"]


@admin.register(JejakPerubahan)
class JejakPerubahanAdmin(HanyaDibacaMixin, ModelAdminTerbatas):
    """Read-only for everyone: an audit entry is never added, changed or deleted by hand."""

    # By the entry's own satker: the history of a deleted draft stays in its reviewers' reach.
    jalur_satker = "satker"
    list_display = ["nama_dokumen", "jenis", "oleh", "waktu", "ringkasan"]
    list_filter = [
        "jenis",
        "dokumen__jenis",
        "dokumen__tahun",
        ("satker__induk", FilterProvinsi),
        ("oleh", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["ringkasan", "nama_dokumen", "satker__nama", "oleh__username"]
    search_help_text = "Cari isi ringkasan, nama dokumen atau satker, atau nama pengguna."
    list_select_related = ["oleh"]
    date_hierarchy = "waktu"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name.endswith("_changelist"):
            return queryset.defer("sebelum", "sesudah")  # the list shows the summary only
        # The entry's page names its document, satker and author.
        return queryset.select_related("dokumen__satker", "satker", "oleh")

    fields = [
        "dokumen",
        "satker",
        "nama_dokumen",
        "jenis",
        "oleh",
        "waktu",
        "ringkasan",
        "perubahan",  # the snapshots compared, instead of their JSON
    ]
    readonly_fields = fields

    @admin.display(description="perubahan (sebelum → sesudah)")
    def perubahan(self, jejak: JejakPerubahan) -> str:
        jenis = jenis_jejak(jejak)
        if jenis is None:
            return "-"
        beda = beda_tampil(jenis, jejak.sebelum, jejak.sesudah)
        bagian = [("Sasaran", beda.sasaran), ("Baris", beda.baris), *beda.tambahan]
        return render_to_string("admin/dokumen/_beda.html", {"beda": beda, "bagian": bagian})


@admin.register(TandaTangan)
class TandaTanganAdmin(HanyaDibacaMixin, ModelAdminTerbatas):
    """Read-only for everyone: a signature record is written when the PDF is signed."""

    jalur_satker = "dokumen__satker"
    list_display = ["dokumen", "urutan", "nama", "jabatan", "waktu"]
    list_filter = ["jabatan", "dokumen__jenis", "dokumen__tahun"]
    search_fields = [
        "nama",
        "nip",
        "nama_sertifikat",
        "nomor_seri_sertifikat",
        "sidik_jari_sertifikat",
        "dokumen__satker__nama",
    ]
    list_select_related = ["dokumen__satker"]
    fields = [
        "dokumen",
        "urutan",
        "pihak",
        "pejabat",
        "nama",
        "nip",
        "jabatan",
        "status_jabatan",
        "sebutan_jabatan",
        "nama_sertifikat",
        "subjek_sertifikat",
        "nomor_seri_sertifikat",
        "sidik_jari_sertifikat",
        "waktu",
    ]
    readonly_fields = fields
