"""The REST API, version 1 (/api/v1/); schema at /api/schema/, docs at /api/docs/."""

from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt
from rest_framework.routers import SimpleRouter

from dokumen.api import DokumenViewSet, VerifikasiView
from satker.api import SatkerViewSet

app_name = "api"

router = SimpleRouter(use_regex_path=False)
router.register("satker", SatkerViewSet, basename="satker")
router.register("dokumen", DokumenViewSet, basename="dokumen")


@csrf_exempt  # it changes nothing; like the API views, it needs no CSRF token
def tidak_dikenal(request: HttpRequest, *args: object) -> JsonResponse:
    """An unknown API address (e.g. /dokumen/abc/) answers JSON, not the site's HTML page."""
    return JsonResponse({"detail": "Alamat API tidak dikenal."}, status=404)


urlpatterns = [
    *router.urls,
    path("verifikasi/<slug:token>/", VerifikasiView.as_view(), name="verifikasi"),
    # Last: anything else ending in "/" (without the slash, Django's APPEND_SLASH still redirects).
    re_path(r"^(?:[\s\S]*/)?$", tidak_dikenal),
]
