"""The error pages, in Indonesian, in production and under `make run` alike.

- `server_error`, set as `handler500` in kpu_kinerja/urls.py: templates/500.html with the
  request's id ("Kode kejadian"), the one in the log line of the failure
  (kpu_kinerja.middleware), so support can find it from what the user reads. API clients
  (/api/…) get the same message as JSON, in the shape of the API's other errors.
- `csrf_gagal` (CSRF_FAILURE_VIEW): an expired or missing form token, said plainly, instead of
  Django's English "CSRF verification failed".
- `HalamanGalatMiddleware`: with DEBUG on (`make run`), Django answers a 404 or a 500 with its
  English technical page; this shows the site's own pages instead (the traceback is still in
  the console log). `HALAMAN_GALAT_TEKNIS=1` keeps Django's pages for a developer who wants
  them.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import page_not_found

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


JUDUL_CSRF = "Formulir kedaluwarsa"
PESAN_CSRF = (
    "Formulir ini tidak dapat diterima karena sesinya sudah berakhir atau halaman dibuka terlalu "
    "lama. Muat ulang halaman, lalu kirim lagi."
)


def csrf_gagal(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: what went wrong and what to do, in Indonesian (the reason is Django's
    English one and is left to the log)."""
    konteks = {"judul": JUDUL_CSRF, "exception": PESAN_CSRF}
    return render(request, "403.html", konteks, status=403)


class HalamanGalatMiddleware:
    """With DEBUG on, the site's 404 and 500 pages instead of Django's technical ones (above).

    Outside DEBUG it does nothing: Django already uses handler404/handler500 there.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not settings.DEBUG or settings.HALAMAN_GALAT_TEKNIS:
            return response
        html = response.get("Content-Type", "").startswith("text/html")
        if not html or request.path.startswith("/api/"):
            return response
        if response.status_code == 404:
            return page_not_found(request, exception=None)
        if response.status_code == 500:
            return server_error(request)
        return response
