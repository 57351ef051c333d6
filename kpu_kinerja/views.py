from django.http import HttpRequest, HttpResponse


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe and throughput floor: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")
