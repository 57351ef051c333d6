from django.urls import path

from pengukuran import urls_alur, urls_bukti, urls_kegiatan, urls_pdf, urls_rekap, views

app_name = "pengukuran"
urlpatterns = [
    *urls_rekap.urlpatterns,  # first: "rekap/" is no satker kode
    path("", views.pengukuran_awal, name="awal"),
    path("<slug:kode>/", views.pengukuran_satker, name="satker"),
    path("<slug:kode>/<int:tahun>/", views.pengukuran_tahun, name="tahun"),
    path("<slug:kode>/<int:tahun>/tw/<int:tw>/", views.realisasi_triwulan, name="triwulan"),
    # The report's workflow, evidence files, PDF and RAK kegiatan, each in its module, one
    # namespace.
    *urls_alur.urlpatterns,
    *urls_bukti.urlpatterns,
    *urls_pdf.urlpatterns,
    *urls_kegiatan.urlpatterns,
]
