from django.apps import AppConfig


class NotifikasiConfig(AppConfig):
    name = "notifikasi"
    verbose_name = "Notifikasi"
