"""A TW report as an .xlsx laid out as its PDF (templates/pdf/pengukuran.html): the title, the
11 columns and their number row, each sasaran merged over its indicators, the capaian and its
category on the category's tint, and the capaian's explanations as numbered notes below.

From `pengukuran.laporan.isi_laporan`, the rows the PDF prints, so both show the same capaian.
"""

import io

from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from pengukuran.laporan import isi_laporan
from pengukuran.models import LaporanTriwulan, StatusLaporan
from perjanjian_kinerja.models import NAMA_TRIWULAN
from pertukaran import gaya
from pertukaran.gaya import Lembar
from pertukaran.kemajuan import warna

KOSONG = "[belum diisi]"


def _kolom(tw: int) -> list[tuple[str, float]]:
    nama = NAMA_TRIWULAN[tw]
    return [
        ("NO", 5),
        ("SASARAN", 24),
        ("INDIKATOR", 30),
        ("SATUAN", 10),
        ("TARGET TAHUN", 11),
        (f"TARGET {nama}", 10),
        (f"REALISASI {nama}", 11),
        ("CAPAIAN", 11),
        ("KATEGORI", 13),
        ("KENDALA", 28),
        ("TINDAK LANJUT", 28),
    ]


def buku_laporan(laporan: LaporanTriwulan) -> Workbook:
    isi = isi_laporan(laporan)
    kolom = _kolom(laporan.tw)
    lebar = [w for _, w in kolom]
    n = len(kolom)
    buku = Workbook()
    ws = buku.active
    ws.title = f"Pengukuran {NAMA_TRIWULAN[laporan.tw]}"
    buku.properties.title = isi.judul.title()
    buku.properties.creator = "SAKIP KPU"
    gaya.huruf_bawaan(buku)
    for c, w in enumerate(lebar, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    lembar = Lembar(ws, lebar)

    lembar.sel(1, 1, isi.judul, font=gaya.FONT_JUDUL, rata=gaya.TENGAH, sampai_kolom=n)
    satker = laporan.satker
    lembar.sel(
        2, 1, satker.nama_lengkap.upper(), font=gaya.FONT_JUDUL, rata=gaya.TENGAH, sampai_kolom=n
    )
    versi = laporan.perjanjian.versi
    keterangan = (
        f"Diukur terhadap Perjanjian Kinerja Tahun {laporan.tahun}"
        + (f" (versi {versi})" if versi > 1 else "")
        + f". Capaian dihitung sampai {NAMA_TRIWULAN[laporan.tw]}; penjelasan setiap capaian "
        "tercantum pada catatan di bawah tabel."
    )
    if laporan.status != StatusLaporan.DISETUJUI:
        keterangan += f" Status laporan: {laporan.get_status_display().lower()}."
    lembar.sel(3, 1, keterangan, rata=gaya.TENGAH, sampai_kolom=n)

    r = 5
    kepala = {"font": gaya.FONT_TEBAL, "rata": gaya.TENGAH_TENGAH, "isi": gaya.ISI_KEPALA}
    for c, (judul, _) in enumerate(kolom, start=1):
        lembar.sel(r, c, judul, bingkai=True, **kepala)
    for c in range(1, n + 1):
        lembar.sel(
            r + 1, c, c, bingkai=True, font=gaya.FONT_NOMOR, rata=gaya.TENGAH, isi=gaya.ISI_NOMOR
        )
    r += 2
    awal_badan = r
    for sasaran in isi.sasaran:
        awal = r
        for baris in sasaran.baris:
            isi_warna = PatternFill("solid", fgColor=warna(baris.warna)) if baris.warna else None
            catatan = f"{baris.capaian or '–'} [{baris.catatan}]"
            nilai = [
                baris.indikator,
                baris.satuan,
                baris.target_tahun or KOSONG,
                baris.target_tw or "–",
                baris.realisasi or KOSONG,
            ]
            for c, teks in enumerate(nilai, start=3):
                rata = gaya.KIRI if c == 3 else gaya.TENGAH
                lembar.sel(r, c, teks, bingkai=True, rata=rata)
            lembar.sel(r, 8, catatan, bingkai=True, rata=gaya.TENGAH, isi=isi_warna)
            lembar.sel(r, 9, baris.kategori or "–", bingkai=True, rata=gaya.TENGAH, isi=isi_warna)
            lembar.sel(r, 10, baris.kendala, bingkai=True)
            lembar.sel(r, 11, baris.tindak_lanjut, bingkai=True)
            r += 1
        if r > awal:
            akhir = r - 1
            lembar.sel(awal, 1, sasaran.nomor, bingkai=True, rata=gaya.TENGAH, sampai_baris=akhir)
            lembar.sel(awal, 2, sasaran.sasaran, bingkai=True, sampai_baris=akhir)
    if r == awal_badan:
        lembar.sel(
            r, 1, "[Perjanjian Kinerja belum mempunyai indikator]", bingkai=True, sampai_kolom=n
        )
        r += 1

    r += 1
    if isi.catatan:
        lembar.sel(r, 1, "Catatan perhitungan capaian:", font=gaya.FONT_TEBAL, sampai_kolom=n)
        r += 1
        for nomor, penjelasan in isi.catatan:
            lembar.sel(r, 1, f"[{nomor}]", rata=gaya.TENGAH)
            lembar.sel(r, 2, penjelasan, sampai_kolom=n)
            r += 1
    lembar.atur_tinggi(r)

    ws.freeze_panes = ws.cell(row=awal_badan, column=3)
    gaya.atur_cetak(
        ws,
        lanskap=True,
        margin=PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.7),
        baris_judul="5:6",
        kaki=f"{isi.judul.title()} · {satker.nama}",
        tengah=True,
    )
    return buku


def xlsx_laporan(laporan: LaporanTriwulan) -> bytes:
    keluaran = io.BytesIO()
    buku_laporan(laporan).save(keluaran)
    return keluaran.getvalue()


def nama_berkas_laporan(laporan: LaporanTriwulan) -> str:
    return f"{laporan.satker.kode}-pengukuran-{laporan.tahun}-tw{laporan.tw}.xlsx"
