from django.urls import path

from satker import views

urlpatterns = [
    path("satker/", views.satker_list, name="satker-list"),
    # satker/<kode>/ ("satker-detail") lists documents: dokumen.views, in kpu_kinerja/urls.py.
    path("satker/<slug:kode>/profil/", views.satker_profil, name="satker-profil"),
]
