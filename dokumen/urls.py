from django.urls import path

from dokumen import (
    views,
    views_beranda,
    views_dari,
    views_hapus,
    views_tambahan,
    views_tandatangan,
)

app_name = "dokumen"
urlpatterns = [
    path("", views.dokumen_list, name="list"),
    path("<int:pk>/", views.dokumen_detail, name="detail"),
    path("<int:pk>/ubah/", views.dokumen_ubah, name="ubah"),
    path("<int:pk>/tabel/<slug:kunci>/", views_tambahan.tambahan_ubah, name="tambahan"),
    path("<int:pk>/salin/", views.dokumen_salin_tahun_lalu, name="salin"),
    path("<int:pk>/aksi/<str:aksi>/", views.dokumen_aksi, name="aksi"),
    path("<int:pk>/revisi/", views.dokumen_revisi, name="revisi"),
    path("<int:pk>/tandatangani/", views_tandatangan.dokumen_tandatangani, name="tandatangani"),
    path(
        "<int:pk>/tandatangani/pratinjau.pdf",
        views_tandatangan.dokumen_tandatangani_pratinjau,
        name="tandatangani-pratinjau",
    ),
    path("<int:pk>/pdf/", views.dokumen_pdf, name="pdf"),
    path("<int:pk>/hapus/", views_hapus.dokumen_hapus_view, name="hapus"),
    path("<int:pk>/catatan/", views.catatan_baru, name="catatan-baru"),
    path("<int:pk>/catatan/<int:catatan_pk>/jawab/", views.catatan_jawaban, name="catatan-jawab"),
    path("baru/<slug:kode>/", views.dokumen_baru, name="baru"),
    path(
        "baru/<slug:kode>/<str:jenis>/dari/<str:sumber>/",
        views_dari.dokumen_buat_dari,
        name="buat-dari",
    ),
    path("<int:pk>/perubahan/", views_beranda.dokumen_perubahan, name="perubahan"),
]
