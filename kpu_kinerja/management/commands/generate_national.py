import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from kpu_kinerja.nasional import HasilNasional, data_nasional_buat
from satker.demo import PASSWORD_DEMO


def _angka(nilai: int) -> str:
    return f"{nilai:,}".replace(",", ".")


class Command(BaseCommand):
    help = (
        "Isi basis data dengan data nasional untuk uji beban: KPU RI, 38 provinsi, 514 "
        "kabupaten/kota, IKU/RKT/RAK per tahun. Tanda tangan dokumen terbit hanya tiruan (tanpa "
        "PDF). Yang sudah ada dilewati."
    )

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=3, help="Jumlah tahun, sampai tahun ini.")
        parser.add_argument("--seed", type=int, default=42, help="Benih acak (isi dokumen).")
        parser.add_argument(
            "--tanpa-akun", action="store_true", help="Jangan buat akun operator dan reviewer."
        )
        parser.add_argument(
            "--provinsi", action="append", help="Hanya provinsi ini (nama atau kode); berulang."
        )
        parser.add_argument(
            "--maks-kabkota", type=int, help="Paling banyak sekian kabupaten/kota per provinsi."
        )

    def handle(self, *args, years: int, seed: int, tanpa_akun: bool, **options):
        if not tanpa_akun and not settings.DEBUG:
            raise CommandError(
                "Akun demo hanya untuk pemakaian lokal: jalankan dengan DEBUG=1, "
                "atau tambahkan --tanpa-akun untuk membuat datanya saja."
            )
        if years < 1:
            raise CommandError("--years minimal 1.")
        mulai = time.perf_counter()
        try:
            hasil = data_nasional_buat(
                jumlah_tahun=years,
                seed=seed,
                buat_akun=not tanpa_akun,
                provinsi=options["provinsi"],
                kabkota_per_provinsi=options["maks_kabkota"],
            )
        except ValueError as alasan:
            raise CommandError(str(alasan)) from None
        if connection.vendor == "postgresql":
            # Autovacuum analyses a bulk load only later: until then the planner believes the
            # tables are nearly empty and joins every document to sort the API's first page.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self._ringkasan(hasil, time.perf_counter() - mulai)

    def _ringkasan(self, hasil: HasilNasional, detik: float) -> None:
        tulis = self.stdout.write
        satker, baru = hasil.satker, hasil.satker_baru
        tulis(
            f"Satker: {satker['RI']} KPU RI, {satker['PROVINSI']} provinsi, "
            f"{_angka(satker['KABKOTA'])} kabupaten/kota "
            f"(baru: {baru['RI']}, {baru['PROVINSI']}, {baru['KABKOTA']})."
        )
        tulis(f"Tahun: {hasil.tahun[0]}–{hasil.tahun[-1]}.")
        status = ", ".join(
            f"{nama} {_angka(hasil.dokumen_baru[nama])}"
            for nama in ("DRAF", "DIAJUKAN", "DISETUJUI", "TERBIT")
        )
        tulis(
            f"Dokumen baru: {_angka(hasil.jumlah_dokumen_baru)} ({status}); "
            f"sudah ada (dilewati): {_angka(hasil.dokumen_dilewati)}."
        )
        baris = hasil.baris_baru
        tulis(
            f"Baris baru: {_angka(hasil.jumlah_baris_baru)} (IKU {_angka(baris['IKU'])}, "
            f"indikator RKT {_angka(baris['RKT'])}, RAK {_angka(baris['RAK'])}) "
            f"di bawah {_angka(hasil.sasaran_baru)} sasaran."
        )
        if hasil.akun_baru is not None:
            tulis(f"Akun baru: {hasil.akun_baru} (kata sandi semua: {PASSWORD_DEMO}).")
        ukur = hasil.realisasi
        if ukur.tahun is not None:
            laporan = ", ".join(f"{k} {_angka(v)}" for k, v in sorted(ukur.laporan_baru.items()))
            tulis(
                f"Pengukuran {ukur.tahun}: PK terbit baru {_angka(ukur.pk_baru)} "
                f"({_angka(ukur.baris_pk_baru)} indikator); laporan "
                f"triwulan baru {_angka(sum(ukur.laporan_baru.values()))} ({laporan or '-'}); "
                f"realisasi baru {_angka(ukur.realisasi_baru)}."
            )
        if not hasil.ada_yang_baru:
            tulis("Tidak ada yang ditambahkan: semua satker, dokumen dan akun sudah ada.")
        tulis(f"Selesai dalam {detik:.1f} detik.")
