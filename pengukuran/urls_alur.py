"""The TW report workflow's URLs, included at "pengukuran/" (names prefixed "pengukuran-")."""

from django.urls import path

from pengukuran import views_alur

urlpatterns = [
    path(
        "alur/<slug:kode>/<int:tahun>/<int:tw>/",
        views_alur.laporan_alur,
        name="pengukuran-alur",
    ),
    path(
        "alur/<slug:kode>/<int:tahun>/<int:tw>/<slug:aksi>/",
        views_alur.laporan_alur_aksi,
        name="pengukuran-alur-aksi",
    ),
]
