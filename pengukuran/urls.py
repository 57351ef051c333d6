from django.urls import path

from pengukuran import views

app_name = "pengukuran"
urlpatterns = [
    path("", views.pengukuran_awal, name="awal"),
    path("<slug:kode>/", views.pengukuran_satker, name="satker"),
    path("<slug:kode>/<int:tahun>/", views.pengukuran_tahun, name="tahun"),
    path("<slug:kode>/<int:tahun>/tw/<int:tw>/", views.realisasi_triwulan, name="triwulan"),
]
