"""A request id for every request, and the request's context on every log line it causes.

`IdPermintaanMiddleware` gives each request a short id (`request.id_permintaan`), returns it as
the `X-Request-ID` header, and keeps the request in a context variable while it runs.
`FilterKonteksPermintaan` (a logging filter, see LOGGING in settings) adds to each record the
request id, method, path, user and satker, so a line such as Django's "Internal Server Error"
can be found from the id the user reads on the error page ("Kode kejadian").

Nothing here touches the database for an ordinary request: the user (a session lookup) is only
resolved when a warning or an error is logged.

`HeaderKeamananMiddleware` adds Permissions-Policy and keeps personal data out of caches.
"""

import contextvars
import logging
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.functional import empty

HEADER_ID = "X-Request-ID"
TANPA = "-"

_permintaan: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "permintaan", default=None
)


def id_baru() -> str:
    """12 hex digits: unique enough to find a log line, short enough to read over the phone."""
    return uuid.uuid4().hex[:12]


def id_permintaan(request: HttpRequest | None) -> str:
    """The id of `request`, given one if it has none yet (e.g. without the middleware)."""
    if request is None:
        return TANPA
    if not getattr(request, "id_permintaan", None):
        request.id_permintaan = id_baru()
    return request.id_permintaan


def kode_kejadian() -> str:
    """The id of the request being handled ("-" outside one): what a user quotes to support."""
    return id_permintaan(_permintaan.get())


class IdPermintaanMiddleware:
    """First in MIDDLEWARE: every response, a 500 included, carries the request's id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        kode = id_permintaan(request)
        token = _permintaan.set(request)
        try:
            response = self.get_response(request)
        finally:
            _permintaan.reset(token)
        response[HEADER_ID] = kode
        return response


def _pengguna(request: HttpRequest, selesaikan: bool) -> tuple[str, str]:
    """(user, satker) of `request` as text; the lazy user is resolved only if `selesaikan`."""
    user = getattr(request, "user", None)
    if user is None:
        return TANPA, TANPA
    if getattr(user, "_wrapped", None) is empty and not selesaikan:
        return TANPA, TANPA
    try:
        if not user.is_authenticated:
            return "anonim", TANPA
        # The profile as an attribute, not through satker.akses: this module sits below the
        # apps (docs/architecture.md, "Layers"). A user without one reads as None.
        profil = getattr(user, "profil", None)
        satker = profil.satker.kode if profil is not None else TANPA
        return f"{user.pk}:{user.get_username()}", satker
    except Exception:  # a log line must never fail because of its context
        return "?", "?"


class FilterKonteksPermintaan(logging.Filter):
    """Adds request_id, method, path, user and satker to every record (TANPA outside requests).

    The request is the record's own (`extra={"request": ...}`, as django.request logs it) or
    the one running in this thread. Idempotent: a record filtered twice keeps its values.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is not None:
            return True
        request = getattr(record, "request", None)
        if not isinstance(request, HttpRequest):
            request = _permintaan.get()
        if request is None:
            record.request_id = record.method = record.path = TANPA
            record.user = record.satker = TANPA
            return True
        record.request_id = id_permintaan(request)
        record.method = request.method or TANPA
        record.path = request.path
        record.user, record.satker = _pengguna(request, record.levelno >= logging.WARNING)
        return True


# Browser features the app never uses, off for its pages and for anything injected into them.
PERMISSIONS_POLICY = ", ".join(
    f"{fitur}=()"
    for fitur in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "xr-spatial-tracking",
    )
)


class HeaderKeamananMiddleware:
    """Permissions-Policy on every response; `Cache-Control: private, no-store` on personal data.

    Personal data is every answer to a signed-in user (document pages, PDFs, the admin) and
    every /api/ answer (token clients have no session): no shared proxy or browser cache keeps
    them after logout. Static files never get here (WhiteNoise answers them first), so they
    stay cacheable; the public pages of anonymous visitors are left alone.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if request.path.startswith("/api/") or (user is not None and user.is_authenticated):
            patch_cache_control(response, private=True, no_store=True)
        return response
