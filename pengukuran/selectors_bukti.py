"""Reads of the evidence files, scoped by the access rule, each with the state of its file.

A file missing on disk is "berkas hilang", one whose bytes no longer have the recorded SHA-256
"berkas berubah": both stay listed with their flag, never dropped from the list. Hashing every
file on every page would read megabytes per entry, so a file's verdict is cached under its
size and modification time: a file replaced or changed gets a new key and is hashed again.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db import models
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from pengukuran.models import Realisasi
from pengukuran.models_bukti import BuktiDukung
from pengukuran.models_kegiatan import RealisasiKegiatan
from satker.akses import Pengguna, boleh_menulis, satker_terlihat

PESAN_REALISASI_TIDAK_ADA = "Realisasi tidak ada atau tidak terlihat."
PESAN_BUKTI_TIDAK_ADA = "Bukti dukung tidak ada atau tidak terlihat."
POTONGAN = 1024 * 1024


class KeadaanBerkas(models.TextChoices):
    UTUH = "utuh", "Utuh"
    HILANG = "hilang", "Berkas hilang"
    BERUBAH = "berubah", "Berkas berubah"


PENJELASAN_KEADAAN = {
    KeadaanBerkas.UTUH: "",
    KeadaanBerkas.HILANG: "Berkas tidak ada lagi di penyimpanan. Hubungi Admin RI, atau hapus "
    "catatan ini dan unggah ulang berkasnya.",
    KeadaanBerkas.BERUBAH: "Isi berkas di penyimpanan tidak sama lagi dengan yang diunggah "
    "(SHA-256 berbeda). Berkas tidak diunduhkan; hubungi Admin RI.",
}


@dataclass(frozen=True)
class BerkasBukti:
    """One evidence file as listed: the record and the state of its file."""

    bukti: BuktiDukung
    keadaan: KeadaanBerkas

    @property
    def utuh(self) -> bool:
        return self.keadaan == KeadaanBerkas.UTUH

    @property
    def penjelasan(self) -> str:
        return PENJELASAN_KEADAAN[self.keadaan]


def realisasi_ambil(user: Pengguna, pk: int) -> Realisasi:
    """A realisasi of a satker `user` may see, with its report and indicator; else 404."""
    return get_object_or_404(
        Realisasi.objects.select_related("laporan__satker", "indikator").filter(
            laporan__satker__in=satker_terlihat(user)
        ),
        pk=pk,
    )


def realisasi_kegiatan_ambil(user: Pengguna, pk: int) -> RealisasiKegiatan:
    """A kegiatan's realisasi of a satker `user` may see, with its report; else 404."""
    return get_object_or_404(
        RealisasiKegiatan.objects.select_related("laporan__satker", "baris").filter(
            laporan__satker__in=satker_terlihat(user)
        ),
        pk=pk,
    )


def bukti_terlihat(user: Pengguna) -> QuerySet[BuktiDukung]:
    return BuktiDukung.objects.filter(satker__in=satker_terlihat(user)).select_related(
        "realisasi__laporan", "realisasi_kegiatan__laporan", "diunggah_oleh"
    )


def bukti_ambil(user: Pengguna, pk: int) -> BuktiDukung:
    """An evidence file of a satker `user` may see; another satker's is a 404."""
    return get_object_or_404(bukti_terlihat(user), pk=pk)


def _sha256(bukti: BuktiDukung) -> str:
    hasil = hashlib.sha256()
    with bukti.berkas.open("rb") as berkas:
        while potongan := berkas.read(POTONGAN):
            hasil.update(potongan)
    return hasil.hexdigest()


def keadaan_berkas(bukti: BuktiDukung) -> KeadaanBerkas:
    """Whether the stored file is there and still has the recorded SHA-256."""
    storage, nama = bukti.berkas.storage, bukti.berkas.name
    try:
        ukuran = storage.size(nama)
        waktu = storage.get_modified_time(nama).timestamp()
    except (OSError, NotImplementedError):
        return KeadaanBerkas.HILANG
    if ukuran != bukti.ukuran:
        return KeadaanBerkas.BERUBAH
    kunci = f"bukti-sha:{bukti.pk}:{bukti.sha256}:{ukuran}:{waktu}"
    sama = cache.get(kunci)
    if sama is None:
        try:
            sama = _sha256(bukti) == bukti.sha256
        except OSError:
            return KeadaanBerkas.HILANG
        cache.set(kunci, sama, 24 * 3600)
    return KeadaanBerkas.UTUH if sama else KeadaanBerkas.BERUBAH


def isi_bukti(bukti: BuktiDukung) -> bytes | None:
    """The stored bytes when they still have the recorded SHA-256, else None (missing or
    changed): what a download serves, checked as it is read."""
    try:
        with bukti.berkas.open("rb") as berkas:
            isi = berkas.read(bukti.ukuran + 1)
    except OSError:
        return None
    return isi if hashlib.sha256(isi).hexdigest() == bukti.sha256 else None


def daftar_bukti(realisasi: Realisasi) -> list[BerkasBukti]:
    """A realisasi's evidence files in upload order, each with its file's state."""
    return [
        BerkasBukti(b, keadaan_berkas(b))
        for b in BuktiDukung.objects.filter(realisasi=realisasi).select_related("diunggah_oleh")
    ]


def bukti_laporan(laporan_id: int) -> dict[int, list[BerkasBukti]]:
    """Every evidence file of a report by realisasi id, in one query (the measurement page)."""
    per_realisasi: dict[int, list[BerkasBukti]] = {}
    for b in BuktiDukung.objects.filter(realisasi__laporan_id=laporan_id).select_related(
        "diunggah_oleh"
    ):
        per_realisasi.setdefault(b.realisasi_id, []).append(BerkasBukti(b, keadaan_berkas(b)))
    return per_realisasi


def boleh_ubah_bukti(user: Pengguna, realisasi: Realisasi) -> bool:
    """Whether `user` may add or delete `realisasi`'s files now: a writer, a draft report."""
    return realisasi.laporan.bisa_diubah and boleh_menulis(user, realisasi.laporan.satker)


def konteks_bukti(user: Pengguna, realisasi: Realisasi, *, form=None, kembali: str = "") -> dict:
    """The context of templates/pengukuran/_bukti.html for one realisasi."""
    from pengukuran.forms_bukti import UnggahBuktiForm

    boleh = boleh_ubah_bukti(user, realisasi)
    return {
        "realisasi": realisasi,
        "bukti": daftar_bukti(realisasi),
        "boleh_ubah_bukti": boleh,
        "form_bukti": (form or UnggahBuktiForm()) if boleh else None,
        "kembali": kembali,
    }
