"""Writes of documents: create, copy from last year, save a draft with its rows."""

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from dokumen.baris import ganti_baris, ganti_tambahan, salin_baris
from dokumen.jejak import catat_perubahan, potret
from dokumen.models import (
    AksiDokumen,
    Dokumen,
    JenisPerubahan,
    PresisiTanggal,
    RiwayatDokumen,
    StatusDokumen,
)
from satker.akses import Pengguna, boleh_menulis
from satker.models import Pejabat, Satker


@transaction.atomic
def dokumen_buat(
    *,
    satker: Satker,
    jenis: str,
    tahun: int,
    versi: int = 1,
    label_lampiran: str = "",
    tahun_anggaran: int | None = None,
    tempat_ttd: str = "",
    tanggal_ttd: datetime.date | None = None,
    tanggal_ttd_presisi: str = PresisiTanggal.HARI,
    penandatangan: Pejabat | None = None,
    alasan_revisi: str = "",
    oleh: Pengguna | None = None,
) -> Dokumen:
    """A new draft; with `oleh`, recorded in the document's audit history."""
    dokumen = Dokumen(
        satker=satker,
        jenis=jenis,
        tahun=tahun,
        versi=versi,
        label_lampiran=label_lampiran,
        tahun_anggaran=tahun_anggaran,
        tempat_ttd=tempat_ttd,
        tanggal_ttd=tanggal_ttd,
        tanggal_ttd_presisi=tanggal_ttd_presisi,
        penandatangan=penandatangan,
        alasan_revisi=alasan_revisi,
    )
    dokumen.full_clean()
    dokumen.save()
    if oleh is not None:
        sesudah = potret(dokumen, baris=[])
        catat_perubahan(
            dokumen=dokumen, user=oleh, jenis=JenisPerubahan.BUAT, sebelum=None, sesudah=sesudah
        )
    return dokumen


class KonflikSuntingan(Exception):
    """Someone else saved the document after this user opened it."""


class DokumenTidakBisaDiubah(Exception):
    """The document is no longer a draft."""


# Header fields a user may change on a draft.
KOLOM_KEPALA = (
    "tahun",
    "label_lampiran",
    "tahun_anggaran",
    "tempat_ttd",
    "tanggal_ttd",
    "tanggal_ttd_presisi",
    "penandatangan",
)


@transaction.atomic
def dokumen_simpan(
    *,
    dokumen: Dokumen,
    kepala: dict[str, Any],
    baris: list[dict[str, Any]],
    suntingan: int,
    oleh: Pengguna | None = None,
    tambahan: Mapping[str, list[dict[str, Any]]] | None = None,
) -> Dokumen:
    """Save a draft's header and rows together, unless someone saved it since `suntingan`.

    `tambahan`: the tables beside the rows to save too, by key (a PK's `program`); a table
    not named is left as it is. The row is locked while checking, so of two simultaneous
    saves exactly one wins. With `oleh`, the change is recorded in the document's audit
    history.
    """
    return _simpan_draf(
        dokumen=dokumen,
        kepala=kepala,
        baris=baris,
        suntingan=suntingan,
        oleh=oleh,
        tambahan=tambahan or {},
    )


KETERANGAN_ADMIN = "Melalui halaman admin."


@transaction.atomic
def dokumen_simpan_admin(
    *,
    dokumen: Dokumen,
    kepala: dict[str, Any],
    baris: list[dict[str, Any]],
    suntingan: int,
    oleh: Pengguna,
) -> Dokumen:
    """`dokumen_simpan` for an edit in the Django admin, recorded as made there."""
    return _simpan_draf(
        dokumen=dokumen,
        kepala=kepala,
        baris=baris,
        suntingan=suntingan,
        oleh=oleh,
        keterangan=KETERANGAN_ADMIN,
    )


def _simpan_draf(
    *,
    dokumen: Dokumen,
    kepala: dict[str, Any],
    baris: list[dict[str, Any]],
    suntingan: int,
    oleh: Pengguna | None,
    keterangan: str = "",
    tambahan: Mapping[str, list[dict[str, Any]]] | None = None,
) -> Dokumen:
    terkunci = Dokumen.objects.select_for_update().get(pk=dokumen.pk)
    if terkunci.suntingan != suntingan:
        raise KonflikSuntingan
    if not terkunci.bisa_diubah:
        raise DokumenTidakBisaDiubah
    sebelum = potret(terkunci) if oleh is not None else None
    for kolom in KOLOM_KEPALA:
        setattr(terkunci, kolom, kepala[kolom])
    terkunci.suntingan += 1
    terkunci.full_clean()  # Dokumen.clean: the signatory is of the document's satker
    terkunci.save()
    ganti_baris(terkunci, baris)
    ganti_tambahan(terkunci, tambahan or {})
    if oleh is not None:
        catat_perubahan(
            dokumen=terkunci,
            user=oleh,
            jenis=JenisPerubahan.SIMPAN,
            sebelum=sebelum,
            sesudah=potret(terkunci),
            keterangan=keterangan,
        )
    return terkunci


@transaction.atomic
def dokumen_simpan_tambahan(
    *,
    dokumen: Dokumen,
    kunci: str,
    baris: list[dict[str, Any]],
    suntingan: int,
    oleh: Pengguna | None = None,
) -> Dokumen:
    """Save the table beside a draft's rows called `kunci` (a PK's programs) on its own page,
    under the same `suntingan` check as the editor's save (the document locked while checking)
    and recorded in the audit history the same way; header and rows are left as they are."""
    tabel = dokumen.jenis_terdaftar.tabel_tambahan(kunci)
    terkunci = Dokumen.objects.select_for_update().get(pk=dokumen.pk)
    if terkunci.suntingan != suntingan:
        raise KonflikSuntingan
    if not terkunci.bisa_diubah:
        raise DokumenTidakBisaDiubah
    sebelum = potret(terkunci) if oleh is not None else None
    terkunci.suntingan += 1
    terkunci.save(update_fields=["suntingan", "diubah"])
    tabel.ganti(terkunci, baris)
    if oleh is not None:
        catat_perubahan(
            dokumen=terkunci,
            user=oleh,
            jenis=JenisPerubahan.SIMPAN,
            sebelum=sebelum,
            sesudah=potret(terkunci),
            keterangan=f"{tabel.label}.",
        )
    return terkunci


@transaction.atomic
def dokumen_salin(*, sumber: Dokumen, tahun: int, oleh: Pengguna | None = None) -> Dokumen:
    """A new draft for `tahun` with every row of `sumber`; the yearly cycle starts from last year.

    The copy's rows are new rows (new keys), each pointing at its source row (`asal`).

    Place, signatory and labels carry over; the signing date does not (it is a new document).
    With `oleh`, recorded in the new document's audit history.
    """
    baru = dokumen_buat(
        satker=sumber.satker,
        jenis=sumber.jenis,
        tahun=tahun,
        label_lampiran=sumber.label_lampiran,
        tempat_ttd=sumber.tempat_ttd,
        penandatangan=sumber.penandatangan,
    )
    # New keys; each row (and sasaran) remembers the row of `sumber` it was copied from.
    salin_baris(sumber=sumber, tujuan=baru)
    if oleh is not None:
        catat_perubahan(
            dokumen=baru,
            user=oleh,
            jenis=JenisPerubahan.BUAT,
            sebelum=None,
            sesudah=potret(baru),
            keterangan=f"Disalin dari {sumber.jenis} {sumber.tahun}.",
        )
    return baru


class DokumenTidakBisaDihapus(Exception):
    """Only a draft that never went to the Ketua is deleted; anything else is kept."""


def boleh_dihapus(dokumen: Dokumen, riwayat: list[RiwayatDokumen] | None = None) -> bool:
    """A draft never submitted is a mistake to undo; once submitted it is part of the record.

    `riwayat`, the document's workflow history when the caller has it already, saves a query.
    """
    if dokumen.status != StatusDokumen.DRAF:
        return False
    if riwayat is not None:
        return all(r.aksi != AksiDokumen.AJUKAN for r in riwayat)
    return not dokumen.riwayat.filter(aksi=AksiDokumen.AJUKAN).exists()


@transaction.atomic
def dokumen_hapus(*, dokumen: Dokumen, user: Pengguna) -> None:
    """Delete a never-submitted draft with its rows; its audit history stays, with an entry
    saying who deleted it (the entries keep the satker and the document's name)."""
    terkunci = Dokumen.objects.select_for_update().select_related("satker").get(pk=dokumen.pk)
    if not boleh_menulis(user, terkunci.satker):
        raise PermissionDenied("Peran Anda tidak berhak menghapus dokumen ini.")
    if not boleh_dihapus(terkunci):
        raise DokumenTidakBisaDihapus(
            "Hanya draf yang belum pernah diajukan yang dapat dihapus; dokumen ini tetap "
            "disimpan sebagai bagian dari riwayat."
        )
    sebelum = potret(terkunci)
    catat_perubahan(
        dokumen=terkunci,
        user=user,
        jenis=JenisPerubahan.HAPUS,
        sebelum=sebelum,
        sesudah={"kepala": sebelum["kepala"], "baris": []},
        keterangan="Draf dihapus.",
    )
    terkunci.delete()
