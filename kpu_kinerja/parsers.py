"""The API's JSON parser: bodies capped like the pages' forms, and bounded in depth.

A body nested 100,000 levels deep made json.load overflow Python's recursion limit (a 500);
it is now a 400 with a message, as is any body deeper than a document ever is. The parser only
raises; the API's one exception handler (kpu_kinerja.api_galat) renders. This module imports
nothing of ours: DRF imports it while rest_framework.views is still loading.
"""

import json

from django.conf import settings
from rest_framework import exceptions, parsers, status
from rest_framework.utils.json import strict_constant

# A RAK document is {"baris": [{"baris": [{"triwulan": [1]}]}]}: five levels.
KEDALAMAN_MAKS = 32
PESAN_TERLALU_DALAM = (
    f"Isian JSON terlalu bersarang (lebih dari {KEDALAMAN_MAKS} tingkat); kirim dokumen "
    "dengan bentuk seperti yang dibaca dari API."
)


class TerlaluBesar(exceptions.APIException):
    """413: a body larger than the pages' forms accept (DATA_UPLOAD_MAX_MEMORY_SIZE)."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "Isian terlalu besar."
    default_code = "terlalu_besar"


def _terlalu_dalam(data: object) -> bool:
    """Whether `data` nests lists/objects deeper than KEDALAMAN_MAKS (checked without recursion)."""
    tumpukan = [(data, 1)]
    while tumpukan:
        nilai, tingkat = tumpukan.pop()
        if isinstance(nilai, dict | list):
            if tingkat > KEDALAMAN_MAKS:
                return True
            anak = nilai.values() if isinstance(nilai, dict) else nilai
            tumpukan.extend((a, tingkat + 1) for a in anak if isinstance(a, dict | list))
    return False


class JSONTerbatas(parsers.JSONParser):
    """JSON bodies capped like the pages' forms (DATA_UPLOAD_MAX_MEMORY_SIZE) and in depth."""

    def parse(self, stream, media_type=None, parser_context=None):
        batas = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        isi = stream.read() if batas is None else stream.read(batas + 1)
        if batas is not None and len(isi) > batas:
            raise TerlaluBesar
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            teks = isi.decode(encoding)
            data = json.loads(teks, parse_constant=strict_constant if self.strict else None)
        except RecursionError:
            raise exceptions.ParseError(PESAN_TERLALU_DALAM) from None
        except ValueError as galat:  # includes UnicodeDecodeError and JSONDecodeError
            raise exceptions.ParseError(f"Isian bukan JSON yang sah: {galat}") from None
        if _terlalu_dalam(data):
            raise exceptions.ParseError(PESAN_TERLALU_DALAM)
        return data
