from django.apps import AppConfig


class PerjanjianKinerjaConfig(AppConfig):
    name = "perjanjian_kinerja"
    verbose_name = "Perjanjian kinerja"

    def ready(self) -> None:
        from dokumen.jenis import daftarkan
        from perjanjian_kinerja.jenis import PK

        daftarkan(PK)
