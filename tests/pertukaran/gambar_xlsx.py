"""A workbook as a spreadsheet program prints it: converted by LibreOffice (headless) to PDF,
its pages drawn as PNG by pdftoppm, so a test (and a person) can look at the sheet."""

import shutil
import subprocess
from pathlib import Path

SOFFICE = shutil.which("soffice")
BATAS_DETIK = 120  # the first start of LibreOffice makes its profile (~10 s)


def xlsx_ke_pdf(isi: bytes, folder: Path, nama: str = "lembar") -> Path:
    """The PDF LibreOffice prints of the .xlsx `isi` (its print setup: paper, orientation,
    fit to width, repeated header rows), written in `folder`."""
    masuk = folder / f"{nama}.xlsx"
    masuk.write_bytes(isi)
    profil = folder / "profil-libreoffice"  # its own profile: no lock shared with others
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{profil}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(masuk),
        ],
        check=True,
        capture_output=True,
        timeout=BATAS_DETIK,
    )
    return folder / f"{nama}.pdf"


def pdf_ke_png(pdf: Path, resolusi: int = 60) -> list[Path]:
    """Each page of `pdf` as a PNG beside it (pdftoppm -png -r 60)."""
    awalan = pdf.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(resolusi), str(pdf), str(awalan)], check=True, timeout=60
    )
    return sorted(pdf.parent.glob(f"{awalan.name}-*.png"))
