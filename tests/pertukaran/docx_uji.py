"""Word files for the import's tests, laid out as satker lay them out in Word: title and
tupoksi paragraphs, the type's table split into several tables at page breaks (the header
repeated, or not), the number row, merged sasaran/No cells (vMerge), group rows spanning the
table (gridSpan), continuation rows merged into the row above, ✓ as text and as a Wingdings
`w:sym`, Rupiah written "8.170.412.000", the place and date and the signature block below.

Built with python-docx from a document's rows (`baca_baris`) and its type's paper columns
(`kolom_excel`), as pertukaran.xlsx builds the sheet; `docx_tabel` writes hand-made grids.
"""

import io
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from dokumen.jenis import JenisKolom, JenisTerdaftar, KolomExcel, jenis_terdaftar
from dokumen.models import Dokumen
from dokumen.pdf import daftar_tupoksi
from dokumen.selectors import penandatangan_tercetak_semua, tanggal_ttd_tertulis
from kpu_kinerja.formats import ribuan
from pertukaran.xlsx import CENTANG, kolom_tampil, nilai_sel

Merge = tuple[int, int, int, int]  # first row, first column, last row, last column


@dataclass
class _Grid:
    """A table as a grid of texts and the rectangles merged in it."""

    sel: list[list[str]] = field(default_factory=list)
    gabung: list[Merge] = field(default_factory=list)

    def tambah(self, baris: list[str]) -> int:
        self.sel.append(baris)
        return len(self.sel) - 1


def _teks(kolom: KolomExcel, baris: dict, urut: int) -> str:
    nilai = nilai_sel(kolom, baris, urut)
    if nilai is None:
        return ""
    if kolom.jenis == JenisKolom.RUPIAH and isinstance(nilai, int):
        return ribuan(nilai)
    return str(nilai)


def _kepala(kolom: list[KolomExcel]) -> _Grid:
    """The header row(s) and the number row, as pertukaran.xlsx writes them."""
    g = _Grid()
    n = len(kolom)
    dua = any(k.kelompok for k in kolom)
    atas = [""] * n
    bawah = [""] * n
    nomor = [""] * n
    c = angka = 0
    while c < n:
        k = kolom[c]
        akhir = c
        if k.kelompok:
            while akhir + 1 < n and kolom[akhir + 1].kelompok == k.kelompok:
                akhir += 1
            atas[c] = k.kelompok
            for i in range(c, akhir + 1):
                bawah[i] = kolom[i].judul
            g.gabung.append((0, c, 0, akhir))
        else:
            atas[c] = k.judul
            if dua:
                g.gabung.append((0, c, 1, c))
        angka += 1
        nomor[c] = str(angka)
        if akhir > c:
            g.gabung.append((2 if dua else 1, c, 2 if dua else 1, akhir))
        c = akhir + 1
    g.sel = [atas, bawah, nomor] if dua else [atas, nomor]
    return g


class _Badan:
    """A table's body rows, merging a continuation row's cells into the cell above."""

    def __init__(self, kolom: list[KolomExcel], terdaftar: JenisTerdaftar):
        self.kolom = kolom
        self.tata = terdaftar.kolom_excel
        self.g = _Grid()
        self.terbuka: dict[int, list[int]] = {}  # column → [first row, last row]

    def tutup(self, c: int | None = None) -> None:
        for kolom in [c] if c is not None else list(self.terbuka):
            if kolom in self.terbuka:
                awal, akhir = self.terbuka.pop(kolom)
                if akhir > awal:
                    self.g.gabung.append((awal, kolom, akhir, kolom))

    def baris(self, data: dict | None, urut: int, *, lanjutan: bool) -> int:
        sel = ["" if data is None else _teks(k, data, urut) for k in self.kolom]
        r = self.g.tambah(sel)
        for c, k in enumerate(self.kolom):
            if k.kunci not in self.tata.gabung:
                continue
            if lanjutan and not sel[c] and c in self.terbuka:
                self.terbuka[c][1] = r
                continue
            self.tutup(c)
            self.terbuka[c] = [r, r]
        return r

    def lanjutan(self, data: dict, ada_sebelum: bool) -> bool:
        return (
            bool(self.tata.lanjutan)
            and ada_sebelum
            and not any(data.get(f) not in (None, "", []) for f in self.tata.lanjutan)
        )


def _badan(terdaftar: JenisTerdaftar, kolom: list[KolomExcel], baris: list[dict]) -> _Grid:
    badan = _Badan(kolom, terdaftar)
    tata = terdaftar.kolom_excel
    n = len(kolom)
    if terdaftar.kunci_anak is None:
        kelompok_lalu, berlaku, ada_sebelum = None, "", False
        for urut, data in enumerate(baris, start=1):
            if tata.kunci_kelompok:
                berlaku = data.get(tata.kunci_kelompok) or berlaku
                if berlaku and berlaku != kelompok_lalu:
                    badan.tutup()
                    r = badan.g.tambah([berlaku] + [""] * (n - 1))
                    badan.g.gabung.append((r, 0, r, n - 1))  # the program row spans the table
                    kelompok_lalu, ada_sebelum = berlaku, False
            badan.baris(data, urut, lanjutan=badan.lanjutan(data, ada_sebelum))
            ada_sebelum = True
    else:
        kolom_sasaran = [c for c, k in enumerate(kolom) if k.sasaran]
        for sasaran in baris:
            anak = sasaran.get(terdaftar.kunci_anak) or [None]
            awal = len(badan.g.sel)
            for i, data in enumerate(anak):
                r = badan.baris(data, i + 1, lanjutan=data is not None and badan.lanjutan(data, i))
                for c in kolom_sasaran:
                    badan.g.sel[r][c] = _teks(kolom[c], sasaran, 0) if r == awal else ""
            badan.tutup()
            akhir = len(badan.g.sel) - 1
            badan.g.gabung.extend((awal, c, akhir, c) for c in kolom_sasaran if akhir > awal)
    badan.tutup()
    return badan.g


def _potong(kepala: _Grid, badan: _Grid, pecah: int, tanpa_kepala: Collection[int]):
    """The table split into `pecah` tables at page breaks: each part's header (repeated, but
    not on the parts in `tanpa_kepala`) over its rows; a merge crossing a break is cut (the
    text stays above, the part below starts with an empty merged cell, as Word splits it)."""
    n = len(badan.sel)
    batas = [round(i * n / pecah) for i in range(pecah + 1)]
    for ke, (a, b) in enumerate(zip(batas, batas[1:], strict=False)):
        bagian = _Grid()
        geser = 0
        if ke == 0 or ke not in tanpa_kepala:
            bagian.sel = [list(s) for s in kepala.sel]
            bagian.gabung = list(kepala.gabung)
            geser = len(kepala.sel)
        bagian.sel += [list(s) for s in badan.sel[a:b]]
        for r1, c1, r2, c2 in badan.gabung:
            awal, akhir = max(r1, a), min(r2, b - 1)
            if awal <= akhir and (awal, c1) != (akhir, c2):
                bagian.gabung.append((awal - a + geser, c1, akhir - a + geser, c2))
        yield bagian


def _isi_sel(sel, teks: str, simbol: bool) -> None:
    """A cell's text; a "✓" written as Word's Wingdings symbol when `simbol`."""
    if teks == CENTANG and simbol:
        run = sel.paragraphs[0].add_run()
        sym = OxmlElement("w:sym")
        sym.set(qn("w:font"), "Wingdings")
        sym.set(qn("w:char"), "F0FC")
        run._r.append(sym)
    elif teks:
        sel.text = teks


def _tulis_tabel(doc, grid: _Grid, *, simbol: bool = False) -> None:
    """`grid` as a Word table; every second ✓ a `w:sym` when `simbol`."""
    lebar = max(len(b) for b in grid.sel)
    tabel = doc.add_table(rows=len(grid.sel), cols=lebar)
    tabel.style = "Table Grid"
    sel = tabel._cells  # the grid's cells, row by row, before any merge
    ganti = False
    for r, baris in enumerate(grid.sel):
        for c, teks in enumerate(baris):
            if teks == CENTANG:
                ganti = not ganti
            _isi_sel(sel[r * lebar + c], teks, simbol and ganti)
    for r1, c1, r2, c2 in grid.gabung:
        sel[r1 * lebar + c1].merge(sel[r2 * lebar + c2])


def _paragraf(doc, teks: str) -> None:
    """A paragraph; line breaks in `teks` are Word's line breaks (Shift+Enter)."""
    pertama, *lain = teks.split("\n")
    p = doc.add_paragraph()
    run = p.add_run(pertama)
    for baris in lain:
        run.add_break()
        run = p.add_run(baris)


def _ganti_halaman(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _tupoksi(dokumen: Dokumen) -> list[str]:
    """The identity block as paragraphs: one item after its title's colon, a list below it; the
    first long item broken over two paragraphs, as a hard return in Word leaves it."""
    hasil = [f"Nama/Unit Organisasi : {dokumen.satker.nama_lengkap}"]
    if dokumen.tahun_anggaran:
        hasil.append(f"Tahun Anggaran : {dokumen.tahun_anggaran}")
    terpotong = False
    for judul, isi in daftar_tupoksi(dokumen.satker):
        if len(isi) == 1 and not isi[0][0]:
            hasil.append(f"{judul} : {isi[0][1]}")
            continue
        hasil.append(f"{judul} :")
        for tanda, teks in isi:
            kata = teks.split()
            if not terpotong and len(kata) > 12:
                terpotong = True
                hasil += [f"{tanda} {' '.join(kata[:6])}", " ".join(kata[6:])]
            else:
                hasil.append(f"{tanda} {teks}")
    return hasil


def _tanda_tangan(dokumen: Dokumen) -> list[str]:
    """The signature block as printed: place and date, each party's jabatan, name and NIP."""
    hasil = [f"{dokumen.tempat_ttd or '[tempat]'}, {tanggal_ttd_tertulis(dokumen) or '[tanggal]'}"]
    for pihak in penandatangan_tercetak_semua(dokumen):
        if pihak.judul:
            hasil.append(pihak.judul)
        penanda = pihak.penanda
        if penanda is None:
            hasil.append(f"[{pihak.kosong}]")
            continue
        hasil += [f"{penanda.awalan_status}{penanda.sebutan_jabatan}", "", "", penanda.nama]
        if penanda.nip:
            hasil.append(f"NIP. {penanda.nip}")
    return hasil


def _docx(
    terdaftar: JenisTerdaftar,
    baris: list[dict],
    *,
    sebelum: Sequence[str] = (),
    sesudah: Sequence[str] = (),
    tambahan: Sequence[tuple[JenisTerdaftar, list[dict]]] = (),
    pecah: int = 2,
    tanpa_kepala: Collection[int] = (2,),
    simbol: bool = True,
    kop_tabel: bool = False,
    ttd_tabel: bool = False,
) -> bytes:
    doc = Document()
    if kop_tabel:  # a layout table for the letterhead, above everything
        _tulis_tabel(doc, _Grid([["[logo]", "KOMISI PEMILIHAN UMUM"]]))
    for teks in sebelum:
        _paragraf(doc, teks)
    kolom = kolom_tampil(terdaftar.kolom_excel, baris, terdaftar)
    kepala, badan = _kepala(kolom), _badan(terdaftar, kolom, baris)
    for ke, bagian in enumerate(_potong(kepala, badan, max(1, pecah), tanpa_kepala)):
        if ke:
            _ganti_halaman(doc)
        _tulis_tabel(doc, bagian, simbol=simbol)
    for tata, isi in tambahan:
        doc.add_paragraph()
        kolom = list(tata.kolom_excel.kolom)
        kepala, badan = _kepala(kolom), _badan(tata, kolom, isi)
        _tulis_tabel(doc, _Grid(kepala.sel + badan.sel, kepala.gabung), simbol=simbol)
    doc.add_paragraph()
    if ttd_tabel:  # the signature in the right cell of a borderless layout table
        sel = doc.add_table(rows=1, cols=2).rows[0].cells[1]
        sel.text = sesudah[0] if sesudah else ""
        for teks in sesudah[1:]:
            sel.add_paragraph(teks)
    else:
        for teks in sesudah:
            _paragraf(doc, teks)
    keluaran = io.BytesIO()
    doc.save(keluaran)
    return keluaran.getvalue()


def docx_dokumen(
    dokumen: Dokumen,
    *,
    pecah: int = 2,
    tanpa_kepala: Collection[int] = (2,),
    simbol: bool = True,
    kop_tabel: bool = False,
    ttd_tabel: bool = False,
) -> bytes:
    """`dokumen` as a .docx the way Word lays it out: title, tupoksi (a type printed with
    them), the table split into `pecah` tables (the header repeated, except on the parts in
    `tanpa_kepala`, 0-based), the place and date and the signature block; `kop_tabel` adds a
    layout table above everything, `ttd_tabel` lays the signature out in a table."""
    terdaftar = jenis_terdaftar(dokumen.jenis)
    tata = terdaftar.kolom_excel
    judul = (
        tata.judul(dokumen) if tata.judul else [dokumen.judul, dokumen.satker.nama_lengkap.upper()]
    )
    sebelum = [dokumen.label_lampiran, *judul] if dokumen.label_lampiran else list(judul)
    if terdaftar.dengan_tupoksi:
        sebelum += _tupoksi(dokumen)
    tambahan = [
        (_TabelSaja(t), terdaftar.tabel_tambahan(kunci).baca(dokumen)) for kunci, t in tata.tambahan
    ]
    return _docx(
        terdaftar,
        terdaftar.baca_baris(dokumen),
        sebelum=sebelum,
        sesudah=_tanda_tangan(dokumen),
        tambahan=tambahan,
        pecah=pecah,
        tanpa_kepala=tanpa_kepala,
        simbol=simbol,
        kop_tabel=kop_tabel,
        ttd_tabel=ttd_tabel,
    )


@dataclass(frozen=True)
class _TabelSaja:
    """A table beside the rows (a dokumen.jenis.TabelExcel) as the writer needs a type."""

    kolom_excel: object
    kunci_anak: None = None


def docx_tabel(
    baris: list[list[str]],
    *,
    sebelum: Sequence[str] = (),
    sesudah: Sequence[str] = (),
    lain: Sequence[list[list[str]]] = (),
    gabung: Sequence[Merge] = (),
    simbol: bool = True,
) -> bytes:
    """A hand-made table (every row as wide as the first) as a .docx, `gabung` merged, ✓ cells
    alternately as Wingdings symbols; the tables in `lain` after it, then `sesudah`."""
    doc = Document()
    for teks in sebelum:
        _paragraf(doc, teks)
    if baris:  # none: a document without a table
        _tulis_tabel(doc, _Grid([list(b) for b in baris], list(gabung)), simbol=simbol)
    for tabel in lain:
        _ganti_halaman(doc)
        _tulis_tabel(doc, _Grid([list(b) for b in tabel]), simbol=simbol)
    for teks in sesudah:
        _paragraf(doc, teks)
    keluaran = io.BytesIO()
    doc.save(keluaran)
    return keluaran.getvalue()


def baris_rak_besar(n: int = 200) -> list[dict]:
    """`n` RAK rows (four per sasaran, every second a continuation of its indikator) in the
    shared shape, for the speed test."""
    hasil = []
    for s in range(0, n, 4):
        anak = []
        for i in range(min(4, n - s)):
            lanjut = i % 2 == 1
            anak.append(
                {
                    "indikator": "" if lanjut else f"Persentase indikator {s + i + 1} yang tepat",
                    "target": "" if lanjut else "85%",
                    "kegiatan": f"Kegiatan aksi {s + i + 1} sesuai jadwal dan ketentuan",
                    "target_kegiatan_aksi": "2 Lap",
                    "triwulan": [1, 2, 3, 4] if i % 3 else [2, 4],
                    "anggaran": 8_170_412_000 + s + i if i != 2 else None,
                    "pelaksana": "Sub Bagian KUL",
                }
            )
        nomor = str(s // 4 + 1)
        hasil.append({"nomor": nomor, "sasaran": f"Terwujudnya sasaran {nomor}", "baris": anak})
    return hasil


def docx_rak_besar(n: int = 200) -> bytes:
    """A RAK of `n` rows as Word lays it out over five pages."""
    return _docx(
        jenis_terdaftar("RAK"),
        baris_rak_besar(n),
        sebelum=["RENCANA AKSI KINERJA TAHUNAN 2024", "KOMISI PEMILIHAN UMUM KABUPATEN LEBAK"],
        sesudah=["Rangkasbitung, 26 Januari 2024", "Sekretaris KPU Kabupaten Lebak", "", "NAMA"],
        pecah=5,
        tanpa_kepala=(3,),
    )
