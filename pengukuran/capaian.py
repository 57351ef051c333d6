"""The capaian engine: how much of its target an indicator achieved, by one set of rules
(DOMAIN.md §4), each result with the sentence that explains it.

Pure functions over `Decimal`s and scale values: no database, no request, no clock. The
measurement pages, the TW report PDF, the API, Excel and the roll-ups all call this module,
and `manage.py capaian` wraps it, so a number is computed in one place only.

- Higher is better (NAIK): R ÷ T × 100 %. A zero target is refused: any result would be
  "infinitely" good.
- Lower is better (TURUN): (2 − R ÷ T) × 100 %, i.e. (T − (R − T)) ÷ T, so meeting the target
  exactly is 100 % (not the 0 % of the annual (T − ΣR) ÷ T some systems use). A zero target:
  R = 0 → 100 %, anything above → 0 %.
- Within a range (RENTANG) [bawah, atas]: 100 % inside; outside, measured against the bound
  passed, as higher-is-better below it and lower-is-better above it.
- Qualitative (KUALITATIF) on an ordered scale, best first (WTP > WDP > TW > TMP): met
  (100 %) when the result ranks at or above the target ("minimal B" is met at B, BB, A, AA);
  otherwise the satker's configured score for "not met" (default 0 %).
- A missing realisasi is no result (never 0); a negative result is floored at 0 %; the cap
  (none / 100 % / 120 %, per satker) applies after, and the raw value is kept (`mentah`).
- Category bands (default ≥ 100 Tercapai, 80–100 Hampir tercapai, < 80 Belum tercapai) are
  checked to cover 0 % upwards without gaps or overlaps.

`gabung_triwulan` turns quarters into the figures compared: a cumulative indicator's running
total against the quarter's own (cumulative) target, the last filled quarter, or the mean of
the filled quarters; the quarter's target when the PK has one, else the year's.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from dokumen.target import DIGIT_BULAT_MAKS
from kpu_kinerja.formats import desimal
from perjanjian_kinerja.models import NAMA_TRIWULAN, Agregasi, Polaritas

NOL = Decimal(0)
SERATUS = Decimal(100)
DUA = Decimal(2)
PILIHAN_BATAS = (None, Decimal(100), Decimal(120))  # the caps a satker may choose
# The polarities as plain strings: an enum member read off its class costs a lookup each
# time, and `hitung` compares up to four of them per result.
NAIK, TURUN, RENTANG, KUALITATIF = (
    str(p.value) for p in (Polaritas.NAIK, Polaritas.TURUN, Polaritas.RENTANG, Polaritas.KUALITATIF)
)


@dataclass(frozen=True)
class Kategori:
    """A band of capaian: from `bawah` (inclusive) to `atas` (exclusive; None: no end)."""

    nama: str
    bawah: Decimal
    atas: Decimal | None
    warna: str  # the colour pages, charts and PDFs paint it in

    def memuat(self, nilai: Decimal) -> bool:
        return nilai >= self.bawah and (self.atas is None or nilai < self.atas)


KATEGORI_BAWAAN = (
    Kategori("Tercapai", SERATUS, None, "#198754"),
    Kategori("Hampir tercapai", Decimal(80), SERATUS, "#e0a800"),
    Kategori("Belum tercapai", NOL, Decimal(80), "#dc3545"),
)


def periksa_kategori(kategori: Sequence[Kategori]) -> tuple[Kategori, ...]:
    """The bands from the highest down, once checked to cover 0 % upwards with no gap and no
    overlap; ValueError (its message for the user) otherwise."""
    if not kategori:
        raise ValueError("Tentukan paling sedikit satu kategori capaian.")
    urut = sorted(kategori, key=lambda k: k.bawah)
    if urut[0].bawah != NOL:
        raise ValueError(
            f"Kategori terendah (“{urut[0].nama}”) harus dimulai dari 0 %, bukan "
            f"{desimal(urut[0].bawah)} %."
        )
    for bawah, atas in zip(urut, urut[1:], strict=False):
        if bawah.atas is None or bawah.atas > atas.bawah:
            raise ValueError(f"Kategori “{bawah.nama}” dan “{atas.nama}” tumpang tindih.")
        if bawah.atas < atas.bawah:
            raise ValueError(
                f"Ada celah antara kategori “{bawah.nama}” (sampai {desimal(bawah.atas)} %) dan "
                f"“{atas.nama}” (mulai {desimal(atas.bawah)} %)."
            )
    if urut[-1].atas is not None:
        raise ValueError(
            f"Kategori tertinggi (“{urut[-1].nama}”) harus terbuka ke atas: capaian dapat "
            f"melebihi {desimal(urut[-1].atas)} %."
        )
    return tuple(reversed(urut))


@dataclass(frozen=True)
class Aturan:
    """A satker's measurement settings: the cap, the bands, the score of an unmet scale."""

    batas: Decimal | None = None
    kategori: tuple[Kategori, ...] = KATEGORI_BAWAAN
    skor_tidak_tercapai: Decimal = NOL
    # (lower bound, band), highest first, set from `kategori`: the hot loop reads no attribute.
    _ambang: tuple[tuple[Decimal, Kategori], ...] = field(
        init=False, repr=False, compare=False, default=()
    )

    def __post_init__(self) -> None:
        if self.batas not in PILIHAN_BATAS:
            raise ValueError("Batas capaian hanya boleh tanpa batas, 100 % atau 120 %.")
        if not NOL <= self.skor_tidak_tercapai < SERATUS:
            raise ValueError("Skor “tidak tercapai” harus antara 0 dan kurang dari 100 %.")
        object.__setattr__(self, "kategori", periksa_kategori(self.kategori))
        object.__setattr__(self, "_ambang", tuple((k.bawah, k) for k in self.kategori))

    def kategori_dari(self, nilai: Decimal) -> Kategori:
        for bawah, kategori in self._ambang:  # highest first, checked to cover [0, ∞)
            if nilai >= bawah:
                return kategori
        return self.kategori[-1]


ATURAN_BAWAAN = Aturan()


def persen(nilai: Decimal) -> str:
    """82.5 → "82,50 %", as every capaian prints."""
    return f"{desimal(nilai, 2)} %"


Rumus = Callable[[], str]  # writes a result's formula when its explanation is asked for


class Capaian(NamedTuple):
    """One result. `nilai` (after the cap) and `mentah` (before) are None when there is no
    result: a missing realisasi, or inputs the rules refuse (`galat` says why).

    The sentence explaining it (`penjelasan`) is written only when asked for: a matrix or a
    roll-up compares thousands of results and prints none of their sentences. (A NamedTuple:
    immutable, and made several times faster than a frozen dataclass.)"""

    mentah: Decimal | None
    nilai: Decimal | None
    kategori: Kategori | None
    rumus: Rumus  # "Capaian = 66 ÷ 80 × 100 %", without the result
    tampil_hasil: bool = True  # whether "= 82,50 %" follows the formula
    galat: str = ""
    dibatasi: Decimal | None = None  # the cap, when it lowered the result
    dinolkan: Decimal | None = None  # the negative raw value floored at 0

    @property
    def penjelasan(self) -> str:
        if self.galat:
            return self.galat
        teks = self.rumus()
        if self.dinolkan is not None:
            teks += f" = {persen(self.dinolkan)}, dihitung 0,00 % (capaian tidak negatif)"
        elif self.tampil_hasil and self.mentah is not None:
            teks += f" = {persen(self.mentah)}"
        if self.dibatasi is not None:
            teks += f"; dibatasi {persen(self.dibatasi)}"
        return teks

    def didahului(self, awal: str | Rumus) -> Capaian:
        """The same result, its explanation opened by `awal` (how its figures were found;
        a callable is asked only when the explanation is)."""
        rumus = self.rumus
        teks = awal if callable(awal) else lambda: awal
        return self._replace(rumus=lambda: f"{teks()}. {rumus()}")


_tuple_baru = tuple.__new__


def _tanpa_hasil(alasan: str, *, galat: bool = False) -> Capaian:
    return Capaian(None, None, None, lambda: alasan, False, alasan if galat else "")


def _hasil(mentah: Decimal, rumus: Rumus, aturan: Aturan, *, tampil_hasil: bool = True) -> Capaian:
    if mentah < NOL:
        dinolkan, nilai = mentah, NOL
    else:
        dinolkan, nilai = None, mentah
    batas = aturan.batas
    if batas is not None and nilai > batas:
        dibatasi = nilai = batas
    else:
        dibatasi = None
    # Aturan.kategori_dari, inlined: this runs once per result.
    kategori = aturan.kategori[-1]
    for bawah, band in aturan._ambang:
        if nilai >= bawah:
            kategori = band
            break
    # tuple.__new__ straight: the NamedTuple's own __new__ is one Python call more per result.
    return _tuple_baru(
        Capaian, (mentah, nilai, kategori, rumus, tampil_hasil, "", dibatasi, dinolkan)
    )


def _awal_naik() -> str:
    return "Capaian = "


def _awal_turun() -> str:
    return "Indikator menurun: "


def _naik(
    target: Decimal, realisasi: Decimal, aturan: Aturan, awalan: Rumus = _awal_naik
) -> Capaian:
    if target == NOL:
        return _tanpa_hasil(
            "Target 0 tidak dapat dipakai untuk indikator “semakin tinggi semakin baik”: "
            "capaiannya tidak dapat dihitung. Ubah target atau polaritas indikatornya.",
            galat=True,
        )
    return _hasil(
        realisasi / target * SERATUS,
        lambda: f"{awalan()}{desimal(realisasi)} ÷ {desimal(target)} × 100 %",
        aturan,
    )


def _turun(
    target: Decimal, realisasi: Decimal, aturan: Aturan, awalan: Rumus = _awal_turun
) -> Capaian:
    if target == NOL:
        tercapai = realisasi <= NOL
        return _hasil(
            SERATUS if tercapai else NOL,
            lambda: (
                f"Indikator menurun dengan target 0: realisasi {desimal(realisasi)} "
                f"{'tidak melebihi' if tercapai else 'melebihi'} target → "
                f"{persen(SERATUS if tercapai else NOL)}"
            ),
            aturan,
            tampil_hasil=False,
        )
    return _hasil(
        (DUA - realisasi / target) * SERATUS,
        lambda: f"{awalan()}(2 − {desimal(realisasi)} ÷ {desimal(target)}) × 100 %",
        aturan,
    )


def _rentang(bawah: Decimal, atas: Decimal, realisasi: Decimal, aturan: Aturan) -> Capaian:
    def rentang() -> str:
        return f"{desimal(bawah)}–{desimal(atas)}"

    if bawah <= realisasi <= atas:
        return _hasil(
            SERATUS,
            lambda: (
                f"Dalam rentang {rentang()}: realisasi {desimal(realisasi)} → {persen(SERATUS)}"
            ),
            aturan,
            tampil_hasil=False,
        )
    if realisasi > atas:
        return _turun(atas, realisasi, aturan, lambda: f"Di atas rentang {rentang()}: ")
    if bawah == NOL:  # below a range from 0: a negative result, floored
        return _hasil(
            NOL,
            lambda: f"Di bawah rentang {rentang()}: realisasi {desimal(realisasi)} → {persen(NOL)}",
            aturan,
            tampil_hasil=False,
        )
    return _naik(bawah, realisasi, aturan, lambda: f"Di bawah rentang {rentang()}: ")


@functools.lru_cache(maxsize=4096)
def nilai_skala(teks: str) -> str:
    """A scale value as written in a target or a result: "minimal B" → "B", " wtp " → "WTP"."""
    teks = " ".join(teks.split()).upper()
    for awalan in ("MINIMAL ", "MINIMUM ", "MIN. ", "MIN ", "≥ ", "≥"):
        if teks.startswith(awalan):
            return teks[len(awalan) :].strip()
    return teks


@functools.lru_cache(maxsize=64)
def _peringkat(skala: tuple[str, ...]) -> dict[str, int]:
    return {nilai: peringkat for peringkat, nilai in enumerate(skala)}


def _kualitatif(target: str, realisasi: str, skala: Sequence[str], aturan: Aturan) -> Capaian:
    urutan = _peringkat(skala if skala.__class__ is tuple else tuple(skala))
    r, t = nilai_skala(realisasi), nilai_skala(target)
    if t not in urutan or r not in urutan:
        peran, teks = ("Target", target) if t not in urutan else ("Realisasi", realisasi)
        return _tanpa_hasil(
            f"{peran} “{teks.strip()}” tidak ada pada skala ({', '.join(skala)}).", galat=True
        )
    tercapai = urutan[r] <= urutan[t]  # best first: a smaller rank is better
    skor = SERATUS if tercapai else aturan.skor_tidak_tercapai
    return _hasil(
        skor,
        lambda: (
            f"Kualitatif ({' > '.join(skala)}): realisasi {r}, target {target.strip()} → "
            f"{'tercapai' if tercapai else 'belum tercapai'}, {persen(skor)}"
        ),
        aturan,
        tampil_hasil=False,
    )


# Numbers count to 4 decimal places, as targets are stored (dokumen.target), and below 10¹⁶:
# so every result fits Decimal's 28 digits and prints in a line.
TEMPAT_DESIMAL = Decimal("0.0001")
BATAS_ANGKA = Decimal(10) ** DIGIT_BULAT_MAKS
PESAN_ANGKA = (
    f"Angka target dan realisasi paling banyak {DIGIT_BULAT_MAKS} digit sebelum koma "
    "(dihitung sampai 4 angka di belakang koma)."
)


def _angka(nilai: Decimal) -> Decimal | None:
    if not nilai.is_finite() or not -BATAS_ANGKA < nilai < BATAS_ANGKA:
        return None
    return nilai.quantize(TEMPAT_DESIMAL, rounding=ROUND_HALF_UP)


def hitung(
    polaritas: str,
    target: Decimal | str | None,
    realisasi: Decimal | str | None,
    *,
    target_atas: Decimal | None = None,
    skala: Sequence[str] = (),
    aturan: Aturan = ATURAN_BAWAAN,
) -> Capaian:
    """The capaian of one result against one target, by the indicator's polarity.

    Numbers are Decimals; a qualitative target and result are values of `skala` (best first).
    A range's target is [target, target_atas].
    """
    # Numbers first, compared by exact type: a Decimal compared with "" takes Python's slow
    # reflected path, and the engine runs a hundred thousand times a second.
    if realisasi.__class__ is not Decimal or target.__class__ is not Decimal:
        if realisasi is None or realisasi == "":
            return _tanpa_hasil("Realisasi belum diisi.")
        if target is None or target == "":
            return _tanpa_hasil("Target belum diisi: capaian tidak dapat dihitung.", galat=True)
        if polaritas == KUALITATIF:
            if not skala:
                return _tanpa_hasil("Skala indikator kualitatif belum dipilih.", galat=True)
            return _kualitatif(str(target), str(realisasi), skala, aturan)
        return _tanpa_hasil("Target dan realisasi indikator ini harus berupa angka.", galat=True)
    if polaritas == KUALITATIF:
        return _tanpa_hasil(
            "Target dan realisasi indikator kualitatif berupa nilai skala.", galat=True
        )
    # `_angka` of both, inlined (two calls fewer per result); the bounds keep quantize exact.
    if not (
        target.is_finite()
        and realisasi.is_finite()
        and -BATAS_ANGKA < target < BATAS_ANGKA
        and -BATAS_ANGKA < realisasi < BATAS_ANGKA
    ):
        return _tanpa_hasil(PESAN_ANGKA, galat=True)
    target = target.quantize(TEMPAT_DESIMAL, ROUND_HALF_UP)
    realisasi = realisasi.quantize(TEMPAT_DESIMAL, ROUND_HALF_UP)
    if target < NOL:
        return _tanpa_hasil("Target tidak boleh negatif.", galat=True)
    if polaritas == NAIK:
        return _naik(target, realisasi, aturan)
    if polaritas == TURUN:
        return _turun(target, realisasi, aturan)
    if polaritas == RENTANG:
        if target_atas is None:
            return _tanpa_hasil("Batas atas rentang target belum diisi.", galat=True)
        target_atas = _angka(target_atas)
        if target_atas is None:
            return _tanpa_hasil(PESAN_ANGKA, galat=True)
        if target_atas < target:
            return _tanpa_hasil(
                "Batas atas rentang harus sama dengan atau lebih besar dari batas bawahnya.",
                galat=True,
            )
        return _rentang(target, target_atas, realisasi, aturan)
    return _tanpa_hasil(f"Polaritas “{polaritas}” tidak dikenal.", galat=True)


# -- quarters ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gabungan:
    """What the quarters up to `sampai_tw` compare: the result, the target, and how."""

    realisasi: Decimal | str | None
    target: Decimal | str | None
    # "Kumulatif TW I–II: 30 + 36 = 66; target TW II 80", or what writes it: a roll-up
    # combines tens of thousands of quarters and reads none of these sentences.
    uraian: str | Callable[[], str]

    @property
    def keterangan(self) -> str:
        return self.uraian if isinstance(self.uraian, str) else self.uraian()


def _target_tw(tw: int, target_tw: Mapping[int, object], target_tahun):
    sendiri = target_tw.get(tw)
    if sendiri is not None and sendiri != "":
        return sendiri, f"target {NAMA_TRIWULAN[tw]}"
    return target_tahun, "target tahunan"


def _teks(nilai) -> str:
    return desimal(nilai) if isinstance(nilai, Decimal) else str(nilai)


def gabung_triwulan(
    agregasi: str,
    realisasi_tw: Mapping[int, Decimal | str | None],
    *,
    sampai_tw: int,
    target_tahun: Decimal | str | None,
    target_tw: Mapping[int, Decimal | str | None] | None = None,
    kualitatif: bool = False,
) -> Gabungan:
    """The result and target of an indicator over TW I..`sampai_tw` (the quarters that have
    ended, or the one reported).

    KUMULATIF: the running total of every quarter's own figure, against that quarter's
    (cumulative, 3/6/9/12) target — no result while a quarter is missing (a missing quarter is
    not 0). TERAKHIR: the last filled quarter, against its target. RATA_RATA: the mean of the
    filled quarters, against the mean of their targets. A qualitative indicator is always its
    last filled quarter (a scale cannot be summed or averaged).
    """
    if sampai_tw < 1:
        return Gabungan(None, None, "Belum ada triwulan yang berakhir.")
    target_tw = target_tw or {}
    selesai = range(1, sampai_tw + 1)
    terisi = [tw for tw in selesai if realisasi_tw.get(tw) not in (None, "")]
    rentang = f"TW I–{NAMA_TRIWULAN[sampai_tw][3:]}" if sampai_tw > 1 else "TW I"
    if not terisi:
        return Gabungan(None, None, f"Realisasi {rentang} belum diisi.")
    if kualitatif or agregasi == Agregasi.TERAKHIR:
        tw = terisi[-1]
        target, nama_target = _target_tw(tw, target_tw, target_tahun)
        return Gabungan(
            realisasi_tw[tw],
            target,
            lambda: (
                f"Nilai {NAMA_TRIWULAN[tw]} {_teks(realisasi_tw[tw])}; "
                f"{nama_target} {_teks(target)}"
            ),
        )
    if agregasi == Agregasi.KUMULATIF:
        kosong = [NAMA_TRIWULAN[tw] for tw in selesai if tw not in terisi]
        if kosong:
            return Gabungan(
                None,
                None,
                f"Realisasi {', '.join(kosong)} belum diisi: jumlah kumulatif "
                "belum dapat dihitung.",
            )
        jumlah = sum((realisasi_tw[tw] for tw in terisi), NOL)
        target, nama_target = _target_tw(sampai_tw, target_tw, target_tahun)

        def uraian() -> str:
            suku = " + ".join(desimal(realisasi_tw[tw]) for tw in terisi)
            teks = f"{suku} = {desimal(jumlah)}" if len(terisi) > 1 else suku
            return f"Kumulatif {rentang}: {teks}; {nama_target} {_teks(target)}"

        return Gabungan(jumlah, target, uraian)
    if agregasi == Agregasi.RATA_RATA:
        rerata = sum((realisasi_tw[tw] for tw in terisi), NOL) / len(terisi)
        target_per_tw = [_target_tw(tw, target_tw, target_tahun)[0] for tw in terisi]
        if any(t is None or t == "" for t in target_per_tw):
            return Gabungan(rerata, None, "Target belum diisi.")
        target = sum(target_per_tw, NOL) / len(terisi)
        nama = ", ".join(NAMA_TRIWULAN[tw] for tw in terisi)
        return Gabungan(
            rerata,
            target,
            lambda: f"Rata-rata {nama}: realisasi {desimal(rerata)}; target {desimal(target)}",
        )
    return Gabungan(None, None, f"Agregasi “{agregasi}” tidak dikenal.")


def hitung_triwulan(
    polaritas: str,
    agregasi: str,
    realisasi_tw: Mapping[int, Decimal | str | None],
    *,
    sampai_tw: int,
    target_tahun: Decimal | str | None,
    target_tw: Mapping[int, Decimal | str | None] | None = None,
    target_atas: Decimal | None = None,
    skala: Sequence[str] = (),
    aturan: Aturan = ATURAN_BAWAAN,
) -> Capaian:
    """The capaian of an indicator up to TW `sampai_tw`: its quarters combined
    (`gabung_triwulan`), then `hitung`; the explanation names both steps."""
    gabungan = gabung_triwulan(
        agregasi,
        realisasi_tw,
        sampai_tw=sampai_tw,
        target_tahun=target_tahun,
        target_tw=target_tw,
        kualitatif=polaritas == Polaritas.KUALITATIF,
    )
    if gabungan.realisasi is None:
        return _tanpa_hasil(gabungan.keterangan)
    hasil = hitung(
        polaritas,
        gabungan.target,
        gabungan.realisasi,
        target_atas=target_atas,
        skala=skala,
        aturan=aturan,
    )
    if hasil.nilai is None:
        return hasil
    return hasil.didahului(lambda: gabungan.keterangan)
