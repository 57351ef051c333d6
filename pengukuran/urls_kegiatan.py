"""The RAK's realisasi and serapan pages, part of pengukuran.urls (names "pengukuran:kegiatan…")."""

from django.urls import path

from pengukuran import views_kegiatan

urlpatterns = [
    path(
        "<slug:kode>/<int:tahun>/tw/<int:tw>/kegiatan/",
        views_kegiatan.kegiatan_triwulan,
        name="kegiatan",
    ),
    path(
        "kegiatan/<int:pk>/bukti/unggah/",
        views_kegiatan.kegiatan_bukti_unggah,
        name="kegiatan-bukti-unggah",
    ),
]
