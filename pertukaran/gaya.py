"""What every sheet we write shares: fonts, borders, the Rupiah format, text cells that stay
text, and row heights estimated from the text (Excel and LibreOffice do not grow a row for a
wrapped merged cell, so every row's height is set)."""

import math
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

HURUF = "Arial"
UKURAN = 10
TINGGI_BARIS = 12.75  # points per line of 10 pt Arial
KARAKTER_PER_LEBAR = 1.15  # characters of 10 pt Arial per unit of Excel's column width

GARIS = Side(style="thin", color="000000")
BINGKAI = Border(left=GARIS, right=GARIS, top=GARIS, bottom=GARIS)
ISI_KEPALA = PatternFill("solid", fgColor="D9D9D9")
ISI_NOMOR = PatternFill("solid", fgColor="F2F2F2")
ISI_KELOMPOK = PatternFill("solid", fgColor="EDEDED")

FONT = Font(name=HURUF, size=UKURAN)
FONT_TEBAL = Font(name=HURUF, size=UKURAN, bold=True)
FONT_JUDUL = Font(name=HURUF, size=12, bold=True)
FONT_NOMOR = Font(name=HURUF, size=8, italic=True)
FONT_CATATAN = Font(name=HURUF, size=9, italic=True, color="C00000")
FONT_NAMA = Font(name=HURUF, size=UKURAN, bold=True, underline="single")

KIRI = Alignment(horizontal="left", vertical="top", wrap_text=True)
TENGAH = Alignment(horizontal="center", vertical="top", wrap_text=True)
TENGAH_TENGAH = Alignment(horizontal="center", vertical="center", wrap_text=True)
KANAN = Alignment(horizontal="right", vertical="top", wrap_text=False)

# Whole Rupiah with "." between thousands whatever the reader's locale ("8.170.412.000"): a
# number format's "," is the locale's separator (a comma in an English Excel), so the dots are
# literal, and the sections pick the number of groups. Two conditions per format at most, so
# one format for amounts from a million up (below 10^15, the database's bound) and one below.
FORMAT_RUPIAH_JUTA = (
    '[>=1000000000000]#"."###"."###"."###"."##0;[>=1000000000]#"."###"."###"."##0;#"."###"."##0'
)
FORMAT_RUPIAH_RIBU = '[>=1000]#"."##0;0'


def format_rupiah(nilai: int) -> str:
    """The number format showing `nilai` as "8.170.412.000"."""
    return FORMAT_RUPIAH_JUTA if nilai >= 1_000_000 else FORMAT_RUPIAH_RIBU


def teks_aman(teks: str) -> str:
    """Text an .xlsx can hold (control characters dropped)."""
    return ILLEGAL_CHARACTERS_RE.sub("", teks)


def tulis(ws: Worksheet, baris: int, kolom: int, nilai: Any) -> Any:
    """Write a cell; a text stays text even when it starts with "=" (never a formula)."""
    sel = ws.cell(row=baris, column=kolom)
    if isinstance(nilai, str):
        sel.value = teks_aman(nilai)
        sel.data_type = "s"
    else:
        sel.value = nilai
    return sel


def jumlah_baris_teks(teks: str, lebar: float) -> int:
    """How many lines `teks` takes in a cell `lebar` wide (words wrap, "\\n" breaks)."""
    muat = max(1, int(lebar * KARAKTER_PER_LEBAR))
    return sum(max(1, math.ceil(len(bagian) / muat)) for bagian in teks.split("\n")) if teks else 1


def tinggi(jumlah_baris: int) -> float:
    return jumlah_baris * TINGGI_BARIS + 3
