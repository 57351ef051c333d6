"""Reads of the measurement: a satker's year as indicators × TW I–IV with target, realisasi
and capaian (`tabel_pengukuran`), the satker's measurement rules, and which quarters ended.

Capaian comes from `pengukuran.capaian` alone. The table costs a constant number of queries
whatever the number of sasaran, indicators, quarters and PK versions.
"""

import datetime
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import Http404

from dokumen.models import Dokumen
from kpu_kinerja.formats import desimal
from pengukuran.capaian import ATURAN_BAWAAN, Aturan, Capaian, hitung_triwulan
from pengukuran.models import AturanPengukuran, BatasCapaian, LaporanTriwulan, Realisasi
from pengukuran.services import JENIS_PK, pk_terbit
from perjanjian_kinerja.models import (
    NAMA_TRIWULAN,
    NILAI_SKALA,
    TRIWULAN,
    IndikatorPk,
    Polaritas,
)
from satker.akses import Pengguna, satker_terlihat
from satker.models import Satker


def satker_pengukuran(user: Pengguna, kode: str) -> Satker:
    """The satker with `kode` if `user` may see it (the access rule), else 404; one query,
    nothing prefetched, so the measurement page's count stays small."""
    satker = satker_terlihat(user).filter(kode=kode).first()
    if satker is None:
        raise Http404("Satker tidak ditemukan.")
    return satker


def tahun_pengukuran(satker: Satker, tahun: int, hari: datetime.date) -> list[int]:
    """The years the page offers, newest first: every year the satker has a PK, this year,
    and the year shown."""
    ada = Dokumen.objects.filter(satker=satker, jenis=JENIS_PK).values_list("tahun", flat=True)
    return sorted({*ada, hari.year, tahun}, reverse=True)


def pk_tahun(satker: Satker, tahun: int) -> Dokumen | None:
    """The satker's newest PK of `tahun` in any status: where a page without a published PK
    sends the user."""
    return (
        Dokumen.objects.filter(satker=satker, jenis=JENIS_PK, tahun=tahun)
        .order_by("-versi")
        .first()
    )


def tw_berakhir(hari: datetime.date, tahun: int) -> int:
    """The last quarter of `tahun` that has ended on `hari` (0: none yet, 4: the whole year)."""
    if hari.year < tahun:
        return 0
    if hari.year > tahun:
        return 4
    return (hari.month - 1) // 3


def aturan_satker(satker: Satker) -> Aturan:
    """The satker's measurement rules (`AturanPengukuran`), else the defaults."""
    try:
        simpanan = satker.aturan_pengukuran
    except AturanPengukuran.DoesNotExist:
        return ATURAN_BAWAAN
    batas = None if simpanan.batas == BatasCapaian.TANPA else Decimal(simpanan.batas)
    return Aturan(batas=batas, skor_tidak_tercapai=simpanan.skor_tidak_tercapai)


@dataclass
class SelTriwulan:
    """One quarter of one indicator: its target, what was reported, the capaian so far."""

    tw: int
    target: str
    realisasi: Realisasi | None
    capaian: Capaian

    @property
    def nama(self) -> str:
        return NAMA_TRIWULAN[self.tw]

    @property
    def realisasi_tertulis(self) -> str:
        if self.realisasi is None:
            return ""
        if self.realisasi.tidak_terukur:
            return "Tidak dapat diukur"
        return self.realisasi.nilai_skala or _angka(self.realisasi.nilai)


@dataclass
class BarisPengukuran:
    indikator: IndikatorPk
    triwulan: list[SelTriwulan]
    capaian_tahun: Capaian  # up to the last quarter that has ended


@dataclass
class SasaranPengukuran:
    nomor: str
    sasaran: str
    indikator: list[BarisPengukuran] = field(default_factory=list)


@dataclass
class TabelPengukuran:
    pk: Dokumen | None
    tahun: int
    sampai_tw: int
    sasaran: list[SasaranPengukuran]
    laporan: dict[int, LaporanTriwulan]  # by quarter, those opened
    aturan: Aturan = ATURAN_BAWAAN  # the satker's rules the capaian were computed by

    @property
    def per_triwulan(self) -> list[tuple[int, str, LaporanTriwulan | None]]:
        """Each quarter with its report (None: not opened yet), for templates that cannot
        look a dict up by a variable."""
        return [(tw, NAMA_TRIWULAN[tw], self.laporan.get(tw)) for tw in TRIWULAN]

    @property
    def nama_sampai_tw(self) -> str:
        """The last ended quarter's name ("TW II"), "" when none has."""
        return NAMA_TRIWULAN.get(self.sampai_tw, "")

    @property
    def jumlah_indikator(self) -> int:
        return sum(len(s.indikator) for s in self.sasaran)


def _angka(nilai: Decimal | None) -> str:
    return "" if nilai is None else desimal(nilai)


def _nilai(realisasi: Realisasi | None):
    if realisasi is None or realisasi.tidak_terukur:
        return None
    return realisasi.nilai_skala or realisasi.nilai


def tabel_pengukuran(satker: Satker, tahun: int, *, sampai_tw: int) -> TabelPengukuran:
    """The satker's measurement of `tahun` against its PK in force, quarters up to
    `sampai_tw` counted (the quarters that have ended, `tw_berakhir`)."""
    pk = pk_terbit(satker, tahun)
    laporan = {lap.tw: lap for lap in LaporanTriwulan.objects.filter(satker=satker, tahun=tahun)}
    if pk is None:
        return TabelPengukuran(None, tahun, sampai_tw, [], laporan)
    aturan = aturan_satker(satker)
    versi = list(
        Dokumen.objects.filter(satker=satker, jenis=pk.jenis, tahun=tahun).values_list(
            "pk", flat=True
        )
    )
    # A PK Perubahan keeps its rows' keys: a quarter reported against an earlier version of
    # the year is found by its indicator's key.
    per_tw: dict[tuple[uuid.UUID, int], Realisasi] = {
        (r.indikator.kunci, r.laporan.tw): r
        for r in Realisasi.objects.filter(
            laporan__satker=satker, laporan__tahun=tahun, indikator__sasaran__dokumen_id__in=versi
        ).select_related("laporan", "indikator", "diisi_oleh")
    }
    sasaran: dict[int, SasaranPengukuran] = {}
    for indikator in (
        IndikatorPk.objects.filter(sasaran__dokumen=pk)
        .select_related("sasaran")
        .order_by("sasaran__urutan", "urutan")
    ):
        blok = sasaran.setdefault(
            indikator.sasaran_id,
            SasaranPengukuran(indikator.sasaran.nomor, indikator.sasaran.sasaran),
        )
        blok.indikator.append(_baris(indikator, per_tw, aturan, sampai_tw))
    return TabelPengukuran(pk, tahun, sampai_tw, list(sasaran.values()), laporan, aturan)


def _baris(indikator, per_tw, aturan, sampai_tw) -> BarisPengukuran:
    realisasi = {tw: per_tw.get((indikator.kunci, tw)) for tw in TRIWULAN}
    kualitatif = indikator.polaritas == Polaritas.KUALITATIF
    target_tahun = indikator.target.strip() if kualitatif else indikator.target_nilai
    target_tw = {
        tw: (
            getattr(indikator, f"target_tw{tw}").strip()
            if kualitatif
            else getattr(indikator, f"target_tw{tw}_nilai")
        )
        for tw in TRIWULAN
    }
    nilai = {tw: _nilai(r) for tw, r in realisasi.items()}
    rentang = indikator.polaritas == Polaritas.RENTANG

    def capaian(sampai: int) -> Capaian:
        return hitung_triwulan(
            indikator.polaritas,
            indikator.agregasi,
            nilai,
            sampai_tw=sampai,
            target_tahun=indikator.batas_bawah if rentang else target_tahun,
            target_tw={} if rentang else target_tw,
            target_atas=indikator.batas_atas,
            skala=NILAI_SKALA.get(indikator.skala, ()),
            aturan=aturan,
        )

    sel = [
        SelTriwulan(tw, getattr(indikator, f"target_tw{tw}"), realisasi[tw], capaian(tw))
        for tw in TRIWULAN
    ]
    # The year so far is the last ended quarter's capaian, already computed above.
    tahun = sel[sampai_tw - 1].capaian if sampai_tw else capaian(0)
    return BarisPengukuran(indikator, sel, tahun)
