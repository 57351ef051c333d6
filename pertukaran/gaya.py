"""What every sheet we write shares: fonts, borders, the Rupiah format, text cells that stay
text, and row heights estimated from the text (Excel and LibreOffice do not grow a row for a
wrapped merged cell, so every row's height is set)."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

HURUF = "Arial"
UKURAN = 10
TINGGI_BARIS = 12.75  # points per line of 10 pt Arial
KARAKTER_PER_LEBAR = 1.05  # characters of 10 pt Arial per unit of column width (a little spare)

GARIS = Side(style="thin", color="000000")
BINGKAI = Border(left=GARIS, right=GARIS, top=GARIS, bottom=GARIS)
ISI_KEPALA = PatternFill("solid", fgColor="D9D9D9")
ISI_NOMOR = PatternFill("solid", fgColor="F2F2F2")
ISI_KELOMPOK = PatternFill("solid", fgColor="EDEDED")

FONT = Font(name=HURUF, size=UKURAN)
FONT_TEBAL = Font(name=HURUF, size=UKURAN, bold=True)
FONT_JUDUL = Font(name=HURUF, size=12, bold=True)
FONT_NOMOR = Font(name=HURUF, size=8, italic=True)
FONT_CATATAN = Font(name=HURUF, size=9, italic=True, color="C00000")
FONT_NAMA = Font(name=HURUF, size=UKURAN, bold=True, underline="single")

KIRI = Alignment(horizontal="left", vertical="top", wrap_text=True)
TENGAH = Alignment(horizontal="center", vertical="top", wrap_text=True)
TENGAH_TENGAH = Alignment(horizontal="center", vertical="center", wrap_text=True)
KANAN = Alignment(horizontal="right", vertical="top", wrap_text=False)
RATA_KIRI_KANAN = Alignment(horizontal="justify", vertical="top", wrap_text=True)

# Whole Rupiah with "." between thousands whatever the reader's locale ("8.170.412.000"): a
# number format's "," is the locale's separator (a comma in an English Excel), so the dots are
# literal, and the sections pick the number of groups. Two conditions per format at most, so
# one format for amounts from a million up (below 10^15, the database's bound) and one below.
FORMAT_RUPIAH_JUTA = (
    '[>=1000000000000]#"."###"."###"."###"."##0;[>=1000000000]#"."###"."###"."##0;#"."###"."##0'
)
FORMAT_RUPIAH_RIBU = '[>=1000]#"."##0;0'


def format_rupiah(nilai: int) -> str:
    """The number format showing `nilai` as "8.170.412.000"."""
    return FORMAT_RUPIAH_JUTA if nilai >= 1_000_000 else FORMAT_RUPIAH_RIBU


def teks_aman(teks: str) -> str:
    """Text an .xlsx can hold (control characters dropped)."""
    return ILLEGAL_CHARACTERS_RE.sub("", teks)


def tulis(ws: Worksheet, baris: int, kolom: int, nilai: Any) -> Any:
    """Write a cell; a text stays text even when it starts with "=" (never a formula)."""
    sel = ws.cell(row=baris, column=kolom)
    if isinstance(nilai, str):
        sel.value = teks_aman(nilai)
        sel.data_type = "s"
    else:
        sel.value = nilai
    return sel


def jumlah_baris_teks(teks: str, lebar: float) -> int:
    """How many lines `teks` takes in a cell `lebar` wide: words wrapped as a spreadsheet wraps
    them (a word that does not fit goes to the next line; a longer one is cut), "\n" breaks."""
    muat = max(1, int(lebar * KARAKTER_PER_LEBAR))
    jumlah = 0
    for paragraf in (teks or "").split("\n"):
        baris, panjang = 1, 0
        for kata in paragraf.split():
            if panjang and panjang + 1 + len(kata) > muat:
                baris, panjang = baris + 1, 0
            if len(kata) > muat:
                baris += (len(kata) - 1) // muat
                panjang = len(kata) % muat or muat
            else:
                panjang += len(kata) + (1 if panjang else 0)
        jumlah += baris
    return max(1, jumlah)


# A4 less the margins (pertukaran.xlsx._cetak), in points: (width, height) upright.
HALAMAN_A4 = ((8.27 - 1.0) * 72, (11.69 - 1.5) * 72)


# Pixels per unit of column width: Excel's for a 10 pt Arial default font, and LibreOffice's
# (a little wider); a block is kept on one page as laid out by either.
PIKSEL_PER_LEBAR = (7.0, 7.4)


def lebar_titik(lebar: float, piksel: float = PIKSEL_PER_LEBAR[0]) -> float:
    """An Excel column width (characters) in points (`piksel` a character and 5 px of padding,
    at 96 px an inch)."""
    return (lebar * piksel + 5) * 0.75


def huruf_bawaan(buku: Any) -> None:
    """10 pt Arial as the workbook's default font, the unit of its column widths (Excel's
    default, 11 pt Calibri, is substituted differently by other applications)."""
    buku._named_styles["Normal"].font = Font(name=HURUF, size=UKURAN)
    buku._fonts[0] = Font(name=HURUF, size=UKURAN)


def tinggi(jumlah_baris: int) -> float:
    return jumlah_baris * TINGGI_BARIS + 3


@dataclass
class Lembar:
    """A sheet being written: the columns' widths, and each row's lines of text so far, to set
    every row's height at the end (merged cells never grow their row by themselves)."""

    ws: Worksheet
    lebar: list[float]
    baris_teks: dict[int, int] = field(default_factory=dict)
    gabungan: list[tuple[int, int, int]] = field(default_factory=list)  # (first, last, lines)

    def lebar_rentang(self, awal: int, akhir: int) -> float:
        return sum(self.lebar[awal - 1 : akhir])

    def sel(
        self,
        baris: int,
        kolom: int,
        nilai: Any,
        *,
        font: Font = FONT,
        rata: Alignment = KIRI,
        bingkai: bool = False,
        sampai_kolom: int | None = None,
        sampai_baris: int | None = None,
        isi=None,
        format_angka: str | None = None,
    ) -> None:
        """Write a cell, merged to (`sampai_baris`, `sampai_kolom`) when given; every cell of a
        bordered range gets its border (a merged range shows its cells' borders)."""
        akhir_kolom = sampai_kolom or kolom
        akhir_baris = sampai_baris or baris
        sel = tulis(self.ws, baris, kolom, nilai)
        sel.font = font
        sel.alignment = rata
        if isi is not None:
            sel.fill = isi
        if format_angka:
            sel.number_format = format_angka
        if bingkai:
            for r in range(baris, akhir_baris + 1):
                for c in range(kolom, akhir_kolom + 1):
                    self.ws.cell(row=r, column=c).border = BINGKAI
        if akhir_kolom > kolom or akhir_baris > baris:
            self.ws.merge_cells(
                start_row=baris, start_column=kolom, end_row=akhir_baris, end_column=akhir_kolom
            )
        teks = nilai if isinstance(nilai, str) else ("" if nilai is None else str(nilai))
        skala = (font.sz or UKURAN) / UKURAN * (1.12 if font.b else 1.0)  # bold runs wider
        garis = jumlah_baris_teks(teks, self.lebar_rentang(kolom, akhir_kolom) / skala)
        garis = garis * skala
        if akhir_baris > baris:
            self.gabungan.append((baris, akhir_baris, garis))
        else:
            self.baris_teks[baris] = max(self.baris_teks.get(baris, 1), garis)

    def kosong(self, baris: int, kolom: int, *, sampai_kolom: int | None = None) -> None:
        """A bordered empty cell (a merged cell's place, a quarter not ticked)."""
        for c in range(kolom, (sampai_kolom or kolom) + 1):
            self.ws.cell(row=baris, column=c).border = BINGKAI
        self.baris_teks.setdefault(baris, 1)

    def satu_halaman(
        self, awal: int, akhir: int, *, kepala: tuple[int, int], lanskap: bool
    ) -> None:
        """Start a new page at row `awal` when rows `awal`–`akhir` would otherwise be split
        over two: the pages are simulated as printed, fit to the page's width, the header rows
        `kepala` repeated at the top of every page after the first."""
        lebar, tinggi_hal = HALAMAN_A4[::-1] if lanskap else HALAMAN_A4

        def ukuran(r: int) -> float:
            return self.ws.row_dimensions[r].height or tinggi(1)

        ulang = sum(ukuran(r) for r in range(kepala[0], kepala[1] + 1))
        for piksel in PIKSEL_PER_LEBAR:
            skala = min(1.0, lebar / sum(lebar_titik(w, piksel) for w in self.lebar))
            halaman = tinggi_hal / skala
            y, ke, halaman_baris = 0.0, 1, {}
            patah = {b.id for b in self.ws.row_breaks.brk}  # the breaks already set
            for r in range(1, akhir + 1):
                if (y + ukuran(r) > halaman and y > 0) or (r - 1) in patah:
                    ke, y = ke + 1, (ulang if r > kepala[1] else 0.0)
                y += ukuran(r)
                halaman_baris[r] = ke
            if halaman_baris[awal] != halaman_baris[akhir]:
                self.ws.row_breaks.append(Break(id=awal - 1))
                return

    def atur_tinggi(self, sampai: int) -> None:
        ukuran = {r: tinggi(self.baris_teks.get(r, 1)) for r in range(1, sampai + 1)}
        for awal, akhir, garis in self.gabungan:
            perlu = tinggi(garis)
            ada = sum(ukuran[r] for r in range(awal, akhir + 1))
            if perlu > ada:
                tambah = (perlu - ada) / (akhir - awal + 1)
                for r in range(awal, akhir + 1):
                    ukuran[r] += tambah
        for r, t in ukuran.items():
            self.ws.row_dimensions[r].height = round(t, 2)


def bagi_kolom(lebar: Sequence[float], target: Sequence[float]) -> list[tuple[int, int]]:
    """Split the sheet's columns (`lebar`) into len(target) consecutive spans, each as near its
    share of `target` as can be: a smaller table below the main one (1-based, inclusive)."""
    n, m = len(lebar), len(target)
    if m >= n:
        return [(i + 1, i + 1) for i in range(min(m, n))]
    skala = sum(lebar) / (sum(target) or 1)
    ingin = [t * skala for t in target]
    tak_hingga = float("inf")
    # biaya[i][j]: the best split of the first i columns into the first j spans.
    biaya = [[tak_hingga] * (m + 1) for _ in range(n + 1)]
    asal = [[0] * (m + 1) for _ in range(n + 1)]
    biaya[0][0] = 0.0
    for i in range(1, n + 1):
        for j in range(1, min(i, m) + 1):
            for k in range(j - 1, i):
                if biaya[k][j - 1] == tak_hingga:
                    continue
                c = biaya[k][j - 1] + abs(sum(lebar[k:i]) - ingin[j - 1])
                if c < biaya[i][j]:
                    biaya[i][j], asal[i][j] = c, k
    rentang, i = [], n
    for j in range(m, 0, -1):
        k = asal[i][j]
        rentang.append((k + 1, i))
        i = k
    return rentang[::-1]


def atur_cetak(
    ws: Worksheet,
    *,
    lanskap: bool,
    margin: PageMargins | None = None,
    baris_judul: str | None = None,
    kaki: str | None = None,
    tengah: bool = False,
) -> None:
    """Every sheet's print setup: A4 in the paper's orientation, fit to the page's width;
    `baris_judul` ("5:6") repeated on each page, `kaki` at the foot's left with the page number
    at its right, `tengah` centred between the margins."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if lanskap else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if tengah:
        ws.print_options.horizontalCentered = True
    if margin is not None:
        ws.page_margins = margin
    if baris_judul:
        ws.print_title_rows = baris_judul
    if kaki is not None:
        ws.oddFooter.left.text = kaki
        ws.oddFooter.left.size = 8
        ws.oddFooter.right.text = "Halaman &P dari &N"
        ws.oddFooter.right.size = 8
