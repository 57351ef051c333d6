from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from satker.demo import PASSWORD_DEMO, buat_akun_demo


class Command(BaseCommand):
    help = "Buat akun demo (satu per peran) untuk pemakaian lokal. Ditolak bila DEBUG mati."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Akun demo hanya untuk pemakaian lokal: jalankan dengan DEBUG=1.")
        akun = buat_akun_demo()
        lebar = max(len(a.username) for a in akun)
        self.stdout.write(f"Akun demo (kata sandi semua: {PASSWORD_DEMO}):")
        for item in akun:
            self.stdout.write(f"  {item.username:<{lebar}}  {item.peran:<17}  {item.satker}")
        self.stdout.write(
            "Ketua, Sekretaris, reviewer dan Admin RI memasang verifikasi dua langkah "
            "(/akun/dua-langkah/, aplikasi autentikator TOTP) sebelum menandatangani atau "
            "membuka admin."
        )
