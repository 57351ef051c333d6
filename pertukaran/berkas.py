"""An uploaded file for an import, checked before any parser opens it, and the workbook opened
within bounds.

What a file is comes from its bytes and structure, never its name: the evidence upload's check
(pengukuran.jenis_berkas.kenali: renamed programs, macro-enabled and password-protected Office
files, zip bombs, broken archives, a name that lies about the content). On top of it an import
accepts only what holds tables it can read (.docx, .xlsx), says what to do with an old .doc/.xls,
and bounds the work a parser may be made to do: the file's size, its unpacked size, and the
rows and columns read. With those bounds a parse's time and memory are bounded too: openpyxl
reads the sheet streaming (read-only mode) and stops at the row limit.
"""

import io
import zipfile
from collections.abc import Collection
from enum import StrEnum

from kpu_kinerja.formats import ribuan
from pengukuran import jenis_berkas

BATAS_UKURAN = 10 * 1024 * 1024  # a seed document is ~50 KB; a Word file with a logo ~1 MB
BATAS_ISI = 40 * 1024 * 1024  # unpacked: the XML a parser holds (a 2,000-row table is ~5 MB)
BATAS_BARIS = 2000  # rows of a sheet or of all tables of a document, title rows included
BATAS_KOLOM = 60
BATAS_LEMBAR = 30


class Format(StrEnum):
    DOCX = "docx"
    XLSX = "xlsx"

    @property
    def label(self) -> str:
        return {"docx": "dokumen Word (.docx)", "xlsx": "lembar kerja Excel (.xlsx)"}[self.value]


class BerkasDitolak(ValueError):
    """The file cannot be imported; `pesan` says why and what to do, for the user."""

    def __init__(self, pesan: str) -> None:
        super().__init__(pesan)
        self.pesan = pesan


PESAN_PROGRAM = (
    "Berkas ini sebuah program (executable) atau skrip, bukan dokumen Word atau Excel, walaupun "
    "namanya berakhiran dokumen. Unggah berkas .docx atau .xlsx yang sebenarnya."
)
_FORMAT = {jenis_berkas.DOCX: Format.DOCX, jenis_berkas.XLSX: Format.XLSX}
_LAMA = {
    jenis_berkas.DOC: (
        "Berkas ini dokumen Word lama (.doc), yang tabelnya tidak dapat dibaca. Buka di Word "
        "atau LibreOffice, simpan sebagai “Dokumen Word (.docx)”, lalu unggah lagi."
    ),
    jenis_berkas.XLS: (
        "Berkas ini lembar kerja Excel lama (.xls), yang tidak dapat dibaca. Buka di Excel atau "
        "LibreOffice, simpan sebagai “Buku Kerja Excel (.xlsx)”, lalu unggah lagi."
    ),
}


def _daftar(boleh: Collection[Format]) -> str:
    return " atau ".join(f.label for f in Format if f in boleh)


def periksa_berkas(
    nama: str, isi: bytes, *, boleh: Collection[Format] = (Format.DOCX, Format.XLSX)
) -> Format:
    """The format of an uploaded file named `nama`, one of `boleh`; `BerkasDitolak` otherwise."""
    if len(isi) > BATAS_UKURAN:
        raise BerkasDitolak(
            f"Berkas lebih dari {BATAS_UKURAN // (1024 * 1024)} MB. Hapus gambar atau lampiran "
            "yang tidak perlu, atau pecah menjadi beberapa berkas."
        )
    try:
        jenis = jenis_berkas.kenali(isi, nama)
    except jenis_berkas.BerkasDitolak as galat:
        pesan = str(galat)
        if pesan == jenis_berkas.PESAN_PROGRAM:  # worded for the evidence upload
            pesan = PESAN_PROGRAM
        raise BerkasDitolak(pesan) from None
    if jenis in _LAMA:
        raise BerkasDitolak(_LAMA[jenis])
    format_berkas = _FORMAT.get(jenis)
    if format_berkas is None or format_berkas not in boleh:
        raise BerkasDitolak(
            f"Berkas ini {jenis.nama}, bukan {_daftar(boleh)}. Unggah {_daftar(boleh)}."
        )
    with zipfile.ZipFile(io.BytesIO(isi)) as arsip:  # kenali has opened it already
        if sum(a.file_size for a in arsip.infolist()) > BATAS_ISI:
            raise BerkasDitolak(
                "Isi berkas ini terlalu besar untuk diimpor. Pecah menjadi beberapa berkas."
            )
    return format_berkas


def terlalu_banyak_baris() -> BerkasDitolak:
    """The refusal of a file past BATAS_BARIS, for the sheet's and the Word tables' reader."""
    return BerkasDitolak(
        f"Berkas berisi lebih dari {ribuan(BATAS_BARIS)} baris; yang dapat diimpor sekaligus "
        f"paling banyak {ribuan(BATAS_BARIS)}. Pecah menjadi beberapa berkas."
    )
