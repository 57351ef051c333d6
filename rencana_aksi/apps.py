from django.apps import AppConfig


class RencanaAksiConfig(AppConfig):
    name = "rencana_aksi"
    verbose_name = "Rencana kinerja dan aksi"

    def ready(self) -> None:
        from dokumen.jenis import daftarkan
        from rencana_aksi.jenis import RAK, RKT

        daftarkan(RKT)
        daftarkan(RAK)
