"""The reporting window rule: when a satker may enter a TW's realisasi, and who is late.

- The window of a satker's TW is its provinsi's own (`JendelaPelaporan.provinsi` = the
  satker's `induk`) when the KPU Provinsi set one, else the national one set by KPU RI.
- It is open from the start of `dibuka` to the end of `ditutup`, Jakarta time (TIME_ZONE): the
  dates are compared with `timezone.localdate()`.
- A reopening (`PembukaanKembali`) opens one satker's TW until the end of its `sampai`, whatever
  the window says; the latest date of that satker's TW counts.
- No window set for a year and TW (neither the provinsi's nor the national one): entries are
  open and nobody is late. DOMAIN.md names no reporting deadline and none is modelled
  elsewhere, so a deadline is a date someone recorded, never one guessed here.
- Late: the window (and any reopening) has closed and the report is neither submitted nor
  approved.

The rule itself is pure (`Masa`, `KeadaanJendela`, `status_tw`); `keadaan_jendela` reads one
satker's TW in one query, `status_tw_satker` many satker's whole year in four.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet, Subquery
from django.utils import timezone

from kpu_kinerja.formats import tanggal_panjang
from pengukuran.models import (
    JendelaPelaporan,
    LaporanTriwulan,
    PembukaanKembali,
    StatusLaporan,
)
from perjanjian_kinerja.models import NAMA_TRIWULAN, TRIWULAN
from satker.models import Satker

SELESAI = frozenset({StatusLaporan.DIAJUKAN, StatusLaporan.DISETUJUI})


def hari_ini() -> datetime.date:
    """Today in Jakarta: a window closes at the end of its closing day there."""
    return timezone.localdate()


@dataclass(frozen=True)
class Masa:
    """The window that applies to a satker's TW."""

    dibuka: datetime.date
    ditutup: datetime.date
    dari_provinsi: bool  # set by the satker's KPU Provinsi, else the national one


def masa_berlaku(
    jendela: Iterable[JendelaPelaporan], provinsi_id: int | None, tahun: int, tw: int
) -> Masa | None:
    """Of the windows given, the one of `tahun`/`tw` for a satker under `provinsi_id`: the
    provinsi's own over the national one; None when neither was set."""
    nasional = None
    for j in jendela:
        if j.tahun != tahun or j.tw != tw:
            continue
        if j.provinsi_id is not None and j.provinsi_id == provinsi_id:
            return Masa(j.dibuka, j.ditutup, dari_provinsi=True)
        if j.provinsi_id is None:
            nasional = Masa(j.dibuka, j.ditutup, dari_provinsi=False)
    return nasional


@dataclass(frozen=True)
class KeadaanJendela:
    """A satker's TW on a given day: its window, any reopening, and what follows from them."""

    tahun: int
    tw: int
    masa: Masa | None
    dibuka_kembali_sampai: datetime.date | None
    hari: datetime.date

    @property
    def nama(self) -> str:
        return f"{NAMA_TRIWULAN[self.tw]} {self.tahun}"

    @property
    def dalam_masa(self) -> bool:
        """Open by the window itself (or no window set)."""
        return self.masa is None or self.masa.dibuka <= self.hari <= self.masa.ditutup

    @property
    def dibuka_kembali(self) -> bool:
        """Open only because a reviewer reopened it."""
        sampai = self.dibuka_kembali_sampai
        return not self.dalam_masa and sampai is not None and self.hari <= sampai

    @property
    def terbuka(self) -> bool:
        return self.dalam_masa or self.dibuka_kembali

    @property
    def batas(self) -> datetime.date | None:
        """The last day entries may be made now; None without a window."""
        if self.dibuka_kembali:
            return self.dibuka_kembali_sampai
        return self.masa.ditutup if self.masa is not None else None

    @property
    def sisa_hari(self) -> int | None:
        """Days left after today while open (0: today is the last day); else None."""
        if not self.terbuka or self.batas is None:
            return None
        return (self.batas - self.hari).days

    @property
    def sudah_ditutup(self) -> bool:
        """Past its window, and past any reopening: what makes a satker late."""
        return self.masa is not None and self.hari > self.masa.ditutup and not self.terbuka

    @property
    def belum_dibuka(self) -> bool:
        return self.masa is not None and self.hari < self.masa.dibuka and not self.terbuka

    @property
    def pesan_tutup(self) -> str:
        """Why entries are refused now ("" while open)."""
        if self.terbuka:
            return ""
        if self.belum_dibuka:
            return (
                f"Masa pelaporan {self.nama} baru dibuka pada {tanggal_panjang(self.masa.dibuka)}."
            )
        pesan = f"Masa pelaporan {self.nama} ditutup pada {tanggal_panjang(self.masa.ditutup)}"
        sampai = self.dibuka_kembali_sampai
        if sampai is not None and sampai > self.masa.ditutup:
            pesan += f"; pembukaan kembali berakhir pada {tanggal_panjang(sampai)}"
        return pesan + "."

    def terlambat(self, status: str | None) -> bool:
        """Whether a report in `status` (None: not opened) is late."""
        return self.sudah_ditutup and status not in SELESAI


def keadaan_jendela(
    satker: Satker, tahun: int, tw: int, *, hari: datetime.date | None = None
) -> KeadaanJendela:
    """The window of `satker`'s TW and its reopening, in one query."""
    reopen = PembukaanKembali.objects.filter(satker=satker, tahun=tahun, tw=tw)
    jendela = list(
        JendelaPelaporan.objects.filter(tahun=tahun, tw=tw)
        .filter(Q(provinsi__isnull=True) | Q(provinsi_id=satker.induk_id))
        .annotate(
            buka_sampai=Subquery(reopen.order_by("-sampai").values("sampai")[:1]),
        )
    )
    # Without any window, a reopening changes nothing: it is open anyway.
    sampai = jendela[0].buka_sampai if jendela else None
    return KeadaanJendela(
        tahun=tahun,
        tw=tw,
        masa=masa_berlaku(jendela, satker.induk_id, tahun, tw),
        dibuka_kembali_sampai=sampai,
        hari=hari or hari_ini(),
    )


class StatusTw:
    """A satker's TW as a matrix shows it (plain strings, for templates and JSON)."""

    BELUM_MULAI = "belum mulai"
    DRAF = "draf"
    DIAJUKAN = "diajukan"
    DISETUJUI = "disetujui"
    TERLAMBAT = "terlambat"


def status_tw(keadaan: KeadaanJendela, status: str | None, ada_isian: bool) -> str:
    """One TW's status: approved and submitted as they are; an unsubmitted one past its window
    is late; otherwise a draft once a figure is in, else not started."""
    if status == StatusLaporan.DISETUJUI:
        return StatusTw.DISETUJUI
    if status == StatusLaporan.DIAJUKAN:
        return StatusTw.DIAJUKAN
    if keadaan.terlambat(status):
        return StatusTw.TERLAMBAT
    return StatusTw.DRAF if ada_isian else StatusTw.BELUM_MULAI


def status_tw_satker(
    satker_qs: QuerySet[Satker], tahun: int, *, hari: datetime.date | None = None
) -> dict[int, dict[int, str]]:
    """{satker id: {tw: StatusTw}} for every satker of `satker_qs` in `tahun`, in four
    queries whatever their number (satker, windows, reports, reopenings)."""
    hari = hari or hari_ini()
    satker = list(satker_qs.values_list("pk", "induk_id"))
    ids = [pk for pk, _ in satker]
    induk = {i for _, i in satker if i is not None}
    jendela = list(
        JendelaPelaporan.objects.filter(tahun=tahun).filter(
            Q(provinsi__isnull=True) | Q(provinsi_id__in=induk)
        )
    )
    laporan = {
        (s, tw): (status, isian)
        for s, tw, status, isian in LaporanTriwulan.objects.filter(satker_id__in=ids, tahun=tahun)
        .annotate(isian=Count("realisasi"))
        .values_list("satker_id", "tw", "status", "isian")
    }
    buka = {
        (s, tw): sampai
        for s, tw, sampai in PembukaanKembali.objects.filter(satker_id__in=ids, tahun=tahun)
        .values("satker_id", "tw")
        .annotate(sampai=Max("sampai"))
        .values_list("satker_id", "tw", "sampai")
    }
    hasil: dict[int, dict[int, str]] = {}
    for pk, induk_id in satker:
        hasil[pk] = {}
        for tw in TRIWULAN:
            keadaan = KeadaanJendela(
                tahun, tw, masa_berlaku(jendela, induk_id, tahun, tw), buka.get((pk, tw)), hari
            )
            status, isian = laporan.get((pk, tw), (None, 0))
            hasil[pk][tw] = status_tw(keadaan, status, isian > 0)
    return hasil
