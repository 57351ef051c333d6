"""Reading a number and unit out of a target as the satker wrote it ("85%", "12 Laporan")."""

import re
from dataclasses import dataclass
from decimal import Decimal

# Indonesian numbers group thousands with "." and use "," for decimals: "8.170.412.000", "87,5".
_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
# A unit is "%" or a word ("Laporan", "kali"); "1.2.3" is not a number followed by a unit.
_TARGET = re.compile(
    rf"^(?P<rp>Rp\.?\s*)?(?P<angka>{_NUMBER})\s*(?P<satuan>(?:%|[^\W\d_].*)?)$", re.IGNORECASE
)
_MAX_SATUAN = 30


@dataclass(frozen=True)
class TargetTerbaca:
    """A target's parsed number and unit; `nilai` is None when no number can be read."""

    nilai: Decimal | None
    satuan: str


def baca_target(teks: str) -> TargetTerbaca:
    """Parse "85%", "100 %", "12 Laporan", "Rp8.170.412.000"; anything else keeps no number."""
    cocok = _TARGET.match(teks.strip())
    if not cocok:
        return TargetTerbaca(nilai=None, satuan="")
    angka = cocok["angka"].replace(".", "").replace(",", ".")
    satuan = "Rp" if cocok["rp"] else cocok["satuan"].strip()
    if cocok["rp"] and cocok["satuan"].strip():
        return TargetTerbaca(nilai=None, satuan="")
    if len(satuan) > _MAX_SATUAN:
        return TargetTerbaca(nilai=None, satuan="")
    return TargetTerbaca(nilai=Decimal(angka), satuan=satuan)
