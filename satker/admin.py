from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from kpu_kinerja.admin_akses import (
    FilterProvinsi,
    HanyaDibacaMixin,
    ModelAdminTerbatas,
    TabularInlineTerbatas,
)
from satker.models import JejakProfil, Pejabat, ProfilPengguna, Satker, Tupoksi


# Officials and tupoksi are read here and edited on the satker's profile page, where the rules
# for officials who signed and the profile's audit history apply to every change.
class TupoksiInline(HanyaDibacaMixin, TabularInlineTerbatas):
    model = Tupoksi
    extra = 0


class PejabatInline(HanyaDibacaMixin, TabularInlineTerbatas):
    model = Pejabat
    extra = 0


@admin.register(Satker)
class SatkerAdmin(ModelAdminTerbatas):
    jalur_satker = ""
    list_display = ["nama", "kode", "tingkat", "induk", "kota_ttd", "aktif", "tautan_profil"]
    list_filter = ["tingkat", "aktif", ("induk", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["nama", "kode", "kota_ttd"]
    list_select_related = ["induk"]
    inlines = [PejabatInline, TupoksiInline]

    @admin.display(description="profil")
    def tautan_profil(self, satker: Satker) -> str:
        return format_html(
            '<a href="{}">Ubah pejabat dan tupoksi</a>',
            reverse("satker-profil", args=[satker.kode]),
        )


@admin.register(Pejabat)
class PejabatAdmin(HanyaDibacaMixin, ModelAdminTerbatas):
    """Read here; edited on the satker's profile page (see TupoksiInline)."""

    list_display = ["nama", "jabatan", "status", "nip", "satker"]
    list_filter = ["jabatan", "status", ("satker__induk", FilterProvinsi)]
    search_fields = ["nama", "nip", "satker__nama"]
    list_select_related = ["satker"]


@admin.register(Tupoksi)
class TupoksiAdmin(HanyaDibacaMixin, ModelAdminTerbatas):
    list_display = ["satker", "jenis", "urutan", "teks"]
    list_filter = ["jenis", ("satker", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["teks"]
    list_select_related = ["satker"]


@admin.register(ProfilPengguna)
class ProfilPenggunaAdmin(ModelAdminTerbatas):
    list_display = ["user", "peran", "satker", "pejabat"]
    list_filter = ["peran", ("satker__induk", FilterProvinsi)]
    search_fields = ["user__username", "satker__nama"]
    list_select_related = ["user", "satker", "pejabat__satker"]
    autocomplete_fields = ["satker"]
    raw_id_fields = ["pejabat"]  # ProfilPengguna.clean refuses another satker's official


@admin.register(JejakProfil)
class JejakProfilAdmin(HanyaDibacaMixin, ModelAdminTerbatas):
    """Read-only for everyone: written by the profile service, never by hand."""

    list_display = ["satker", "oleh", "waktu", "ringkasan"]
    list_filter = [("satker__induk", FilterProvinsi), ("oleh", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["ringkasan", "satker__nama", "oleh__username"]
    list_select_related = ["satker", "oleh"]
    date_hierarchy = "waktu"
    fields = ["satker", "oleh", "waktu", "ringkasan", "sebelum", "sesudah"]
    readonly_fields = fields
