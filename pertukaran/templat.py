"""The application's own Excel template of a type: its paper table's header rows and number row
(the export's, pertukaran.xlsx), one example row, and the tables beside the rows, ready to fill
in a spreadsheet program and import (pertukaran.impor). Built from the type's declaration only.

The example row's texts begin with "Contoh:", so an import that still holds it says so.
"""

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from dokumen.jenis import JenisKolom, JenisTerdaftar, KolomExcel
from pertukaran import gaya
from pertukaran.gaya import Lembar
from pertukaran.xlsx import (
    tulis_badan_berkelompok,
    tulis_badan_rata,
    tulis_kepala,
    tulis_tabel_tambahan,
)

AWALAN_CONTOH = "Contoh: "
PETUNJUK = (
    "Isi satu baris per butir di bawah judul kolom (sel sasaran boleh digabung atau dikosongkan "
    "untuk baris lanjutan). Ganti atau hapus baris contoh, yang diawali “Contoh:”. Judul kolom "
    "jangan diubah. Lalu unggah berkas ini di “Impor dari berkas”."
)


def _isi(kolom: list[KolomExcel]) -> dict[str, Any]:
    """One example row of these columns, each as its kind is written."""
    baris: dict[str, Any] = {}
    for k in kolom:
        if k.jenis == JenisKolom.URUT:
            continue
        if k.jenis == JenisKolom.NOMOR:
            baris[k.kunci] = "1"
        elif k.jenis == JenisKolom.TARGET:
            baris[k.kunci] = "100%"
        elif k.jenis == JenisKolom.RUPIAH:
            baris[k.kunci] = 100_000_000
        elif k.jenis == JenisKolom.ANGKA:
            baris[k.kunci] = 1
        elif k.jenis == JenisKolom.CENTANG:
            baris.setdefault(k.kunci, []).append(k.nilai)
        else:
            baris[k.kunci] = AWALAN_CONTOH + k.judul.capitalize()
        if k.kunci_kode:
            baris[k.kunci_kode] = "000.00.XX"
    return baris


def baris_contoh(terdaftar: JenisTerdaftar) -> list[dict[str, Any]]:
    """The template's example: one row (a grouped type: one sasaran holding one row)."""
    tata = terdaftar.kolom_excel
    if terdaftar.kunci_anak is None:
        baris = _isi(list(tata.kolom))
        if tata.kunci_kelompok:
            baris[tata.kunci_kelompok] = AWALAN_CONTOH + "PROGRAM …"
        return [baris]
    sasaran = _isi([k for k in tata.kolom if k.sasaran])
    sasaran[terdaftar.kunci_anak] = [_isi([k for k in tata.kolom if not k.sasaran])]
    return [sasaran]


def xlsx_templat(terdaftar: JenisTerdaftar) -> bytes:
    """The template of `terdaftar` as .xlsx bytes (the type must declare `kolom_excel`)."""
    tata = terdaftar.kolom_excel
    kolom = list(tata.kolom)  # every column, the optional ones too: a form to fill
    n = len(kolom)
    buku = Workbook()
    ws = buku.active
    ws.title = tata.nama_lembar[:31]
    buku.properties.title = f"Templat {terdaftar.label}"
    buku.properties.creator = "SAKIP KPU"
    gaya.huruf_bawaan(buku)
    lembar = Lembar(ws, [k.lebar for k in kolom])
    for c, k in enumerate(kolom, start=1):
        ws.column_dimensions[get_column_letter(c)].width = k.lebar
    lembar.sel(
        1, 1, f"TEMPLAT {terdaftar.label.upper()} ({terdaftar.kode})", font=gaya.FONT_JUDUL,
        rata=gaya.TENGAH, sampai_kolom=n,
    )  # fmt: skip
    lembar.sel(2, 1, PETUNJUK, font=gaya.FONT_CATATAN, rata=gaya.KIRI, sampai_kolom=n)
    awal = 4
    r = tulis_kepala(lembar, awal, kolom, [(i, i) for i in range(1, n + 1)])
    kepala = (awal, r - 1)
    if terdaftar.kunci_anak is None:
        r = tulis_badan_rata(lembar, r, kolom, tata, baris_contoh(terdaftar))
    else:
        r = tulis_badan_berkelompok(
            lembar, r, kolom, tata, baris_contoh(terdaftar), terdaftar.kunci_anak
        )
    for _, tata_tambahan in tata.tambahan:
        r = tulis_tabel_tambahan(lembar, r + 1, tata_tambahan, [_isi(list(tata_tambahan.kolom))])
    lembar.atur_tinggi(r)
    ws.freeze_panes = f"A{kepala[1] + 1}"
    gaya.atur_cetak(ws, lanskap=tata.lanskap, baris_judul=f"{kepala[0]}:{kepala[1]}")
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()
