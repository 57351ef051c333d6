from django.contrib import admin

from indikator.models import BarisIku


class BarisIkuInline(admin.StackedInline):
    model = BarisIku
    extra = 0
    fields = [
        ("urutan", "nomor", "program"),
        "sasaran",
        "indikator",
        "cara_penghitungan",
        ("target", "target_nilai", "target_satuan"),
        "sumber_data",
        "keterangan",
    ]
    readonly_fields = ["target_nilai", "target_satuan"]


@admin.register(BarisIku)
class BarisIkuAdmin(admin.ModelAdmin):
    list_display = ["dokumen", "urutan", "nomor", "indikator", "target"]
    list_filter = ["dokumen__tahun", "dokumen__satker"]
    search_fields = ["indikator", "sasaran", "cara_penghitungan", "sumber_data"]
    list_select_related = ["dokumen__satker"]
    readonly_fields = ["target_nilai", "target_satuan"]
