"""The satker's serapan anggaran over TW I–IV as a server-side SVG bar chart, in the style of
`pengukuran.grafik`: pure, every text escaped, no `id`, the same markup on the page and in
the PDF. Each bar is the cumulative serapan after that quarter; 100 % is marked, since
spending is measured against the year's pagu."""

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from pengukuran.capaian import persen
from pengukuran.grafik import (
    ATAS,
    BAWAH,
    KANAN,
    KIRI,
    LEBAR,
    TINGGI,
    WARNA_REALISASI,
    WARNA_TARGET,
    _angka,
    _f,
    _langkah,
)
from pengukuran.serapan import Serapan, rupiah_desimal
from perjanjian_kinerja.models import NAMA_TRIWULAN, TRIWULAN


def _uraian(serapan: Sequence[Serapan], dilaporkan: Sequence[bool]) -> str:
    bagian = []
    for tw, s, ada in zip(TRIWULAN, serapan, dilaporkan, strict=True):
        if not ada:
            bagian.append(f"{NAMA_TRIWULAN[tw]}: belum diisi")
            continue
        teks = "tidak dihitung" if s.persen is None else persen(s.persen)
        bagian.append(f"{NAMA_TRIWULAN[tw]}: {teks} ({rupiah_desimal(s.realisasi)})")
    return "Serapan kumulatif — " + "; ".join(bagian) + "."


def grafik_serapan(
    serapan: Sequence[Serapan],
    judul: str = "Serapan anggaran",
    dilaporkan: Sequence[bool] | None = None,
) -> SafeString:
    """One <svg>: a bar per quarter (its cumulative serapan), gridlines up to at least 100 %.
    A quarter not `dilaporkan` has no bar: carrying the last total forward would read as
    reported spending."""
    dilaporkan = tuple(dilaporkan) if dilaporkan is not None else (True,) * len(TRIWULAN)
    maks = max([100.0, *(float(s.persen) for s in serapan if s.persen is not None)])
    langkah = _langkah(maks)
    atas = -(-maks // langkah) * langkah
    tinggi = TINGGI - ATAS - BAWAH
    lebar = LEBAR - KIRI - KANAN
    kolom = lebar / len(TRIWULAN)

    def y(nilai: float) -> float:
        return ATAS + tinggi * (1 - nilai / atas)

    label = escape(f"{judul}: serapan kumulatif per triwulan")
    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafik-pengukuran grafik-serapan" '
        f'role="img" width="{LEBAR}" height="{TINGGI}" viewBox="0 0 {LEBAR} {TINGGI}" '
        f'font-family="sans-serif" font-size="10" aria-label="{label}">',
        f"<title>{label}</title>",
        f"<desc>{escape(_uraian(serapan, dilaporkan))}</desc>",
    ]
    garis = 0.0
    while garis <= atas + 1e-9:
        yy = _f(y(garis))
        warna = WARNA_TARGET if garis == 100 else "#dee2e6"
        putus = ' stroke-dasharray="5 3"' if garis == 100 else ""
        bagian.append(
            f'<line x1="{KIRI}" y1="{yy}" x2="{LEBAR - KANAN}" y2="{yy}" stroke="{warna}" '
            f'stroke-width="1"{putus}/>'
            f'<text x="{KIRI - 4}" y="{yy}" text-anchor="end" dominant-baseline="middle" '
            f'fill="#495057">{escape(_angka(garis))} %</text>'
        )
        garis += langkah
    for urutan, (tw, s, ada) in enumerate(zip(TRIWULAN, serapan, dilaporkan, strict=True)):
        tengah = KIRI + (urutan + 0.5) * kolom
        bagian.append(
            f'<text x="{_f(tengah)}" y="{TINGGI - 8}" text-anchor="middle" fill="#212529">'
            f"{escape(NAMA_TRIWULAN[tw])}</text>"
        )
        if not ada or s.persen is None:
            teks, puncak = ("belum diisi" if not ada else "–"), y(0)
        else:
            puncak = y(float(s.persen))
            bagian.append(
                f'<rect x="{_f(tengah - kolom * 0.3)}" y="{_f(puncak)}" '
                f'width="{_f(kolom * 0.6)}" height="{_f(max(y(0) - puncak, 0.0))}" '
                f'fill="{WARNA_REALISASI}"/>'
            )
            teks = persen(s.persen)
        terisi = ada and s.persen is not None
        gaya = f'fill="{WARNA_REALISASI}" font-weight="bold"' if terisi else 'fill="#6c757d"'
        bagian.append(
            f'<text x="{_f(tengah)}" y="{_f(puncak - 4)}" text-anchor="middle" '
            f"{gaya}>{escape(teks)}</text>"
        )
    bagian.append(
        f'<rect x="{KIRI}" y="6" width="10" height="8" fill="{WARNA_REALISASI}"/>'
        f'<text x="{KIRI + 15}" y="10" dominant-baseline="middle" fill="#212529">'
        "Serapan kumulatif (%)</text>"
        f'<line x1="{KIRI + 150}" y1="10" x2="{KIRI + 168}" y2="10" stroke="{WARNA_TARGET}" '
        'stroke-dasharray="5 3"/>'
        f'<text x="{KIRI + 173}" y="10" dominant-baseline="middle" fill="#212529">'
        "Pagu (100 %)</text>"
    )
    bagian.append("</svg>")
    return mark_safe("".join(bagian))  # noqa: S308 — every text above is escaped
