"""Writes of the evidence files: uploading several to an entry (a realisasi of an indicator
or of a RAK kegiatan) at once, all or none, and
deleting one; both only while the report is a draft and by a writer of its satker.

Each file is checked by its bytes (`pengukuran.jenis_berkas.kenali`) before any is stored; the
problems come back as one ValidationError on `berkas`, a line per file, and nothing is saved.
"""

import hashlib
import unicodedata
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from pengukuran.jenis_berkas import BerkasDitolak, kenali
from pengukuran.models import LaporanTriwulan, Realisasi
from pengukuran.models_bukti import BuktiDukung
from pengukuran.models_kegiatan import RealisasiKegiatan
from pengukuran.services import LaporanTidakBisaDiubah
from pengukuran.unggah_bukti import pesan_terlalu_banyak, pesan_terlalu_besar, ukuran_maks
from satker.akses import Pengguna, boleh_menulis

NAMA_MAKS = 200
PESAN_TANPA_BERKAS = "Pilih paling sedikit satu berkas bukti dukung."
PESAN_TIDAK_BERHAK = "Peran Anda tidak berhak mengubah bukti dukung satker ini."


def nama_aman(nama: str) -> str:
    """The uploaded name without folders, control or invisible characters, at most NAMA_MAKS
    characters with its ending kept (it is shown and sent back as the download's name)."""
    nama = PurePath(nama.replace("\\", "/")).name
    nama = "".join(c for c in nama if unicodedata.category(c)[0] not in "CZ" or c == " ").strip()
    if len(nama) > NAMA_MAKS:
        akhiran = PurePath(nama).suffix[:20]
        nama = nama[: NAMA_MAKS - len(akhiran)] + akhiran
    return nama or "berkas"


def _laporan_terkunci(laporan_id: int, oleh: Pengguna) -> LaporanTriwulan:
    # The report's row lock orders an upload or delete with submitting the report.
    laporan = LaporanTriwulan.objects.select_for_update().get(pk=laporan_id)
    if not boleh_menulis(oleh, laporan.satker):
        raise PermissionDenied(PESAN_TIDAK_BERHAK)
    if not laporan.bisa_diubah:
        raise LaporanTidakBisaDiubah
    return laporan


def _baca(berkas: UploadedFile) -> tuple[bytes, str]:
    """The file's bytes (at most the size limit is ever read) and its SHA-256."""
    berkas.seek(0)
    isi = berkas.read(ukuran_maks() + 1)
    return isi, hashlib.sha256(isi).hexdigest()


@transaction.atomic
def bukti_unggah(
    *,
    realisasi: Realisasi | None = None,
    realisasi_kegiatan: RealisasiKegiatan | None = None,
    berkas: list[UploadedFile],
    oleh: Pengguna,
) -> list[BuktiDukung]:
    """Store `berkas` as evidence of `realisasi` (or of `realisasi_kegiatan`: exactly one is
    given), every file or none.

    Raises ValidationError on "berkas" (one line per refused file), PermissionDenied for a
    user who may not write the satker, `LaporanTidakBisaDiubah` once the report is submitted.
    """
    if (realisasi is None) == (realisasi_kegiatan is None):
        raise TypeError("Give exactly one of realisasi and realisasi_kegiatan.")
    isian = realisasi or realisasi_kegiatan
    laporan = _laporan_terkunci(isian.laporan_id, oleh)
    if not berkas:
        raise ValidationError({"berkas": PESAN_TANPA_BERKAS})
    ada = isian.bukti.count()
    if ada + len(berkas) > settings.BUKTI_MAKS_PER_REALISASI:
        sisa = max(settings.BUKTI_MAKS_PER_REALISASI - ada, 0)
        raise ValidationError(
            {"berkas": f"{pesan_terlalu_banyak()} Sudah ada {ada}; dapat ditambah {sisa} lagi."}
        )
    masalah, diterima = [], []
    for unggahan in berkas:
        nama = nama_aman(unggahan.name or "")
        isi, sha256 = _baca(unggahan)
        if len(isi) > ukuran_maks():
            masalah.append(pesan_terlalu_besar(nama))
            continue
        try:
            jenis = kenali(isi, nama)
        except BerkasDitolak as alasan:
            masalah.append(f"“{nama}”: {alasan}")
            continue
        diterima.append((unggahan, nama, jenis, len(isi), sha256))
        del isi  # one file's bytes in memory at a time
    if masalah:
        raise ValidationError({"berkas": masalah})

    tersimpan: list[BuktiDukung] = []
    try:
        for unggahan, nama, jenis, ukuran, sha256 in diterima:
            bukti = BuktiDukung(
                satker=laporan.satker,
                realisasi=realisasi,
                realisasi_kegiatan=realisasi_kegiatan,
                nama_asli=nama,
                jenis_isi=jenis.mime,
                ukuran=ukuran,
                sha256=sha256,
                diunggah_oleh=oleh,
            )
            unggahan.seek(0)
            bukti.berkas.save(nama, unggahan, save=False)
            tersimpan.append(bukti)
            bukti.full_clean(
                exclude=["satker", "realisasi", "realisasi_kegiatan", "diunggah_oleh", "berkas"]
            )
            bukti.save()
    except BaseException:
        for bukti in tersimpan:  # the rows roll back; so do the files
            bukti.berkas.storage.delete(bukti.berkas.name)
        raise
    return tersimpan


@transaction.atomic
def bukti_hapus(*, bukti: BuktiDukung, oleh: Pengguna) -> None:
    """Delete one evidence file of a draft report; the file goes once the deletion commits
    (a rollback keeps both)."""
    _laporan_terkunci(bukti.isian.laporan_id, oleh)
    storage, nama = bukti.berkas.storage, bukti.berkas.name
    bukti.delete()
    transaction.on_commit(lambda: storage.delete(nama))
