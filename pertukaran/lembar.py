"""An .xlsx sheet as a clean table (rows of cell strings) for pertukaran.baca: a merged cell's
value in its first cell only, numbers written the Indonesian way."""

import datetime
import io
from decimal import Decimal

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from dokumen.jenis import JenisTerdaftar
from kpu_kinerja.formats import tanggal_panjang
from pertukaran.baca import HasilBaca, Tabel, baca_tabel


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


def tabel_lembar(ws: Worksheet) -> Tabel:
    """Every row of `ws` as strings, as wide as its widest row."""
    return [
        [teks_sel(sel.value, sel.number_format) for sel in baris]
        for baris in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column)
    ]


def baca_xlsx(terdaftar: JenisTerdaftar, isi: bytes) -> HasilBaca:
    """The rows of an .xlsx laid out as `terdaftar`'s paper: the sheet named as the export
    names its table's, else the last (a text sheet comes first)."""
    buku = load_workbook(io.BytesIO(isi), data_only=True)
    nama = terdaftar.kolom_excel.nama_lembar if terdaftar.kolom_excel else ""
    ws = buku[nama] if nama in buku.sheetnames else buku.worksheets[-1]
    return baca_tabel(terdaftar, tabel_lembar(ws))
