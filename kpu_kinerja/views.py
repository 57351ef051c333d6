from django.db import transaction
from django.http import HttpRequest, HttpResponse


# Without non_atomic_requests, ATOMIC_REQUESTS would open a database connection here.
@transaction.non_atomic_requests
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe and throughput floor: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")
