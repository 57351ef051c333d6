"""The project's URLs plus the workflow's, included as the lead will (at "pengukuran/")."""

from django.urls import include, path

from kpu_kinerja.urls import urlpatterns as proyek

urlpatterns = [path("pengukuran/", include("pengukuran.urls_alur")), *proyek]
