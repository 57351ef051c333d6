"""Reads of IKU rows, shaped the way the paper table shows them."""

from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from dokumen.baris import dengan_asal, kunci_asal
from dokumen.models import Dokumen
from indikator.models import BarisIku

# Optional columns, in paper order; a column is shown only when some row fills it.
KOLOM_IKU = (
    ("sasaran", "Sasaran Strategis"),
    ("indikator", "Indikator Kinerja (Uraian)"),
    ("cara_penghitungan", "Cara Penghitungan"),
    ("target", "Target"),
    ("keterangan", "Keterangan"),
    ("sumber_data", "Sumber Data"),
)


@dataclass
class SelIku:
    """A row plus how many rows its nomor and sasaran cells span (0: merged into above)."""

    baris: BarisIku
    rentang: int = 1


@dataclass
class KelompokIku:
    program: str
    baris: list[SelIku] = field(default_factory=list)


@dataclass
class TabelIku:
    kolom: list[tuple[str, str]]
    kelompok: list[KelompokIku]
    jumlah_baris: int


def _dengan_program(semua: list[BarisIku]) -> list[tuple[str, BarisIku]]:
    """Each row with the program of its group, as the editor groups them (indikator.baris): a
    row's own program, or, when empty, the program of the row above (the editor writes the
    program on a group's first row only; older rows may repeat it on every row)."""
    hasil, berlaku = [], ""
    for baris in semua:
        berlaku = baris.program or berlaku
        hasil.append((berlaku, baris))
    return hasil


def tabel_iku(dokumen: Dokumen) -> TabelIku:
    """The IKU table: rows grouped by program, continuation rows merged, used columns only."""
    semua = list(BarisIku.objects.filter(dokumen=dokumen).order_by("urutan"))
    kolom = [(nama, judul) for nama, judul in KOLOM_IKU if any(getattr(b, nama) for b in semua)]
    kelompok = []
    for program, anggota in groupby(_dengan_program(semua), key=lambda pasangan: pasangan[0]):
        sel: list[SelIku] = []
        for _, baris in anggota:
            lanjutan = not baris.nomor and not baris.sasaran and sel
            if lanjutan:
                kepala = next(s for s in reversed(sel) if s.rentang)
                kepala.rentang += 1
                sel.append(SelIku(baris, rentang=0))
            else:
                sel.append(SelIku(baris))
        kelompok.append(KelompokIku(program, sel))
    return TabelIku(kolom=kolom, kelompok=kelompok, jumlah_baris=len(semua))


def data_baris_iku(baris: BarisIku) -> dict[str, Any]:
    """One IKU row's cells in the shared shape, without its key (for the admin, which edits
    one row instance and saves the document's rows with it: dokumen.admin_baris)."""
    return {kolom: getattr(baris, kolom) for kolom, _ in KOLOM_IKU} | {
        "program": baris.program,
        "nomor": baris.nomor,
    }


def baris_iku_data(dokumen: Dokumen) -> list[dict[str, Any]]:
    """The IKU's rows as plain dicts, the shape `baris_iku_ganti` takes: each with its `kunci`
    and `asal` (the key of the row it was copied from, or None; dokumen.baris)."""
    return [
        kunci_asal(baris) | data_baris_iku(baris)
        for baris in dengan_asal(BarisIku.objects.filter(dokumen=dokumen)).order_by("urutan")
    ]
