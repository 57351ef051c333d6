from django.urls import path

from dua_faktor import views

app_name = "dua_faktor"

urlpatterns = [
    path("", views.ringkasan, name="ringkasan"),
    path("verifikasi/", views.verifikasi, name="verifikasi"),
    path("mulai/", views.mulai, name="mulai"),
    path("pasang/", views.pasang, name="pasang"),
    path("kode-pemulihan/", views.kode_baru, name="kode-baru"),
]
