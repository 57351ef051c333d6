from django.contrib import admin

from akun.models import JejakAkun, Undangan
from kpu_kinerja.admin_akses import HanyaDibacaMixin, ModelAdminTerbatas


# Invitations and the account history are written by the people pages (akun.services) only:
# the admin reads them, scoped by the access rule.
@admin.register(Undangan)
class UndanganAdmin(HanyaDibacaMixin, ModelAdminTerbatas):
    list_display = ["email", "nama", "peran", "satker", "status", "kedaluwarsa", "diundang_oleh"]
    list_filter = ["status", "peran"]
    search_fields = ["email", "nama"]
    exclude = ["token_hash"]


@admin.register(JejakAkun)
class JejakAkunAdmin(HanyaDibacaMixin, ModelAdminTerbatas):
    list_display = ["waktu", "satker", "aksi", "ringkasan", "oleh"]
    list_filter = ["aksi"]
