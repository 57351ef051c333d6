"""An evidence file as a download, the same for the pages and the API (as dokumen/unduh.py is
for documents)."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from pengukuran.models_bukti import BuktiDukung


def respons_berkas(bukti: BuktiDukung, isi: bytes) -> HttpResponse:
    """The file as a download: its recorded kind, its original name safely encoded, never
    sniffed or shown inline by the browser."""
    response = HttpResponse(isi, content_type=bukti.jenis_isi)
    response["Content-Disposition"] = content_disposition_header(True, bukti.nama_asli)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
