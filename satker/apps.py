from django.apps import AppConfig


class SatkerConfig(AppConfig):
    name = "satker"
    verbose_name = "Satuan kerja"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from satker.backends import batas_sesi

        user_logged_in.connect(batas_sesi, dispatch_uid="satker.batas_sesi")
