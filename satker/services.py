"""Writes of satker data. Each validates (`full_clean`) before it saves."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from satker.models import JenisTupoksi, Pejabat, Satker, Tupoksi


def satker_buat(
    *,
    kode: str,
    nama: str,
    nama_lengkap: str,
    tingkat: str,
    kota_ttd: str,
    induk: Satker | None = None,
    alamat: str = "",
    gaya_penomoran: str = "ANGKA",
) -> Satker:
    satker = Satker(
        kode=kode,
        nama=nama,
        nama_lengkap=nama_lengkap,
        tingkat=tingkat,
        induk=induk,
        kota_ttd=kota_ttd,
        alamat=alamat,
        gaya_penomoran=gaya_penomoran,
    )
    satker.full_clean()
    satker.save()
    return satker


@transaction.atomic
def tupoksi_ganti(*, satker: Satker, jenis: JenisTupoksi, daftar: list[str]) -> list[Tupoksi]:
    """Replace the satker's items of one kind with `daftar`, in that order."""
    satker.tupoksi.filter(jenis=jenis).delete()
    butir = [
        Tupoksi(satker=satker, jenis=jenis, urutan=urutan, teks=teks.strip())
        for urutan, teks in enumerate(daftar, start=1)
    ]
    for item in butir:
        item.full_clean(exclude={"satker"}, validate_constraints=False)
    return Tupoksi.objects.bulk_create(butir)


def pejabat_buat(
    *,
    satker: Satker,
    nama: str,
    jabatan: str,
    sebutan_jabatan: str,
    nip: str = "",
    status: str = "DEFINITIF",
) -> Pejabat:
    pejabat = Pejabat(
        satker=satker,
        nama=nama,
        jabatan=jabatan,
        sebutan_jabatan=sebutan_jabatan,
        nip=nip,
        status=status,
    )
    pejabat.full_clean()
    pejabat.save()
    return pejabat


def pejabat_pastikan_boleh_dihapus(*, pejabat: Pejabat) -> None:
    """Raise a ValidationError while `pejabat` signs any document (the link is PROTECT)."""
    dokumen = list(pejabat.dokumen_ditandatangani.order_by("tahun", "jenis", "versi"))
    if not dokumen:
        return
    daftar = ", ".join(
        f"{d.jenis} {d.tahun}" + (f" versi {d.versi}" if d.versi > 1 else "") for d in dokumen
    )
    raise ValidationError(
        f"{pejabat.nama} tidak dapat dihapus karena menandatangani dokumen {daftar}. "
        "Ganti penandatangan dokumen tersebut lebih dahulu.",
        code="pejabat_menandatangani",
    )


def pejabat_simpan(*, pejabat: Pejabat) -> Pejabat:
    """Save a new or changed official whose fields are already set."""
    pejabat.full_clean()
    pejabat.save()
    return pejabat


def pejabat_hapus(*, pejabat: Pejabat) -> None:
    """Delete an official; refused with a ValidationError while they sign a document."""
    pejabat_pastikan_boleh_dihapus(pejabat=pejabat)
    try:
        pejabat.delete()
    except ProtectedError:
        # A document chose this official after the check above.
        pejabat_pastikan_boleh_dihapus(pejabat=pejabat)
        raise


@transaction.atomic
def satker_profil_simpan(
    *,
    satker: Satker,
    tupoksi: Mapping[JenisTupoksi, list[str]],
    pejabat_disimpan: Iterable[Pejabat] = (),
    pejabat_dihapus: Iterable[Pejabat] = (),
) -> None:
    """Replace the satker's tupoksi lists and save, add or delete its officials, all or nothing.

    Only the kinds present in `tupoksi` are replaced. Any ValidationError rolls everything back.
    """
    for jenis, daftar in tupoksi.items():
        tupoksi_ganti(satker=satker, jenis=jenis, daftar=daftar)
    for pejabat in pejabat_dihapus:
        if pejabat.satker_id != satker.pk:
            raise ValueError("Pejabat bukan milik satker ini.")
        pejabat_hapus(pejabat=pejabat)
    for pejabat in pejabat_disimpan:
        if pejabat.pk is not None and pejabat.satker_id != satker.pk:
            raise ValueError("Pejabat bukan milik satker ini.")
        pejabat.satker = satker
        pejabat_simpan(pejabat=pejabat)
