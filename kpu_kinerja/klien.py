"""Who sent a request: one answer for every per-address limit (login throttling, uploads)."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def alamat_klien(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind our proxy (BEHIND_PROXY) the last
    X-Forwarded-For entry, the one the proxy appended; earlier entries are the client's word.
    django-axes (AXES_CLIENT_IP_CALLABLE) and django-ratelimit (RATELIMIT_IP_META_KEY, which
    masks IPv6 to /64) both call this."""
    alamat = request.META.get("REMOTE_ADDR", "")
    if settings.BEHIND_PROXY:
        diteruskan = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if diteruskan:
            alamat = diteruskan
    try:
        return str(ipaddress.ip_address(alamat))
    except ValueError:  # e.g. a Unix socket: everyone shares one bucket rather than none
        return "0.0.0.0"  # noqa: S104 (a bucket name, nothing listens on it)
