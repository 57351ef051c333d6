"""Template filters of the measurement pages (and, later, its PDFs)."""

from decimal import Decimal

from django import template
from django.utils.safestring import SafeString

from kpu_kinerja.formats import desimal
from pengukuran import capaian, grafik
from pengukuran.selectors import BarisPengukuran

register = template.Library()


@register.filter
def persen(nilai: Decimal | None) -> str:
    """82.5 → "82,50 %", as the engine prints every capaian."""
    return "" if nilai is None else capaian.persen(nilai)


@register.filter(name="grafik")
def grafik_indikator(baris: BarisPengukuran) -> SafeString:
    """The row's chart (pengukuran.grafik), the same SVG on the page and in print."""
    return grafik.grafik_baris(baris)


@register.filter
def angka(nilai: Decimal | None) -> str:
    """Decimal("1234.5") → "1.234,5" (kpu_kinerja.formats)."""
    return "" if nilai is None else desimal(nilai)


@register.filter
def rp(nilai: Decimal | int | None) -> str:
    """Decimal("1250000") → "Rp1.250.000" (pengukuran.serapan)."""
    from pengukuran.serapan import rupiah_desimal

    return rupiah_desimal(nilai)
