"""A provinsi's measurement matrix (the reviewer's page, `pengukuran.rekap.rekap_provinsi`) as
an .xlsx: the counts per status and TW, then each Kabupaten/Kota satker × TW I–IV with its
report's status, its mean capaian (a number, to be worked on further) and how many indicators
met their target, filtered as the page was. From the page's own selector, so both agree.
"""

import io

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from pengukuran.capaian import SERATUS
from pengukuran.rekap import LABEL_STATUS, URUTAN_STATUS, Rekap
from pertukaran import gaya
from pertukaran.gaya import Lembar

LEBAR = [34, 10] + [13, 11, 10] * 4
FORMAT_PERSEN = "0.00%"


def buku_rekap(rekap: Rekap) -> Workbook:
    n = len(LEBAR)
    buku = Workbook()
    ws = buku.active
    ws.title = "Rekap pengukuran"
    judul = f"REKAP PENGUKURAN KINERJA TAHUN {rekap.tahun}"
    buku.properties.title = judul.title()
    buku.properties.creator = "SAKIP KPU"
    gaya.huruf_bawaan(buku)
    for c, w in enumerate(LEBAR, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    lembar = Lembar(ws, LEBAR)
    kepala = {"font": gaya.FONT_TEBAL, "rata": gaya.TENGAH_TENGAH, "isi": gaya.ISI_KEPALA}

    lembar.sel(1, 1, judul, font=gaya.FONT_JUDUL, rata=gaya.TENGAH, sampai_kolom=n)
    keterangan = f"{rekap.provinsi.nama} · {rekap.jumlah_satker} satker kabupaten/kota"
    if rekap.saringan.aktif:
        keterangan += f" · disaring: {len(rekap.baris)} satker ditampilkan"
    lembar.sel(2, 1, keterangan, rata=gaya.TENGAH, sampai_kolom=n)

    # The counts per status, a row per TW and the year.
    r = 4
    lembar.sel(r, 1, "Triwulan", bingkai=True, **kepala)
    for c, status in enumerate(URUTAN_STATUS, start=2):
        lembar.sel(r, c, LABEL_STATUS[status], bingkai=True, **kepala)
    r += 1
    for jumlah in [*rekap.jumlah_per_tw, rekap.jumlah_semua]:
        lembar.sel(r, 1, jumlah.judul, bingkai=True)
        for c, (_, _, _, banyak) in enumerate(jumlah.daftar, start=2):
            lembar.sel(r, c, banyak, bingkai=True, rata=gaya.TENGAH)
        r += 1
    r += 1

    # The matrix: a TW spans its status, mean capaian and indicators met.
    awal = r
    lembar.sel(r, 1, "Satker", bingkai=True, sampai_baris=r + 1, **kepala)
    lembar.sel(r, 2, "Indikator", bingkai=True, sampai_baris=r + 1, **kepala)
    for ke, (_, nama) in enumerate(rekap.triwulan):
        c = 3 + ke * 3
        lembar.sel(r, c, nama, bingkai=True, sampai_kolom=c + 2, **kepala)
        for i, sub in enumerate(("Status", "Capaian rata-rata", "Tercapai")):
            lembar.sel(r + 1, c + i, sub, bingkai=True, **kepala)
    r += 2
    for baris in rekap.baris:
        lembar.sel(r, 1, baris.satker.nama, bingkai=True)
        indikator = baris.jumlah_indikator if baris.ada_pk else "Belum ada PK terbit"
        lembar.sel(r, 2, indikator, bingkai=True, rata=gaya.TENGAH)
        for ke, sel in enumerate(baris.sel):
            c = 3 + ke * 3
            lembar.sel(r, c, sel.label, bingkai=True, rata=gaya.TENGAH)
            rata = None if sel.rata_rata is None else round(float(sel.rata_rata / SERATUS), 6)
            lembar.sel(r, c + 1, rata, bingkai=True, rata=gaya.KANAN, format_angka=FORMAT_PERSEN)
            tercapai = f"{sel.tercapai}/{baris.jumlah_indikator}" if sel.terukur else None
            lembar.sel(r, c + 2, tercapai, bingkai=True, rata=gaya.TENGAH)
        r += 1
    if not rekap.baris:
        lembar.sel(r, 1, "Tidak ada satker yang cocok.", bingkai=True, sampai_kolom=n)
        r += 1
    lembar.sel(
        r + 1,
        1,
        "Capaian rata-rata: rata-rata capaian indikator yang sudah ada hasilnya sampai "
        "triwulan itu; “tercapai”: indikator dengan capaian 100 % atau lebih.",
        font=gaya.FONT_CATATAN,
        sampai_kolom=n,
    )
    lembar.atur_tinggi(r + 1)

    ws.freeze_panes = ws.cell(row=awal + 2, column=2)
    gaya.atur_cetak(
        ws,
        lanskap=True,
        margin=PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.7),
        baris_judul=f"{awal}:{awal + 1}",
        kaki=f"{judul.title()} · {rekap.provinsi.nama}",
    )
    return buku


def xlsx_rekap(rekap: Rekap) -> bytes:
    keluaran = io.BytesIO()
    buku_rekap(rekap).save(keluaran)
    return keluaran.getvalue()
