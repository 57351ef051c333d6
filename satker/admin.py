from django.contrib import admin

from kpu_kinerja.admin_akses import FilterProvinsi, ModelAdminTerbatas, TabularInlineTerbatas
from satker.models import Pejabat, ProfilPengguna, Satker, Tupoksi


class TupoksiInline(TabularInlineTerbatas):
    model = Tupoksi
    extra = 0


class PejabatInline(TabularInlineTerbatas):
    model = Pejabat
    extra = 0


@admin.register(Satker)
class SatkerAdmin(ModelAdminTerbatas):
    jalur_satker = ""
    list_display = ["nama", "kode", "tingkat", "induk", "kota_ttd"]
    list_filter = ["tingkat", ("induk", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["nama", "kode", "kota_ttd"]
    list_select_related = ["induk"]
    inlines = [PejabatInline, TupoksiInline]


@admin.register(Pejabat)
class PejabatAdmin(ModelAdminTerbatas):
    list_display = ["nama", "jabatan", "status", "nip", "satker"]
    list_filter = ["jabatan", "status", ("satker__induk", FilterProvinsi)]
    search_fields = ["nama", "nip", "satker__nama"]
    list_select_related = ["satker"]


@admin.register(Tupoksi)
class TupoksiAdmin(ModelAdminTerbatas):
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
