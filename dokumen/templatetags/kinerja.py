"""Template filters for the documents' Indonesian number and date formats."""

import datetime

from django import template

from dokumen import format as fmt

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
