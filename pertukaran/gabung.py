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
No table with the type's header: every table is joined, and baca says it found no header.

Beside the join: `asal_baris` says which Word table and row each joined row comes from (to
name a warning's row as the user sees it), `teks_kepala` gives the lines for the header
fields, the paragraphs with the text of the tables left out (a signature laid out in one).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

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


def _kepala(tata: TabelExcel, tabel: Tabel) -> Any:
    """Where `tata`'s header is in `tabel` (baca's `_Kepala`), or None."""
    kepala, _ = cari_kepala(tata, tabel)
    return kepala


def _isi(tabel: Tabel, mulai: int = 0) -> list[tuple[int, list[str]]]:
    """(index, cells) of the rows from `mulai` on that hold something."""
    return [(i, list(b)) for i, b in enumerate(tabel) if i >= mulai and any(s.strip() for s in b)]


def _pindah(baris: Sequence[str], dari: dict, ke: dict, lebar: int) -> list[str]:
    """A row moved from one part's column positions to the main table's."""
    hasil = [""] * lebar
    for kolom, indeks in dari.items():
        if kolom in ke and indeks < len(baris):
            hasil[ke[kolom]] = baris[indeks]
    return hasil


@dataclass
class Susunan:
    """The joined table, where each of its rows comes from ((table, row), 1-based; None for
    the empty row put before a table beside the rows) and which tables went into it."""

    tabel: list[list[str]]
    asal: list[tuple[int, int] | None]
    dipakai: list[bool]

    def tambah(self, ke: int, baris: list[tuple[int, list[str]]]) -> None:
        self.tabel.extend(b for _, b in baris)
        self.asal.extend((ke + 1, i + 1) for i, _ in baris)


def susun(terdaftar: JenisTerdaftar, daftar: list[Tabel]) -> Susunan:
    """The join of a document's tables: the table, each row's origin, the tables used."""
    tata = terdaftar.kolom_excel
    if tata is None:
        raise ValueError(f"Jenis {terdaftar.kode} tidak punya tata letak Excel.")
    susunan = [tata, *(t for _, t in tata.tambahan)]
    hasil = Susunan([], [], [])
    bagian: _Bagian | None = None
    mulai: set[int] = set()  # the layouts already started
    for ke, tabel in enumerate(daftar):
        kenal = [(i, t, _kepala(t, tabel)) for i, t in enumerate(susunan)]
        kenal = [(i, t, k) for i, t, k in kenal if k is not None]
        sama = next((k for _, t, k in kenal if bagian is not None and t is bagian.tata), None)
        baru = next(
            (x for x in kenal if x[0] not in mulai and (bagian is not None or x[0] == 0)), None
        )
        if sama is not None:
            dari = {v: i for i, v in sama.posisi.items()}
            isi = _isi(tabel, sama.awal_data)  # its number row baca skips
            if dari != bagian.posisi:
                isi = [(i, _pindah(b, dari, bagian.posisi, bagian.lebar)) for i, b in isi]
            hasil.tambah(ke, isi)
        elif baru is not None:
            i, t, k = baru
            if bagian is not None:  # baca looks for it below the table before
                hasil.tabel.append([""] * max(1, _lebar(tabel)))
                hasil.asal.append(None)
            hasil.tambah(ke, _isi(tabel))
            bagian = _Bagian(t, _lebar(tabel), {v: j for j, v in k.posisi.items()})
            mulai.add(i)
        elif bagian is not None and not kenal and _lebar(tabel) == bagian.lebar:
            hasil.tambah(ke, _isi(tabel))
        else:
            hasil.dipakai.append(False)  # a layout table, a note
            continue
        hasil.dipakai.append(True)
    if bagian is None:
        for ke, tabel in enumerate(daftar):
            hasil.tambah(ke, _isi(tabel))
            hasil.tabel.append([""])
            hasil.asal.append(None)
    return hasil


def tabel_gabung(terdaftar: JenisTerdaftar, daftar: list[Tabel]) -> Tabel:
    """One table of `terdaftar`'s layout from a document's tables, by the rule above."""
    return susun(terdaftar, daftar).tabel


def asal_baris(terdaftar: JenisTerdaftar, daftar: list[Tabel]) -> list[tuple[int, int] | None]:
    """For each row of `tabel_gabung`'s table, the Word table and row it comes from, both
    1-based (None: the empty row put in), so a warning's row (baca.Peringatan.baris, a row of
    the joined table) can be named as the user sees it: "tabel 2, baris 5"."""
    return susun(terdaftar, daftar).asal


def teks_kepala(
    terdaftar: JenisTerdaftar, isi: IsiDocx, susunan: Susunan | None = None
) -> list[str]:
    """The lines the header fields are looked for in (pertukaran.kepala.cari_kepala): the
    paragraphs, and in their place the text of the tables left out of the join, cell by cell
    (a signature block laid out in a borderless table, one party per cell). `susunan`: the
    join already made, if any."""
    dipakai = (susunan or susun(terdaftar, isi.tabel)).dipakai
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
