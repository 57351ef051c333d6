"""The TW report's PDF and signing, part of pengukuran.urls (names "pengukuran:pdf-…")."""

from django.urls import path

from pengukuran import views_pdf

urlpatterns = [
    path("laporan/<int:pk>/pdf/", views_pdf.laporan_pdf, name="pdf-unduh"),
    path(
        "laporan/<int:pk>/tandatangani/",
        views_pdf.laporan_tandatangani_view,
        name="pdf-tandatangani",
    ),
]
