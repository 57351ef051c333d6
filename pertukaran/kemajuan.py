"""The reviewer's progress matrix (dokumen.kemajuan, the admin's "Kemajuan dokumen kinerja") as an
.xlsx: the same counts per status and the same Kabupaten/Kota × type table, from the same
selector, so it shows exactly what the page shows to the same user."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from dokumen.kemajuan import WARNA_STATUS, kemajuan_dokumen
from pertukaran import gaya
from pertukaran.gaya import Lembar
from satker.akses import Pengguna
from satker.models import Satker

LEBAR_SATKER = 34
LEBAR_JENIS = 17


def warna(css: str) -> str:
    """A CSS colour ("#fff", "#198754") as openpyxl's "FFFFFF"."""
    hex_ = css.lstrip("#").upper()
    return "".join(c * 2 for c in hex_) if len(hex_) == 3 else hex_


def _isi(status: str) -> PatternFill:
    latar, _ = WARNA_STATUS.get(status, ("#FFFFFF", "#000000"))
    return PatternFill("solid", fgColor=warna(latar))


def _font(status: str) -> Font:
    _, huruf = WARNA_STATUS.get(status, ("#FFFFFF", "#000000"))
    return Font(name=gaya.HURUF, size=gaya.UKURAN, color=warna(huruf))


def buku_kemajuan(user: Pengguna, tahun: int, provinsi: Satker | None = None) -> Workbook:
    kemajuan = kemajuan_dokumen(user, tahun, provinsi.pk if provinsi else None)
    jenis = [j.judul for j in kemajuan.jumlah_per_jenis]
    status = kemajuan.jumlah_semua.daftar
    n = max(len(jenis) + 1, len(status) + 2)

    buku = Workbook()
    ws = buku.active
    ws.title = "Kemajuan"
    buku.properties.title = f"Kemajuan dokumen kinerja {tahun}"
    buku.properties.creator = "SAKIP KPU"
    gaya.huruf_bawaan(buku)
    lebar = [LEBAR_SATKER] + [LEBAR_JENIS] * (n - 1)
    for c, w in enumerate(lebar, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    lembar = Lembar(ws, lebar)

    r = 1
    judul = f"KEMAJUAN DOKUMEN KINERJA TAHUN {tahun}"
    lembar.sel(r, 1, judul, font=gaya.FONT_JUDUL, rata=gaya.TENGAH, sampai_kolom=n)
    r += 1
    cakupan = provinsi.nama if provinsi else "Semua provinsi yang dapat Anda lihat"
    lembar.sel(
        r,
        1,
        f"{cakupan} · {kemajuan.jumlah_satker} satker Kabupaten/Kota · status versi terbaru",
        rata=gaya.TENGAH,
        sampai_kolom=n,
    )
    r += 2

    # The counts per status, one row per type and the total.
    kepala = {"font": gaya.FONT_TEBAL, "rata": gaya.TENGAH_TENGAH, "isi": gaya.ISI_KEPALA}
    lembar.sel(r, 1, "Jenis", bingkai=True, **kepala)
    for c, bagian in enumerate(status, start=2):
        lembar.sel(
            r,
            c,
            bagian.label,
            bingkai=True,
            font=_font(bagian.status),
            rata=gaya.TENGAH_TENGAH,
            isi=_isi(bagian.status),
        )
    lembar.sel(r, len(status) + 2, "Jumlah", bingkai=True, **kepala)
    r += 1
    for jumlah in [*kemajuan.jumlah_per_jenis, kemajuan.jumlah_semua]:
        tebal = jumlah is kemajuan.jumlah_semua
        label = "Semua jenis" if tebal else jumlah.judul
        lembar.sel(r, 1, label, bingkai=True, font=gaya.FONT_TEBAL if tebal else gaya.FONT)
        for c, bagian in enumerate(jumlah.daftar, start=2):
            lembar.sel(r, c, bagian.jumlah, bingkai=True, rata=gaya.TENGAH)
        lembar.sel(
            r, len(status) + 2, jumlah.total, bingkai=True, rata=gaya.TENGAH, font=gaya.FONT_TEBAL
        )
        r += 1
    r += 1

    # The matrix: a provinsi's row over its satker, one cell per type.
    awal_matriks = r
    lembar.sel(r, 1, "Satker", bingkai=True, **kepala)
    for c, j in enumerate(jenis, start=2):
        lembar.sel(r, c, j, bingkai=True, **kepala)
    r += 1
    for kelompok in kemajuan.kelompok:
        belum = (
            f"{kelompok.jumlah_belum_ada} dokumen belum ada"
            if kelompok.jumlah_belum_ada
            else "semua dokumen sudah dibuat"
        )
        lembar.sel(
            r,
            1,
            f"{kelompok.provinsi.nama} · {len(kelompok.baris)} satker · "
            f"{kelompok.persen_terbit}% terbit · {belum}",
            font=gaya.FONT_TEBAL,
            isi=gaya.ISI_KELOMPOK,
            bingkai=True,
            sampai_kolom=len(jenis) + 1,
        )
        r += 1
        for baris in kelompok.baris:
            lembar.sel(r, 1, baris.satker.nama, bingkai=True)
            for c, sel in enumerate(baris.sel, start=2):
                teks = sel.label
                if sel.dokumen is not None and sel.dokumen.versi > 1:
                    teks += f" (v{sel.dokumen.versi})"
                if sel.keterangan:
                    teks += f"\n{sel.keterangan}"
                lembar.sel(
                    r,
                    c,
                    teks,
                    bingkai=True,
                    rata=gaya.TENGAH,
                    font=_font(sel.gaya),
                    isi=_isi(sel.gaya),
                )
            r += 1
    if not kemajuan.kelompok:
        lembar.sel(
            r,
            1,
            "Tidak ada satker Kabupaten/Kota yang dapat Anda lihat.",
            sampai_kolom=len(jenis) + 1,
        )
        r += 1

    lembar.atur_tinggi(r)
    ws.freeze_panes = f"B{awal_matriks + 1}"
    gaya.atur_cetak(
        ws,
        lanskap=False,
        margin=PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.7),
        baris_judul=f"{awal_matriks}:{awal_matriks}",
        kaki=judul,
    )
    return buku


def xlsx_kemajuan(user: Pengguna, tahun: int, provinsi: Satker | None = None) -> bytes:
    keluaran = io.BytesIO()
    buku_kemajuan(user, tahun, provinsi).save(keluaran)
    return keluaran.getvalue()
