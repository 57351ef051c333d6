"""Indonesian formatting for money, dates and times as the documents and pages print them.

In the project package, below every app (docs/architecture.md, "Layers"): the satker profile
form, the documents, their rows and the PDFs all print numbers this way. Django's own locale
overrides for the same language sit beside it, in `id/formats.py`.
"""

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

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


def desimal(angka: Decimal, tempat: int | None = None) -> str:
    """Decimal("1234.5") → "1.234,5"; with `tempat` decimal places, rounded half up
    (Decimal("82.5"), 2 → "82,50"); without, as many as the number has ("0.30" → "0,3")."""
    if tempat is not None:
        angka = angka.quantize(Decimal(1).scaleb(-tempat), rounding=ROUND_HALF_UP)
    elif angka == angka.to_integral_value():
        angka = angka.quantize(Decimal(1))
    else:
        angka = angka.normalize()
    bulat, _, pecahan = f"{abs(angka):f}".partition(".")
    tanda = "−" if angka < 0 else ""
    teks = tanda + ribuan(int(bulat))
    return f"{teks},{pecahan}" if pecahan else teks


def rupiah(angka: int | None) -> str:
    """8170412000 → "Rp8.170.412.000"; None → ""."""
    if angka is None:
        return ""
    return f"Rp{ribuan(angka)}"


def tanggal_panjang(tanggal: datetime.date, *, dengan_hari: bool = True) -> str:
    """date(2024, 1, 26) → "26 Januari 2024" (or "Januari 2024" without the day)."""
    bulan_tahun = f"{BULAN[tanggal.month - 1]} {tanggal.year}"
    return f"{tanggal.day} {bulan_tahun}" if dengan_hari else bulan_tahun


# How people write a date: "26/01/2024", "26-01-2024", ISO "2024-01-26", "26 Januari 2024" or
# "26 Jan 2024" (the month's first three letters; August is also "Agt" or "Agu").
_TANGGAL_ANGKA = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y")
_TANGGAL_KATA = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$")
_NAMA_BULAN = (
    {nama.lower(): n for n, nama in enumerate(BULAN, start=1)}
    | {nama[:3].lower(): n for n, nama in enumerate(BULAN, start=1)}
    | {"agt": 8, "agu": 8, "des": 12, "peb": 2, "nop": 11}
)


class TanggalTidakAda(ValueError):
    """Written as a date, but the calendar has no such day ("31/02/2025")."""


_BENTUK_ANGKA = re.compile(r"^(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{1,2}-\d{1,2})$")
_BULAN_TAHUN = re.compile(r"^([a-z]+)\.?\s+(\d{4})$")


def baca_tanggal(teks: str) -> datetime.date:
    """A date as people write it (above); TanggalTidakAda for a well-written day the calendar
    lacks, ValueError for anything else."""
    teks = " ".join(teks.split()).lower()
    for pola in _TANGGAL_ANGKA:
        try:
            return datetime.datetime.strptime(teks, pola).date()  # noqa: DTZ007 (a date)
        except ValueError:
            continue
    if _BENTUK_ANGKA.match(teks):
        raise TanggalTidakAda(f"Tidak ada tanggal {teks!r}")
    cocok = _TANGGAL_KATA.match(teks)
    if cocok and cocok[2] in _NAMA_BULAN:
        try:
            return datetime.date(int(cocok[3]), _NAMA_BULAN[cocok[2]], int(cocok[1]))
        except ValueError:
            raise TanggalTidakAda(f"Tidak ada tanggal {teks!r}") from None
    raise ValueError(f"Bukan tanggal: {teks!r}")


def baca_bulan(teks: str) -> datetime.date | None:
    """ "Januari 2025" → date(2025, 1, 1): a month written without its day; None otherwise."""
    cocok = _BULAN_TAHUN.match(" ".join(teks.split()).lower())
    if cocok and cocok[1] in _NAMA_BULAN:
        return datetime.date(int(cocok[2]), _NAMA_BULAN[cocok[1]], 1)
    return None


def tanggal_pendek(tanggal: datetime.date) -> str:
    """date(2024, 1, 26) → "26/01/2024", as a date field shows it."""
    return f"{tanggal:%d/%m/%Y}"


def waktu_lengkap(waktu: datetime.datetime) -> str:
    """The one date-time style of the application, in the site's time zone:
    "2 Desember 2026 pukul 03.20 WIB". Django's DATETIME_FORMAT (`id/formats.py`) prints the
    same, so the admin's dates read alike."""
    lokal = timezone.localtime(waktu) if timezone.is_aware(waktu) else waktu
    zona = lokal.tzname() or ""
    return f"{tanggal_panjang(lokal.date())} pukul {lokal:%H.%M} {zona}".rstrip()
