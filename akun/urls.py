from django.urls import path

from akun import views

app_name = "akun"

urlpatterns = [
    path("satker/<slug:kode>/orang/", views.orang, name="orang"),
    path("satker/<slug:kode>/orang/undang/", views.undang, name="undang"),
    path("satker/<slug:kode>/orang/<int:user_id>/ubah/", views.akun_ubah, name="ubah"),
    path(
        "satker/<slug:kode>/orang/<int:user_id>/nonaktifkan/",
        views.akun_nonaktifkan,
        name="nonaktifkan",
    ),
    path("satker/<slug:kode>/orang/<int:user_id>/aktifkan/", views.akun_aktifkan, name="aktifkan"),
    path(
        "satker/<slug:kode>/undangan/<int:pk>/kirim-ulang/",
        views.undangan_kirim_ulang,
        name="kirim-ulang",
    ),
    path("satker/<slug:kode>/undangan/<int:pk>/cabut/", views.undangan_cabut, name="cabut"),
    path("akun/reviewer/", views.reviewer, name="reviewer"),
    path("akun/undangan/<str:token>/", views.undangan_terima, name="terima"),
]
