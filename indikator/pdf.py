"""What the IKU's print page needs beyond the shared context (dokumen.pdf): column widths and
the blocks of rows kept together on one page."""

from dataclasses import dataclass
from typing import Any

from indikator.selectors import TabelIku

# Relative widths of the IKU's optional columns; the "No" column is fixed.
BOBOT_KOLOM_IKU = {
    "sasaran": 5,
    "indikator": 6,
    "cara_penghitungan": 6,
    "target": 2,
    "keterangan": 5,
    "sumber_data": 5,
}
LEBAR_NO_IKU = 6  # percent


@dataclass(frozen=True)
class KolomCetak:
    nama: str
    judul: str
    lebar: str  # a CSS percentage


def kolom_iku_cetak(kolom: list[tuple[str, str]]) -> list[KolomCetak]:
    """The IKU's used columns with print widths that fill the rest of the table."""
    total = sum(BOBOT_KOLOM_IKU[nama] for nama, _ in kolom) or 1
    sisa = 100 - LEBAR_NO_IKU
    return [
        KolomCetak(nama, judul, f"{sisa * BOBOT_KOLOM_IKU[nama] / total:.2f}%")
        for nama, judul in kolom
    ]


def blok_iku(baris: list[Any]) -> list[list[Any]]:
    """A program group's rows cut into blocks kept on one page: a row that starts a merged
    nomor/sasaran cell together with its continuation rows (`rentang` 0)."""
    blok: list[list[Any]] = []
    for sel in baris:
        if sel.rentang or not blok:
            blok.append([sel])
        else:
            blok[-1].append(sel)
    return blok


def konteks_pdf_iku(dokumen: Any, tabel: TabelIku) -> dict[str, Any]:
    return {
        "kolom": kolom_iku_cetak(tabel.kolom),
        "lebar_no": f"{LEBAR_NO_IKU}%",
        "kelompok": [(k.program, blok_iku(k.baris)) for k in tabel.kelompok],
    }
