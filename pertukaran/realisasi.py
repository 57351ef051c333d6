"""The realisasi template of one satker's quarter as an .xlsx: the published PK's indicators
with their targets and what is stored already (locked, grey), white cells to fill, one row per
indicator.

Each row carries the indicator's key (`IndikatorPk.kunci`, kept across PK versions) in the
hidden, clearly named first column, so the upload (`pertukaran.realisasi_baca`) maps a row back
to its indicator exactly, never by its text. A very hidden sheet holds the template's identity
(satker, year, quarter) signed with the site's key: a file of another satker or quarter, or a
hand-made one, is refused as a whole. The sheet is protected without a password, so the grey
cells are not overwritten by mistake and anyone who must can still lift it.
"""

import io
from dataclasses import dataclass

from django.core import signing
from openpyxl import Workbook
from openpyxl.styles import PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins

from kpu_kinerja.formats import desimal
from pengukuran.selectors import BarisPengukuran, TabelPengukuran
from perjanjian_kinerja.models import NAMA_TRIWULAN, NILAI_SKALA, Polaritas
from pertukaran import gaya
from pertukaran.gaya import Lembar
from satker.models import Satker

NAMA_LEMBAR = "Realisasi"
NAMA_LEMBAR_IDENTITAS = "identitas"
GARAM = "pertukaran.realisasi.templat"
KEPALA_KUNCI = "Kunci (jangan diubah)"
BARIS_KEPALA = 5  # the header row; the indicators follow it
ISI_TERKUNCI = gaya.ISI_NOMOR
ISI_BEBAS = PatternFill("solid", fgColor="FFFFFF")
TERBUKA = Protection(locked=False)


@dataclass(frozen=True)
class Kolom:
    kunci: str
    judul: str
    lebar: float
    diisi: bool = False  # a cell the user fills (white, unlocked)


def _kolom(tw: int) -> tuple[Kolom, ...]:
    nama = NAMA_TRIWULAN[tw]
    return (
        Kolom("kunci", KEPALA_KUNCI, 12),
        Kolom("nomor", "No", 5),
        Kolom("sasaran", "Sasaran", 26),
        Kolom("indikator", "Indikator kinerja", 34),
        Kolom("satuan", "Satuan", 10),
        Kolom("target_tahun", "Target tahun", 12),
        Kolom("target_tw", f"Target {nama}", 11),
        Kolom("tersimpan", "Realisasi tersimpan", 13),
        Kolom("nilai", f"Realisasi {nama} (isi)", 14, diisi=True),
        Kolom("pembilang", "Pembilang (untuk %)", 12, diisi=True),
        Kolom("penyebut", "Penyebut (untuk %)", 12, diisi=True),
        Kolom("alasan_tidak_terukur", "Tidak dapat diukur: alasannya", 22, diisi=True),
        Kolom("catatan", "Catatan", 24, diisi=True),
        Kolom("kendala", "Kendala", 24, diisi=True),
        Kolom("solusi", "Solusi / tindak lanjut", 24, diisi=True),
    )


KOLOM = _kolom(1)  # the keys and order are the same for every quarter; only titles differ


def indeks_kolom(kunci: str) -> int:
    """The 1-based sheet column of the column `kunci`."""
    return next(i for i, k in enumerate(KOLOM, start=1) if k.kunci == kunci)


def tanda_templat(satker: Satker, tahun: int, tw: int) -> str:
    return signing.dumps({"satker": satker.kode, "tahun": tahun, "tw": tw}, salt=GARAM)


def baca_tanda(teks: str) -> dict | None:
    """The identity a template carries ({satker, tahun, tw}), None when missing or forged."""
    try:
        data = signing.loads(teks, salt=GARAM)
    except signing.BadSignature:
        return None
    return data if isinstance(data, dict) else None


def _tersimpan(baris: BarisPengukuran, tw: int) -> str:
    sel = baris.triwulan[tw - 1]
    teks = sel.realisasi_tertulis
    realisasi = sel.realisasi
    if realisasi is not None and realisasi.penyebut is not None:
        teks += f" ({desimal(realisasi.pembilang)}/{desimal(realisasi.penyebut)})"
    return teks


PETUNJUK = (
    "Isi sel berlatar putih saja; sel abu-abu hanya dibaca. Realisasi yang dikosongkan tidak "
    "mengubah realisasi tersimpan. Tulis angka seperti 12, 87,5 atau 87,5%; untuk indikator "
    "kumulatif isi angka triwulan ini saja. Indikator persentase boleh diisi pembilang dan "
    "penyebut. Indikator kualitatif diisi salah satu nilai skalanya. Kolom A (kunci) "
    "menghubungkan baris dengan indikatornya: jangan diubah, jangan menyalin baris."
)


def buku_templat(satker: Satker, tabel: TabelPengukuran, tw: int) -> Workbook:
    """The template of `satker`'s quarter `tw` of `tabel` (`selectors.tabel_pengukuran`)."""
    kolom = _kolom(tw)
    lebar = [k.lebar for k in kolom]
    n = len(kolom)
    buku = Workbook()
    ws = buku.active
    ws.title = NAMA_LEMBAR
    buku.properties.title = f"Templat realisasi {NAMA_TRIWULAN[tw]} {tabel.tahun}"
    buku.properties.creator = "SAKIP KPU"
    gaya.huruf_bawaan(buku)
    for c, w in enumerate(lebar, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.column_dimensions["A"].hidden = True
    lembar = Lembar(ws, lebar)

    judul = f"TEMPLAT REALISASI {NAMA_TRIWULAN[tw]} TAHUN {tabel.tahun}"
    lembar.sel(1, 2, judul, font=gaya.FONT_JUDUL, rata=gaya.TENGAH, sampai_kolom=n)
    versi = f" versi {tabel.pk.versi}" if tabel.pk.versi > 1 else ""
    lembar.sel(
        2,
        2,
        f"{satker.nama_lengkap} · terhadap Perjanjian Kinerja {tabel.tahun}{versi}",
        rata=gaya.TENGAH,
        sampai_kolom=n,
    )
    lembar.sel(3, 2, PETUNJUK, font=gaya.FONT_CATATAN, sampai_kolom=n)

    r = BARIS_KEPALA
    for c, k in enumerate(kolom, start=1):
        lembar.sel(
            r,
            c,
            k.judul,
            font=gaya.FONT_TEBAL,
            rata=gaya.TENGAH_TENGAH,
            bingkai=True,
            isi=gaya.ISI_KEPALA,
        )
    r += 1
    for blok in tabel.sasaran:
        awal = r
        for ke, baris in enumerate(blok.indikator, start=1):
            _baris(lembar, r, kolom, blok.nomor, ke, baris, tw, ws)
            r += 1
        lembar.sel(
            awal,
            indeks_kolom("sasaran"),
            f"{blok.nomor}. {blok.sasaran}",
            bingkai=True,
            isi=ISI_TERKUNCI,
            sampai_baris=r - 1,
        )
    lembar.atur_tinggi(r - 1)

    ws.freeze_panes = ws.cell(row=BARIS_KEPALA + 1, column=indeks_kolom("satuan"))
    ws.protection.sheet = True
    # Resizing rows and columns stays allowed: the sheet is read on screens of every size.
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    gaya.atur_cetak(
        ws,
        lanskap=True,
        margin=PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.7),
        baris_judul=f"{BARIS_KEPALA}:{BARIS_KEPALA}",
        kaki=f"{judul} · {satker.nama}",
    )

    identitas = buku.create_sheet(NAMA_LEMBAR_IDENTITAS)
    identitas["A1"] = tanda_templat(satker, tabel.tahun, tw)
    identitas.sheet_state = "veryHidden"
    identitas.protection.sheet = True
    return buku


def _baris(lembar, r, kolom, nomor, ke, baris: BarisPengukuran, tw, ws) -> None:
    indikator = baris.indikator
    sel = baris.triwulan[tw - 1]
    realisasi = sel.realisasi
    kualitatif = indikator.polaritas == Polaritas.KUALITATIF
    nilai = {
        "kunci": str(indikator.kunci),
        "nomor": f"{nomor}.{ke}",
        "indikator": indikator.indikator,
        "satuan": indikator.satuan,
        "target_tahun": indikator.target_tertulis,
        "target_tw": sel.target.strip(),
        "tersimpan": _tersimpan(baris, tw),
    }
    if realisasi is not None:
        nilai |= {k: getattr(realisasi, k) for k in ("catatan", "kendala", "solusi")}
        nilai["alasan_tidak_terukur"] = realisasi.alasan_tidak_terukur
    # Only a percentage takes a numerator and a denominator (IndikatorPk.persentase).
    pecahan = not kualitatif and indikator.persentase
    for c, k in enumerate(kolom, start=1):
        if k.kunci == "sasaran":
            continue
        diisi = k.diisi and (pecahan or k.kunci not in ("pembilang", "penyebut"))
        rata = gaya.TENGAH if k.kunci in ("nomor", "target_tahun", "target_tw") else gaya.KIRI
        lembar.sel(
            r,
            c,
            nilai.get(k.kunci) or None,
            bingkai=True,
            rata=rata,
            isi=ISI_BEBAS if diisi else ISI_TERKUNCI,
        )
        if diisi:
            ws.cell(row=r, column=c).protection = TERBUKA
    if kualitatif:
        # The scale's values as a drop-down; typing another is still read and refused there.
        skala = NILAI_SKALA.get(indikator.skala, ())
        daftar = DataValidation(type="list", formula1=f'"{",".join(skala)}"', allow_blank=True)
        daftar.error = f"Isi salah satu nilai skala: {', '.join(skala)}."
        daftar.errorStyle = "warning"
        ws.add_data_validation(daftar)
        daftar.add(ws.cell(row=r, column=indeks_kolom("nilai")))


def xlsx_templat_realisasi(satker: Satker, tabel: TabelPengukuran, tw: int) -> bytes:
    keluaran = io.BytesIO()
    buku_templat(satker, tabel, tw).save(keluaran)
    return keluaran.getvalue()


def nama_berkas_templat(satker: Satker, tahun: int, tw: int) -> str:
    return f"{satker.kode}-templat-realisasi-{tahun}-tw{tw}.xlsx"
