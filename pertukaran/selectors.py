"""Reads for the import: which official a name found in a file is."""

from pertukaran.kepala import nama_normal
from satker.models import Pejabat, Satker


def pejabat_cocok(satker: Satker, nama: str) -> Pejabat | None:
    """The satker's official named `nama`, ignoring case, punctuation, spacing and titles
    ("ARKADIUS HANYE, SH" is "Arkadius Hanye, S.H."); None if none or several match. One query."""
    dicari = nama_normal(nama)
    if not dicari:
        return None
    # satker.pejabat: the officials satker_ambil has read already, else one query.
    cocok = [p for p in satker.pejabat.all() if nama_normal(p.nama) == dicari]
    return cocok[0] if len(cocok) == 1 else None
