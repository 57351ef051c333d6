from django.contrib import admin
from django.utils.html import format_html

from dokumen.admin_baris import BarisDokumenAdminMixin, BarisDokumenInlineMixin, SasaranInline
from kpu_kinerja.admin_akses import ModelAdminTerbatas, StackedInlineTerbatas, TabularInlineTerbatas
from kpu_kinerja.formats import rupiah
from rencana_aksi.models import BarisRak, IndikatorRkt, SasaranRak, SasaranRkt

NAMA_TRIWULAN = ("I", "II", "III", "IV")


def _indikator_rkt(i: IndikatorRkt) -> str:
    """An indicator and its target, then the kegiatan aksi that serves it."""
    return format_html(
        "{} <b>{}</b>{}",
        i.indikator,
        i.target,
        format_html(" → {}", i.kegiatan_aksi) if i.kegiatan_aksi else "",
    )


class SasaranRktInline(SasaranInline):
    """A sasaran with its indicators listed, so a reader sees the whole RKT on one page."""

    model = SasaranRkt
    kunci_anak = "indikator"
    fields = ["urutan", "nomor", "sasaran", "isi_indikator"]
    readonly_fields = ["isi_indikator"]
    baris_html = staticmethod(_indikator_rkt)

    @admin.display(description="indikator, target → kegiatan aksi")
    def isi_indikator(self, sasaran: SasaranRkt) -> str:
        return self.daftar_anak(sasaran)


def _baris_rak(baris: BarisRak) -> str:
    """One RAK row: indicator and target, the kegiatan and its target, then when, cost, who."""
    triwulan = ", ".join(n for n, aktif in zip(NAMA_TRIWULAN, baris.triwulan, strict=True) if aktif)
    rincian = [f"TW {triwulan}" if triwulan else "", rupiah(baris.anggaran), baris.pelaksana]
    indikator = format_html("{} <b>{}</b> → ", baris.indikator, baris.target)
    return format_html(
        '{}{} <b>{}</b><br><span class="quiet">{}</span>',
        indikator if baris.indikator else "",
        baris.kegiatan,
        baris.target_kegiatan_aksi,
        " · ".join(teks for teks in rincian if teks),
    )


class SasaranRakInline(SasaranInline):
    """A sasaran with its action rows listed, so a reader sees the whole RAK on one page."""

    model = SasaranRak
    kunci_anak = "baris"
    fields = ["urutan", "nomor", "sasaran", "isi_baris"]
    readonly_fields = ["isi_baris"]
    baris_html = staticmethod(_baris_rak)

    @admin.display(
        description="indikator, target → kegiatan, target; triwulan, anggaran, pelaksana"
    )
    def isi_baris(self, sasaran: SasaranRak) -> str:
        return self.daftar_anak(sasaran)


class IndikatorRktInline(BarisDokumenInlineMixin, TabularInlineTerbatas):
    model = IndikatorRkt
    jalur_dokumen = "dokumen"  # the parent is the sasaran
    jalur_satker = "sasaran__dokumen__satker"
    extra = 0
    readonly_fields = ["target_nilai", "target_satuan"]


class BarisRakInline(BarisDokumenInlineMixin, StackedInlineTerbatas):
    model = BarisRak
    jalur_dokumen = "dokumen"  # the parent is the sasaran
    jalur_satker = "sasaran__dokumen__satker"
    extra = 0
    fields = [
        ("urutan", "indikator", "target"),
        ("kegiatan", "target_kegiatan_aksi"),
        ("tw1", "tw2", "tw3", "tw4"),
        ("anggaran", "pelaksana"),
    ]


@admin.register(SasaranRkt)
class SasaranRktAdmin(BarisDokumenAdminMixin, ModelAdminTerbatas):
    jalur_satker = "dokumen__satker"
    list_display = ["dokumen", "urutan", "nomor", "sasaran"]
    list_filter = ["dokumen__tahun", ("dokumen__satker", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["sasaran", "indikator__indikator", "indikator__kegiatan_aksi"]
    list_select_related = ["dokumen__satker"]
    inlines = [IndikatorRktInline]


@admin.register(SasaranRak)
class SasaranRakAdmin(BarisDokumenAdminMixin, ModelAdminTerbatas):
    jalur_satker = "dokumen__satker"
    list_display = ["dokumen", "urutan", "nomor", "sasaran"]
    list_filter = ["dokumen__tahun", ("dokumen__satker", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["sasaran", "baris__indikator", "baris__kegiatan"]
    list_select_related = ["dokumen__satker"]
    inlines = [BarisRakInline]


@admin.register(IndikatorRkt)
class IndikatorRktAdmin(BarisDokumenAdminMixin, ModelAdminTerbatas):
    jalur_satker = "sasaran__dokumen__satker"
    jalur_dokumen = "sasaran__dokumen"
    list_display = ["sasaran", "urutan", "indikator", "target", "kegiatan_aksi"]
    list_filter = [
        "sasaran__dokumen__tahun",
        ("sasaran__dokumen__satker", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["indikator", "kegiatan_aksi"]
    list_select_related = ["sasaran__dokumen__satker"]
    readonly_fields = ["target_nilai", "target_satuan"]


@admin.register(BarisRak)
class BarisRakAdmin(BarisDokumenAdminMixin, ModelAdminTerbatas):
    jalur_satker = "sasaran__dokumen__satker"
    jalur_dokumen = "sasaran__dokumen"
    list_display = ["sasaran", "urutan", "kegiatan", "anggaran", "pelaksana"]
    list_filter = [
        "tw1",
        "tw2",
        "tw3",
        "tw4",
        "sasaran__dokumen__tahun",
        ("sasaran__dokumen__satker", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["indikator", "kegiatan", "pelaksana"]
    list_select_related = ["sasaran__dokumen__satker"]
    readonly_fields = ["target_nilai", "target_satuan"]
