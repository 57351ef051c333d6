"""The TW report workflow's URLs, part of pengukuran.urls (names "pengukuran:alur…")."""

from django.urls import path

from pengukuran import views_alur

urlpatterns = [
    path(
        "alur/<slug:kode>/<int:tahun>/<int:tw>/",
        views_alur.laporan_alur,
        name="alur",
    ),
    path(
        "alur/<slug:kode>/<int:tahun>/<int:tw>/<slug:aksi>/",
        views_alur.laporan_alur_aksi,
        name="alur-aksi",
    ),
]
