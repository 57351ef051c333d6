"""A document as an .xlsx laid out like its paper (and its print page, templates/pdf/).

From the type's declaration only (`JenisTerdaftar.kolom_excel`, dokumen.jenis.TabelExcel), so
no type is named here: the title rows, the identity block of a type printed with its tupoksi,
the header row(s) and the number row "1 2 3 …", the rows in the shared shape (`baca_baris`,
the rows of that version: a published document's are frozen) with the sasaran's cells merged
over its rows and a continuation row's cells merged into the row above, group rows (the IKU's
programs), ✓ for ticked quarters, Rupiah as numbers shown "8.170.412.000", the tables beside the
rows (the PK's programs, with their total), and the signature block as printed (place and date,
jabatan, name, NIP), from the same selectors as the PDF. Print setup: A4, the paper's
orientation, fit to the page's width, the header rows repeated on every page.

The import reads such a sheet back with pertukaran.lembar and pertukaran.baca.
"""

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from dokumen.jenis import JenisKolom, JenisTerdaftar, KolomExcel, TabelExcel, jenis_terdaftar
from dokumen.models import Dokumen, StatusDokumen
from pertukaran import gaya
from pertukaran.gaya import Lembar, bagi_kolom
from pertukaran.ttd import tanda_tangan

CENTANG = "✓"


class TanpaExcel(ValueError):
    """The document's type declares no Excel layout."""


def _terisi(nilai: Any) -> bool:
    return nilai not in (None, "", [])


def kolom_tampil(
    tata: TabelExcel, baris: list[dict], terdaftar: JenisTerdaftar
) -> list[KolomExcel]:
    """The columns printed: every column but the optional ones no row fills (the columns of an
    optional group all show when one is filled). A document without rows shows them all, as
    a form to fill."""
    if not baris:
        return list(tata.kolom)
    daun = terdaftar.daun(baris)
    terisi = {
        k.kunci
        for k in tata.kolom
        if any(_terisi(b.get(k.kunci)) for b in (baris if k.sasaran else daun))
    }
    kelompok_terisi = {k.kelompok for k in tata.kolom if k.kelompok and k.kunci in terisi}
    return [
        k
        for k in tata.kolom
        if not k.opsional or k.kunci in terisi or (k.kelompok and k.kelompok in kelompok_terisi)
    ]


def _rata(kolom: KolomExcel) -> Alignment:
    if kolom.jenis == JenisKolom.RUPIAH:
        return gaya.KANAN
    if kolom.jenis in (JenisKolom.NOMOR, JenisKolom.TARGET, JenisKolom.CENTANG, JenisKolom.URUT):
        return gaya.TENGAH
    return gaya.KIRI


def nilai_sel(kolom: KolomExcel, baris: dict, urut: int) -> Any:
    """What a row's cell in `kolom` shows (None: empty)."""
    if kolom.jenis == JenisKolom.URUT:
        return urut
    nilai = baris.get(kolom.kunci)
    if kolom.jenis == JenisKolom.CENTANG:
        return CENTANG if kolom.nilai in (nilai or []) else None
    if kolom.jenis in (JenisKolom.RUPIAH, JenisKolom.ANGKA):
        return nilai
    teks = str(nilai or "")
    if kolom.kunci_kode and baris.get(kolom.kunci_kode):
        teks = f"{teks} [{baris[kolom.kunci_kode]}]"
    return teks or None


class _Tabel:
    """Writes one table's body, merging a continuation row's cells into the cell above."""

    def __init__(self, lembar: Lembar, kolom: list[KolomExcel], tata: TabelExcel, rentang=None):
        self.lembar = lembar
        self.kolom = kolom
        self.tata = tata
        # The sheet columns each table column spans (a table below the main one spans several).
        self.rentang = rentang or [(i, i) for i in range(1, len(kolom) + 1)]
        self.terbuka: dict[str, list[int]] = {}  # gabung field → [first row, last row]

    def tutup(self) -> None:
        """Merge the open continuation cells."""
        for kunci, (awal, akhir) in self.terbuka.items():
            if akhir > awal:
                c = next(i for i, k in enumerate(self.kolom) if k.kunci == kunci)
                c1, c2 = self.rentang[c]
                self.lembar.ws.merge_cells(
                    start_row=awal, start_column=c1, end_row=akhir, end_column=c2
                )
        self.terbuka = {}

    def tulis_sel(self, r: int, c: int, kolom: KolomExcel, nilai: Any) -> None:
        c1, c2 = self.rentang[c]
        format_angka = None
        if kolom.jenis == JenisKolom.RUPIAH and isinstance(nilai, int):
            format_angka = gaya.format_rupiah(nilai)
        self.lembar.sel(
            r,
            c1,
            nilai,
            rata=_rata(kolom),
            bingkai=True,
            sampai_kolom=c2,
            format_angka=format_angka,
        )

    def baris(self, r: int, data: dict | None, urut: int, *, lanjutan: bool, lewati=()) -> None:
        """Row `r` from `data` (None: an empty row); columns in `lewati` are written by the
        caller (the sasaran's merged cells)."""
        for c, kolom in enumerate(self.kolom):
            if kolom.kunci in lewati and kolom.sasaran:
                continue
            nilai = None if data is None else nilai_sel(kolom, data, urut)
            if kolom.kunci in self.tata.gabung:
                if lanjutan and nilai is None and kolom.kunci in self.terbuka:
                    self.terbuka[kolom.kunci][1] = r
                    c1, c2 = self.rentang[c]
                    self.lembar.kosong(r, c1, sampai_kolom=c2)
                    continue
                self._tutup_satu(kolom.kunci)
                self.terbuka[kolom.kunci] = [r, r]
            self.tulis_sel(r, c, kolom, nilai)

    def _tutup_satu(self, kunci: str) -> None:
        if kunci in self.terbuka:
            simpan = self.terbuka
            self.terbuka = {kunci: simpan.pop(kunci)}
            self.tutup()
            self.terbuka = simpan

    def lanjutan(self, data: dict, ada_sebelum: bool) -> bool:
        return (
            bool(self.tata.lanjutan)
            and ada_sebelum
            and not any(_terisi(data.get(f)) for f in self.tata.lanjutan)
        )


def tulis_kepala(lembar: Lembar, r: int, kolom: list[KolomExcel], rentang) -> int:
    """The header row(s) and the number row at row `r`; returns the row below them."""
    dua = any(k.kelompok for k in kolom)
    gaya_kepala = {"font": gaya.FONT_TEBAL, "rata": gaya.TENGAH_TENGAH, "isi": gaya.ISI_KEPALA}
    gaya_nomor = {
        "font": gaya.FONT_NOMOR,
        "rata": gaya.TENGAH_TENGAH,
        "isi": gaya.ISI_NOMOR,
        "bingkai": True,
    }
    nomor_baris = r + (2 if dua else 1)
    nomor = 0
    c = 0
    while c < len(kolom):
        k = kolom[c]
        c1, c2 = rentang[c]
        if k.kelompok:
            akhir = c
            while akhir + 1 < len(kolom) and kolom[akhir + 1].kelompok == k.kelompok:
                akhir += 1
            g2 = rentang[akhir][1]
            lembar.sel(r, c1, k.kelompok, bingkai=True, sampai_kolom=g2, **gaya_kepala)
            for i in range(c, akhir + 1):
                a1, a2 = rentang[i]
                lembar.sel(r + 1, a1, kolom[i].judul, bingkai=True, sampai_kolom=a2, **gaya_kepala)
            nomor += 1
            lembar.sel(nomor_baris, c1, str(nomor), sampai_kolom=g2, **gaya_nomor)
            c = akhir + 1
            continue
        lembar.sel(
            r,
            c1,
            k.judul,
            bingkai=True,
            sampai_kolom=c2,
            sampai_baris=r + 1 if dua else None,
            **gaya_kepala,
        )
        nomor += 1
        lembar.sel(nomor_baris, c1, str(nomor), sampai_kolom=c2, **gaya_nomor)
        c += 1
    return nomor_baris + 1


def tulis_badan_rata(
    lembar: Lembar, r: int, kolom, tata: TabelExcel, baris: list[dict], rentang=None
):
    """A flat table's rows (with group rows); returns the row below."""
    tabel = _Tabel(lembar, kolom, tata, rentang)
    akhir_kolom = tabel.rentang[-1][1]
    kelompok_lalu: str | None = None
    berlaku = ""
    ada_sebelum = False
    for urut, data in enumerate(baris, start=1):
        if tata.kunci_kelompok:
            berlaku = data.get(tata.kunci_kelompok) or berlaku
            if berlaku and berlaku != kelompok_lalu:
                tabel.tutup()
                lembar.sel(
                    r,
                    1,
                    berlaku,
                    font=gaya.FONT_TEBAL,
                    isi=gaya.ISI_KELOMPOK,
                    bingkai=True,
                    sampai_kolom=akhir_kolom,
                )
                r += 1
                kelompok_lalu = berlaku
                ada_sebelum = False
        tabel.baris(r, data, urut, lanjutan=tabel.lanjutan(data, ada_sebelum))
        ada_sebelum = True
        r += 1
    if not baris:
        tabel.baris(r, None, 1, lanjutan=False)
        r += 1
    tabel.tutup()
    return r


def tulis_badan_berkelompok(lembar: Lembar, r: int, kolom, tata: TabelExcel, baris, kunci_anak):
    """A grouped table's rows: each sasaran's cells merged over its rows."""
    tabel = _Tabel(lembar, kolom, tata)
    kolom_sasaran = [(c, k) for c, k in enumerate(kolom) if k.sasaran]
    for sasaran in baris:
        anak = sasaran.get(kunci_anak) or [None]
        awal = r
        for i, data in enumerate(anak):
            lanjutan = data is not None and tabel.lanjutan(data, i > 0)
            tabel.baris(
                r, data, i + 1, lanjutan=lanjutan, lewati={k.kunci for _, k in kolom_sasaran}
            )
            r += 1
        tabel.tutup()
        for c, k in kolom_sasaran:
            lembar.sel(
                awal,
                c + 1,
                nilai_sel(k, sasaran, 0),
                rata=_rata(k),
                bingkai=True,
                sampai_baris=r - 1 if r - 1 > awal else None,
            )
    if not baris:
        tabel.baris(r, None, 1, lanjutan=False)
        r += 1
    return r


def tulis_tabel_tambahan(lembar: Lembar, r: int, tata: TabelExcel, baris: list[dict]) -> int:
    """A table beside the rows (the PK's programs) below the main one, its columns spread over
    the sheet's; then its total when `tata.jumlah` names an amount column."""
    kolom = list(tata.kolom)
    rentang = bagi_kolom(lembar.lebar, [k.lebar for k in kolom])
    r = tulis_kepala(lembar, r, kolom, rentang)
    r = tulis_badan_rata(lembar, r, kolom, tata, baris, rentang)
    if tata.jumlah and baris:
        c = next(i for i, k in enumerate(kolom) if k.kunci == tata.jumlah)
        nilai = [b.get(tata.jumlah) for b in baris]
        lembar.sel(
            r,
            1,
            "Jumlah",
            font=gaya.FONT_TEBAL,
            rata=gaya.TENGAH,
            bingkai=True,
            sampai_kolom=rentang[c][0] - 1,
        )
        c1, c2 = rentang[c]
        if None in nilai:
            # A total of some programs only would read as the whole budget (as the PDF).
            lembar.sel(
                r,
                c1,
                "[belum lengkap]",
                font=gaya.FONT_CATATAN,
                rata=gaya.KANAN,
                bingkai=True,
                sampai_kolom=c2,
            )
        else:
            total = sum(nilai)
            lembar.sel(
                r,
                c1,
                total,
                font=gaya.FONT_TEBAL,
                rata=gaya.KANAN,
                bingkai=True,
                sampai_kolom=c2,
                format_angka=gaya.format_rupiah(total),
            )
        r += 1
    return r


def _identitas(lembar: Lembar, r: int, dokumen: Dokumen, n: int) -> int:
    """The unit and its tupoksi above the table (a type printed `dengan_tupoksi`): each list's
    title on a row of its own, its items below, indented by the first column."""
    from dokumen.pdf import daftar_tupoksi

    lembar.sel(r, 1, f"Nama/Unit Organisasi: {dokumen.satker.nama_lengkap}", sampai_kolom=n)
    r += 1
    if dokumen.tahun_anggaran:
        lembar.sel(r, 1, f"Tahun Anggaran: {dokumen.tahun_anggaran}", sampai_kolom=n)
        r += 1
    awal_isi = 2 if n > 1 else 1
    for judul, isi in daftar_tupoksi(dokumen.satker):
        lembar.sel(r, 1, f"{judul}:", font=gaya.FONT_TEBAL, sampai_kolom=n)
        r += 1
        for tanda, teks in isi:
            lembar.sel(r, awal_isi, f"{tanda} {teks}".strip(), sampai_kolom=n)
            r += 1
    return r + 1


def _cetak(ws: Worksheet, tata: TabelExcel, dokumen: Dokumen, kepala: tuple[int, int]) -> None:
    gaya.atur_cetak(
        ws,
        lanskap=tata.lanskap,
        margin=PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.7, header=0.3, footer=0.3),
        baris_judul=f"{kepala[0]}:{kepala[1]}",
        kaki=f"{dokumen.judul} · {dokumen.satker.nama}"
        + ("" if dokumen.status == StatusDokumen.TERBIT else " · DRAF, belum ditandatangani"),
        tengah=True,
    )


LEBAR_NASKAH = (4.0, 30.0, 30.0, 30.0)  # the agreement's sheet: an indent, then the text


def _lembar_naskah(buku: Workbook, tata: TabelExcel, dokumen: Dokumen) -> None:
    """The text page before the table (the PK's agreement) on a sheet of its own, then the
    signature block, as the PDF's first page."""
    ws = buku.create_sheet(tata.nama_lembar_naskah[:31], 0)
    lembar = Lembar(ws, list(LEBAR_NASKAH))
    n = len(LEBAR_NASKAH)
    for c, w in enumerate(LEBAR_NASKAH, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    r = 1
    for jenis, teks in tata.naskah(dokumen):
        if jenis == "kop":
            lembar.sel(r, 1, teks, font=gaya.FONT_JUDUL, rata=gaya.TENGAH, sampai_kolom=n)
        elif jenis == "judul":
            r += 1
            lembar.sel(r, 1, teks, font=gaya.FONT_JUDUL, rata=gaya.TENGAH, sampai_kolom=n)
            r += 1
        else:
            lembar.sel(r, 2, teks, rata=gaya.RATA_KIRI_KANAN, sampai_kolom=n)
        r += 1
    r += 1
    awal_ttd = r
    r = tanda_tangan(lembar, r, dokumen, n)
    lembar.atur_tinggi(r)
    lembar.satu_halaman(awal_ttd, r - 1, kepala=(1, 1), lanskap=False)
    gaya.atur_cetak(ws, lanskap=False, margin=PageMargins(left=0.7, right=0.7, top=0.6, bottom=0.7))
    ws.print_area = f"A1:{get_column_letter(n)}{r}"


def buku_dokumen(dokumen: Dokumen) -> Workbook:
    """The workbook of `dokumen`: one sheet, laid out like the paper."""
    terdaftar = jenis_terdaftar(dokumen.jenis)
    tata = terdaftar.kolom_excel
    if tata is None:
        raise TanpaExcel(f"Jenis {dokumen.jenis} belum dapat diunduh sebagai Excel.")
    baris = terdaftar.baca_baris(dokumen)
    kolom = kolom_tampil(tata, baris, terdaftar)
    n = len(kolom)

    buku = Workbook()
    ws = buku.active
    ws.title = tata.nama_lembar[:31]
    buku.properties.title = dokumen.judul
    buku.properties.subject = dokumen.satker.nama_lengkap
    buku.properties.creator = "SAKIP KPU"
    gaya.huruf_bawaan(buku)
    lembar = Lembar(ws, [k.lebar for k in kolom])
    for c, k in enumerate(kolom, start=1):
        ws.column_dimensions[get_column_letter(c)].width = k.lebar

    r = 1
    if dokumen.label_lampiran:
        lembar.sel(
            r, 1, dokumen.label_lampiran, font=gaya.FONT_TEBAL, rata=gaya.KIRI, sampai_kolom=n
        )
        r += 1
    judul = (
        tata.judul(dokumen) if tata.judul else [dokumen.judul, dokumen.satker.nama_lengkap.upper()]
    )
    for teks in judul:
        lembar.sel(r, 1, teks, font=gaya.FONT_JUDUL, rata=gaya.TENGAH, sampai_kolom=n)
        r += 1
    if dokumen.status != StatusDokumen.TERBIT:
        lembar.sel(
            r,
            1,
            "DRAF — belum ditandatangani",
            font=gaya.FONT_CATATAN,
            rata=gaya.TENGAH,
            sampai_kolom=n,
        )
        r += 1
    r += 1
    if terdaftar.dengan_tupoksi:
        r = _identitas(lembar, r, dokumen, n)

    awal_kepala = r
    r = tulis_kepala(lembar, r, kolom, [(i, i) for i in range(1, n + 1)])
    kepala = (awal_kepala, r - 1)
    if terdaftar.kunci_anak is None:
        r = tulis_badan_rata(lembar, r, kolom, tata, baris)
    else:
        r = tulis_badan_berkelompok(lembar, r, kolom, tata, baris, terdaftar.kunci_anak)
    # Blocks kept on one page: a table beside the rows, its header with its first rows.
    utuh: list[tuple[int, int]] = []
    for kunci, tata_tambahan in tata.tambahan:
        r += 1
        awal = r
        r = tulis_tabel_tambahan(
            lembar, r, tata_tambahan, terdaftar.tabel_tambahan(kunci).baca(dokumen)
        )
        utuh.append((awal, min(r - 1, awal + 4)))

    r += 1
    awal_ttd = r
    r = tanda_tangan(lembar, r, dokumen, n)
    utuh.append((awal_ttd, r - 1))
    lembar.atur_tinggi(r)
    # The signature block is never split over two pages, nor a table from its header.
    for awal, akhir in utuh:
        lembar.satu_halaman(awal, akhir, kepala=kepala, lanskap=tata.lanskap)
    if not terdaftar.dengan_tupoksi:
        ws.freeze_panes = f"A{kepala[1] + 1}"
    _cetak(ws, tata, dokumen, kepala)
    ws.print_area = f"A1:{get_column_letter(n)}{r}"
    if tata.naskah is not None:
        _lembar_naskah(buku, tata, dokumen)
    return buku


def xlsx_dokumen(dokumen: Dokumen) -> bytes:
    """The .xlsx bytes of `dokumen` (its rows as this version has them)."""
    keluaran = io.BytesIO()
    buku_dokumen(dokumen).save(keluaran)
    return keluaran.getvalue()


def nama_berkas_xlsx(dokumen: Dokumen) -> str:
    """As the PDF's name, ending .xlsx: "kab-lebak-rak-2024-v1.xlsx" (a draft's "draf-…")."""
    from dokumen.unduh import nama_berkas

    return nama_berkas(dokumen).removesuffix(".pdf") + ".xlsx"
