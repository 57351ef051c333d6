from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from dokumen.views import beranda
from dokumen.views_publik import verifikasi
from kpu_kinerja import views

urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
    path("masuk/", auth_views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("", beranda, name="beranda"),
    path("verifikasi/<str:token>/", verifikasi, name="verifikasi"),
    path("", include("satker.urls")),
    path("dokumen/", include("dokumen.urls")),
]
