"""The signature block of a document's sheet, as the print page has it
(templates/pdf/_tanda_tangan.html, _tanda_tangan_banyak.html), from the same selectors."""

from openpyxl.styles import Font

from dokumen.models import Dokumen, StatusDokumen
from dokumen.selectors import PihakTercetak, penandatangan_tercetak_semua, tanggal_ttd_tertulis
from pertukaran import gaya
from pertukaran.gaya import Lembar, bagi_kolom

BARIS_RUANG_TTD = 3  # empty rows for the signature between jabatan and name


def tanda_tangan(lembar: Lembar, r: int, dokumen: Dokumen, n: int) -> int:
    """The signature block as printed: one party on the right; several side by side, right to
    left in signing order (the first party keeps the right-hand place), the place and date
    over the first party."""
    pihak: list[PihakTercetak] = penandatangan_tercetak_semua(dokumen)[::-1]
    if len(pihak) == 1:
        total = sum(lembar.lebar)
        awal = n
        while awal > 1 and lembar.lebar_rentang(awal, n) < 0.4 * total:
            awal -= 1
        area = [(awal, n)]
    else:
        area = bagi_kolom(lembar.lebar, [1.0] * len(pihak))
    tempat = dokumen.tempat_ttd or "[tempat]"
    tanggal = tanggal_ttd_tertulis(dokumen) or "[tanggal]"
    ada_judul = any(p.judul for p in pihak)
    terbit = dokumen.status == StatusDokumen.TERBIT
    for (c1, c2), p in zip(area, pihak, strict=False):
        baris = r
        if p.urutan == 1:
            lembar.sel(baris, c1, f"{tempat}, {tanggal}", rata=gaya.TENGAH, sampai_kolom=c2)
        baris += 1
        if ada_judul:
            lembar.sel(
                baris, c1, p.judul or None, font=gaya.FONT_TEBAL, rata=gaya.TENGAH, sampai_kolom=c2
            )
            baris += 1
        penanda = p.penanda
        if penanda is None:
            lembar.sel(
                baris + 1 + BARIS_RUANG_TTD,
                c1,
                f"[{p.kosong}]",
                font=gaya.FONT_CATATAN,
                rata=gaya.TENGAH,
                sampai_kolom=c2,
            )
            continue
        jabatan = f"{penanda.awalan_status}{penanda.sebutan_jabatan}"
        lembar.sel(baris, c1, jabatan, rata=gaya.TENGAH, sampai_kolom=c2)
        baris += 1
        if terbit or getattr(penanda, "waktu", None):
            lembar.sel(
                baris + 1,
                c1,
                "(ditandatangani secara elektronik)",
                font=Font(name=gaya.HURUF, size=8, italic=True),
                rata=gaya.TENGAH,
                sampai_kolom=c2,
            )
        baris += BARIS_RUANG_TTD
        lembar.sel(baris, c1, penanda.nama, font=gaya.FONT_NAMA, rata=gaya.TENGAH, sampai_kolom=c2)
        baris += 1
        if penanda.nip:
            lembar.sel(baris, c1, f"NIP. {penanda.nip}", rata=gaya.TENGAH, sampai_kolom=c2)
    return r + (2 if ada_judul else 1) + 1 + BARIS_RUANG_TTD + 2
