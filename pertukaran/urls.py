from django.urls import path

from pertukaran import views

app_name = "pertukaran"
urlpatterns = [
    path("dokumen/<int:pk>/xlsx/", views.dokumen_xlsx, name="dokumen-xlsx"),
    path("kemajuan/xlsx/", views.kemajuan_xlsx, name="kemajuan-xlsx"),
]
