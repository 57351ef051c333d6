"""Serapan anggaran (absorption, DOMAIN.md §4): realisasi ÷ anggaran × 100 %, cumulative over
TW I–IV, per kegiatan, per group of kegiatan and for the satker.

Pure: figures in, results out. Each quarter's realisasi is that quarter's own spending; the
serapan of TW n sums TW I..n. A kegiatan without an anggaran (empty, or Rp0) has no serapan,
said in words, and its spending is left out of the group's and satker's ratio so it cannot
inflate them; the explanation says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from kpu_kinerja.formats import desimal
from pengukuran.capaian import SERATUS, persen

NOL = Decimal(0)
TEMPAT = Decimal("0.01")


def rupiah_desimal(nilai: Decimal | int | None) -> str:
    """Decimal("1250000") → "Rp1.250.000"; sen are shown only when there are any."""
    if nilai is None:
        return ""
    return f"Rp{desimal(Decimal(nilai))}"


@dataclass(frozen=True)
class Serapan:
    """A serapan as shown: the two sums, the percentage (None when it cannot be computed) and
    the sentence saying how it was found."""

    anggaran: Decimal | None
    realisasi: Decimal
    persen: Decimal | None
    penjelasan: str


def hitung(anggaran: Decimal | int | None, realisasi: Decimal) -> Serapan:
    """One serapan: realisasi ÷ anggaran × 100 %, or why there is none."""
    if anggaran is None:
        return Serapan(
            None, realisasi, None, "Serapan tidak dihitung: anggaran belum diisi di RAK."
        )
    anggaran = Decimal(anggaran)
    if anggaran == 0:
        return Serapan(anggaran, realisasi, None, "Serapan tidak dihitung: anggaran Rp0.")
    nilai = (realisasi / anggaran * SERATUS).quantize(TEMPAT)
    teks = (
        f"Serapan = {rupiah_desimal(realisasi)} ÷ {rupiah_desimal(anggaran)} × 100 % = "
        f"{persen(nilai)}"
    )
    return Serapan(anggaran, realisasi, nilai, teks)


def kumulatif(per_tw: Sequence[Decimal | None]) -> list[Decimal]:
    """Each quarter's running total; a quarter not filled counts as Rp0 spent."""
    hasil, jalan = [], NOL
    for nilai in per_tw:
        jalan += nilai or NOL
        hasil.append(jalan)
    return hasil


@dataclass(frozen=True)
class SerapanKegiatan:
    """A kegiatan's serapan after each quarter (index 0 = TW I)."""

    anggaran: int | None
    realisasi_tw: tuple[Decimal | None, ...]
    per_tw: tuple[Serapan, ...]

    @property
    def berpagu(self) -> bool:
        return bool(self.anggaran)


def serapan_kegiatan(
    anggaran: int | None, realisasi_tw: Sequence[Decimal | None]
) -> SerapanKegiatan:
    jalan = kumulatif(realisasi_tw)
    return SerapanKegiatan(anggaran, tuple(realisasi_tw), tuple(hitung(anggaran, r) for r in jalan))


def serapan_gabungan(kegiatan: Sequence[SerapanKegiatan]) -> tuple[Serapan, ...]:
    """A group's (or the satker's) serapan per quarter over the kegiatan that have an
    anggaran; spending on kegiatan without one is named in the explanation, not counted."""
    berpagu = [k for k in kegiatan if k.berpagu]
    anggaran = sum((Decimal(k.anggaran) for k in berpagu), NOL) if berpagu else None
    hasil = []
    for tw in range(4):
        realisasi = sum((k.per_tw[tw].realisasi for k in berpagu), NOL)
        serapan = hitung(anggaran, realisasi)
        lepas = sum((k.per_tw[tw].realisasi for k in kegiatan if not k.berpagu), NOL)
        if lepas:
            serapan = Serapan(
                serapan.anggaran,
                serapan.realisasi,
                serapan.persen,
                f"{serapan.penjelasan} (tanpa {rupiah_desimal(lepas)} dari kegiatan yang "
                "tidak beranggaran)",
            )
        hasil.append(serapan)
    return tuple(hasil)
