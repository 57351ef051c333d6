from django.contrib import admin

from notifikasi.models import Notifikasi, PengingatTerkirim


@admin.register(Notifikasi)
class NotifikasiAdmin(admin.ModelAdmin):
    """Read-only: notifications are written by the workflows, read by their recipients."""

    list_display = ["judul", "penerima", "jenis", "dibuat", "dibaca_pada"]
    list_filter = ["jenis"]
    list_select_related = ["penerima"]
    search_fields = ["judul", "penerima__username"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PengingatTerkirim)
class PengingatTerkirimAdmin(admin.ModelAdmin):
    list_display = ["jenis", "satker", "tahun", "tw", "penerima", "dikirim"]
    list_filter = ["jenis", "tahun", "tw"]
    list_select_related = ["satker", "penerima"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
