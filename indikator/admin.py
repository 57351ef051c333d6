from django.contrib import admin

from dokumen.admin_baris import BarisDokumenAdminMixin, BarisDokumenInlineMixin
from indikator.models import BarisIku
from kpu_kinerja.admin_akses import (
    ModelAdminTerbatas,
    StackedInlineTerbatas,
    TabularInlineTerbatas,
)


class BarisIkuInline(BarisDokumenInlineMixin, StackedInlineTerbatas):
    model = BarisIku
    jalur_satker = "dokumen__satker"
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


class BarisIkuTabelInline(TabularInlineTerbatas):
    """The IKU rows as one table, the way the paper reads: for those who only read."""

    model = BarisIku
    jalur_satker = "dokumen__satker"
    extra = 0
    fields = [
        "nomor",
        "program",
        "sasaran",
        "indikator",
        "cara_penghitungan",
        "target",
        "sumber_data",
        "keterangan",
    ]


@admin.register(BarisIku)
class BarisIkuAdmin(BarisDokumenAdminMixin, ModelAdminTerbatas):
    jalur_satker = "dokumen__satker"
    list_display = ["dokumen", "urutan", "nomor", "indikator", "target"]
    list_filter = ["dokumen__tahun", ("dokumen__satker", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["indikator", "sasaran", "cara_penghitungan", "sumber_data"]
    list_select_related = ["dokumen__satker"]
    readonly_fields = ["target_nilai", "target_satuan"]
