"""Writes of the import: keep an upload until it is confirmed, and create the draft from its
preview in one transaction."""

import datetime
from pathlib import PurePath

from django.db import transaction
from django.utils import timezone

from dokumen.baris import ganti_baris, ganti_tambahan
from dokumen.jejak import catat_perubahan, potret
from dokumen.models import Dokumen, JenisPerubahan
from dokumen.selectors import penandatangan_bawaan
from dokumen.services import dokumen_buat
from pertukaran.impor import Pratinjau
from pertukaran.models import BerkasImpor
from satker.akses import Pengguna, pastikan_boleh_menulis
from satker.models import Satker

SIMPAN_UNGGAHAN = datetime.timedelta(days=1)


def nama_bersih(nama: str) -> str:
    """The file's own name, without a path a browser may send, at most 200 characters."""
    bersih = PurePath(nama.replace("\\", "/")).name.strip() or "berkas"
    return bersih[-200:]


@transaction.atomic
def berkas_impor_simpan(
    *, pemilik: Pengguna, satker: Satker, jenis: str, tahun: int, nama: str, isi: bytes
) -> BerkasImpor:
    """Keep an upload for its preview; the user's earlier ones and stale ones go."""
    BerkasImpor.objects.filter(pemilik=pemilik).delete()
    BerkasImpor.objects.filter(diunggah__lt=timezone.now() - SIMPAN_UNGGAHAN).delete()
    return BerkasImpor.objects.create(
        pemilik=pemilik, satker=satker, jenis=jenis, tahun=tahun, nama=nama_bersih(nama), isi=isi
    )


@transaction.atomic
def impor_terapkan(
    *, pratinjau: Pratinjau, oleh: Pengguna | None, berkas: BerkasImpor | None = None
) -> Dokumen:
    """The draft of `pratinjau` with every row it read, whole or not at all, recorded in the
    document's history as imported from its file; the upload `berkas` is then removed.
    ValueError when the preview has refusals (the page and the command show them first)."""
    if not pratinjau.bisa_diterapkan:
        raise ValueError("Pratinjau masih bergalat: tidak ada yang dibuat.")
    satker, kode = pratinjau.satker, pratinjau.terdaftar.kode
    if oleh is not None:
        pastikan_boleh_menulis(oleh, satker)
    dokumen = dokumen_buat(
        satker=satker,
        jenis=kode,
        tahun=pratinjau.tahun,
        tempat_ttd=satker.kota_ttd,
        penandatangan=penandatangan_bawaan(satker, kode),
    )
    ganti_baris(dokumen, pratinjau.baris)
    ganti_tambahan(dokumen, pratinjau.tambahan)
    if oleh is not None:
        catat_perubahan(
            dokumen=dokumen,
            user=oleh,
            jenis=JenisPerubahan.BUAT,
            sebelum=None,
            sesudah=potret(dokumen),
            keterangan=f"Diimpor dari {pratinjau.nama_berkas}.",
        )
    if berkas is not None:
        berkas.delete()
    return dokumen
