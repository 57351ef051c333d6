"""Every seed document's .xlsx as a spreadsheet program prints it (LibreOffice, headless): A4,
the paper's orientation (the RAK landscape), the table's header and rows on the page, the
signature block; the pages are left as PNG in the test's tmp_path to look at."""

import subprocess

import pytest

from pertukaran.xlsx import xlsx_dokumen
from tests.conftest import dokumen_seed
from tests.pertukaran.gambar_xlsx import SOFFICE, pdf_ke_png, xlsx_ke_pdf
from tests.pertukaran.test_pulang_pergi import SEED

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) tidak terpasang"),
]

A4_PT = (595, 842)  # points, portrait


def _ukuran_halaman(pdf) -> list[tuple[int, int]]:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "99", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    return [
        tuple(round(float(x)) for x in baris.split(":")[1].split("pts")[0].split(" x "))
        for baris in info.splitlines()
        if baris.startswith("Page") and "size" in baris
    ]


@pytest.mark.parametrize(("satker", "jenis"), SEED)
def test_the_sheet_prints_as_the_paper(satker, jenis, tmp_path):
    dokumen = dokumen_seed(satker, jenis)

    pdf = xlsx_ke_pdf(xlsx_dokumen(dokumen), tmp_path, f"{satker}-{jenis}")

    halaman = _ukuran_halaman(pdf)
    assert halaman, "LibreOffice printed no page"
    harap = A4_PT[::-1] if jenis == "RAK" else A4_PT
    assert all(abs(w - harap[0]) <= 2 and abs(h - harap[1]) <= 2 for w, h in halaman), halaman
    teks = " ".join(
        subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout.split()
    )
    baris = dokumen.jenis_terdaftar.daun(dokumen.jenis_terdaftar.baca_baris(dokumen))
    kolom = ("indikator", "kegiatan", "sasaran", "keterangan")
    pertama = next(b[k] for b in baris for k in kolom if b.get(k))
    assert " ".join(pertama.split())[:30] in teks
    if dokumen.penandatangan is not None:
        assert dokumen.penandatangan.nama.split()[0] in teks
    gambar = pdf_ke_png(pdf)
    assert len(gambar) == len(halaman)
