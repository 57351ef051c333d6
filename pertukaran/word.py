"""A .docx as clean tables and paragraphs for pertukaran.baca and pertukaran.kepala.

Read with python-docx's element tree (body order, `w:gridSpan`, `w:vMerge`), not by hand:
- every body table (also inside content controls) is one grid: a row per Word row, a string per
  grid column; a cell spanning columns fills the columns after its first with "", a vertically
  merged cell is "" below its first row (what baca expects of merged cells), as is a cell
  merged the old way (`w:hMerge`); hidden rows are kept, rows deleted with changes tracked
  are not; a nested table's text goes into its cell; at most MAKS_KOLOM columns;
- a cell's text is its paragraphs joined by "\\n", stripped; a check mark however written (a
  `w:sym` of Wingdings/Symbol, a Wingdings "ü", "✔", "√", "☑") is "✓";
- the paragraphs outside tables are listed in order, non-empty, one entry per line (a signature
  block is often one paragraph with line breaks); a list paragraph numbered by Word (whose
  number is no text) starts with "• " so the header finder sees its items; where each table
  stands among them is kept (`letak`, for pertukaran.gabung.teks_kepala).

The caller (pertukaran.berkas) has refused what is not a bounded .docx before; odd content
(empty cells, ragged rows, unknown symbols) reads as text or "", never as an error. A package
python-docx cannot open (a broken document part) is `DocxRusak`, with the user's message.
"""

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from pertukaran.baca import Tabel

CENTANG = "✓"
# Symbol-font characters that print a check mark: (font, code), the code without Word's F0xx
# private-use offset: Wingdings FC ✓ and FE ☑, Wingdings 2 50 ✓ and 52 ☑, Symbol D6 √.
CENTANG_SIMBOL = {
    ("WINGDINGS", 0xFC),
    ("WINGDINGS", 0xFE),
    ("WINGDINGS 2", 0x50),
    ("WINGDINGS 2", 0x52),
    ("SYMBOL", 0xD6),
}
CENTANG_TEKS = str.maketrans({"✔": CENTANG, "√": CENTANG, "☑": CENTANG, "🗸": CENTANG})
POLA_PENANDA = re.compile(r"^\s*(?:[-–•*·]|\(?(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)])\s")
LEWATI = {qn("w:del"), qn("w:moveFrom"), qn("w:txbxContent"), qn("w:drawing"), qn("w:pict")}
MAKS_KOLOM = 64  # the widest paper table has 12 columns
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


class DocxRusak(ValueError):
    """The file is a zip, but no Word document python-docx can open."""


@dataclass(frozen=True)
class IsiDocx:
    """What a .docx holds for the import: its tables and the paragraphs around them."""

    tabel: list[Tabel]  # every body table in order, each a clean grid of strings
    teks: list[str]  # the body's non-empty paragraph lines outside tables, in order
    teks_sebelum: int  # how many of `teks` come before the first table
    # For each table, how many of `teks` come before it (where its text stands among them).
    letak: tuple[int, ...] = ()


def _font(r: etree._Element) -> str:
    fonts = r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    if fonts is None:
        return ""
    for nama in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        if fonts.get(qn(nama)):
            return fonts.get(qn(nama)).upper()
    return ""


def _simbol(font: str, kode: int) -> str:
    """A symbol font's character: a check mark as "✓", anything else dropped (it is no text)."""
    kode = kode - 0xF000 if kode >= 0xF000 else kode
    return CENTANG if (font.upper(), kode) in CENTANG_SIMBOL else ""


def _teks_run(r: etree._Element) -> Iterator[str]:
    font = _font(r)
    simbol = font.startswith(("WINGDINGS", "SYMBOL"))
    for anak in r:
        if anak.tag == qn("w:t"):
            teks = anak.text or ""
            if simbol:
                teks = "".join(_simbol(font, ord(c)) if ord(c) > 0x20 else c for c in teks)
            yield teks
        elif anak.tag == qn("w:sym"):
            try:
                kode = int(anak.get(qn("w:char")) or "", 16)
            except ValueError:
                continue
            yield _simbol(anak.get(qn("w:font")) or font, kode)
        elif anak.tag == qn("w:tab"):
            yield " "
        elif anak.tag == qn("w:cr") or (
            anak.tag == qn("w:br") and anak.get(qn("w:type")) in (None, "textWrapping")
        ):
            yield "\n"  # a page or column break is no text
        elif anak.tag == qn("w:noBreakHyphen"):
            yield "-"


def _run(el: etree._Element) -> Iterator[etree._Element]:
    """The runs of a paragraph in order, inside hyperlinks, insertions, fields and smart tags,
    not deleted text, text boxes or a compatibility fallback (a copy of the choice)."""
    for anak in el:
        if anak.tag in LEWATI or anak.tag == MC_FALLBACK:
            continue
        if anak.tag == qn("w:r"):
            yield anak
        elif anak.tag != qn("w:pPr"):
            yield from _run(anak)


def teks_paragraf(p: etree._Element) -> str:
    """A paragraph's text as it prints, check marks as "✓"."""
    teks = "".join(t for r in _run(p) for t in _teks_run(r))
    return teks.replace("\u00a0", " ").translate(CENTANG_TEKS)


def _berdaftar(p: etree._Element, bernomor: set[str]) -> bool:
    """Whether Word numbers or bullets the paragraph itself (its own or its style's list)."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        return False
    numpr = ppr.find(qn("w:numPr"))
    if numpr is not None:
        num = numpr.find(qn("w:numId"))
        return num is None or num.get(qn("w:val")) != "0"
    gaya = ppr.find(qn("w:pStyle"))
    return gaya is not None and gaya.get(qn("w:val")) in bernomor


def _teks_sel(tc: etree._Element) -> str:
    """A cell's paragraphs (and a nested table's rows) joined by line breaks."""
    baris = []
    for anak in _blok(tc):
        if anak.tag == qn("w:p"):
            baris.append(teks_paragraf(anak).strip())
        else:
            baris.extend(" ".join(s for s in r if s) for r in _grid(anak))
    return "\n".join(b for b in baris if b).strip()


def _blok(el: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs and tables of a body or cell in order, inside content controls too."""
    for anak in el:
        if anak.tag in (qn("w:p"), qn("w:tbl")):
            yield anak
        elif anak.tag == qn("w:sdt"):
            isi = anak.find(qn("w:sdtContent"))
            if isi is not None:
                yield from _blok(isi)
        elif anak.tag in (qn("w:ins"), qn("w:customXml")):
            yield from _blok(anak)


def _grid(tbl: etree._Element) -> list[list[str]]:
    """A table as a grid of strings, as wide as its grid (or its widest row), at most
    MAKS_KOLOM columns (a cell claiming to span a million columns spans the rest)."""
    grid = tbl.find(qn("w:tblGrid"))
    lebar = len(grid.findall(qn("w:gridCol"))) if grid is not None else 0
    hasil: list[list[str]] = []
    for tr in _anak(tbl, "w:tr"):
        if tr.find(f"{qn('w:trPr')}/{qn('w:del')}") is not None:
            continue  # a row deleted with changes tracked: not in the document any more
        baris = [""] * min(_angka(tr, "w:gridBefore"), MAKS_KOLOM)
        for tc in _anak(tr, "w:tc"):
            if len(baris) >= MAKS_KOLOM:
                break
            span = min(max(1, _angka_tc(tc, "w:gridSpan")), MAKS_KOLOM - len(baris))
            lanjut = "continue" in (_merge(tc, "w:vMerge"), _merge(tc, "w:hMerge"))
            baris.append("" if lanjut else _teks_sel(tc))
            baris.extend([""] * (span - 1))
        hasil.append(baris)
    lebar = min(MAKS_KOLOM, max([lebar, *(len(b) for b in hasil)]))
    return [b + [""] * (lebar - len(b)) for b in hasil]


def _anak(el: etree._Element, tag: str) -> Iterator[etree._Element]:
    """`el`'s children named `tag`, also those wrapped in content controls or custom XML (a
    repeating section's rows, a row's cells); a nested table's are read with its own cell."""
    for anak in el:
        if anak.tag == qn(tag):
            yield anak
        elif anak.tag == qn("w:sdt"):
            isi = anak.find(qn("w:sdtContent"))
            if isi is not None:
                yield from _anak(isi, tag)
        elif anak.tag == qn("w:customXml"):
            yield from _anak(anak, tag)


def _angka(tr: etree._Element, nama: str) -> int:
    el = tr.find(f"{qn('w:trPr')}/{qn(nama)}")
    return _bulat(el)


def _angka_tc(tc: etree._Element, nama: str) -> int:
    return _bulat(tc.find(f"{qn('w:tcPr')}/{qn(nama)}"))


def _bulat(el: etree._Element | None) -> int:
    try:
        return int(el.get(qn("w:val"))) if el is not None else 0
    except (TypeError, ValueError):
        return 0


def _merge(tc: etree._Element, nama: str) -> str | None:
    el = tc.find(f"{qn('w:tcPr')}/{qn(nama)}")
    if el is None:
        return None
    return el.get(qn("w:val")) or "continue"  # <w:vMerge/> without a value continues


def _gaya_bernomor(dokumen) -> set[str]:
    """The paragraph styles that number their paragraphs ("List Number", a custom list style)."""
    hasil = set()
    for gaya in dokumen.styles.element.findall(qn("w:style")):
        if gaya.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None:
            hasil.add(gaya.get(qn("w:styleId")))
    return hasil


def baca_docx(isi: bytes) -> IsiDocx:
    """The tables and paragraph lines of a .docx's body, in order."""
    try:
        dokumen = Document(io.BytesIO(isi))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError):
        raise DocxRusak(
            "Berkas Word tidak dapat dibaca: isinya rusak atau bukan dokumen Word (.docx)."
        ) from None
    bernomor = _gaya_bernomor(dokumen)
    tabel: list[Tabel] = []
    teks: list[str] = []
    letak: list[int] = []
    for blok in _blok(dokumen.element.body):
        if blok.tag == qn("w:tbl"):
            tabel.append(_grid(blok))
            letak.append(len(teks))
            continue
        baris = [b.strip() for b in teks_paragraf(blok).split("\n") if b.strip()]
        if baris and _berdaftar(blok, bernomor) and not POLA_PENANDA.match(baris[0] + " "):
            baris[0] = f"• {baris[0]}"
        teks.extend(baris)
    return IsiDocx(
        tabel=tabel, teks=teks, teks_sebelum=letak[0] if letak else len(teks), letak=tuple(letak)
    )
