"""Receiving evidence files: a reader that stops at the first file too large or one too many.

Each file goes to a temporary file as Django's own handler does (so several files of the
maximum size never sit in memory), but reading the body stops as soon as one file passes
BUKTI_UKURAN_MAKS_MB or the request carries more than BUKTI_MAKS_PER_REALISASI files: nothing
past the limit is read, and nothing is saved (`galat` says why, beside the field).
"""

from django.conf import settings
from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler
from django.http import HttpRequest

# Room in the body for the multipart boundaries, headers and other fields besides the files.
SELISIH_MULTIPART = 64 * 1024


def ukuran_maks() -> int:
    return settings.BUKTI_UKURAN_MAKS_MB * 1024 * 1024


def pesan_terlalu_besar(nama: str = "") -> str:
    berkas = f"Berkas “{nama}”" if nama else "Berkas"
    return f"{berkas} terlalu besar: paling besar {settings.BUKTI_UKURAN_MAKS_MB} MB per berkas."


def pesan_terlalu_banyak() -> str:
    return f"Paling banyak {settings.BUKTI_MAKS_PER_REALISASI} berkas bukti dukung per realisasi."


def badan_terlalu_besar(request: HttpRequest) -> bool:
    """Whether the body announced is larger than the most files allowed could make (checked
    before a byte of it is read); a body without a length is left to the reader's limits."""
    try:
        panjang = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return panjang > settings.BUKTI_MAKS_PER_REALISASI * ukuran_maks() + SELISIH_MULTIPART


class UnggahBukti(TemporaryFileUploadHandler):
    """Django's temporary-file handler, stopping the body at a file too large or too many."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.batas = ukuran_maks()
        self.jumlah = 0
        self.ukuran = 0
        self.galat = ""
        self.terlalu_besar = False

    def new_file(self, *args, **kwargs) -> None:
        self.jumlah += 1
        if self.jumlah > settings.BUKTI_MAKS_PER_REALISASI:
            self.galat = pesan_terlalu_banyak()
            raise StopUpload(connection_reset=True)  # do not read the rest of the body
        super().new_file(*args, **kwargs)
        self.ukuran = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.ukuran += len(raw_data)
        if self.ukuran > self.batas:
            self.galat = pesan_terlalu_besar(self.file_name)
            self.terlalu_besar = True
            self.file.close()  # the temporary file is removed
            raise StopUpload(connection_reset=True)
        return super().receive_data_chunk(raw_data, start)
