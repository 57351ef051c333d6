"""Reads of satker data, already scoped to the user by the access rule."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, F, Prefetch, Q, QuerySet, Value, When
from django.http import Http404

from satker.akses import Pengguna, satker_terlihat
from satker.models import JenisTupoksi, Pejabat, Satker, Tingkat, Tupoksi

PROVINSI_PER_HALAMAN = 4  # groups per page of the satker list: ~55 rows nationally


@dataclass(frozen=True)
class KelompokProvinsi:
    """A provinsi and its listed Kabupaten/Kota; `provinsi` is None for KPU RI's own group."""

    provinsi: Satker | None
    satker: list[Satker]


@dataclass(frozen=True)
class HalamanSatker:
    halaman: Page
    kelompok: list[KelompokProvinsi]
    per_tingkat: dict[str, int]  # satker found on every page, per Tingkat

    @property
    def jumlah(self) -> int:
        return sum(self.per_tingkat.values())

    @property
    def banyak_tingkat(self) -> bool:
        """Whether the satker found are of more than one level (then the total is worth
        saying before `rincian`)."""
        return sum(1 for n in self.per_tingkat.values() if n) > 1

    @property
    def rincian(self) -> str:
        """The satker found as one reads them: "1 KPU RI · 38 KPU provinsi · 514 KPU
        kabupaten/kota", levels with none left out."""
        return " · ".join(
            f"{self.per_tingkat[tingkat]} {SEBUTAN_TINGKAT[tingkat]}"
            for tingkat in Tingkat
            if self.per_tingkat.get(tingkat)
        )


# Tingkat's labels are capitalised as titles ("KPU Kabupaten/Kota"); a count reads them plain.
SEBUTAN_TINGKAT = {
    Tingkat.RI: "KPU RI",
    Tingkat.PROVINSI: "KPU provinsi",
    Tingkat.KABKOTA: "KPU kabupaten/kota",
}


def satker_dicari(user: Pengguna, cari: str = "") -> QuerySet[Satker]:
    """Visible satker, each with the key and name of its provinsi group (`kunci_provinsi`,
    `nama_provinsi`: its own for a provinsi, its parent's for a Kabupaten/Kota, 0 and "" for KPU
    RI). `cari` keeps those whose name or code, or whose provinsi's name, contains it."""
    satker = satker_terlihat(user).select_related("induk")
    if cari:
        satker = satker.filter(
            Q(nama__icontains=cari) | Q(kode__icontains=cari) | Q(induk__nama__icontains=cari)
        )
    return satker.annotate(
        kunci_provinsi=Case(
            When(tingkat=Tingkat.PROVINSI, then=F("pk")),
            When(tingkat=Tingkat.KABKOTA, then=F("induk_id")),
            default=Value(0),
        ),
        nama_provinsi=Case(
            When(tingkat=Tingkat.PROVINSI, then=F("nama")),
            When(tingkat=Tingkat.KABKOTA, then=F("induk__nama")),
            default=Value(""),
        ),
    )


def halaman_satker(user: Pengguna, cari: str, nomor: str | int | None) -> HalamanSatker:
    """One page of the satker list: whole provinsi groups (never one split across pages), KPU
    RI first, then provinsi by name, each followed by its Kabupaten/Kota by name.

    Four queries whatever the number of satker: the counts of satker found per level, the count
    and the page of groups, the page's satker."""
    satker = satker_dicari(user, cari)
    grup = (
        satker.order_by("nama_provinsi", "kunci_provinsi")
        .values_list("nama_provinsi", "kunci_provinsi")
        .distinct()
    )
    halaman = Paginator(grup, PROVINSI_PER_HALAMAN).get_page(nomor)
    isi = satker.filter(kunci_provinsi__in=[kunci for _, kunci in halaman.object_list])
    isi = isi.annotate(
        kabkota=Case(When(tingkat=Tingkat.KABKOTA, then=Value(1)), default=Value(0))
    ).order_by("nama_provinsi", "kunci_provinsi", "kabkota", "nama", "pk")
    per_tingkat = dict(
        satker.order_by().values_list("tingkat").annotate(n=Count("pk")).values_list("tingkat", "n")
    )
    return HalamanSatker(halaman=halaman, kelompok=_kelompokkan(isi), per_tingkat=per_tingkat)


def _kelompokkan(daftar: Iterable[Satker]) -> list[KelompokProvinsi]:
    """Consecutive satker of one provinsi group under it; a provinsi is its group's head."""
    kelompok: list[KelompokProvinsi] = []
    for satker in daftar:
        provinsi = {Tingkat.PROVINSI: satker, Tingkat.KABKOTA: satker.induk}.get(satker.tingkat)
        if not kelompok or kelompok[-1].provinsi != provinsi:
            kelompok.append(KelompokProvinsi(provinsi, []))
        if satker.tingkat != Tingkat.PROVINSI:
            kelompok[-1].satker.append(satker)
    return kelompok


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
