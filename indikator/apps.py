from django.apps import AppConfig


class IndikatorConfig(AppConfig):
    name = "indikator"
    verbose_name = "Indikator Kinerja Utama"

    def ready(self) -> None:
        from dokumen.jenis import daftarkan
        from indikator.jenis import IKU

        daftarkan(IKU)
