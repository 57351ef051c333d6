from django.apps import AppConfig


class PengukuranConfig(AppConfig):
    name = "pengukuran"
    verbose_name = "Pengukuran kinerja"

    def ready(self) -> None:
        from dokumen.keluaran import daftarkan_keluaran
        from dokumen.verifikasi import daftarkan_verifikasi
        from pengukuran.daftar import PENGUKURAN, cari_laporan
        from pengukuran.serializers_alur import VerifikasiLaporanSerializer

        daftarkan_verifikasi(cari_laporan, skema=VerifikasiLaporanSerializer)
        daftarkan_keluaran(PENGUKURAN)
