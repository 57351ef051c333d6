"""The provinsi matrix of the measurement: each Kabupaten/Kota satker × TW I–IV, its report's
status (`jendela.status_tw_satker`: not started, draft, submitted, approved, late) and its
capaian so far (the mean over the indicators with a result, and how many met their target),
with the counts per status and the filters of the page.

Capaian comes from the engine through `selectors._baris`, the rows the satker's own page shows.
A constant number of queries whatever the number of satker and indicators: the satker, four
for the statuses (`status_tw_satker`), five for the figures (`muat.muat_pengukuran`).
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Max, QuerySet
from django.http import Http404
from django.utils import timezone

from dokumen.models import Dokumen, StatusDokumen
from pengukuran.capaian import SERATUS, persen
from pengukuran.jendela import StatusTw, status_tw_satker
from pengukuran.models import JendelaPelaporan, LaporanTriwulan, PembukaanKembali
from pengukuran.muat import DataSatker, muat_pengukuran
from pengukuran.selectors import _baris, tw_berakhir
from pengukuran.services import JENIS_PK
from pengukuran.versi import versi_pengukuran
from perjanjian_kinerja.models import NAMA_TRIWULAN, TRIWULAN
from satker.akses import Pengguna, satker_terlihat
from satker.models import Satker, Tingkat

# The order of the counts and the filter, and each status's label and badge colour.
URUTAN_STATUS = (
    StatusTw.BELUM_MULAI,
    StatusTw.DRAF,
    StatusTw.DIAJUKAN,
    StatusTw.DISETUJUI,
    StatusTw.TERLAMBAT,
)
LABEL_STATUS = {
    StatusTw.BELUM_MULAI: "Belum mulai",
    StatusTw.DRAF: "Draf",
    StatusTw.DIAJUKAN: "Diajukan",
    StatusTw.DISETUJUI: "Disetujui",
    StatusTw.TERLAMBAT: "Terlambat",
}
KELAS_STATUS = {
    StatusTw.BELUM_MULAI: "text-bg-light border",
    StatusTw.DRAF: "text-bg-secondary",
    StatusTw.DIAJUKAN: "text-bg-primary",
    StatusTw.DISETUJUI: "text-bg-success",
    StatusTw.TERLAMBAT: "text-bg-danger",
}


def _tahun_dari(satker: QuerySet[Satker]) -> list[int]:
    """The years, newest first, in which one of `satker` has a TW report or a published PK:
    one query."""
    laporan = LaporanTriwulan.objects.filter(satker__in=satker).values_list("tahun")
    pk = Dokumen.objects.filter(
        satker__in=satker, jenis=JENIS_PK, status=StatusDokumen.TERBIT
    ).values_list("tahun")
    return sorted({t for (t,) in laporan.order_by().union(pk.order_by())}, reverse=True)


def tahun_berdata(user: Pengguna, provinsi: Satker | None = None) -> list[int]:
    """The years, newest first, with measurement data in the user's scope (a TW report or a
    published PK of a Kabupaten/Kota satker they see; with `provinsi`, of its own)."""
    if provinsi is not None:
        return _tahun_dari(Satker.objects.filter(induk=provinsi, tingkat=Tingkat.KABKOTA))
    return _tahun_dari(satker_terlihat(user).filter(tingkat=Tingkat.KABKOTA))


def _terbaru(berdata: list[int], hari: datetime.date | None) -> int:
    ini = (hari or timezone.localdate()).year
    ada = [t for t in berdata if t <= ini]
    return ada[0] if ada else ini


def tahun_rekap(
    user: Pengguna, provinsi: Satker | None = None, *, hari: datetime.date | None = None
) -> int:
    """The year a matrix opens on when none is asked for: the newest with measurement data
    in the user's scope (`tahun_berdata`), not past the calendar's; without any, this year."""
    return _terbaru(tahun_berdata(user, provinsi), hari)


def tahun_satker(satker: Satker, *, hari: datetime.date | None = None) -> int:
    """The same rule for one satker's own measurement pages (the nav's entry for its staff)."""
    return _terbaru(_tahun_dari(Satker.objects.filter(pk=satker.pk)), hari)


def provinsi_rekap(user: Pengguna, kode: str) -> Satker:
    """The KPU Provinsi with `kode` if `user` may see it (the access rule), else 404."""
    provinsi = satker_terlihat(user).filter(kode=kode, tingkat=Tingkat.PROVINSI).first()
    if provinsi is None:
        raise Http404("KPU Provinsi tidak ditemukan.")
    return provinsi


@dataclass(frozen=True)
class SelRekap:
    """One satker's TW: its status and its capaian up to that quarter."""

    tw: int
    status: str
    rata_rata: Decimal | None  # the mean capaian of the indicators with a result
    tercapai: int  # indicators at 100 % or more
    terukur: int  # indicators with a result

    @property
    def label(self) -> str:
        return LABEL_STATUS[self.status]

    @property
    def kelas(self) -> str:
        return KELAS_STATUS[self.status]

    @property
    def rata_rata_tertulis(self) -> str:
        return "" if self.rata_rata is None else persen(self.rata_rata)


@dataclass(frozen=True)
class BarisRekap:
    satker: Satker
    jumlah_indikator: int
    ada_pk: bool
    sel: list[SelRekap]


@dataclass(frozen=True)
class JumlahTw:
    """A column's (or the year's) count per status, in `URUTAN_STATUS` order."""

    judul: str
    per_status: dict[str, int]

    @property
    def daftar(self) -> list[tuple[str, str, str, int]]:
        return [
            (s, LABEL_STATUS[s], KELAS_STATUS[s], self.per_status.get(s, 0)) for s in URUTAN_STATUS
        ]


@dataclass(frozen=True)
class Saringan:
    """The page's filters (GET): a status, in one TW or any, and part of the satker's name."""

    status: str = ""
    tw: int | None = None
    nama: str = ""

    @classmethod
    def dari(cls, data) -> "Saringan":
        status = data.get("status", "")
        tw = data.get("tw", "")
        return cls(
            status=status if status in LABEL_STATUS else "",
            tw=int(tw) if tw in {str(t) for t in TRIWULAN} else None,
            nama=" ".join(data.get("nama", "").split())[:100],
        )

    @property
    def aktif(self) -> bool:
        return bool(self.status or self.tw or self.nama)

    def cocok(self, baris: BarisRekap) -> bool:
        if self.nama and self.nama.casefold() not in baris.satker.nama.casefold():
            return False
        if self.status:
            sel = baris.sel if self.tw is None else [baris.sel[self.tw - 1]]
            return any(s.status == self.status for s in sel)
        return True


@dataclass
class Rekap:
    provinsi: Satker
    tahun: int
    sampai_tw: int
    baris: list[BarisRekap]  # after the filters
    jumlah_satker: int  # before them
    jumlah_per_tw: list[JumlahTw]
    jumlah_semua: JumlahTw
    saringan: Saringan = field(default_factory=Saringan)
    kunci: str = ""  # the data version it was built for (`kunci_rekap`)

    @property
    def triwulan(self) -> list[tuple[int, str]]:
        return list(NAMA_TRIWULAN.items())


def _sel(tw: int, status: str, baris: list, terisi: set[int]) -> SelRekap:
    if tw not in terisi:  # no figure of its own: the earlier quarters' would read as its own
        return SelRekap(tw, status, None, 0, 0)
    nilai = [b.triwulan[tw - 1].capaian.nilai for b in baris]
    nilai = [n for n in nilai if n is not None]
    rata = sum(nilai, Decimal(0)) / len(nilai) if nilai else None
    return SelRekap(tw, status, rata, sum(n >= SERATUS for n in nilai), len(nilai))


def baris_satker(
    satker: Satker, status: dict[int, str], data: DataSatker, sampai_tw: int
) -> BarisRekap:
    """One satker's row: each quarter's capaian is the engine's up to that quarter."""
    baris = [_baris(i, data.isian, data.aturan, sampai_tw) for i in data.indikator]
    terisi = {tw for _, tw in data.isian}
    sel = [_sel(tw, status[tw], baris, terisi) for tw in TRIWULAN]
    return BarisRekap(satker, len(baris), data.pk_id is not None, sel)


def rekap_provinsi(
    provinsi: Satker,
    tahun: int,
    saringan: Saringan | None = None,
    *,
    hari: datetime.date | None = None,
    kunci: str | None = None,
) -> Rekap:
    """The matrix of `provinsi`'s Kabupaten/Kota satker in `tahun` (already checked visible:
    `provinsi_rekap`), filtered by `saringan`; counts are over every satker. `kunci`: its
    version (`kunci_rekap`) when the caller has it."""
    hari = hari or timezone.localdate()
    saringan = saringan or Saringan()
    sampai_tw = tw_berakhir(hari, tahun)
    kunci = kunci or kunci_rekap(provinsi, tahun, hari)
    semua = cache.get(kunci)
    if semua is None:
        kabkota_qs = kabkota_provinsi(provinsi)
        kabkota = list(kabkota_qs.order_by("nama", "pk"))
        status = status_tw_satker(kabkota_qs, tahun, hari=hari)
        data = muat_pengukuran([s.pk for s in kabkota], tahun)
        semua = [baris_satker(s, status[s.pk], data[s.pk], sampai_tw) for s in kabkota]
        cache.set(kunci, semua, UMUR_CACHE_REKAP)
    hitung = {tw: Counter(b.sel[tw - 1].status for b in semua) for tw in TRIWULAN}
    return Rekap(
        provinsi=provinsi,
        tahun=tahun,
        sampai_tw=sampai_tw,
        baris=[b for b in semua if saringan.cocok(b)],
        jumlah_satker=len(semua),
        jumlah_per_tw=[JumlahTw(NAMA_TRIWULAN[tw], dict(hitung[tw])) for tw in TRIWULAN],
        jumlah_semua=JumlahTw("Semua", dict(sum(hitung.values(), Counter()))),
        saringan=saringan,
        kunci=kunci,
    )


# Satker names change rarely and are not in the key: they show within five minutes.
UMUR_CACHE_REKAP = 5 * 60


def _versi(qs, waktu: str) -> str:
    v = qs.aggregate(n=Count("pk"), t=Max(waktu))
    return f"{v['n']}.{v['t'].timestamp() if v['t'] else 0}"


def kabkota_provinsi(provinsi: Satker) -> QuerySet[Satker]:
    return Satker.objects.filter(induk=provinsi, tingkat=Tingkat.KABKOTA)


def kunci_rekap(
    provinsi: Satker, tahun: int, hari: datetime.date, *, versi: str | None = None
) -> str:
    """The matrix's version: its satker's measurement (`versi_pengukuran`, given when the
    caller has it), a window or a reopening of the year, and the day (lateness). Five small
    aggregates instead of the nine reads and the engine's work."""
    kabkota = kabkota_provinsi(provinsi)
    bagian = [
        versi or versi_pengukuran(kabkota, tahun),
        _versi(JendelaPelaporan.objects.filter(tahun=tahun), "diubah"),
        _versi(PembukaanKembali.objects.filter(satker__in=kabkota, tahun=tahun), "waktu"),
    ]
    return f"rekap:{provinsi.pk}:{tahun}:{hari.isoformat()}:{':'.join(bagian)}"


@dataclass(frozen=True)
class RingkasProvinsi:
    """One provinsi's line on the national page: its satker's counts per status and TW."""

    provinsi: Satker
    jumlah_satker: int
    jumlah_per_tw: list[JumlahTw]


def rekap_nasional(
    user: Pengguna, tahun: int, *, hari: datetime.date | None = None
) -> list[RingkasProvinsi]:
    """Every visible provinsi with its Kabupaten/Kota satker's statuses counted: six queries
    whatever the number of satker (the provinsi, the satker, four for the statuses)."""
    hari = hari or timezone.localdate()
    terlihat = satker_terlihat(user)
    provinsi = list(terlihat.filter(tingkat=Tingkat.PROVINSI).order_by("nama", "pk"))
    kabkota_qs = terlihat.filter(tingkat=Tingkat.KABKOTA)
    induk = dict(kabkota_qs.values_list("pk", "induk_id"))
    status = status_tw_satker(kabkota_qs, tahun, hari=hari)
    hitung: dict[int, dict[int, Counter]] = {
        p.pk: {tw: Counter() for tw in TRIWULAN} for p in provinsi
    }
    jumlah = Counter(induk.values())
    for satker_id, per_tw in status.items():
        kelompok = hitung.get(induk[satker_id])
        if kelompok is None:
            continue
        for tw, s in per_tw.items():
            kelompok[tw][s] += 1
    return [
        RingkasProvinsi(
            p,
            jumlah[p.pk],
            [JumlahTw(NAMA_TRIWULAN[tw], dict(hitung[p.pk][tw])) for tw in TRIWULAN],
        )
        for p in provinsi
    ]
