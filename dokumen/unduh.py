"""A document as a PDF, the way every caller gets it (page, command, batch export)."""

from dokumen.models import Dokumen, StatusDokumen


def nama_berkas(dokumen: Dokumen) -> str:
    nama = f"{dokumen.satker.kode}-{dokumen.jenis.lower()}-{dokumen.tahun}-v{dokumen.versi}.pdf"
    return nama if dokumen.status == StatusDokumen.TERBIT else f"draf-{nama}"


def pdf_dokumen(dokumen: Dokumen) -> bytes:
    """The stored signed PDF when published (never re-rendered); else a fresh DRAF render."""
    if dokumen.status == StatusDokumen.TERBIT:
        with dokumen.berkas_pdf.open("rb") as berkas:
            return berkas.read()
    from dokumen.pdf import render_pdf

    return render_pdf(dokumen).pdf
