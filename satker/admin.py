from django.contrib import admin

from satker.models import Pejabat, ProfilPengguna, Satker, Tupoksi


class TupoksiInline(admin.TabularInline):
    model = Tupoksi
    extra = 0


class PejabatInline(admin.TabularInline):
    model = Pejabat
    extra = 0


@admin.register(Satker)
class SatkerAdmin(admin.ModelAdmin):
    list_display = ["nama", "kode", "tingkat", "induk", "kota_ttd"]
    list_filter = ["tingkat", "induk"]
    search_fields = ["nama", "kode", "kota_ttd"]
    list_select_related = ["induk"]
    inlines = [PejabatInline, TupoksiInline]


@admin.register(Pejabat)
class PejabatAdmin(admin.ModelAdmin):
    list_display = ["nama", "jabatan", "status", "nip", "satker"]
    list_filter = ["jabatan", "status", "satker__induk"]
    search_fields = ["nama", "nip", "satker__nama"]
    list_select_related = ["satker"]


@admin.register(Tupoksi)
class TupoksiAdmin(admin.ModelAdmin):
    list_display = ["satker", "jenis", "urutan", "teks"]
    list_filter = ["jenis", "satker"]
    search_fields = ["teks"]
    list_select_related = ["satker"]


@admin.register(ProfilPengguna)
class ProfilPenggunaAdmin(admin.ModelAdmin):
    list_display = ["user", "peran", "satker", "pejabat"]
    list_filter = ["peran", "satker__induk"]
    search_fields = ["user__username", "satker__nama"]
    list_select_related = ["user", "satker", "pejabat"]
    autocomplete_fields = ["satker"]
