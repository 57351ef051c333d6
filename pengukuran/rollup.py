"""The roll-up of indicators several satker share, per provinsi and nationally, TW I–IV.

Which indicators are "shared": PK rows carry no national key (`asal_rkt` is the satker's own
RKT row; DOMAIN.md §1: the IKU set is satker data, not a national list), so indicators are
grouped by their text normalised (case, spacing, punctuation, the common misspellings of
"persentase") together with their satuan, polarity and aggregation: two rows only add up when
they are measured the same way. A group needs two satker or more.

How figures add up, per quarter (each satker's quarters first combined by its aggregation,
`capaian.gabung_triwulan`):
- counts (any satuan but %): realisasi and target are summed over the satker with a result;
  a "rata-rata" indicator takes the mean across satker instead;
- percentages: Σ pembilang ÷ Σ penyebut × 100 (a figure entered without them counts as
  nilai ÷ 100), against the targets weighted by the same penyebut;
- "nilai triwulan terakhir" (a running total) takes each satker's last filled quarter.
The capaian of the summed figures is the engine's (`capaian.hitung`, default rules); ranges
and scales are not summed: their line counts the satker that met their own target.

Cached per data version (`kunci_rollup`): any saved figure, report step or new PK moves it.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import QuerySet

from kpu_kinerja.formats import desimal
from pengukuran.capaian import (
    NOL,
    SERATUS,
    gabung_triwulan,
    hitung,
    hitung_triwulan,
    persen,
)
from pengukuran.muat import DataSatker, Isian, muat_pengukuran
from pengukuran.versi import versi_pengukuran
from perjanjian_kinerja.models import (
    NAMA_TRIWULAN,
    NILAI_SKALA,
    TRIWULAN,
    Agregasi,
    IndikatorPk,
    Polaritas,
)
from satker.akses import Pengguna, kunci_cakupan, satker_terlihat
from satker.models import Satker, Tingkat

UMUR_CACHE_ROLLUP = 60 * 60  # the key holds the version: the age only bounds memory
_EJAAN = re.compile(r"\b(presentase|presentasi|prosentase|persentasi)\b")
_BUKAN_HURUF = re.compile(r"[^\w%]+")


def teks_baku(teks: str) -> str:
    """An indicator's text for comparison: "Presentase  Laporan-Keuangan." →
    "persentase laporan keuangan"."""
    teks = _BUKAN_HURUF.sub(" ", teks.casefold())
    return " ".join(_EJAAN.sub("persentase", teks).split())


def kunci_indikator(indikator: IndikatorPk) -> tuple[str, str, str, str]:
    return (
        teks_baku(indikator.indikator),
        indikator.satuan.strip().casefold(),
        indikator.polaritas,
        indikator.agregasi,
    )


@dataclass(frozen=True)
class SelRollup:
    """One quarter of a shared indicator: the summed figures and their capaian (plain values:
    the roll-up is cached)."""

    tw: int
    melapor: int  # satker with a result up to this quarter
    realisasi: str = ""
    target: str = ""
    capaian: Decimal | None = None
    kategori: str = ""
    warna: str = ""
    penjelasan: str = ""

    @property
    def capaian_tertulis(self) -> str:
        return "" if self.capaian is None else persen(self.capaian)


@dataclass(frozen=True)
class BarisRollup:
    indikator: str  # the first satker's wording
    satuan: str
    polaritas: str
    agregasi: str
    jumlah_satker: int
    triwulan: list[SelRollup]
    cara: str  # how the figures were combined, for the reader

    @property
    def nama_agregasi(self) -> str:
        return Agregasi(self.agregasi).label


@dataclass
class Rollup:
    tahun: int
    jumlah_satker: int
    baris: list[BarisRollup] = field(default_factory=list)
    kunci: str = ""  # the data version it was built for (`kunci_rollup`)

    @property
    def triwulan(self) -> list[tuple[int, str]]:
        return list(NAMA_TRIWULAN.items())


def _nilai(isian: Isian | None):
    if isian is None or isian.tidak_terukur:
        return None
    return isian.nilai_skala or isian.nilai


def _target_tw(indikator: IndikatorPk) -> dict[int, Decimal | None]:
    return {tw: getattr(indikator, f"target_tw{tw}_nilai") for tw in TRIWULAN}


def _pecahan(indikator, isian: dict, tw_dipakai: list[int]) -> tuple[Decimal, Decimal]:
    """Σ pembilang and Σ penyebut of the quarters used; a bare percentage counts as n/100."""
    p = q = NOL
    for tw in tw_dipakai:
        baris = isian.get((indikator.kunci, tw))
        if baris.pembilang is not None and baris.penyebut:
            p, q = p + baris.pembilang, q + baris.penyebut
        else:
            p, q = p + baris.nilai, q + SERATUS
    return p, q


class _Anggota:
    """One satker's indicator in a group, with its quarters' figures."""

    __slots__ = ("indikator", "isian", "aturan", "nilai", "target_tw")

    def __init__(self, indikator: IndikatorPk, data: DataSatker) -> None:
        self.indikator = indikator
        self.isian = data.isian
        self.aturan = data.aturan
        self.nilai = {tw: _nilai(data.isian.get((indikator.kunci, tw))) for tw in TRIWULAN}
        self.target_tw = _target_tw(indikator)


def _tw_dipakai(agregasi: str, nilai: dict, sampai_tw: int) -> list[int]:
    terisi = [tw for tw in range(1, sampai_tw + 1) if nilai.get(tw) not in (None, "")]
    if agregasi == Agregasi.TERAKHIR:
        return terisi[-1:]
    return terisi


CARA = {
    "persen": "Σ pembilang ÷ Σ penyebut × 100 %, target tertimbang penyebut",
    "jumlah": "jumlah realisasi ÷ jumlah target",
    "rata": "rata-rata realisasi ÷ rata-rata target antarsatker",
    "terakhir": "nilai triwulan terakhir tiap satker, dijumlahkan",
    "tercapai": "jumlah satker yang mencapai targetnya sendiri",
}


def _cara(contoh: IndikatorPk) -> str:
    if contoh.polaritas in (Polaritas.RENTANG, Polaritas.KUALITATIF):
        return CARA["tercapai"]
    if contoh.persentase:
        return CARA["persen"]
    if contoh.agregasi == Agregasi.RATA_RATA:
        return CARA["rata"]
    if contoh.agregasi == Agregasi.TERAKHIR:
        return CARA["terakhir"]
    return CARA["jumlah"]


def _sel_tercapai(anggota: list[_Anggota], tw: int) -> SelRollup:
    """Ranges and scales: how many satker met their own target (the engine, their rules)."""
    melapor = tercapai = 0
    for a in anggota:
        i = a.indikator
        rentang = i.polaritas == Polaritas.RENTANG
        kualitatif = i.polaritas == Polaritas.KUALITATIF
        c = hitung_triwulan(
            i.polaritas,
            i.agregasi,
            a.nilai,
            sampai_tw=tw,
            target_tahun=i.batas_bawah
            if rentang
            else (i.target.strip() if kualitatif else i.target_nilai),
            target_tw={}
            if rentang
            else (
                {t: getattr(i, f"target_tw{t}").strip() for t in TRIWULAN}
                if kualitatif
                else a.target_tw
            ),
            target_atas=i.batas_atas,
            skala=NILAI_SKALA.get(i.skala, ()),
            aturan=a.aturan,
        )
        if c.nilai is not None:
            melapor += 1
            tercapai += c.nilai >= SERATUS
    if not melapor:
        return SelRollup(tw, 0)
    return SelRollup(tw, melapor, realisasi=f"{tercapai} dari {melapor} satker tercapai")


def _sel_angka(anggota: list[_Anggota], tw: int) -> SelRollup:
    contoh = anggota[0].indikator
    persen_ = contoh.persentase
    jumlah_r = jumlah_t = jumlah_q = NOL
    melapor = 0
    for a in anggota:
        i = a.indikator
        gabungan = gabung_triwulan(
            i.agregasi, a.nilai, sampai_tw=tw, target_tahun=i.target_nilai, target_tw=a.target_tw
        )
        if gabungan.realisasi is None or gabungan.target is None:
            continue
        melapor += 1
        if persen_:
            p, q = _pecahan(i, a.isian, _tw_dipakai(i.agregasi, a.nilai, tw))
            jumlah_r, jumlah_q = jumlah_r + p, jumlah_q + q
            jumlah_t += gabungan.target * q
        else:
            jumlah_r += gabungan.realisasi
            jumlah_t += gabungan.target
    if not melapor:
        return SelRollup(tw, 0)
    if persen_:
        realisasi, target = jumlah_r / jumlah_q * SERATUS, jumlah_t / jumlah_q
    elif contoh.agregasi == Agregasi.RATA_RATA:
        realisasi, target = jumlah_r / melapor, jumlah_t / melapor
    else:
        realisasi, target = jumlah_r, jumlah_t
    realisasi = realisasi.quantize(Decimal("0.0001"))
    target = target.quantize(Decimal("0.0001"))
    hasil = hitung(contoh.polaritas, target, realisasi)
    return SelRollup(
        tw,
        melapor,
        realisasi=_tertulis(realisasi),
        target=_tertulis(target),
        capaian=hasil.nilai,
        kategori=hasil.kategori.nama if hasil.kategori else "",
        warna=hasil.kategori.warna if hasil.kategori else "",
        penjelasan=hasil.penjelasan,
    )


def _tertulis(nilai: Decimal) -> str:
    """Whole numbers as they are, others to two places: "12", "92,86"."""
    return desimal(nilai) if nilai == nilai.to_integral_value() else desimal(nilai, 2)


def hitung_rollup(data: dict[int, DataSatker], tahun: int) -> Rollup:
    """The shared indicators of the satker in `data`, each quarter's figures summed."""
    kelompok: dict[tuple, list[_Anggota]] = defaultdict(list)
    for satker_data in data.values():
        dilihat = set()
        for indikator in satker_data.indikator:
            kunci = kunci_indikator(indikator)
            if kunci in dilihat:  # one satker's duplicate row counts once
                continue
            dilihat.add(kunci)
            kelompok[kunci].append(_Anggota(indikator, satker_data))
    baris = []
    for anggota in kelompok.values():
        if len(anggota) < 2:
            continue
        contoh = anggota[0].indikator
        skala = contoh.polaritas in (Polaritas.RENTANG, Polaritas.KUALITATIF)
        sel = [(_sel_tercapai if skala else _sel_angka)(anggota, tw) for tw in TRIWULAN]
        baris.append(
            BarisRollup(
                contoh.indikator,
                contoh.satuan,
                contoh.polaritas,
                contoh.agregasi,
                len(anggota),
                sel,
                _cara(contoh),
            )
        )
    baris.sort(key=lambda b: (-b.jumlah_satker, teks_baku(b.indikator)))
    return Rollup(tahun, len(data), baris)


def _kabkota(user: Pengguna, provinsi: Satker | None) -> QuerySet[Satker]:
    kabkota = satker_terlihat(user).filter(tingkat=Tingkat.KABKOTA)
    return kabkota if provinsi is None else kabkota.filter(induk=provinsi)


def kunci_rollup(
    user: Pengguna, tahun: int, provinsi: Satker | None = None, *, versi: str | None = None
) -> str:
    """The roll-up's version: its satker's measurement (`versi_pengukuran`, given when the
    caller has it)."""
    versi = versi or versi_pengukuran(_kabkota(user, provinsi), tahun)
    return f"rollup:{kunci_cakupan(user)}:{tahun}:{provinsi.pk if provinsi else ''}:{versi}"


def rollup(
    user: Pengguna, tahun: int, provinsi: Satker | None = None, *, versi: str | None = None
) -> Rollup:
    """The roll-up of `provinsi`'s satker (None: every satker `user` sees), built once per
    data version (`versi`: that of `_kabkota(user, provinsi)`, when the caller has it)."""
    kunci = kunci_rollup(user, tahun, provinsi, versi=versi)
    hasil = cache.get(kunci)
    if hasil is None:
        ids = list(_kabkota(user, provinsi).values_list("pk", flat=True))
        hasil = hitung_rollup(muat_pengukuran(ids, tahun), tahun)
        hasil.kunci = kunci
        cache.set(kunci, hasil, UMUR_CACHE_ROLLUP)
    return hasil
