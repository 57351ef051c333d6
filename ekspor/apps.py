from django.apps import AppConfig


class EksporConfig(AppConfig):
    name = "ekspor"
    verbose_name = "Ekspor PDF"
