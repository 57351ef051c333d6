from django.urls import path

from ekspor import views

app_name = "ekspor"
urlpatterns = [
    path("baru/", views.ekspor_baru, name="baru"),
    path("<int:pk>/", views.ekspor_detail, name="detail"),
    path("<int:pk>/status/", views.ekspor_status, name="status"),
    path("<int:pk>/unduh/", views.ekspor_unduh, name="unduh"),
]
