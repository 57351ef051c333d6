"""Receiving a public upload: a reader that stops early."""

from io import BytesIO

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest


class UnggahTerbatas(FileUploadHandler):
    """Keeps the uploaded files in memory up to `batas` bytes in all and stops reading the body
    past it, so an oversize upload is never buffered or written to a temporary file."""

    def __init__(self, request: HttpRequest, *, batas: int) -> None:
        super().__init__(request)
        self.batas = batas
        self.jumlah = 0
        self.terlalu_besar = False

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.isi = BytesIO()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.jumlah += len(raw_data)
        if self.jumlah > self.batas:
            self.terlalu_besar = True
            raise StopUpload(connection_reset=True)  # do not read the rest of the body
        self.isi.write(raw_data)

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.isi.seek(0)
        return InMemoryUploadedFile(
            file=self.isi,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
