"""The REST API, version 1 (/api/v1/); schema at /api/schema/, docs at /api/docs/.

GET /api/v1/ is the API root of DRF's DefaultRouter: {"satker": <absolute URL>, "dokumen": …},
one entry per registered list. Format-suffix routes (`dokumen.json`) are left out, so every
path and name is what the SimpleRouter gave before the root existed. An unknown address under
/api/ is answered by kpu_kinerja.urls (a JSON 404).
"""

from django.urls import path
from rest_framework import routers

from dokumen.api import DokumenViewSet, VerifikasiView
from pengukuran.api import BuktiViewSet, RealisasiView
from pengukuran.api_alur import (
    AjukanView,
    BukaKembaliView,
    KembalikanView,
    LaporanAlurView,
    SetujuiView,
    TandaiBuktiView,
)
from pengukuran.api_kegiatan import RealisasiKegiatanView
from satker.api import SatkerViewSet

app_name = "api"


class AkarApi(routers.APIRootView):
    """Daftar ujung API v1 yang dapat ditelusuri: satker, dokumen dan bukti dukung.

    Tiap dokumen membawa alamat langkah alur kerjanya sendiri (`ajukan/`, `revisi/`, `pdf/`…);
    verifikasi dokumen terbit lewat `verifikasi/<kode>/` dari kode QR; realisasi dan capaian
    satu triwulan lewat `realisasi/<satker>/<tahun>/<tw>/`; realisasi kegiatan RAK dan serapan
    anggarannya lewat `realisasi-kegiatan/<satker>/<tahun>/<tw>/`; status, riwayat dan langkah alur
    laporannya (`ajukan/`, `setujui/`, `kembalikan/`, `tandai-bukti/`, `buka-kembali/`) lewat
    `laporan-triwulan/<satker>/<tahun>/<tw>/`. Skema: /api/schema/.
    """


class Router(routers.DefaultRouter):
    include_format_suffixes = False
    APIRootView = AkarApi


router = Router(use_regex_path=False)
router.register("satker", SatkerViewSet, basename="satker")
router.register("dokumen", DokumenViewSet, basename="dokumen")
router.register("bukti", BuktiViewSet, basename="bukti")

urlpatterns = [
    *router.urls,
    path("verifikasi/<slug:token>/", VerifikasiView.as_view(), name="verifikasi"),
    path(
        "realisasi/<slug:kode>/<int:tahun>/<int:tw>/",
        RealisasiView.as_view(),
        name="realisasi",
    ),
    path(
        "realisasi-kegiatan/<slug:kode>/<int:tahun>/<int:tw>/",
        RealisasiKegiatanView.as_view(),
        name="realisasi-kegiatan",
    ),
    path(
        "laporan-triwulan/<slug:kode>/<int:tahun>/<int:tw>/",
        LaporanAlurView.as_view(),
        name="laporan-triwulan",
    ),
    *(
        path(
            f"laporan-triwulan/<slug:kode>/<int:tahun>/<int:tw>/{aksi}/",
            view.as_view(),
            name=f"laporan-triwulan-{aksi}",
        )
        for aksi, view in (
            ("ajukan", AjukanView),
            ("setujui", SetujuiView),
            ("kembalikan", KembalikanView),
            ("tandai-bukti", TandaiBuktiView),
            ("buka-kembali", BukaKembaliView),
        )
    ),
]
