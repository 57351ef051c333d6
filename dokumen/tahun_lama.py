"""Texts of a copied draft that still name an earlier year, for the user to review.

A document copied to the next year (`dokumen_salin`) keeps every text of its source: "Laporan
Kegiatan Tahun 2024" in the 2025 RKT is usually a year someone forgot to change, but "Pemilu
2024" may be meant. So nothing is changed or refused: the page lists each such text with the
year marked, until the draft is published.
"""

import re
from dataclasses import dataclass
from typing import Any

from dokumen.beda_tampil import nama_kolom
from dokumen.models import Dokumen

_TAHUN = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
KOLOM_BUKAN_TEKS = frozenset({"kunci", "asal", "nomor", "triwulan", "anggaran"})


@dataclass(frozen=True)
class SebutanTahunLama:
    """A text naming an earlier year: where it is, and the text cut into plain and year parts."""

    letak: str  # "Sasaran 2, baris 3 · sumber data"
    bagian: tuple[tuple[str, bool], ...]  # (text, is an earlier year)


def _disalin(baris: list[dict[str, Any]], kunci_anak: str | None) -> bool:
    """Whether any row or sasaran was copied from another document (`asal`)."""
    for item in baris:
        if item.get("asal") or any(b.get("asal") for b in item.get(kunci_anak or "", []) or []):
            return True
    return False


def _pecah(teks: str, tahun: int) -> tuple[tuple[str, bool], ...] | None:
    """`teks` cut around the years before `tahun`; None when it names none."""
    bagian: list[tuple[str, bool]] = []
    awal = 0
    for cocok in _TAHUN.finditer(teks):
        if int(cocok[1]) < tahun:
            bagian += [(teks[awal : cocok.start()], False), (cocok[1], True)]
            awal = cocok.end()
    if not bagian:
        return None
    bagian.append((teks[awal:], False))
    return tuple(b for b in bagian if b[0])


def sebutan_tahun_lama(dokumen: Dokumen, baris: list[dict[str, Any]]) -> list[SebutanTahunLama]:
    """Every text of a copied draft (`baris`, its rows as `data_baris` gives them) that names a
    year before the document's; none for a document that was not copied or is published."""
    terdaftar = dokumen.jenis_terdaftar
    if dokumen.terbit or not _disalin(baris, terdaftar.kunci_anak):
        return []
    label = dict(terdaftar.label_bagian(baris))
    tingkat = terdaftar.tingkat
    hasil = []

    def periksa(data: dict[str, Any], letak: str, model: type) -> None:
        for kolom, nilai in data.items():
            if kolom in KOLOM_BUKAN_TEKS or not isinstance(nilai, str):
                continue
            if bagian := _pecah(nilai, dokumen.tahun):
                hasil.append(SebutanTahunLama(f"{letak} · {nama_kolom(model, kolom)}", bagian))

    for item in baris:
        if terdaftar.kunci_anak is None:
            periksa(item, label.get(item.get("kunci"), "").split(":")[0], tingkat[0].model)
            continue
        isi = {k: v for k, v in item.items() if k != terdaftar.kunci_anak}
        periksa(isi, f"Sasaran {item.get('nomor') or ''}".strip(), tingkat[0].model)
        for anak in item.get(terdaftar.kunci_anak) or []:
            periksa(anak, label.get(anak.get("kunci"), "").split(":")[0], tingkat[1].model)
    return hasil
