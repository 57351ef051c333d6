from django.contrib import admin
from django.utils.html import format_html

from dokumen.admin_baris import BarisDokumenAdminMixin, BarisDokumenInlineMixin, SasaranInline
from kpu_kinerja.admin_akses import (
    HanyaDibacaMixin,
    ModelAdminTerbatas,
    StackedInlineTerbatas,
    TabularInlineTerbatas,
)
from kpu_kinerja.formats import rupiah
from perjanjian_kinerja.models import IndikatorPk, NaskahPk, ProgramPk, SasaranPk


def _indikator(i: IndikatorPk) -> str:
    """An indicator and its target, then how it is measured and its quarters."""
    triwulan = " / ".join(t or "–" for t in i.target_triwulan)
    return format_html(
        '{} <b>{}</b> {}<br><span class="quiet">{} · {}{} · TW {}</span>',
        i.indikator,
        i.target,
        i.satuan,
        i.get_polaritas_display(),
        i.get_agregasi_display(),
        f" · {i.get_skala_display()}" if i.skala else "",
        triwulan,
    )


class SasaranPkInline(SasaranInline):
    """A sasaran with its indicators listed, so a reader sees the whole PK on one page."""

    model = SasaranPk
    kunci_anak = "indikator"
    fields = ["urutan", "nomor", "sasaran", "isi_indikator"]
    readonly_fields = ["isi_indikator"]
    baris_html = staticmethod(_indikator)

    @admin.display(description="indikator, target; polaritas, agregasi, TW I–IV")
    def isi_indikator(self, sasaran: SasaranPk) -> str:
        return self.daftar_anak(sasaran)


class ProgramPkInline(HanyaDibacaMixin, TabularInlineTerbatas):
    """The programs, read here; they are changed on the document's programs page, which saves
    them by key with the document's audit history (dokumen.views_tambahan)."""

    model = ProgramPk
    jalur_satker = "dokumen__satker"
    extra = 0
    fields = ["urutan", "program", "kode", "anggaran_rp"]
    readonly_fields = fields

    @admin.display(description="anggaran")
    def anggaran_rp(self, program: ProgramPk) -> str:
        return rupiah(program.anggaran) if program.anggaran is not None else "-"


class IndikatorPkInline(BarisDokumenInlineMixin, StackedInlineTerbatas):
    model = IndikatorPk
    jalur_dokumen = "dokumen"  # the parent is the sasaran
    jalur_satker = "sasaran__dokumen__satker"
    extra = 0
    fields = [
        ("urutan", "indikator"),
        ("target", "satuan"),
        ("polaritas", "skala", "batas_bawah", "batas_atas"),
        ("agregasi", "target_tw1", "target_tw2", "target_tw3", "target_tw4"),
    ]


@admin.register(SasaranPk)
class SasaranPkAdmin(BarisDokumenAdminMixin, ModelAdminTerbatas):
    jalur_satker = "dokumen__satker"
    list_display = ["dokumen", "urutan", "nomor", "sasaran"]
    list_filter = ["dokumen__tahun", ("dokumen__satker", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["sasaran", "indikator__indikator"]
    list_select_related = ["dokumen__satker"]
    inlines = [IndikatorPkInline]


@admin.register(IndikatorPk)
class IndikatorPkAdmin(BarisDokumenAdminMixin, ModelAdminTerbatas):
    jalur_satker = "sasaran__dokumen__satker"
    jalur_dokumen = "sasaran__dokumen"
    list_display = ["sasaran", "urutan", "indikator", "target", "polaritas", "agregasi"]
    list_filter = [
        "polaritas",
        "agregasi",
        "sasaran__dokumen__tahun",
        ("sasaran__dokumen__satker", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["indikator"]
    list_select_related = ["sasaran__dokumen__satker"]
    readonly_fields = ["target_nilai", "target_satuan", "asal_rkt"]


@admin.register(NaskahPk)
class NaskahPkAdmin(ModelAdminTerbatas):
    """A satker's wording of the PK's paragraphs (a satker without one prints the default)."""

    jalur_satker = "satker"
    list_display = ["satker"]
    search_fields = ["satker__nama", "satker__kode"]
    list_select_related = ["satker"]
    autocomplete_fields = ["satker"]
