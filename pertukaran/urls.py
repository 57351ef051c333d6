from django.urls import path

from pertukaran import views, views_impor, views_realisasi

app_name = "pertukaran"
urlpatterns = [
    path("dokumen/<int:pk>/xlsx/", views.dokumen_xlsx, name="dokumen-xlsx"),
    path("kemajuan/xlsx/", views.kemajuan_xlsx, name="kemajuan-xlsx"),
    path("templat/<slug:jenis>.xlsx", views_impor.impor_templat, name="templat"),
    path("impor/<slug:kode>/", views_impor.impor_unggah, name="impor"),
    path("impor/<slug:kode>/<int:pk>/", views_impor.impor_pratinjau, name="impor-pratinjau"),
    path(
        "realisasi/<slug:kode>/<int:tahun>/tw/<int:tw>/templat/",
        views_realisasi.realisasi_templat,
        name="realisasi-templat",
    ),
    path(
        "realisasi/<slug:kode>/<int:tahun>/tw/<int:tw>/unggah/",
        views_realisasi.realisasi_unggah,
        name="realisasi-unggah",
    ),
    path("laporan/<int:pk>/xlsx/", views_realisasi.laporan_xlsx, name="laporan-xlsx"),
    path("rekap/<slug:kode>/<int:tahun>/xlsx/", views_realisasi.rekap_xlsx, name="rekap-xlsx"),
]
