from django.contrib import admin

from dokumen.models import CatatanReviu, Dokumen, RiwayatDokumen
from indikator.admin import BarisIkuInline
from rencana_aksi.admin import SasaranRakInline, SasaranRktInline


class RiwayatInline(admin.TabularInline):
    model = RiwayatDokumen
    extra = 0
    can_delete = False
    fields = ["waktu", "aksi", "dari_status", "ke_status", "oleh", "catatan"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False  # history is written by the workflow service only


INLINE_PER_JENIS = {
    "IKU": [BarisIkuInline, RiwayatInline],
    "RKT": [SasaranRktInline, RiwayatInline],
    "RAK": [SasaranRakInline, RiwayatInline],
}


@admin.register(Dokumen)
class DokumenAdmin(admin.ModelAdmin):
    list_display = ["satker", "jenis", "tahun", "versi", "status", "diubah"]
    list_filter = ["tahun", "jenis", "status", "satker__induk", "satker"]
    search_fields = [
        "satker__nama",
        "baris_iku__indikator",
        "sasaran_rkt__indikator__indikator",
        "sasaran_rak__baris__kegiatan",
    ]
    list_select_related = ["satker"]
    raw_id_fields = ["penandatangan"]

    def get_inlines(self, request, obj):
        # Only the rows of the document's own type; a new document has none yet.
        return INLINE_PER_JENIS.get(obj.jenis, []) if obj else []

    def get_search_results(self, request, queryset, search_term):
        queryset, _ = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False


@admin.register(RiwayatDokumen)
class RiwayatDokumenAdmin(admin.ModelAdmin):
    list_display = ["dokumen", "aksi", "oleh", "waktu"]
    list_filter = ["aksi", "dokumen__jenis", "dokumen__tahun"]
    search_fields = ["catatan", "dokumen__satker__nama", "oleh__username"]
    list_select_related = ["dokumen__satker", "oleh"]
    readonly_fields = ["dokumen", "aksi", "dari_status", "ke_status", "oleh", "waktu", "catatan"]

    def has_add_permission(self, request):
        return False


@admin.register(CatatanReviu)
class CatatanReviuAdmin(admin.ModelAdmin):
    list_display = ["dokumen", "bagian", "oleh", "dibuat", "selesai"]
    list_filter = ["selesai", "dokumen__jenis", "dokumen__tahun"]
    search_fields = ["isi", "jawaban", "dokumen__satker__nama"]
    list_select_related = ["dokumen__satker", "oleh"]
