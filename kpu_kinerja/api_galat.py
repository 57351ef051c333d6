"""Every error of the API, in Indonesian, through one handler (REST_FRAMEWORK EXCEPTION_HANDLER).

Two shapes, and nothing else:
- a refused input (400 `ValidationError`, e.g. a bad filter or a bad row) is a message list per
  field, nested as the input is: `{"baris": {"0": {"anggaran": ["…"]}}}`;
- every other error (400 parse error, 401, 403, 404, 405, 406, 409, 413, 415, 429) is
  `{"detail": "…"}`.
Views raise exceptions (`Konflik`, `TerlaluBesar`, DRF's own, Django's `Http404` and
`PermissionDenied`); none builds an error body. What DRF or Django words in English is put in
Indonesian here (CSRF, throttling, a generic 404, an oversized body Django refused itself);
the other DRF messages come from the translations in dokumen/locale. An exception that is none
of these is left to Django: the friendly 500 (`kpu_kinerja.galat.server_error`) answers API
clients as JSON with the request's "kode_kejadian", and the log line carries the same id.
"""

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, permissions, renderers, serializers, status, views
from rest_framework.request import Request
from rest_framework.response import Response

from kpu_kinerja.parsers import TerlaluBesar

PESAN_ALAMAT_TIDAK_DIKENAL = "Alamat API tidak dikenal."
PESAN_CSRF = (
    "Pemeriksaan CSRF gagal: kirim header X-CSRFToken berisi token dari cookie csrftoken, "
    "atau pakai token API (Authorization: Token …) yang tidak memerlukannya."
)


class Konflik(exceptions.APIException):
    """409: the state of the object does not allow the request (not a draft, stale suntingan…)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "Permintaan bertentangan dengan keadaan data saat ini."
    default_code = "konflik"


class Dibatasi(exceptions.Throttled):
    """429 in Indonesian; DRF's own formats its wait before translating, so stays English."""

    default_detail = "Terlalu banyak permintaan."
    extra_detail_singular = extra_detail_plural = "Coba lagi dalam {wait} detik."


def _dalam_bahasa_kita(exc: Exception) -> Exception:
    """`exc`, or the API exception that says it in Indonesian."""
    if isinstance(exc, RequestDataTooBig):  # a body Django buffered itself (a test client's)
        return TerlaluBesar()
    if isinstance(exc, Http404):
        pesan = str(exc)
        # get_object_or_404's "No Dokumen matches the given query." is English, and names a model.
        if not pesan or pesan.endswith("matches the given query."):
            return exceptions.NotFound()
        return exceptions.NotFound(pesan)
    if isinstance(exc, exceptions.Throttled) and not isinstance(exc, Dibatasi):
        return Dibatasi(wait=exc.wait)
    if isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF"):
        return exceptions.PermissionDenied(PESAN_CSRF)
    return exc


def penangan_galat(exc: Exception, context: dict[str, Any]) -> Response | None:
    """The API's exception handler: DRF's, after `_dalam_bahasa_kita`.

    None for an unexpected exception: DRF raises it again and Django answers with handler500.
    """
    return views.exception_handler(_dalam_bahasa_kita(exc), context)


class AlamatTidakDikenal(views.APIView):
    """Any address under /api/ that names no endpoint: a JSON 404, whatever the method.

    Public, like an unknown page: telling "no such address" needs no credentials.
    """

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    renderer_classes = [renderers.JSONRenderer]  # JSON even for a browser
    schema = None  # not an endpoint

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        raise exceptions.NotFound(PESAN_ALAMAT_TIDAK_DIKENAL)


# -- the error shapes in the OpenAPI schema ---------------------------------------------------


class PesanSerializer(serializers.Serializer):
    """An error that is not about one field: {"detail": "…"} (401, 403, 404, 409, 413…)."""

    detail = serializers.CharField()


def respons_pesan(deskripsi: str) -> OpenApiResponse:
    """A documented {"detail": "…"} answer."""
    return OpenApiResponse(PesanSerializer, description=deskripsi)


RESPONS_ISIAN = OpenApiResponse(
    OpenApiTypes.OBJECT, description="Isian tidak valid: pesan per kolom."
)
RESPONS_SARINGAN = OpenApiResponse(
    OpenApiTypes.OBJECT, description="Nilai saringan tidak valid: pesan per kolom saringan."
)
RESPONS_BELUM_MASUK = respons_pesan("Belum masuk, atau token salah.")
