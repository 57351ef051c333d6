"""Rows pasted from Word, Excel or LibreOffice into the editor: the clipboard as a clean table
(rows of cell strings), read by pertukaran.baca as an import reads a file, answered in the
editor's shape with each warning at the row it concerns.

The clipboard's HTML (`<table>` with rowspan/colspan, as every office program copies it) is
preferred over its text (tab-separated, cells with line breaks quoted as Excel writes them).
Pasted rows usually come without the header row: they are then read as the paper's columns in
order, starting from the column pasted into.
"""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from dokumen.editor import BARIS_MAKS, kolom_isi
from dokumen.jenis import JenisKolom, JenisTerdaftar, TabelExcel
from pertukaran.baca import Tabel, baca_tabel, cari_kepala

UKURAN_MAKS = 1_000_000  # characters of clipboard, HTML or text
BARIS_TABEL_MAKS = 1_000  # rows of the pasted table
PESAN_TERLALU_BESAR = "Yang ditempel terlalu besar (lebih dari 1 MB): tempel sebagian baris saja."
KOLOM_MAKS = 60  # cells of a row; a wider colspan is cut here
PESAN_BARIS_MAKS = (
    f"Terlalu banyak baris yang ditempel: paling banyak {BARIS_TABEL_MAKS} baris sekali tempel."
)
# baca's warning for rows above any sasaran; pasted into a block, they are that block's rows.
PESAN_TANPA_SASARAN = "Baris ini tidak berada di bawah sasaran mana pun."


class TempelDitolak(ValueError):
    """The clipboard cannot be read: too big, too many rows, or no table in it."""


# --- the clipboard as a table -------------------------------------------------------------

_BLOK = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table"}
_LEWAT = {"style", "script", "head", "title", "xml"}


class _PembacaHtml(HTMLParser):
    """The cells of every outermost <table>, in order, as (text, rowspan, colspan) per row."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.baris: list[list[tuple[list[str], int, int]]] = []
        self._dalam = 0  # table depth: a nested table's text belongs to its outer cell
        self._sel: list[str] | None = None
        self._lewat = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _LEWAT:
            self._lewat += 1
        elif tag == "table":
            self._dalam += 1
            if self._dalam > 1 and self._sel is not None:
                self._sel.append("\n")
        elif self._dalam == 1 and tag == "tr":
            if len(self.baris) >= BARIS_TABEL_MAKS:
                raise TempelDitolak(PESAN_BARIS_MAKS)
            self.baris.append([])
        elif self._dalam == 1 and tag in ("td", "th"):
            if not self.baris:
                self.baris.append([])
            nilai = dict(attrs)
            self._sel = []
            self.baris[-1].append(
                (self._sel, _rentang(nilai.get("rowspan")), _rentang(nilai.get("colspan")))
            )
        elif self._sel is not None and (tag == "br" or tag in _BLOK):
            self._sel.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _LEWAT:
            self._lewat = max(0, self._lewat - 1)
        elif tag == "table":
            self._dalam = max(0, self._dalam - 1)
            if self._dalam == 0:
                self._sel = None
        elif self._dalam == 1 and tag in ("td", "th"):
            self._sel = None
        elif self._sel is not None and tag in _BLOK:
            self._sel.append("\n")

    def handle_data(self, data: str) -> None:
        if self._sel is not None and not self._lewat:
            # Source line breaks are HTML whitespace; only <br> and paragraphs break a line.
            self._sel.append(" ".join(data.replace("\xa0", " ").split()) if data.strip() else " ")


def _rentang(nilai: str | None) -> int:
    try:
        return min(max(int(str(nilai).strip()), 1), BARIS_TABEL_MAKS)
    except ValueError:
        return 1


def _teks(potongan: list[str]) -> str:
    baris = "".join(potongan).split("\n")
    return "\n".join(" ".join(b.split()) for b in baris if b.strip())


def tabel_html(html: str) -> Tabel:
    """The grid of the clipboard's tables: a merged cell's text in its first cell, "" in the
    cells it covers (what baca expects); [] when the HTML holds no table."""
    pembaca = _PembacaHtml()
    pembaca.feed(html)
    pembaca.close()
    grid: list[list[str]] = []
    tertutup: dict[tuple[int, int], bool] = {}  # (row, column) covered by a rowspan above
    for r, sel_baris in enumerate(pembaca.baris):
        baris: list[str] = []
        k = 0
        for potongan, rowspan, colspan in sel_baris:
            while tertutup.pop((r, k), False):
                baris.append("")
                k += 1
            colspan = min(colspan, KOLOM_MAKS - k)
            if colspan <= 0:
                break
            baris.extend([_teks(potongan)] + [""] * (colspan - 1))
            for bawah in range(r + 1, min(r + rowspan, len(pembaca.baris))):
                for kanan in range(k, k + colspan):
                    tertutup[(bawah, kanan)] = True
            k += colspan
        while tertutup.pop((r, k), False):
            baris.append("")
            k += 1
        grid.append(baris)
    return grid


def tabel_teks(teks: str) -> Tabel:
    """The grid of tab-separated text as Excel and LibreOffice copy it: a row a line, a cell
    holding line breaks or quotes in double quotes."""
    grid: list[list[str]] = []
    try:
        for baris in csv.reader(io.StringIO(teks.replace("\r\n", "\n")), delimiter="\t"):
            if len(grid) >= BARIS_TABEL_MAKS:
                raise TempelDitolak(PESAN_BARIS_MAKS)
            grid.append([sel.replace("\xa0", " ").strip() for sel in baris[:KOLOM_MAKS]])
    except csv.Error:
        raise TempelDitolak(
            "Teks yang ditempel tidak terbaca sebagai tabel (ada sel yang terlalu panjang)."
        ) from None
    return grid


def tabel_papan_klip(*, html: str = "", teks: str = "") -> Tabel:
    """The pasted table: the HTML's when it holds one, else the text's."""
    if len(html) > UKURAN_MAKS or len(teks) > UKURAN_MAKS:
        raise TempelDitolak(PESAN_TERLALU_BESAR)
    tabel = tabel_html(html) if "<t" in html.lower() else []
    if not any(any(sel for sel in b) for b in tabel):
        tabel = tabel_teks(teks)
    if not any(any(sel for sel in b) for b in tabel):
        raise TempelDitolak(
            "Tidak ada tabel yang ditempel: salin baris tabel dari Word atau Excel."
        )
    return tabel


# --- the table as the editor's rows -----------------------------------------------------


@dataclass
class HasilTempel:
    """What a paste gives the editor: blocks in its shape (`ke_form`) as
    {"kepala": fields, "peringatan": [...], "baris": [{"isian": fields, "peringatan": [...]}]},
    each warning {"pesan", "kolom": the field it concerns or ""}; and the warnings (texts)
    that concern no one row."""

    blok: list[dict[str, Any]] = field(default_factory=list)
    peringatan: list[str] = field(default_factory=list)
    jumlah_baris: int = 0
    tanpa_judul: bool = False


def _kolom_mulai(tata: TabelExcel, mulai: str) -> int:
    """Where the paper's columns start for a paste into the editor's field `mulai` (the RAK's
    quarter ticks are tw1…tw4); the first column when it is none of them."""
    for posisi, kolom in enumerate(tata.kolom):
        if kolom.kunci == mulai or (
            kolom.jenis == JenisKolom.CENTANG and f"tw{kolom.nilai}" == mulai
        ):
            return posisi
    return 0


def _dengan_judul(
    terdaftar: JenisTerdaftar, tabel: Tabel, mulai: str
) -> tuple[Tabel, int, list[str]]:
    """`tabel` with a header row on top unless it has one, how many rows were added above it,
    and what the user should know about how its cells were read."""
    tata = terdaftar.kolom_excel
    kepala, _ = cari_kepala(tata, tabel)
    if kepala is not None:
        return tabel, 0, []
    kolom = tata.kolom[_kolom_mulai(tata, mulai) :]
    lebar = max(len(b) for b in tabel)
    catatan = [
        "Tanpa baris judul kolom: sel dibaca berurutan sebagai kolom "
        + ", ".join(k.judul for k in kolom[:lebar])
        + "."
    ]
    lebih = [r + 1 for r, b in enumerate(tabel) if _berisi(b[len(kolom) :])]
    if lebih:
        catatan.append(
            f"Baris {_daftar(lebih)}: sel di kanan kolom {kolom[-1].judul} tidak punya kolom "
            "dan dilewati."
        )
    return [[k.judul for k in kolom], *tabel], 1, catatan


def _berisi(baris: Sequence[str]) -> bool:
    return any(sel.strip() for sel in baris)


def _daftar(nomor: Sequence[int]) -> str:
    teks = ", ".join(str(n) for n in nomor[:10])
    return teks + (f" dan {len(nomor) - 10} lainnya" if len(nomor) > 10 else "")


def _nilai_form(fields: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """A row's values as the editor's inputs show them ("8.170.412.000", a tick as true)."""
    hasil = {}
    for nama, nilai in data.items():
        if nama in fields:
            nilai = fields[nama].prepare_value(nilai)
            hasil[nama] = (
                nilai if isinstance(nilai, bool) else ("" if nilai is None else str(nilai))
            )
    return hasil


def baca_tempel(
    terdaftar: JenisTerdaftar, tabel: Tabel, *, mulai: str = "", lanjut: bool = False
) -> HasilTempel:
    """The editor's blocks from a pasted table of `terdaftar`'s paper. `mulai`: the field
    pasted into, where a table without header starts; `lanjut`: the rows above any sasaran
    belong to the block pasted into (no warning for them)."""
    isi, tambah, catatan = _dengan_judul(terdaftar, tabel, mulai)
    hasil_baca = baca_tabel(terdaftar, isi)
    # The table ends at its first empty row (baca's rule, which keeps a signature block or a
    # note below it out); what is left below is said, not dropped silently.
    sisa = [r + 1 - tambah for r in range(hasil_baca.akhir, len(isi)) if _berisi(isi[r])]
    if sisa:
        catatan.append(
            f"Baris {_daftar(sisa)} di bawah baris kosong tidak dibaca (di luar tabel): "
            "tempel baris tersebut tersendiri bila termasuk tabel."
        )
    daun = terdaftar.daun(hasil_baca.baris)
    if len(daun) > BARIS_MAKS:
        raise TempelDitolak(
            f"Terlalu banyak baris: {len(daun)} baris, editor menampung paling banyak "
            f"{BARIS_MAKS} baris."
        )
    # Warnings by the table row they concern, a sasaran's (its row is under none) apart from
    # its row's cells'; said as "Baris 3", counting the rows as pasted.
    pesan: dict[int, list[str]] = {}
    pesan_sasaran: dict[int, list[str]] = {}
    for p in hasil_baca.peringatan:
        if p.pesan != PESAN_TANPA_SASARAN:
            pesan.setdefault(p.baris, []).append(p.pesan)
        elif not lanjut:
            pesan_sasaran.setdefault(p.baris, []).append(p.pesan)

    def ambil(nomor: int, dari: dict[int, list[str]] = pesan) -> list[str]:
        asli = nomor - tambah
        return [f"Baris {asli}: {teks}" for teks in dari.pop(nomor, [])] if asli > 0 else []

    # The table row each row was read from, as baca records it.
    if terdaftar.berkelompok:
        nomor_sasaran = hasil_baca.nomor
        nomor_daun = [n for anak in hasil_baca.nomor_anak for n in anak]
    else:
        nomor_sasaran, nomor_daun = [], hasil_baca.nomor
    kelas = terdaftar.formset
    kolom_kepala = kolom_isi(kelas.kelas_sasaran.form)
    kolom_baris = kolom_isi(kelas.kelas_baris.form)
    kunci_anak = kelas.kunci_anak or terdaftar.kunci_anak
    catatan_daun = iter(
        [{"pesan": p, "kolom": _kolom_pesan(terdaftar.kolom_excel, p)} for p in ambil(nomor)]
        + _catatan_baris(terdaftar, row)
        for nomor, row in zip(nomor_daun, daun, strict=True)
    )
    hasil = HasilTempel(tanpa_judul=bool(tambah), jumlah_baris=len(daun))
    for posisi, item in enumerate(terdaftar.ke_form(hasil_baca.baris)):
        kepala = {k: v for k, v in item.items() if k != kunci_anak}
        dari = nomor_sasaran[posisi] if posisi < len(nomor_sasaran) else 0
        hasil.blok.append(
            {
                "kepala": _nilai_form(kolom_kepala, kepala),
                "peringatan": [{"pesan": p, "kolom": ""} for p in ambil(dari, pesan_sasaran)],
                "baris": [
                    {"isian": _nilai_form(kolom_baris, row), "peringatan": next(catatan_daun)}
                    for row in item.get(kunci_anak) or []
                ],
            }
        )
    if any(hasil_baca.tambahan.values()):
        catatan.append(
            "Tabel di bawah baris (mis. program dan anggaran) tidak ditempel di sini: ubah di "
            "halaman tersendiri."
        )
    if tambah:
        # The header added above the paste: the note on the columns assumed says it all.
        pesan.pop(1, None)
    pesan |= {n: pesan.get(n, []) + p for n, p in pesan_sasaran.items()}
    umum = [teks for nomor in sorted(pesan) for teks in ambil(nomor)]
    hasil.peringatan = catatan + umum
    return hasil


def _kolom_pesan(tata: TabelExcel, pesan: str) -> str:
    """The editor's field a warning of baca's is about ("Kolom ANGGARAN berisi …"), so it
    stands in that cell; "" for the row as a whole."""
    for kolom in tata.kolom:
        if f"Kolom {kolom.judul} berisi" in pesan:
            return f"tw{kolom.nilai}" if kolom.jenis == JenisKolom.CENTANG else kolom.kunci
    return ""


def _catatan_baris(terdaftar: JenisTerdaftar, row: dict[str, Any]) -> list[dict[str, str]]:
    """The note the editor shows beside a row's target (one holding no number)."""
    catatan = terdaftar.peringatan_baris(row)
    return [{"pesan": catatan, "kolom": "target"}] if catatan else []
