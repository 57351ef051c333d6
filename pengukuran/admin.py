"""The measurement in the admin, scoped by the access rule (`kpu_kinerja.admin_akses`).

- Reporting windows: KPU RI (Admin RI) sets the national ones and any provinsi's; a KPU
  Provinsi (its reviewer) sets its own and reads the national ones.
- TW reports: read-only figures and history, filtered by status, TW and year; the action
  "Buka kembali masa pelaporan" asks a reason and a date, then reopens each report through the
  service (a reviewer only for the satker of their provinsi).
- The history and the reopenings: read-only, written by `pengukuran.alur`.
- RAK kegiatan realisasi: read-only, inline on its report and as its own list (filtered by
  pelaksanaan, year, TW and provinsi), written only on the kegiatan page and through the API
  (`services_kegiatan.kegiatan_simpan`).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import path

from dokumen.penolakan import TransisiDitolak
from kpu_kinerja.admin_akses import (
    FilterProvinsi,
    HanyaDibacaMixin,
    ModelAdminTerbatas,
    TabularInlineTerbatas,
    boleh_mengubah_di_admin,
)
from pengukuran import admin_aturan  # noqa: F401 — registers the measurement rules
from pengukuran.admin_rekap import rekap_admin_view
from pengukuran.alur import laporan_buka_kembali, peninjau
from pengukuran.forms_alur import BukaKembaliForm
from pengukuran.models import (
    JendelaPelaporan,
    LaporanTriwulan,
    PembukaanKembali,
    Realisasi,
    RiwayatLaporan,
)
from pengukuran.models_kegiatan import RealisasiKegiatan
from pengukuran.serapan import rupiah_desimal
from pengukuran.services import berwenang_atas, jendela_simpan
from satker.akses import profil_pengguna, satker_terlihat
from satker.models import Peran, Satker, Tingkat


def _provinsi_pengguna(user) -> int | None:
    """The provinsi a Reviewer Provinsi speaks for, else None."""
    profil = profil_pengguna(user)
    if profil is not None and profil.peran == Peran.REVIEWER_PROVINSI:
        return profil.satker_id
    return None


@admin.register(JendelaPelaporan)
class JendelaPelaporanAdmin(admin.ModelAdmin):
    list_display = ["tahun", "tw", "berlaku", "dibuka", "ditutup", "ditetapkan_oleh", "diubah"]
    list_filter = ["tahun", "tw", ("provinsi", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["provinsi", "ditetapkan_oleh"]
    fields = ["tahun", "tw", "provinsi", "dibuka", "ditutup", "ditetapkan_oleh", "diubah"]
    readonly_fields = ["ditetapkan_oleh", "diubah"]

    @admin.display(description="berlaku untuk", ordering="provinsi__nama")
    def berlaku(self, jendela: JendelaPelaporan) -> str:
        return jendela.provinsi.nama if jendela.provinsi_id else "Nasional"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if boleh_mengubah_di_admin(request.user):
            return queryset
        # The national windows bind everyone; a provinsi's only its own satker.
        return queryset.filter(
            Q(provinsi__isnull=True) | Q(provinsi__in=satker_terlihat(request.user))
        )

    def _boleh_menetapkan(self, request, obj=None) -> bool:
        if obj is not None:
            return berwenang_atas(request.user, obj.provinsi_id)
        return boleh_mengubah_di_admin(request.user) or _provinsi_pengguna(request.user) is not None

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or self._boleh_menetapkan(request)

    def has_module_permission(self, request):
        return super().has_module_permission(request) or self._boleh_menetapkan(request)

    def has_add_permission(self, request):
        return self._boleh_menetapkan(request)

    def has_change_permission(self, request, obj=None):
        return self._boleh_menetapkan(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._boleh_menetapkan(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "provinsi":
            provinsi = _provinsi_pengguna(request.user)
            if provinsi is not None and not boleh_mengubah_di_admin(request.user):
                # A KPU Provinsi sets only its own: the one choice, required.
                kwargs["queryset"] = Satker.objects.filter(pk=provinsi)
                kwargs["required"] = True
                kwargs["empty_label"] = None
            else:
                kwargs["queryset"] = Satker.objects.filter(tingkat=Tingkat.PROVINSI)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not boleh_mengubah_di_admin(request.user):
            # A bulk delete would not ask each window whose it is (the national ones too).
            actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        jendela_simpan(jendela=obj, oleh=request.user)


class RealisasiInline(HanyaDibacaMixin, TabularInlineTerbatas):
    """The report's figures, as entered on the measurement page."""

    model = Realisasi
    jalur_satker = "laporan__satker"
    extra = 0
    can_delete = False
    fields = [
        "indikator",
        "nilai",
        "nilai_skala",
        "pembilang",
        "penyebut",
        "tidak_terukur",
        "alasan_tidak_terukur",
        "kendala",
        "solusi",
        "diisi_oleh",
        "diisi_pada",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("indikator", "diisi_oleh")


class RealisasiKegiatanInline(HanyaDibacaMixin, TabularInlineTerbatas):
    """The report's RAK kegiatan, as entered on the kegiatan page."""

    model = RealisasiKegiatan
    jalur_satker = "laporan__satker"
    extra = 0
    can_delete = False
    fields = ["baris", "status", "realisasi_anggaran", "catatan", "diisi_oleh", "diisi_pada"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("baris", "diisi_oleh")


class RiwayatLaporanInline(HanyaDibacaMixin, TabularInlineTerbatas):
    model = RiwayatLaporan
    jalur_satker = "laporan__satker"
    extra = 0
    can_delete = False
    fields = ["waktu", "aksi", "dari_status", "ke_status", "oleh", "catatan"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("oleh")


class _PilihanBukaKembali(BukaKembaliForm):
    # The admin's action form posts these back with the selection.
    action = forms.CharField(widget=forms.HiddenInput)
    post = forms.CharField(widget=forms.HiddenInput, required=False)


@admin.register(LaporanTriwulan)
class LaporanTriwulanAdmin(HanyaDibacaMixin, ModelAdminTerbatas):
    list_display = ["satker", "tahun", "tw", "status", "bukti_diperiksa", "diubah"]
    list_filter = ["status", "tw", "tahun", ("satker__induk", FilterProvinsi)]
    search_fields = ["satker__nama"]
    list_select_related = ["satker"]
    fields = [
        "satker",
        "tahun",
        "tw",
        "perjanjian",
        "status",
        "suntingan",
        "bukti_diperiksa_oleh",
        "bukti_diperiksa_pada",
        "dibuat",
        "diubah",
    ]
    readonly_fields = fields
    inlines = [RealisasiInline, RealisasiKegiatanInline, RiwayatLaporanInline]
    actions = ["buka_kembali"]
    change_list_template = "admin/pengukuran/laporantriwulan/change_list.html"

    def get_urls(self):
        rekap = path(
            "rekap/",
            self.admin_site.admin_view(lambda request: rekap_admin_view(self, request)),
            name="pengukuran_laporantriwulan_rekap",
        )
        return [rekap, *super().get_urls()]

    @admin.display(description="bukti diperiksa", boolean=True)
    def bukti_diperiksa(self, laporan: LaporanTriwulan) -> bool:
        return laporan.bukti_diperiksa_pada is not None

    @admin.action(description="Buka kembali masa pelaporan…")
    def buka_kembali(self, request, queryset):
        """Ask the reason and the date (an intermediate page), then reopen each selected
        report's TW through the service; each refusal is said by satker."""
        # `queryset` is the selection within get_queryset: reports out of reach never get in.
        if request.POST.get("post"):
            form = _PilihanBukaKembali(request.POST)
            if form.is_valid():
                self._buka_semua(request, queryset, form.cleaned_data)
                return None
        else:
            form = _PilihanBukaKembali(initial={"action": "buka_kembali"})
        konteks = self.admin_site.each_context(request) | {
            "title": "Buka kembali masa pelaporan",
            "opts": self.model._meta,
            "laporan": queryset.select_related("satker"),
            "form": form,
            "pilihan": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "admin/pengukuran/buka_kembali.html", konteks)

    def _buka_semua(self, request, queryset, data) -> None:
        dibuka = 0
        for laporan in queryset.select_related("satker"):
            if not peninjau(request.user, laporan.satker):
                self.message_user(
                    request,
                    f"{laporan}: peran Anda tidak berhak membuka kembali laporan ini.",
                    messages.ERROR,
                )
                continue
            try:
                laporan_buka_kembali(
                    satker=laporan.satker,
                    tahun=laporan.tahun,
                    tw=laporan.tw,
                    user=request.user,
                    alasan=data["alasan"],
                    sampai=data["sampai"],
                )
            except (TransisiDitolak, ValidationError, PermissionDenied) as alasan:
                pesan = alasan.messages[0] if isinstance(alasan, ValidationError) else alasan
                self.message_user(request, f"{laporan}: {pesan}", messages.ERROR)
            else:
                dibuka += 1
        if dibuka:
            self.message_user(request, f"{dibuka} laporan dibuka kembali.", messages.SUCCESS)


@admin.register(RiwayatLaporan)
class RiwayatLaporanAdmin(HanyaDibacaMixin, ModelAdminTerbatas):
    jalur_satker = "laporan__satker"
    list_display = ["laporan", "aksi", "oleh", "waktu"]
    list_filter = ["aksi", "laporan__tahun", "laporan__tw"]
    search_fields = ["catatan", "laporan__satker__nama", "oleh__username"]
    list_select_related = ["laporan__satker", "oleh"]
    fields = ["laporan", "aksi", "dari_status", "ke_status", "oleh", "waktu", "catatan"]
    readonly_fields = fields


@admin.register(PembukaanKembali)
class PembukaanKembaliAdmin(HanyaDibacaMixin, ModelAdminTerbatas):
    list_display = ["satker", "tahun", "tw", "sampai", "oleh", "waktu"]
    list_filter = ["tahun", "tw", ("satker__induk", FilterProvinsi)]
    search_fields = ["alasan", "satker__nama"]
    list_select_related = ["satker", "oleh"]
    fields = ["satker", "tahun", "tw", "alasan", "sampai", "oleh", "waktu"]
    readonly_fields = fields


@admin.register(RealisasiKegiatan)
class RealisasiKegiatanAdmin(HanyaDibacaMixin, ModelAdminTerbatas):
    """The RAK kegiatan realisasi a reviewer reads: only the satker in their reach."""

    jalur_satker = "laporan__satker"
    list_display = ["satker", "tahun", "tw", "kegiatan", "status", "anggaran", "diisi_pada"]
    list_filter = [
        "status",
        "laporan__tahun",
        "laporan__tw",
        ("laporan__satker__induk", FilterProvinsi),
    ]
    search_fields = ["baris__kegiatan", "laporan__satker__nama", "catatan"]
    list_select_related = ["laporan__satker", "baris"]
    fields = [
        "laporan",
        "baris",
        "status",
        "realisasi_anggaran",
        "catatan",
        "diisi_oleh",
        "diisi_pada",
    ]
    readonly_fields = fields

    @admin.display(description="satker", ordering="laporan__satker__nama")
    def satker(self, entri: RealisasiKegiatan) -> Satker:
        return entri.laporan.satker

    @admin.display(description="tahun", ordering="laporan__tahun")
    def tahun(self, entri: RealisasiKegiatan) -> int:
        return entri.laporan.tahun

    @admin.display(description="TW", ordering="laporan__tw")
    def tw(self, entri: RealisasiKegiatan) -> str:
        return entri.laporan.get_tw_display()

    @admin.display(description="kegiatan", ordering="baris__kegiatan")
    def kegiatan(self, entri: RealisasiKegiatan) -> str:
        return entri.baris.kegiatan

    @admin.display(description="realisasi anggaran", ordering="realisasi_anggaran")
    def anggaran(self, entri: RealisasiKegiatan) -> str:
        return rupiah_desimal(entri.realisasi_anggaran) or "—"
