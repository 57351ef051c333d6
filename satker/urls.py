from django.urls import path

from satker import views

urlpatterns = [
    path("", views.satker_list, name="beranda"),
    path("satker/<slug:kode>/", views.satker_detail, name="satker-detail"),
]
