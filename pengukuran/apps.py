from django.apps import AppConfig


class PengukuranConfig(AppConfig):
    name = "pengukuran"
    verbose_name = "Pengukuran kinerja"
