"""The status picture of many satker for one year: counts per type and status, and the provinsi
with the most documents still to publish. For the reviewer's and Admin RI's home pages.

Counted in the database (a few aggregate queries whatever the number of satker), over the
Kabupaten/Kota satker the user may see and the latest version of each document, as the progress
matrix (dokumen.kemajuan) counts them, whose status labels and columns it shares.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, QuerySet

from dokumen.jenis import semua_jenis
from dokumen.kemajuan import BELUM_ADA, JumlahStatus
from dokumen.models import Dokumen, StatusDokumen
from satker.akses import Pengguna, satker_terlihat
from satker.models import Satker, Tingkat

JUMLAH_PROVINSI_TERATAS = 5


def _versi_terakhir(kabkota: QuerySet[Satker], tahun: int) -> QuerySet[Dokumen]:
    lebih_baru = Dokumen.objects.filter(
        satker=OuterRef("satker"),
        jenis=OuterRef("jenis"),
        tahun=OuterRef("tahun"),
        versi__gt=OuterRef("versi"),
    )
    return Dokumen.objects.filter(satker__in=kabkota, tahun=tahun).exclude(Exists(lebih_baru))


@dataclass(frozen=True)
class ProvinsiTertinggal:
    provinsi_nama: str
    provinsi_kode: str  # links to the provinsi's progress matrix
    jumlah_satker: int
    jumlah_dokumen: int  # every type of every satker
    belum_terbit: int  # of those, not published yet (missing ones included)


@dataclass(frozen=True)
class Gambaran:
    tahun: int
    jumlah_satker: int
    per_jenis: list[JumlahStatus]
    semua: JumlahStatus
    provinsi_tertinggal: list[ProvinsiTertinggal]


def gambaran_status(user: Pengguna, tahun: int, *, per_provinsi: bool = False) -> Gambaran:
    """Counts per type and status of the visible Kab/Kota satker's documents of `tahun` (two
    queries); with `per_provinsi`, also the provinsi with most still unpublished (two more)."""
    kabkota = satker_terlihat(user).filter(tingkat=Tingkat.KABKOTA)
    terakhir = _versi_terakhir(kabkota, tahun)
    jumlah_satker = kabkota.count()
    hitung = {jenis.kode: Counter() for jenis in semua_jenis()}
    for baris in terakhir.values("jenis", "status").annotate(n=Count("pk")).order_by():
        if baris["jenis"] in hitung:
            hitung[baris["jenis"]][baris["status"]] = baris["n"]
    for jumlah in hitung.values():
        jumlah[BELUM_ADA] = jumlah_satker - sum(jumlah.values())
    per_jenis = [JumlahStatus(jenis, dict(jumlah)) for jenis, jumlah in hitung.items()]
    semua = JumlahStatus("Semua", dict(sum(hitung.values(), Counter())))
    tertinggal = _provinsi_tertinggal(kabkota, terakhir, len(hitung)) if per_provinsi else []
    return Gambaran(tahun, jumlah_satker, per_jenis, semua, tertinggal)


def _provinsi_tertinggal(
    kabkota: QuerySet[Satker], terakhir: QuerySet[Dokumen], jumlah_jenis: int
) -> list[ProvinsiTertinggal]:
    """Per provinsi: every type of every Kab/Kota satker, less those published."""
    terbit = dict(
        terakhir.filter(status=StatusDokumen.TERBIT)
        .values_list("satker__induk_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    hasil = [
        ProvinsiTertinggal(nama, kode, n, n * jumlah_jenis, n * jumlah_jenis - terbit.get(induk, 0))
        for induk, nama, kode, n in kabkota.values_list("induk_id", "induk__nama", "induk__kode")
        .annotate(n=Count("pk"))
        .order_by()
    ]
    hasil.sort(key=lambda p: (-p.belum_terbit, p.provinsi_nama))
    return [p for p in hasil if p.belum_terbit][:JUMLAH_PROVINSI_TERATAS]
