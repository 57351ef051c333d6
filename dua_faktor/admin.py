"""The second factor in the admin: Admin RI sees who has set one up and resets a user's
devices (a lost phone) through the service, recorded; the history is read-only. django-otp's
own device admins (which show and edit keys) are replaced by these."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from dua_faktor.models import JejakDuaFaktor
from dua_faktor.services import dua_faktor_atur_ulang
from kpu_kinerja.admin_akses import HanyaDibacaMixin, ModelAdminTerbatas

for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(TOTPDevice)
class PerangkatAdmin(HanyaDibacaMixin, ModelAdminTerbatas):
    """Authenticator apps: who, confirmed, last used. Never the key."""

    jalur_satker = "user__profil__satker"
    list_display = ["user", "name", "confirmed", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username"]
    list_select_related = ["user"]
    fields = ["user", "name", "confirmed", "last_used_at"]
    readonly_fields = fields
    actions = ["atur_ulang"]

    @admin.action(description="Atur ulang verifikasi dua langkah pengguna terpilih")
    def atur_ulang(self, request, queryset) -> None:
        try:
            for perangkat in queryset.select_related("user"):
                dua_faktor_atur_ulang(user=perangkat.user, oleh=request.user)
        except PermissionDenied as alasan:
            self.message_user(request, str(alasan), messages.ERROR)
            return
        self.message_user(
            request,
            "Verifikasi dua langkah diatur ulang; pengguna memasangnya lagi saat masuk.",
            messages.SUCCESS,
        )


@admin.register(JejakDuaFaktor)
class JejakDuaFaktorAdmin(HanyaDibacaMixin, ModelAdminTerbatas):
    jalur_satker = "pengguna__profil__satker"
    list_display = ["waktu", "pengguna", "aksi", "oleh"]
    list_filter = ["aksi"]
    search_fields = ["pengguna__username", "oleh__username"]
    list_select_related = ["pengguna", "oleh"]
    fields = ["waktu", "pengguna", "aksi", "oleh"]
    readonly_fields = fields
