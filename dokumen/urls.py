from django.urls import path

from dokumen import views

app_name = "dokumen"
urlpatterns = [
    path("<int:pk>/", views.dokumen_detail, name="detail"),
]
