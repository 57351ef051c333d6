from django.contrib import admin

from rencana_aksi.models import BarisRak, IndikatorRkt, SasaranRak, SasaranRkt


class SasaranRktInline(admin.TabularInline):
    model = SasaranRkt
    extra = 0
    show_change_link = True


class SasaranRakInline(admin.TabularInline):
    model = SasaranRak
    extra = 0
    show_change_link = True


class IndikatorRktInline(admin.TabularInline):
    model = IndikatorRkt
    extra = 0
    readonly_fields = ["target_nilai", "target_satuan"]


class BarisRakInline(admin.StackedInline):
    model = BarisRak
    extra = 0
    fields = [
        ("urutan", "indikator", "target"),
        ("kegiatan", "target_kegiatan_aksi"),
        ("tw1", "tw2", "tw3", "tw4"),
        ("anggaran", "pelaksana"),
    ]


@admin.register(SasaranRkt)
class SasaranRktAdmin(admin.ModelAdmin):
    list_display = ["dokumen", "urutan", "nomor", "sasaran"]
    list_filter = ["dokumen__tahun", "dokumen__satker"]
    search_fields = ["sasaran", "indikator__indikator", "indikator__kegiatan_aksi"]
    list_select_related = ["dokumen__satker"]
    inlines = [IndikatorRktInline]


@admin.register(SasaranRak)
class SasaranRakAdmin(admin.ModelAdmin):
    list_display = ["dokumen", "urutan", "nomor", "sasaran"]
    list_filter = ["dokumen__tahun", "dokumen__satker"]
    search_fields = ["sasaran", "baris__indikator", "baris__kegiatan"]
    list_select_related = ["dokumen__satker"]
    inlines = [BarisRakInline]


@admin.register(IndikatorRkt)
class IndikatorRktAdmin(admin.ModelAdmin):
    list_display = ["sasaran", "urutan", "indikator", "target", "kegiatan_aksi"]
    search_fields = ["indikator", "kegiatan_aksi"]
    list_select_related = ["sasaran__dokumen__satker"]
    readonly_fields = ["target_nilai", "target_satuan"]


@admin.register(BarisRak)
class BarisRakAdmin(admin.ModelAdmin):
    list_display = ["sasaran", "urutan", "kegiatan", "anggaran", "pelaksana"]
    list_filter = ["tw1", "tw2", "tw3", "tw4", "sasaran__dokumen__satker"]
    search_fields = ["indikator", "kegiatan", "pelaksana"]
    list_select_related = ["sasaran__dokumen__satker"]
    readonly_fields = ["target_nilai", "target_satuan"]
