from django.urls import path

from pertukaran import views, views_impor

app_name = "pertukaran"
urlpatterns = [
    path("dokumen/<int:pk>/xlsx/", views.dokumen_xlsx, name="dokumen-xlsx"),
    path("kemajuan/xlsx/", views.kemajuan_xlsx, name="kemajuan-xlsx"),
    path("impor/<slug:kode>/", views_impor.impor_unggah, name="impor"),
    path("impor/<slug:kode>/<int:pk>/", views_impor.impor_pratinjau, name="impor-pratinjau"),
]
