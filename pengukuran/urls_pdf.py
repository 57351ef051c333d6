"""The TW report's PDF and signing; included at "pengukuran/" by the project's URLs."""

from django.urls import path

from pengukuran import views_pdf

urlpatterns = [
    path("laporan/<int:pk>/pdf/", views_pdf.laporan_pdf, name="pengukuran-pdf-unduh"),
    path(
        "laporan/<int:pk>/tandatangani/",
        views_pdf.laporan_tandatangani_view,
        name="pengukuran-pdf-tandatangani",
    ),
]
