"""Writes of the import: keep an upload until it is confirmed, and create the draft from its
preview in one transaction."""

import datetime
from pathlib import PurePath

from django.db import transaction
from django.utils import timezone

from dokumen.baris import ganti_baris, ganti_tambahan
from dokumen.forms import TAHUN_MAKS, TAHUN_MIN
from dokumen.jejak import catat_perubahan, potret
from dokumen.models import Dokumen, JenisPerubahan, PresisiTanggal
from dokumen.selectors import penandatangan_bawaan
from dokumen.services import dokumen_buat
from pertukaran.impor import Pratinjau
from pertukaran.models import BerkasImpor
from satker.akses import Pengguna, pastikan_boleh_menulis
from satker.models import JenisTupoksi, Satker
from satker.services import satker_profil_simpan

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


def _tanggal(pratinjau: Pratinjau) -> tuple[datetime.date | None, str]:
    """The signing date found, if a document can carry it (a slip like year 0204 is not)."""
    kepala = pratinjau.kepala
    if kepala.tanggal_ttd is None or not TAHUN_MIN <= kepala.tanggal_ttd.year <= TAHUN_MAKS:
        return None, PresisiTanggal.HARI
    return kepala.tanggal_ttd, kepala.tanggal_presisi or PresisiTanggal.HARI


@transaction.atomic
def impor_terapkan(
    *,
    pratinjau: Pratinjau,
    oleh: Pengguna | None,
    berkas: BerkasImpor | None = None,
    tupoksi: bool = False,
) -> Dokumen:
    """The draft of `pratinjau` with every row it read and the header fields found (place and
    date of signing, the signatory when the name is one of the satker's officials; else the
    defaults of a new draft), whole or not at all, recorded in the document's history as
    imported from its file; with `tupoksi`, the tupoksi lists found replace the satker
    profile's (recorded in the profile's history). The upload `berkas` is then removed.
    ValueError when the preview has refusals (the page and the command show them first)."""
    if not pratinjau.bisa_diterapkan:
        raise ValueError("Pratinjau masih bergalat: tidak ada yang dibuat.")
    satker, kode = pratinjau.satker, pratinjau.terdaftar.kode
    if oleh is not None:
        pastikan_boleh_menulis(oleh, satker)
    tanggal, presisi = _tanggal(pratinjau)
    dokumen = dokumen_buat(
        satker=satker,
        jenis=kode,
        tahun=pratinjau.tahun,
        tempat_ttd=pratinjau.kepala.tempat_ttd[:80] or satker.kota_ttd,
        tanggal_ttd=tanggal,
        tanggal_ttd_presisi=presisi,
        penandatangan=pratinjau.penandatangan or penandatangan_bawaan(satker, kode),
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
    if tupoksi and pratinjau.tupoksi_terbaca:
        satker_profil_simpan(
            satker=satker,
            oleh=oleh,
            tupoksi={JenisTupoksi(j): daftar for j, daftar in pratinjau.tupoksi_terbaca.items()},
            keterangan=f"Diimpor dari {pratinjau.nama_berkas}.",
        )
    if berkas is not None:
        berkas.delete()
    return dokumen
