"""Round trip: every seed document exported to .xlsx and read back through the column model
(pertukaran.baca) gives its rows as `baca_baris` has them, cell by cell."""

import pytest

from dokumen.jenis import jenis_terdaftar
from pertukaran.lembar import baca_xlsx
from pertukaran.xlsx import xlsx_dokumen
from tests.conftest import dokumen_seed

# The seven seed documents (fixtures/README.md): five IKU, Lebak's RKT and RAK.
SEED = [
    ("kab-kutai-barat", "IKU"),
    ("kota-banjarbaru", "IKU"),
    ("kota-serang", "IKU"),
    ("kab-barito-selatan", "IKU"),
    ("kab-lebak", "IKU"),
    ("kab-lebak", "RKT"),
    ("kab-lebak", "RAK"),
]


def tanpa_kunci(baris: dict, anak: str | None) -> dict:
    """A row as a file can carry it: without its key and origin (a new draft's are new)."""
    hasil = {k: v for k, v in baris.items() if k not in ("kunci", "asal")}
    if anak and anak in hasil:
        hasil[anak] = [tanpa_kunci(b, None) for b in hasil[anak]]
    return hasil


def bandingkan(asli: list[dict], terbaca: list[dict], anak: str | None) -> None:
    """Cell by cell, saying where the first difference is."""
    assert len(terbaca) == len(asli)
    for nomor, (a, b) in enumerate(zip(asli, terbaca, strict=True), start=1):
        a = tanpa_kunci(a, anak)
        if anak:
            assert len(b[anak]) == len(a[anak]), f"sasaran {nomor}"
            for ke, (x, y) in enumerate(zip(a[anak], b[anak], strict=True), start=1):
                for kunci in x.keys() | y.keys():
                    assert y.get(kunci) == x.get(kunci), f"sasaran {nomor} baris {ke}: {kunci}"
            a, b = ({k: v for k, v in d.items() if k != anak} for d in (a, b))
        for kunci in a.keys() | b.keys():
            assert b.get(kunci) == a.get(kunci), f"baris {nomor}: {kunci}"


@pytest.mark.django_db
@pytest.mark.parametrize(("satker", "jenis"), SEED)
def test_it_reads_back_every_seed_document_cell_by_cell(satker, jenis):
    dokumen = dokumen_seed(satker, jenis)
    terdaftar = jenis_terdaftar(jenis)
    asli = terdaftar.baca_baris(dokumen)

    hasil = baca_xlsx(terdaftar, xlsx_dokumen(dokumen))

    bandingkan(asli, hasil.baris, terdaftar.kunci_anak)
    assert hasil.peringatan == []
