from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from satker.impor import (
    BARU,
    BERUBAH,
    GALAT,
    UKURAN_MAKS,
    ImporDitolak,
    Pratinjau,
    impor_pratinjau,
    impor_terapkan,
)


class Command(BaseCommand):
    help = (
        "Impor daftar satker nasional (CSV atau .xlsx; kolom kode, nama, tingkat, induk, "
        "kota_ttd, alamat): tampilkan pratinjau baru/berubah/tetap/galat per baris, dan "
        "terapkan dengan --terapkan. Satker yang tidak ada di berkas tidak dihapus."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--berkas", required=True, help="Berkas .csv atau .xlsx.")
        parser.add_argument(
            "--terapkan",
            action="store_true",
            help="Terapkan perubahan (tanpa ini hanya pratinjau; tidak ada yang diubah).",
        )

    def handle(self, *args, berkas: str, terapkan: bool, **options) -> None:
        jalur = Path(berkas)
        if not jalur.is_file():
            raise CommandError(f"Berkas {berkas} tidak ditemukan.")
        if jalur.stat().st_size > UKURAN_MAKS:
            raise CommandError(
                f"Berkas terlalu besar: paling besar {UKURAN_MAKS // (1024 * 1024)} MB."
            )
        isi = jalur.read_bytes()
        if terapkan:
            try:
                pratinjau = impor_terapkan(isi=isi, oleh=None)
            except ImporDitolak as error:
                if error.pratinjau is not None:
                    self._tulis(jalur, error.pratinjau)
                raise CommandError(error.pesan) from None
            self._tulis(jalur, pratinjau)
            jumlah = pratinjau.jumlah
            self.stdout.write(
                f"Diterapkan: {jumlah[BARU]} satker baru, {jumlah[BERUBAH]} diubah."
                if pratinjau.ada_perubahan
                else "Tidak ada yang perlu diterapkan: semua satker sudah sesuai berkas."
            )
            return
        pratinjau = impor_pratinjau(isi)
        self._tulis(jalur, pratinjau)
        if pratinjau.ada_galat:
            raise CommandError(
                "Berkas bergalat: perbaiki baris di atas. Tidak ada yang diubah."
                if pratinjau.baris_dengan(GALAT)
                else "Berkas ditolak. Tidak ada yang diubah."
            )
        self.stdout.write(
            "Pratinjau saja: tidak ada yang diubah. Jalankan lagi dengan --terapkan untuk "
            "menerapkan."
            if pratinjau.ada_perubahan
            else "Tidak ada yang perlu diterapkan: semua satker sudah sesuai berkas."
        )

    def _tulis(self, jalur: Path, pratinjau: Pratinjau) -> None:
        """One line per new, changed or refused row (unchanged rows are only counted)."""
        self.stdout.write(f"Berkas: {jalur.name} (SHA-256 {pratinjau.sidik[:12]}…)")
        for pesan in pratinjau.galat_berkas:
            self.stdout.write(f"GALAT  {pesan}")
        for catatan in pratinjau.catatan:
            self.stdout.write(f"Catatan: {catatan}")
        lebar = max((len(b.kode) for b in pratinjau.baris), default=0)
        for b in pratinjau.baris_dengan(BARU, BERUBAH, GALAT):
            rincian = " ".join(b.galat) if b.status == GALAT else "; ".join(b.perubahan)
            if b.status == BARU:
                rincian = f"{b.nama} ({b.tingkat}, induk {b.induk or '-'})"
            self.stdout.write(
                f"Baris {b.nomor:>4}  {b.kode:<{lebar}}  {b.status.upper():<7}  {rincian}"
            )
        if pratinjau.baris:
            self.stdout.write(f"Ringkasan: {pratinjau.ringkasan}.")
        if pratinjau.terlewat:
            dok = sum(1 for t in pratinjau.terlewat if t.punya_dokumen)
            self.stdout.write(
                f"{len(pratinjau.terlewat)} satker di basis data tidak ada di berkas "
                f"({dok} di antaranya mempunyai dokumen): tidak dihapus dan tidak diubah. "
                "Untuk menonaktifkan satker, cantumkan di berkas dengan kolom aktif = tidak."
            )
