"""The server-error page: the friendly Indonesian templates/500.html, with the request's id.

Set as `handler500` in kpu_kinerja/urls.py. The id ("Kode kejadian") is the one in the log line
of the failure (kpu_kinerja.middleware), so support can find it from what the user reads. API
clients (/api/…) get the same message as JSON, in the shape of the API's other errors.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from kpu_kinerja.middleware import HEADER_ID, id_permintaan

PESAN_API = (
    "Terjadi kesalahan pada server; kesalahan ini sudah dicatat. Sampaikan kode kejadian "
    "kepada tim dukungan bila berulang."
)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the request's context processors: the failure may be theirs."""
    kode = id_permintaan(request)
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"detail": PESAN_API, "kode_kejadian": kode}, status=500
        )
    else:
        html = loader.get_template("500.html").render({"kode_kejadian": kode})
        response = HttpResponseServerError(html)
    response[HEADER_ID] = kode
    return response
