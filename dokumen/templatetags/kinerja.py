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
def kontrol(field) -> str:
    """Render a bound field as a compact Bootstrap control, marked invalid when it has errors."""
    checkbox = field.widget_type == "checkbox"
    kelas = "form-check-input" if checkbox else "form-control form-control-sm"
    if field.errors:
        kelas += " is-invalid"
    return field.as_widget(attrs={"class": kelas, "aria-label": field.label})
