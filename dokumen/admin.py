from django.contrib import admin

from dokumen.models import Dokumen
from indikator.admin import BarisIkuInline
from rencana_aksi.admin import SasaranRakInline, SasaranRktInline

INLINE_PER_JENIS = {
    "IKU": [BarisIkuInline],
    "RKT": [SasaranRktInline],
    "RAK": [SasaranRakInline],
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
