from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from dokumen.views import satker_detail
from dokumen.views_beranda import beranda
from dokumen.views_publik import verifikasi
from kpu_kinerja import views
from kpu_kinerja.api_galat import AlamatTidakDikenal

admin.site.site_header = "Administrasi SAKIP KPU"
admin.site.site_title = "SAKIP KPU"
admin.site.index_title = "Reviu dan administrasi"

urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
    path("masuk/", auth_views.LoginView.as_view(), name="login"),
    path("akun/dua-langkah/", include("dua_faktor.urls")),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("", beranda, name="beranda"),
    path("verifikasi/<str:token>/", verifikasi, name="verifikasi"),
    path("", include("satker.urls")),
    path("", include("akun.urls")),
    path("satker/<slug:kode>/", satker_detail, name="satker-detail"),
    path("dokumen/", include("dokumen.urls")),
    path("ekspor/", include("ekspor.urls")),
    path("notifikasi/", include("notifikasi.urls")),
    path("pengukuran/", include("pengukuran.urls")),
    path("pertukaran/", include("pertukaran.urls")),
    path("api/v1/", include("kpu_kinerja.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script (CSP).
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    # Any other address under /api/ ending in "/" is a JSON 404, not the site's HTML page
    # (without the slash, Django's APPEND_SLASH still redirects first).
    re_path(r"^api/(?:[\s\S]*/)?$", AlamatTidakDikenal.as_view()),
]

handler500 = "kpu_kinerja.galat.server_error"
