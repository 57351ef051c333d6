"""Template filters for the documents' Indonesian number and date formats."""

import datetime

from django import template

from kpu_kinerja import formats as fmt

register = template.Library()


@register.filter
def rupiah(angka: int | None) -> str:
    return fmt.rupiah(angka)


@register.filter
def ribuan(angka: int | None) -> str:
    return "" if angka is None else fmt.ribuan(angka)


@register.filter
def tanggal_panjang(tanggal: datetime.date | None) -> str:
    return "" if tanggal is None else fmt.tanggal_panjang(tanggal)


@register.filter
def waktu(nilai: datetime.datetime | None) -> str:
    """The one date-time style: "2 Desember 2026 pukul 03.20 WIB"."""
    return "" if nilai is None else fmt.waktu_lengkap(nilai)


@register.filter
def kontrol(field) -> str:
    """Render a bound field as a compact Bootstrap control, marked invalid when it has errors."""
    checkbox = field.widget_type == "checkbox"
    if checkbox:
        kelas = "form-check-input"
    elif field.widget_type == "select":
        kelas = "form-select form-select-sm"
    else:
        kelas = "form-control form-control-sm"
    if field.errors:
        kelas += " is-invalid"
    return field.as_widget(attrs={"class": kelas, "aria-label": field.label})
