from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from ekspor.models import EksporBatch
from ekspor.selectors import ekspor_terlihat
from kpu_kinerja.admin_akses import FilterProvinsi, HanyaDibacaMixin, ModelAdminTerbatas


@admin.register(EksporBatch)
class EksporBatchAdmin(HanyaDibacaMixin, ModelAdminTerbatas):
    """Read-only: jobs are started from the progress page and written by their worker."""

    jalur_satker = "provinsi"
    list_display = ["__str__", "status", "kemajuan", "diminta_oleh", "dibuat", "selesai_pada"]
    list_filter = ["status", "tahun", ("provinsi", FilterProvinsi)]
    list_select_related = ["provinsi", "diminta_oleh"]
    search_fields = ["provinsi__nama", "diminta_oleh__username"]
    fields = [
        "provinsi",
        "tahun",
        "diminta_oleh",
        "status",
        "kemajuan",
        "halaman",
        "pesan_galat",
        "dibuat",
        "selesai_pada",
        "jumlah_lanjut",
        "pelaksana",
        "detak",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        # The provinsi scope of the access rule, and the job rule of the export pages.
        return super().get_queryset(request) & ekspor_terlihat(request.user)

    @admin.display(description="kemajuan")
    def kemajuan(self, batch: EksporBatch) -> str:
        return f"{batch.jumlah_selesai}/{batch.jumlah_total} ({batch.persen}%)"

    @admin.display(description="halaman ekspor")
    def halaman(self, batch: EksporBatch) -> str:
        return format_html('<a href="{}">Buka</a>', reverse("ekspor:detail", args=[batch.pk]))
