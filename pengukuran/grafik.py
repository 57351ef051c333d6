"""An indicator's chart, target against realisasi over TW I–IV, drawn on the server as SVG.

Pure: figures in, markup out, no database and no request. The page and the PDF (WeasyPrint
renders inline SVG) show the same chart, and no script or CDN is needed. Every text in the
markup is escaped; nothing carries an `id`, so a page may hold many charts.

A cumulative indicator is drawn as running totals, as its targets (3/6/9/12) are written; a
quarter missing breaks its line rather than counting as 0. A range is a band; a qualitative
indicator's axis is its scale, best at the top.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kpu_kinerja.formats import desimal
from pengukuran.capaian import nilai_skala
from pengukuran.selectors import BarisPengukuran
from perjanjian_kinerja.models import NAMA_TRIWULAN, NILAI_SKALA, TRIWULAN, Agregasi, Polaritas

LEBAR, TINGGI = 360, 210
KIRI, KANAN, ATAS, BAWAH = 46, 10, 34, 24  # room for the axis labels and the legend
WARNA_TARGET = "#6c757d"
WARNA_REALISASI = "#7a1414"  # KPU maroon, as the navbar
WARNA_RENTANG = "#198754"


@dataclass(frozen=True)
class DataGrafik:
    """What one chart shows. `target` and `realisasi` hold one figure (or None) per quarter.
    With `skala` (qualitative), a figure is a rank counted from the worst value (0) up."""

    judul: str
    target: tuple[Decimal | None, ...]
    realisasi: tuple[Decimal | None, ...]
    satuan: str = ""
    kumulatif: bool = False
    rentang: tuple[Decimal, Decimal] | None = None
    skala: tuple[str, ...] = ()  # best first, as NILAI_SKALA


def _langkah(maks: float) -> float:
    """A round step ("1, 2, 2,5 or 5 × 10ⁿ") giving about four gridlines up to `maks`."""
    kasar = maks / 4
    pangkat = 10 ** math.floor(math.log10(kasar))
    for faktor in (1, 2, 2.5, 5, 10):
        if kasar <= faktor * pangkat * (1 + 1e-9):
            return faktor * pangkat
    return 10 * pangkat


def _angka(nilai: float) -> str:
    return desimal(Decimal(repr(round(nilai, 6))))


def _f(nilai: float) -> str:
    return f"{nilai:.1f}"


class _Bidang:
    """The plot area: figures to coordinates."""

    def __init__(self, atas: float, garis: Sequence[float]):
        self.atas = atas
        self.garis = garis  # the gridlines' values
        self.lebar = LEBAR - KIRI - KANAN
        self.tinggi = TINGGI - ATAS - BAWAH

    def x(self, urutan: int) -> float:
        return KIRI + (urutan + 0.5) * self.lebar / len(TRIWULAN)

    def y(self, nilai: float) -> float:
        return ATAS + self.tinggi * (1 - nilai / self.atas)


def _bidang(data: DataGrafik) -> tuple[_Bidang, list[str]]:
    """The plot area and the gridlines' labels."""
    if data.skala:
        jumlah = len(data.skala)
        garis = [float(i) for i in range(jumlah)]
        return _Bidang(max(jumlah - 1, 1), garis), list(reversed(data.skala))
    semua = [float(v) for v in (*data.target, *data.realisasi) if v is not None]
    if data.rentang:
        semua += [float(v) for v in data.rentang]
    maks = max(semua, default=0.0)
    langkah = _langkah(maks) if maks > 0 else 1.0
    atas = max(math.ceil(maks / langkah - 1e-9), 1) * langkah
    garis = [langkah * i for i in range(round(atas / langkah) + 1)]
    return _Bidang(atas, garis), [_angka(g) for g in garis]


def _ruas(bidang: _Bidang, nilai: Sequence[Decimal | None]) -> list[list[tuple[float, float]]]:
    """Consecutive quarters with a figure, as point lists: a missing quarter breaks the line."""
    ruas: list[list[tuple[float, float]]] = [[]]
    for urutan, v in enumerate(nilai):
        if v is None:
            ruas.append([])
        else:
            ruas[-1].append((bidang.x(urutan), bidang.y(float(v))))
    return [r for r in ruas if r]


def _polyline(titik: list[tuple[float, float]], atribut: str) -> str:
    if len(titik) < 2:
        return ""
    poin = " ".join(f"{_f(x)},{_f(y)}" for x, y in titik)
    return f'<polyline points="{poin}" fill="none" {atribut}/>'


def _label_nilai(data: DataGrafik, nilai: Decimal) -> str:
    if data.skala:
        return data.skala[len(data.skala) - 1 - int(nilai)]
    return desimal(nilai)


def _uraian(data: DataGrafik) -> str:
    """The chart in words, for screen readers and as the SVG's description."""
    bagian = []
    for urutan, tw in enumerate(TRIWULAN):
        t, r = data.target[urutan], data.realisasi[urutan]
        teks_t = "-" if t is None else _label_nilai(data, t)
        teks_r = "belum diisi" if r is None else _label_nilai(data, r)
        bagian.append(f"{NAMA_TRIWULAN[tw]}: target {teks_t}, realisasi {teks_r}")
    if data.rentang:
        bawah, atas = data.rentang
        bagian.insert(0, f"Rentang target {desimal(bawah)}–{desimal(atas)}")
    return "; ".join(bagian) + "."


def grafik_svg(data: DataGrafik) -> SafeString:
    """The chart as one <svg> element, every text escaped."""
    bidang, label_garis = _bidang(data)
    judul = escape(f"Target dan realisasi: {data.judul}")
    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafik-pengukuran" role="img" '
        f'width="{LEBAR}" height="{TINGGI}" viewBox="0 0 {LEBAR} {TINGGI}" '
        f'font-family="sans-serif" font-size="10" aria-label="{judul}">',
        f"<title>{judul}</title>",
        f"<desc>{escape(_uraian(data))}</desc>",
    ]
    kanan = LEBAR - KANAN
    for nilai, label in zip(bidang.garis, label_garis, strict=True):
        y = _f(bidang.y(nilai))
        bagian.append(
            f'<line x1="{KIRI}" y1="{y}" x2="{kanan}" y2="{y}" stroke="#dee2e6" '
            'stroke-width="1"/>'
            f'<text x="{KIRI - 4}" y="{y}" text-anchor="end" dominant-baseline="middle" '
            f'fill="#495057">{escape(label)}</text>'
        )
    for urutan, tw in enumerate(TRIWULAN):
        bagian.append(
            f'<text x="{_f(bidang.x(urutan))}" y="{TINGGI - 8}" text-anchor="middle" '
            f'fill="#212529">{escape(NAMA_TRIWULAN[tw])}</text>'
        )
    if data.rentang:
        bawah, atas = (bidang.y(float(v)) for v in data.rentang)
        bagian.append(
            f'<rect x="{KIRI}" y="{_f(atas)}" width="{bidang.lebar}" '
            f'height="{_f(max(bawah - atas, 1.0))}" fill="{WARNA_RENTANG}" fill-opacity="0.15" '
            f'stroke="{WARNA_RENTANG}" stroke-opacity="0.5" stroke-dasharray="3 2"/>'
        )
    for ruas in _ruas(bidang, data.target):
        bagian.append(
            _polyline(ruas, f'stroke="{WARNA_TARGET}" stroke-width="1.5" stroke-dasharray="5 3"')
        )
        bagian += [
            f'<rect x="{_f(x - 3)}" y="{_f(y - 3)}" width="6" height="6" fill="#fff" '
            f'stroke="{WARNA_TARGET}" stroke-width="1.5"/>'
            for x, y in ruas
        ]
    for ruas in _ruas(bidang, data.realisasi):
        bagian.append(_polyline(ruas, f'stroke="{WARNA_REALISASI}" stroke-width="2"'))
        bagian += [
            f'<circle cx="{_f(x)}" cy="{_f(y)}" r="3.5" fill="{WARNA_REALISASI}"/>' for x, y in ruas
        ]
    for urutan, nilai in enumerate(data.realisasi):
        if nilai is not None:
            y = bidang.y(float(nilai))
            # Above the point, unless that would sit on the target line or off the plot.
            target = data.target[urutan]
            bawah = (target is not None and target > nilai) or y - 7 < ATAS
            y_label = y + 13 if bawah else y - 7
            bagian.append(
                f'<text x="{_f(bidang.x(urutan))}" y="{_f(y_label)}" '
                f'text-anchor="middle" fill="{WARNA_REALISASI}" font-weight="bold">'
                f"{escape(_label_nilai(data, nilai))}</text>"
            )
    bagian.append(_legenda(data))
    bagian.append("</svg>")
    return mark_safe("".join(bagian))  # noqa: S308 — every text above is escaped


def _legenda(data: DataGrafik) -> str:
    realisasi = "Realisasi kumulatif" if data.kumulatif else "Realisasi"
    target = "Rentang target" if data.rentang else "Target"
    satuan = f" ({data.satuan})" if data.satuan and not data.skala else ""
    if data.rentang:
        contoh_target = (
            f'<rect x="{KIRI}" y="6" width="18" height="8" fill="{WARNA_RENTANG}" '
            f'fill-opacity="0.15" stroke="{WARNA_RENTANG}" stroke-dasharray="3 2"/>'
        )
    else:
        contoh_target = (
            f'<line x1="{KIRI}" y1="10" x2="{KIRI + 18}" y2="10" stroke="{WARNA_TARGET}" '
            'stroke-width="1.5" stroke-dasharray="5 3"/>'
        )
    x2 = KIRI + 130
    return (
        f"{contoh_target}"
        f'<text x="{KIRI + 23}" y="10" dominant-baseline="middle" fill="#212529">'
        f"{escape(target + satuan)}</text>"
        f'<line x1="{x2}" y1="10" x2="{x2 + 18}" y2="10" stroke="{WARNA_REALISASI}" '
        'stroke-width="2"/>'
        f'<circle cx="{x2 + 9}" cy="10" r="3" fill="{WARNA_REALISASI}"/>'
        f'<text x="{x2 + 23}" y="10" dominant-baseline="middle" fill="#212529">'
        f"{escape(realisasi)}</text>"
    )


# -- from the measurement table ------------------------------------------------------------


def _peringkat(teks: str, skala: tuple[str, ...]) -> Decimal | None:
    nilai = nilai_skala(teks) if teks else ""
    if nilai not in skala:
        return None
    return Decimal(len(skala) - 1 - skala.index(nilai))


def data_grafik(baris: BarisPengukuran) -> DataGrafik:
    """The chart of one row of `selectors.tabel_pengukuran`: each quarter's own target (the
    year's where the PK gives none, as the engine compares), and what was reported."""
    indikator = baris.indikator
    satuan = indikator.satuan or indikator.target_satuan
    ada = [
        sel.realisasi if sel.realisasi is not None and not sel.realisasi.tidak_terukur else None
        for sel in baris.triwulan
    ]
    if indikator.polaritas == Polaritas.KUALITATIF:
        skala = NILAI_SKALA.get(indikator.skala, ())
        target = tuple(
            _peringkat(getattr(indikator, f"target_tw{tw}").strip() or indikator.target, skala)
            for tw in TRIWULAN
        )
        realisasi = tuple(None if r is None else _peringkat(r.nilai_skala, skala) for r in ada)
        return DataGrafik(indikator.indikator, target, realisasi, satuan, skala=skala)
    nilai = [None if r is None else r.nilai for r in ada]
    kumulatif = indikator.agregasi == Agregasi.KUMULATIF
    if kumulatif:
        nilai = _berjalan(nilai)
    if indikator.polaritas == Polaritas.RENTANG:
        rentang = (indikator.batas_bawah, indikator.batas_atas)
        kosong = (None,) * len(TRIWULAN)
        return DataGrafik(indikator.indikator, kosong, tuple(nilai), satuan, kumulatif, rentang)
    tw_nilai = (getattr(indikator, f"target_tw{tw}_nilai") for tw in TRIWULAN)
    target = tuple(indikator.target_nilai if v is None else v for v in tw_nilai)
    return DataGrafik(indikator.indikator, target, tuple(nilai), satuan, kumulatif)


def _berjalan(nilai: list[Decimal | None]) -> list[Decimal | None]:
    """Running totals, stopping at the first missing quarter (a missing quarter is not 0)."""
    hasil: list[Decimal | None] = []
    jumlah: Decimal | None = Decimal(0)
    for v in nilai:
        jumlah = None if jumlah is None or v is None else jumlah + v
        hasil.append(jumlah)
    return hasil


def grafik_baris(baris: BarisPengukuran) -> SafeString:
    return grafik_svg(data_grafik(baris))
