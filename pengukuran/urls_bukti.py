"""Evidence files' pages, part of pengukuran.urls (names "pengukuran:bukti-…")."""

from django.urls import path

from pengukuran import views_bukti

urlpatterns = [
    path("realisasi/<int:pk>/bukti/", views_bukti.bukti_daftar, name="bukti-daftar"),
    path(
        "realisasi/<int:pk>/bukti/unggah/",
        views_bukti.bukti_unggah_view,
        name="bukti-unggah",
    ),
    path("bukti/<int:pk>/unduh/", views_bukti.bukti_unduh, name="bukti-unduh"),
    path("bukti/<int:pk>/hapus/", views_bukti.bukti_hapus_view, name="bukti-hapus"),
]
