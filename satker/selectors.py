"""Reads of satker data, already scoped to the user by the access rule."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404

from satker.akses import Pengguna, satker_terlihat
from satker.models import JenisTupoksi, Pejabat, Satker, Tingkat, Tupoksi


@dataclass(frozen=True)
class KelompokProvinsi:
    """A provinsi and its visible Kabupaten/Kota; `provinsi` is None for KPU RI's own group."""

    provinsi: Satker | None
    satker: list[Satker]


def satker_per_provinsi(user: Pengguna) -> list[KelompokProvinsi]:
    """Visible satker grouped under their provinsi, KPU RI first, then provinsi by name."""
    kelompok: dict[Satker | None, list[Satker]] = {}
    for satker in satker_terlihat(user).select_related("induk").order_by("nama"):
        if satker.tingkat == Tingkat.PROVINSI:
            kelompok.setdefault(satker, [])
        elif satker.tingkat == Tingkat.KABKOTA:
            kelompok.setdefault(satker.induk, []).append(satker)
        else:
            kelompok.setdefault(None, []).append(satker)
    urut = sorted(kelompok, key=lambda p: (p is not None, p.nama if p else ""))
    return [KelompokProvinsi(provinsi, kelompok[provinsi]) for provinsi in urut]


def satker_ambil(user: Pengguna, kode: str) -> Satker:
    """The satker with `kode` if `user` may see it, with its tupoksi and officials; else 404."""
    queryset = (
        satker_terlihat(user)
        .select_related("induk")
        .prefetch_related(
            Prefetch("tupoksi", queryset=Tupoksi.objects.order_by("jenis", "urutan")),
            Prefetch("pejabat", queryset=Pejabat.objects.menurut_jabatan()),
        )
    )
    try:
        return queryset.get(kode=kode)
    except Satker.DoesNotExist:
        raise Http404("Satker tidak ditemukan.") from None


def tupoksi_per_jenis(satker: Satker) -> dict[str, list[Tupoksi]]:
    """The satker's tupoksi as {"Tugas": [...], "Fungsi": [...], ...}, non-empty kinds only.

    Reads `satker.tupoksi` once (a prefetch when there is one, else one query).
    """
    butir = list(satker.tupoksi.all())
    hasil: dict[str, list[Tupoksi]] = {}
    for jenis in JenisTupoksi:
        daftar = sorted((t for t in butir if t.jenis == jenis), key=lambda t: t.urutan)
        if daftar:
            hasil[jenis.label] = daftar
    return hasil
