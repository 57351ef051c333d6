from django.apps import AppConfig


class SatkerConfig(AppConfig):
    name = "satker"
    verbose_name = "Satuan kerja"
