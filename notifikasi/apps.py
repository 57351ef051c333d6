from django.apps import AppConfig


class NotifikasiConfig(AppConfig):
    name = "notifikasi"
    verbose_name = "Notifikasi"

    def ready(self) -> None:
        from dokumen.sinyal import catatan_reviu, langkah_dokumen
        from notifikasi import pemicu
        from pengukuran.sinyal import langkah_laporan

        langkah_dokumen.connect(pemicu.setelah_langkah_dokumen, dispatch_uid="notifikasi.dokumen")
        catatan_reviu.connect(pemicu.setelah_catatan_reviu, dispatch_uid="notifikasi.catatan")
        langkah_laporan.connect(pemicu.setelah_langkah_laporan, dispatch_uid="notifikasi.laporan")
