"""Indonesian formatting for money and dates as the documents print them.

In the project package, below every app (docs/architecture.md, "Layers"): the satker profile
form, the documents, their rows and the PDFs all print numbers this way. Django's own locale
overrides for the same language sit beside it, in `id/formats.py`.
"""

import datetime

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def ribuan(angka: int) -> str:
    """8170412000 → "8.170.412.000"."""
    tanda = "-" if angka < 0 else ""
    return tanda + f"{abs(angka):,}".replace(",", ".")


def rupiah(angka: int | None) -> str:
    """8170412000 → "Rp8.170.412.000"; None → ""."""
    if angka is None:
        return ""
    return f"Rp{ribuan(angka)}"


def tanggal_panjang(tanggal: datetime.date, *, dengan_hari: bool = True) -> str:
    """date(2024, 1, 26) → "26 Januari 2024" (or "Januari 2024" without the day)."""
    bulan_tahun = f"{BULAN[tanggal.month - 1]} {tanggal.year}"
    return f"{tanggal.day} {bulan_tahun}" if dengan_hari else bulan_tahun
