from django.urls import path

from satker import views, views_impor

urlpatterns = [
    path("satker/", views.satker_list, name="satker-list"),
    # Before satker/<kode>/ (kpu_kinerja/urls.py): "impor" is not a satker's code.
    path("satker/impor/", views_impor.satker_impor, name="satker-impor"),
    # satker/<kode>/ ("satker-detail") lists documents: dokumen.views, in kpu_kinerja/urls.py.
    path("satker/<slug:kode>/profil/", views.satker_profil, name="satker-profil"),
]
