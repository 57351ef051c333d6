"""The tables of one Word document joined into the one table pertukaran.baca reads.

Word documents carry a type's table as several tables (split at page breaks, each part with
the header repeated or without), a small layout table above it (title, logo), the PK's
program table below it, and a layout table for the signatures. The rule, from what baca
recognises (the type's headers, `baca.cari_kepala`) and the column counts:
- the main table is the first with the type's header; the tables before it are left out;
- a later table with the header of the table being read continues it: its header rows and the
  rows above them (a repeated title) are dropped, the header having been read once (baca skips
  the number row), the rest appended, moved under the first part's columns if its columns
  stand elsewhere;
- a later table without a known header and as wide as the table being read continues it;
- a later table with the header of a table beside the rows (`TabelExcel.tambahan`, the PK's
  programs) starts that table, after one empty row so baca finds it below the main one;
- any other table (the signature's layout table, a note) is left out.
Empty rows inside the Word tables are dropped: in Word a table ends where its table ends, so
an empty row is spacing, not the end baca reads it as, and the rows below it are kept.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from dokumen.jenis import JenisTerdaftar, TabelExcel
from pertukaran.baca import HasilBaca, Tabel, baca_tabel, cari_kepala
from pertukaran.word import IsiDocx, baca_docx


@dataclass
class _Bagian:
    """The table being read: its layout, width and where its columns stand."""

    tata: TabelExcel
    lebar: int
    posisi: dict  # declared column → column index


def _lebar(tabel: Tabel) -> int:
    return max((len(b) for b in tabel), default=0)


def _kepala(tata: TabelExcel, tabel: Tabel):
    kepala, _ = cari_kepala(tata, tabel)
    return kepala


def _isi(baris: Sequence[Sequence[str]]) -> list[list[str]]:
    """The rows that hold something."""
    return [list(b) for b in baris if any(s.strip() for s in b)]


def _pindah(baris: Sequence[str], dari: dict, ke: dict, lebar: int) -> list[str]:
    """A row moved from one part's column positions to the main table's."""
    hasil = [""] * lebar
    for kolom, indeks in dari.items():
        if kolom in ke and indeks < len(baris):
            hasil[ke[kolom]] = baris[indeks]
    return hasil


def _susun(terdaftar: JenisTerdaftar, daftar: list[Tabel]) -> tuple[Tabel, list[bool]]:
    """The joined table, and for each table whether it went into it."""
    tata = terdaftar.kolom_excel
    if tata is None:
        raise ValueError(f"Jenis {terdaftar.kode} tidak punya tata letak Excel.")
    susunan = [tata, *(t for _, t in tata.tambahan)]
    hasil: list[list[str]] = []
    dipakai: list[bool] = []
    bagian: _Bagian | None = None
    mulai: set[int] = set()  # the layouts already started
    for tabel in daftar:
        kenal = [(i, t, _kepala(t, tabel)) for i, t in enumerate(susunan)]
        kenal = [(i, t, k) for i, t, k in kenal if k is not None]
        sama = next((k for _, t, k in kenal if bagian is not None and t is bagian.tata), None)
        baru = next(
            (x for x in kenal if x[0] not in mulai and (bagian is not None or x[0] == 0)), None
        )
        if sama is not None:
            dari = {v: i for i, v in sama.posisi.items()}
            isi = _isi(tabel[sama.awal_data :])  # its number row baca skips
            if dari != bagian.posisi:
                isi = [_pindah(b, dari, bagian.posisi, bagian.lebar) for b in isi]
            hasil.extend(isi)
        elif baru is not None:
            i, t, k = baru
            if bagian is not None:
                hasil.append([""] * max(1, _lebar(tabel)))  # baca looks for it below
            hasil.extend(_isi(tabel))
            bagian = _Bagian(t, _lebar(tabel), {v: j for j, v in k.posisi.items()})
            mulai.add(i)
        elif bagian is not None and not kenal and _lebar(tabel) == bagian.lebar:
            hasil.extend(_isi(tabel))
        else:
            dipakai.append(False)  # a layout table, a note
            continue
        dipakai.append(True)
    if bagian is None:
        for tabel in daftar:
            hasil.extend([*_isi(tabel), [""]])
    return hasil, dipakai


def tabel_gabung(terdaftar: JenisTerdaftar, daftar: list[Tabel]) -> Tabel:
    """One table of `terdaftar`'s layout from a document's tables, by the rule above; no table
    with the type's header: every table, one after another (baca then says what is missing)."""
    return _susun(terdaftar, daftar)[0]


def teks_kepala(terdaftar: JenisTerdaftar, isi: IsiDocx) -> list[str]:
    """The lines the header fields are looked for in (pertukaran.kepala.cari_kepala): the
    paragraphs, and in their place the text of the tables left out of the join, cell by cell
    (a signature block laid out in a borderless table, one party per cell)."""
    _, dipakai = _susun(terdaftar, isi.tabel)
    hasil = list(isi.teks)
    for indeks in range(len(isi.tabel) - 1, -1, -1):
        if dipakai[indeks] or indeks >= len(isi.letak):
            continue
        sel = [
            baris
            for r in isi.tabel[indeks]
            for teks in r
            for baris in teks.split("\n")
            if baris.strip()
        ]
        hasil[isi.letak[indeks] : isi.letak[indeks]] = sel
    return hasil


def hasil_docx(terdaftar: JenisTerdaftar, isi: bytes) -> tuple[HasilBaca, IsiDocx]:
    """A .docx read as `terdaftar`'s document: its rows and warnings, and what it holds (for
    the header fields: `teks_kepala`, then pertukaran.kepala.cari_kepala)."""
    isi_docx = baca_docx(isi)
    return baca_tabel(terdaftar, tabel_gabung(terdaftar, isi_docx.tabel)), isi_docx
