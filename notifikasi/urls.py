from django.urls import path

from notifikasi import views

app_name = "notifikasi"
urlpatterns = [
    path("", views.notifikasi_list, name="list"),
    path("<int:pk>/buka/", views.notifikasi_buka, name="buka"),
    path("baca-semua/", views.notifikasi_baca_semua_view, name="baca-semua"),
    path("pengaturan/", views.notifikasi_pengaturan, name="pengaturan"),
]
