"""An .xlsx's sheets as clean tables (rows of cell strings) for pertukaran.baca: a merged cell's
value in its first cell only, numbers written the Indonesian way.

Read streaming (openpyxl's read-only mode), within pertukaran.berkas's bounds on sheets, rows
and columns, so a huge sheet stops at the row limit instead of filling memory.
"""

import datetime
import io
from decimal import Decimal

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from dokumen.jenis import JenisTerdaftar
from kpu_kinerja.formats import tanggal_panjang
from pertukaran.baca import HasilBaca, Tabel, baca_tabel, cari_kepala
from pertukaran.berkas import (
    BATAS_BARIS,
    BATAS_KOLOM,
    BATAS_LEMBAR,
    BerkasDitolak,
    terlalu_banyak_baris,
)

RUMUS_DISEBUT = 5  # cells named in the formula refusal
PESAN_RUSAK = (
    "Lembar kerja Excel ini rusak dan tidak dapat dibaca. Buka di Excel atau LibreOffice, "
    "simpan ulang sebagai .xlsx, lalu unggah lagi."
)


def teks_sel(nilai: object, format_angka: str = "General") -> str:
    """A cell's value as the text it shows: 12 → "12", 87.5 → "87,5", 0.85 as % → "85%"."""
    if nilai is None:
        return ""
    if isinstance(nilai, bool):
        return "1" if nilai else ""
    if isinstance(nilai, datetime.datetime | datetime.date):
        tanggal = nilai.date() if isinstance(nilai, datetime.datetime) else nilai
        return tanggal_panjang(tanggal)
    if isinstance(nilai, int | float | Decimal):
        if "%" in format_angka:
            nilai = Decimal(str(nilai)) * 100
            return _angka(nilai) + "%"
        return _angka(nilai)
    return str(nilai)


def _angka(nilai: int | float | Decimal) -> str:
    if isinstance(nilai, int) or (isinstance(nilai, float | Decimal) and nilai == int(nilai)):
        return str(int(nilai))
    return format(Decimal(str(nilai)).normalize(), "f").replace(".", ",")


def lembar_xlsx(isi: bytes) -> list[tuple[str, Tabel]]:
    """Every sheet of a checked .xlsx (pertukaran.berkas.periksa_berkas) as (its name, its cells
    as the text they show). A formula whose value was never saved (a file written by a program,
    not by Excel) would read as empty: refused, naming the cells."""
    buku = _buka(isi, data_only=True)
    try:
        lembar = [(ws.title, tabel_lembar(ws)) for ws in buku.worksheets[:BATAS_LEMBAR]]
    except BerkasDitolak:
        raise
    except Exception:  # noqa: BLE001 (read-only mode parses a sheet when it is read)
        raise BerkasDitolak(PESAN_RUSAK) from None
    finally:
        buku.close()
    _periksa_rumus(isi, lembar)
    return lembar


def tabel_lembar(ws) -> Tabel:
    """A sheet's rows as strings (past BATAS_BARIS refused), as wide as its last filled column."""
    tabel = []
    for baris in ws.iter_rows(max_col=BATAS_KOLOM):
        if len(tabel) >= BATAS_BARIS:
            raise terlalu_banyak_baris()
        # An empty cell of read-only mode has no number_format.
        teks = [teks_sel(sel.value, getattr(sel, "number_format", "General")) for sel in baris]
        while teks and not teks[-1]:
            teks.pop()
        tabel.append(teks)
    lebar = max((len(b) for b in tabel), default=0)
    return [b + [""] * (lebar - len(b)) for b in tabel]


def _buka(isi: bytes, *, data_only: bool):
    try:
        return load_workbook(io.BytesIO(isi), read_only=True, data_only=data_only)
    except Exception:  # noqa: BLE001 (openpyxl raises KeyError, ValueError… on a broken book)
        raise BerkasDitolak(PESAN_RUSAK) from None


def _periksa_rumus(isi: bytes, lembar: list[tuple[str, Tabel]]) -> None:
    """Formulas that read empty, found by a second reading of the same cells as formula text."""
    buku = _buka(isi, data_only=False)
    tanpa_nilai: list[str] = []
    try:
        for (judul, tabel), ws in zip(lembar, buku.worksheets, strict=False):
            for nomor, baris in enumerate(ws.iter_rows(max_col=BATAS_KOLOM, max_row=len(tabel))):
                for kolom, sel in enumerate(baris):
                    rumus = isinstance(sel.value, str) and sel.value.startswith("=")
                    if rumus and not (kolom < len(tabel[nomor]) and tabel[nomor][kolom]):
                        tanpa_nilai.append(f"{judul}!{get_column_letter(kolom + 1)}{nomor + 1}")
    finally:
        buku.close()
    if tanpa_nilai:
        disebut = ", ".join(tanpa_nilai[:RUMUS_DISEBUT])
        lagi = len(tanpa_nilai) - RUMUS_DISEBUT
        raise BerkasDitolak(
            f"Sel {disebut}{f' dan {lagi} sel lain' if lagi > 0 else ''} berisi rumus yang "
            "nilainya belum tersimpan. Buka berkas di Excel atau LibreOffice lalu simpan ulang "
            "(nilainya ikut tersimpan), atau salin dan tempel sebagai nilai, lalu unggah lagi."
        )


def pilih_lembar(terdaftar: JenisTerdaftar, lembar: list[tuple[str, Tabel]]) -> Tabel:
    """The sheet holding `terdaftar`'s table: named as the export names it, else the first whose
    header is found (a user's own workbook), else the last (a text sheet comes first)."""
    tata = terdaftar.kolom_excel
    nama = tata.nama_lembar if tata else ""
    for judul, tabel in lembar:
        if judul == nama:
            return tabel
    if tata is not None:
        for _, tabel in lembar:
            if cari_kepala(tata, tabel)[0] is not None:
                return tabel
    return lembar[-1][1] if lembar else []


def baca_xlsx(terdaftar: JenisTerdaftar, isi: bytes) -> HasilBaca:
    """The rows of a checked .xlsx laid out as `terdaftar`'s paper."""
    return baca_tabel(terdaftar, pilih_lembar(terdaftar, lembar_xlsx(isi)))
