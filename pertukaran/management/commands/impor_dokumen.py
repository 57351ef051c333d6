from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from dokumen.jenis import JenisTidakDikenal, jenis_terdaftar, kode_jenis
from pertukaran.berkas import BATAS_UKURAN, BerkasDitolak
from pertukaran.impor import Pratinjau, pratinjau_buat, tupoksi_banding
from pertukaran.services import impor_terapkan
from satker.models import Satker


class Command(BaseCommand):
    help = (
        "Impor dokumen satker dari berkas Word (.docx) atau Excel (.xlsx): tampilkan pratinjau "
        "(baris yang terbaca, peringatan per baris, kepala dokumen yang ditemukan), dan dengan "
        "--terapkan buat drafnya lalu cetak id-nya."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--satker", required=True, help="Kode satker.")
        parser.add_argument(
            "--jenis", required=True, help=f"Jenis dokumen: {'|'.join(kode_jenis()).lower()}."
        )
        parser.add_argument("--tahun", required=True, type=int, help="Tahun dokumen.")
        parser.add_argument("--berkas", required=True, help="Berkas .docx atau .xlsx.")
        parser.add_argument(
            "--terapkan",
            action="store_true",
            help="Buat drafnya (tanpa ini hanya pratinjau; tidak ada yang diubah).",
        )
        parser.add_argument(
            "--oleh",
            default="",
            help="Nama pengguna yang dicatat di riwayat dokumen (tanpa ini tidak dicatat).",
        )

    def handle(self, *args, satker, jenis, tahun, berkas, terapkan, oleh, **options) -> None:
        try:
            terdaftar = jenis_terdaftar(jenis.upper())
        except JenisTidakDikenal:
            raise CommandError(
                f"Jenis “{jenis}” tidak dikenal; pilih {'|'.join(kode_jenis()).lower()}."
            ) from None
        unit = Satker.objects.filter(kode=satker).first()
        if unit is None:
            raise CommandError(f"Satker dengan kode “{satker}” tidak ditemukan.")
        pengguna = None
        if oleh:
            pengguna = get_user_model().objects.filter(username=oleh).first()
            if pengguna is None:
                raise CommandError(f"Pengguna “{oleh}” tidak ditemukan.")
        jalur = Path(berkas)
        if not jalur.is_file():
            raise CommandError(f"Berkas {berkas} tidak ditemukan.")
        if jalur.stat().st_size > BATAS_UKURAN:
            raise CommandError(f"Berkas lebih dari {BATAS_UKURAN // (1024 * 1024)} MB.")
        try:
            pratinjau = pratinjau_buat(
                satker=unit,
                terdaftar=terdaftar,
                tahun=tahun,
                nama_berkas=jalur.name,
                isi=jalur.read_bytes(),
            )
        except BerkasDitolak as galat:
            raise CommandError(galat.pesan) from None
        self._tulis(pratinjau)
        if not terapkan:
            if not pratinjau.bisa_diterapkan:
                raise CommandError(
                    "Berkas bergalat: perbaiki baris di atas. Tidak ada yang dibuat."
                )
            return
        if not pratinjau.bisa_diterapkan:
            raise CommandError("Tidak ada yang dibuat: perbaiki galat di atas lalu ulangi.")
        dokumen = impor_terapkan(pratinjau=pratinjau, oleh=pengguna)
        self.stdout.write(f"Draf {dokumen.jenis} {dokumen.tahun} dibuat, id {dokumen.pk}.")

    def _tulis(self, pratinjau: Pratinjau) -> None:
        tulis = self.stdout.write
        tulis(
            f"Pratinjau: {pratinjau.nama_berkas} ({pratinjau.format.label}) sebagai "
            f"{pratinjau.terdaftar.kode} {pratinjau.tahun} {pratinjau.satker.nama}"
        )
        kepala = pratinjau.kepala
        tulis(f"Tempat tanda tangan: {kepala.tempat_ttd or '(tidak ditemukan)'}")
        tulis(f"Tanggal: {pratinjau.tanggal_tertulis or '(tidak ditemukan)'}")
        if not kepala.nama_penandatangan:
            tulis("Penandatangan: (tidak ditemukan)")
        else:
            cocok = pratinjau.penandatangan
            tulis(
                f"Penandatangan: {kepala.nama_penandatangan}"
                + (f" ({kepala.jabatan_penandatangan})" if kepala.jabatan_penandatangan else "")
                + (
                    f", cocok dengan pejabat {cocok.nama}"
                    if cocok
                    else ", tidak cocok dengan pejabat satker"
                )
            )
        for judul, butir, sekarang in tupoksi_banding(pratinjau):
            tulis(f"{judul}: {len(butir)} butir (di profil sekarang {sekarang})")
        tulis(f"Baris terbaca: {pratinjau.jumlah_baris}")
        judul = pratinjau.judul_kolom
        for baris in pratinjau.baris_tampil():
            isi = "; ".join(f"{j}: {s}" for j, s in zip(judul, baris.sel, strict=True) if s)
            tulis(f"  {baris.sebutan}: {isi}")
            for pesan in baris.peringatan:
                tulis(f"    Peringatan: {pesan}")
            for pesan in baris.galat:
                tulis(f"    Galat: {pesan}")
        for pesan in pratinjau.peringatan_umum:
            tulis(f"Peringatan: {pesan}")
        for pesan in pratinjau.galat.get(0, []):
            tulis(f"Galat: {pesan}")
