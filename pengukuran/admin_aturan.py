"""A satker's measurement rules in the admin: the cap (none / 100 % / 120 %) and the score of
an unmet qualitative target. Admin RI sets them; a Reviewer Provinsi reads its satker's. A
satker without a record measures by the defaults (no cap, 0 %)."""

from django.contrib import admin

from kpu_kinerja.admin_akses import FilterProvinsi, ModelAdminTerbatas
from pengukuran.models import AturanPengukuran


@admin.register(AturanPengukuran)
class AturanPengukuranAdmin(ModelAdminTerbatas):
    list_display = ["satker", "batas", "skor_tidak_tercapai", "diubah"]
    list_filter = ["batas", ("satker__induk", FilterProvinsi)]
    list_select_related = ["satker"]
    search_fields = ["satker__nama", "satker__kode"]
    autocomplete_fields = ["satker"]
    fields = ["satker", "batas", "skor_tidak_tercapai", "diubah"]
    readonly_fields = ["diubah"]
