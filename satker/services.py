"""Writes of satker data. Each validates (`full_clean`) before it saves."""

from django.db import transaction

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
        # Excluding the parent skips per-row queries; check constraints still run.
        item.full_clean(exclude={"satker"})
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
