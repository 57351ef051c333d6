from django.urls import path

from pengukuran import views_rekap

# Before the satker's own pages in urls.py: "rekap" would read as a satker's kode there.
urlpatterns = [
    path("rekap/", views_rekap.rekap_awal, name="rekap-awal"),
    path("rekap/nasional/<int:tahun>/", views_rekap.rekap_nasional_view, name="rekap-nasional"),
    path("rekap/<slug:kode>/<int:tahun>/", views_rekap.rekap_provinsi_view, name="rekap"),
]
