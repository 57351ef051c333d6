"""The project's URLs with the TW report's PDF views included, as the lead will include them
(pengukuran/urls_pdf.py at "pengukuran/")."""

from django.urls import include, path

from kpu_kinerja.urls import urlpatterns as proyek

urlpatterns = [path("pengukuran/", include("pengukuran.urls_pdf")), *proyek]
