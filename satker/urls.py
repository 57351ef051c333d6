from django.urls import path

from satker import views, views_impor, views_sandi

urlpatterns = [
    path("satker/", views.satker_list, name="satker-list"),
    # Before satker/<kode>/ (kpu_kinerja/urls.py): "impor" is not a satker's code.
    path("satker/impor/", views_impor.satker_impor, name="satker-impor"),
    # satker/<kode>/ ("satker-detail") lists documents: dokumen.views, in kpu_kinerja/urls.py.
    path("satker/<slug:kode>/profil/", views.satker_profil, name="satker-profil"),
    # Passwords (satker/views_sandi.py): Django's views with the site's templates.
    path("akun/sandi/", views_sandi.UbahSandiView.as_view(), name="sandi-ubah"),
    path(
        "akun/sandi/diubah/", views_sandi.UbahSandiSelesaiView.as_view(), name="sandi-ubah-selesai"
    ),
    path("akun/lupa-sandi/", views_sandi.LupaSandiView.as_view(), name="sandi-lupa"),
    path(
        "akun/lupa-sandi/terkirim/",
        views_sandi.LupaSandiTerkirimView.as_view(),
        name="sandi-lupa-terkirim",
    ),
    path(
        "akun/atur-sandi/<uidb64>/<token>/",
        views_sandi.AturSandiView.as_view(),
        name="sandi-atur",
    ),
    path(
        "akun/atur-sandi/selesai/",
        views_sandi.AturSandiSelesaiView.as_view(),
        name="sandi-atur-selesai",
    ),
]
