"""Reading a number and unit out of a target as the satker wrote it ("85%", "12 Laporan")."""

import re
from dataclasses import dataclass
from decimal import Decimal

# Indonesian numbers group thousands with "." and use "," for decimals: "8.170.412.000", "87,5".
# A dot that cannot be a thousands separator ("0.2", "12.5", "1000.5") is read as a decimal
# point, as people who type on an English keyboard mean it; "1.000" stays a thousand. Only
# ASCII digits: a number must read back as it was typed.
_RIBUAN = r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?"
_TITIK = r"[0-9]+\.[0-9]+"
_KOMA = r"[0-9]+(?:,[0-9]+)?"
# A unit is "%" or a word ("Laporan", "kali"); "1.2.3" is not a number followed by a unit.
_TARGET = re.compile(
    rf"^(?P<rp>Rp\.?\s*)?(?:(?P<ribuan>{_RIBUAN})|(?P<titik>{_TITIK})|(?P<koma>{_KOMA}))"
    r"\s*(?P<satuan>(?:%|[^\W\d_].*)?)$",
    re.IGNORECASE,
)
_MAX_SATUAN = 30
# What TargetMixin.target_nilai holds (max_digits=20, decimal_places=4).
DIGIT_BULAT_MAKS, DIGIT_DESIMAL_MAKS = 16, 4

PESAN_TANPA_ANGKA = (
    "Tidak ada angka yang terbaca dari target ini, jadi capaiannya tidak dapat dihitung. "
    "Biarkan jika target memang berupa teks (mis. “WTP”); jika berupa angka, tulis seperti "
    "85%, 0,2% atau 12 Laporan."
)
PESAN_TERLALU_BESAR = (
    f"Angka target terlalu besar: paling banyak {DIGIT_BULAT_MAKS} digit sebelum koma."
)
PESAN_DESIMAL = f"Angka target paling banyak {DIGIT_DESIMAL_MAKS} angka di belakang koma."


@dataclass(frozen=True)
class TargetTerbaca:
    """A target's parsed number and unit; `nilai` is None when no number can be read.

    `galat` says why a number that was read cannot be kept (too many digits); the forms
    refuse such a target, and the number is not stored.
    """

    nilai: Decimal | None
    satuan: str
    galat: str = ""


_KOSONG = TargetTerbaca(nilai=None, satuan="")


def baca_target(teks: str) -> TargetTerbaca:
    """Parse "85%", "0.2%", "12 Laporan", "Rp8.170.412.000"; anything else keeps no number."""
    cocok = _TARGET.match(teks.strip())
    if not cocok:
        return _KOSONG
    if cocok["titik"]:
        angka = cocok["titik"]
    else:
        angka = (cocok["ribuan"] or cocok["koma"]).replace(".", "").replace(",", ".")
    satuan = "Rp" if cocok["rp"] else cocok["satuan"].strip()
    if cocok["rp"] and cocok["satuan"].strip():
        return _KOSONG
    if len(satuan) > _MAX_SATUAN:
        return _KOSONG
    bulat, _, desimal = angka.partition(".")
    if len(bulat.lstrip("0")) > DIGIT_BULAT_MAKS:
        return TargetTerbaca(nilai=None, satuan="", galat=PESAN_TERLALU_BESAR)
    if len(desimal.rstrip("0")) > DIGIT_DESIMAL_MAKS:
        return TargetTerbaca(nilai=None, satuan="", galat=PESAN_DESIMAL)
    desimal = desimal.rstrip("0")
    return TargetTerbaca(nilai=Decimal(f"{bulat}.{desimal}" if desimal else bulat), satuan=satuan)


def peringatan_target(teks: str) -> str:
    """The warning for a target that is written but has no number, else ""."""
    if not teks.strip():
        return ""
    terbaca = baca_target(teks)
    return PESAN_TANPA_ANGKA if terbaca.nilai is None and not terbaca.galat else ""
