"""A PDF's pages as PNG images (poppler's pdftoppm), for showing a PDF inside a page: the
signing page's preview, which every browser then shows alike, with or without a PDF viewer."""

import shutil
import subprocess
import tempfile
from pathlib import Path

BATAS_DETIK = 60  # a few seconds for a long RAK; past this something is wrong


class PdftoppmTidakAda(RuntimeError):
    """poppler-utils is not installed (scripts/paket_sistem.sh installs it for `run`)."""


def halaman_png(pdf: bytes, *, dpi: int) -> list[bytes]:
    """Every page of `pdf` as a PNG at `dpi`, in page order."""
    with tempfile.TemporaryDirectory() as folder:
        berkas = Path(folder) / "dokumen.pdf"
        berkas.write_bytes(pdf)
        pdftoppm = shutil.which("pdftoppm")
        if pdftoppm is None:
            raise PdftoppmTidakAda("pdftoppm tidak ada: pasang poppler-utils")
        subprocess.run(  # noqa: S603 (a fixed program on our own temporary files, no shell)
            [pdftoppm, "-r", str(dpi), "-png", str(berkas), str(Path(folder) / "halaman")],
            check=True,
            capture_output=True,
            timeout=BATAS_DETIK,
        )
        # pdftoppm pads the page numbers to one width, so the names sort in page order.
        return [png.read_bytes() for png in sorted(Path(folder).glob("halaman-*.png"))]
