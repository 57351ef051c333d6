from django.urls import path

from satker import views

urlpatterns = [
    path("satker/", views.satker_list, name="satker-list"),
    path("satker/<slug:kode>/", views.satker_detail, name="satker-detail"),
    path("satker/<slug:kode>/profil/", views.satker_profil, name="satker-profil"),
]
